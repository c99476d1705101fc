// Issue 8 ("Nothing lost, nothing stuck"), items 2, 4 and 5, on the real Temporal dev server with
// the API and the worker on a real SQLite file: decisions are applied and audited by the workflow,
// retries get the first outcome, no failure ends a request in FAILED or leaves a task stuck, and
// every call into a workflow answers within its configured time.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createActivities } from "../../activities/index.js";
import { decisionKey } from "../../api/workflow-calls.js";
import { recordDecisionOrigin } from "../../lib/audit.js";
import { loadRegistryFixtures } from "../../lib/ports/business-registry.js";
import { createPorts } from "../../lib/ports/index.js";
import {
  bindWithRole,
  makeIdNumber,
  makeUscc,
  PROVINCIAL_HR_NAME,
  seedBaseline,
} from "../../prisma/seed/seed.js";
import { decideReview, REVIEW_TASK_KIND } from "../../workflows/contracts.js";
import { cookieJar, createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createPerson, PASSWORD, realPersonSession } from "../support/people.js";
import { postJson, registrationBody } from "../support/registration.js";
import { type RunningWorker, startTestWorker } from "../support/worker.js";

const SEED_PASSWORD = "Guizhou@2026";
const taskQueue = `nothing-lost-${randomUUID()}`;
let database: TestDatabase;
let worker: RunningWorker | undefined;
let built: ReturnType<typeof createTestApp>;
let people: Awaited<ReturnType<typeof seedBaseline>>;
let provinceId: string;
/** Registry records of the units that this file registers with matching facts. */
const registryRecords = loadRegistryFixtures();

async function startWorker() {
  const ports = {
    ...createPorts(built.config, database.db),
    // Reads the records as they are at lookup time: tests add matching units as they go.
    businessRegistry: {
      lookup: async (uscc: string) => registryRecords.find((r) => r.uscc === uscc) ?? null,
    },
  };
  worker = await startTestWorker({ database, config: built.config, ports });
}

beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedBaseline(database.db, SEED_PASSWORD);
  provinceId = (await database.db.unit.findUniqueOrThrow({ where: { name: PROVINCIAL_HR_NAME } })).id;
  built = createTestApp(database, {
    temporalAddress: inject("temporalAddress"),
    env: {
      TEMPORAL_TASK_QUEUE: taskQueue,
      TEMPORAL_UPDATE_TIMEOUT_SECONDS: "2",
      // Every registration here notifies the same fixture mobiles: the SMS budget is not under test.
      SMS_MAX_PER_MOBILE_PER_HOUR: "10000",
      SMS_MAX_PER_MOBILE_PER_DAY: "10000",
      REGISTRATIONS_PER_ADDRESS_PER_HOUR: "10000",
      UPLOADS_PER_ADDRESS_PER_HOUR: "10000",
    },
  });
  await startWorker();
});
afterAll(async () => {
  await worker?.stop();
  await built.connection.close();
  await database.close();
});

let counter = 0;
/** Facts of a new unit: its own USCC and name; `matching` adds them to the registry's records. */
function newUnit(matching = false) {
  const n = ++counter;
  const uscc = makeUscc("91", "520102", `MC${String(n).padStart(6, "0")}`);
  const facts = {
    uscc,
    unitName: `贵阳不丢失示例${n}有限公司`,
    legalRepName: "周建国",
    legalRepIdNumber: makeIdNumber("520102", "19700101", 100 + n),
    regionCode: "520102",
  };
  if (matching) {
    registryRecords.push({
      uscc,
      name: facts.unitName,
      legalRepName: facts.legalRepName,
      legalRepIdNumber: facts.legalRepIdNumber,
      status: "IN_BUSINESS",
      registeredOn: "2020-01-01",
      regionCode: "520102",
    });
  }
  return facts;
}

async function submit(facts: Record<string, unknown>) {
  const response = await postJson(built.app, "/api/registrations", await registrationBody(built.app, facts));
  expect(response.status, await response.clone().text()).toBe(201);
  const { data } = await response.json();
  return database.db.unitRegistration.findUniqueOrThrow({ where: { requestNumber: data.requestNumber } });
}

async function statusOf(registrationId: string, status: string) {
  await expect
    .poll(
      async () =>
        (await database.db.unitRegistration.findUniqueOrThrow({ where: { id: registrationId } })).status,
      { timeout: 20_000, interval: 100 },
    )
    .toBe(status);
}

/** A registration in manual review (the registry does not know its USCC) and its open task. */
async function inReview() {
  const registration = await submit(newUnit());
  await statusOf(registration.id, "IN_MANUAL_REVIEW");
  const task = await database.db.humanTask.findUniqueOrThrow({
    where: { requestId_kind_step: { requestId: registration.id, kind: REVIEW_TASK_KIND, step: 0 } },
  });
  return { registration, task };
}

async function login(idNumber: string, password = SEED_PASSWORD) {
  const jar = cookieJar();
  const response = await postJson(built.app, "/api/auth/login", { account: idNumber, password });
  expect(response.status).toBe(200);
  jar.take(response);
  return jar;
}

const seeded = (role: string) => people.find((p) => p.role === role)!;
const personId = async (idNumber: string) =>
  (await database.db.person.findUniqueOrThrow({ where: { idNumber } })).id;

function decideThroughApi(
  jar: ReturnType<typeof cookieJar>,
  taskId: string,
  body: { decision: "APPROVE" | "REJECT"; reason?: string },
  key?: string,
) {
  return postJson(
    built.app,
    `/api/tasks/${taskId}/decision`,
    body,
    jar.headers(key ? { "idempotency-key": key } : {}),
  );
}

/** A person's open binding request to a new unit with an administrator, its task open. */
async function bindingRequest() {
  const unit = await database.db.unit.create({
    data: {
      name: `贵阳绑定示例${randomUUID().slice(0, 6)}有限公司`,
      accountName: `acct-${randomUUID()}`,
      passwordHash: "x",
      type: "ENTERPRISE",
      origin: "SEED",
      regionCode: "520102",
      contactName: "联系人",
      contactMobile: "13600000001",
    },
  });
  const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
  const applicant = await createPerson(database.db);
  const applicantJar = await login(applicant.idNumber, PASSWORD);
  const asked = await postJson(
    built.app,
    "/api/binding-requests",
    { unitName: unit.name, pledgeAccepted: true, submissionId: randomUUID() },
    applicantJar.headers(),
  );
  expect(asked.status, await asked.clone().text()).toBe(201);
  const request = (await asked.json()).data as { id: string };
  await expect
    .poll(() => database.db.humanTask.count({ where: { requestId: request.id } }), { timeout: 20_000 })
    .toBe(1);
  return { unit, admin, applicantJar, request };
}

/** Every payload of a workflow history, decoded: what the Temporal Web UI would show. */
function payloadText(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString("utf8");
  if (Array.isArray(value)) return value.map(payloadText).join("\n");
  if (value && typeof value === "object") return Object.values(value).map(payloadText).join("\n");
  return "";
}

/** Sends again while the answer is 503 (what a client does), for at most 30 s. */
async function untilAnswered(send: () => Response | Promise<Response>): Promise<Response> {
  const giveUpAt = Date.now() + 30_000;
  for (;;) {
    const response = await send();
    if (response.status !== 503 || Date.now() > giveUpAt) return response;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const auditRows = (action: string, targetId: string) =>
  database.db.auditEvent.findMany({ where: { action, targetId } });

describe("Item 2: every effect of a decision is durable", () => {
  it("a decision whose API died right after the Update is applied and audited, and its retry gets the first outcome", async () => {
    const { registration, task } = await inReview();
    const reviewer = seeded("PLATFORM_REVIEWER");
    const reviewerId = await personId(reviewer.idNumber);
    const decision = { requestId: registration.id, decision: "REJECT" as const, clientKey: "retry-me-1" };
    // Exactly what the API does; then it dies: nothing after the Update is done by it.
    const key = decisionKey(reviewerId, decision);
    await recordDecisionOrigin(database.db, key, { ipAddress: "203.0.113.9", requestId: "req-died" });
    await built.temporal.workflow.getHandle(task.workflowId).executeUpdate(decideReview, {
      updateId: key,
      args: [
        {
          requestId: registration.id,
          decision: "REJECT",
          reason: "营业执照已过期",
          reviewerId,
          reviewerLabel: "平台审核员 李*",
          reviewerRoles: ["PLATFORM_REVIEWER"],
        },
      ],
    });
    await statusOf(registration.id, "REJECTED");
    // Where it was decided is in the audit row, not in the workflow's history (personal data).
    const history = await built.temporal.workflow.getHandle(task.workflowId).fetchHistory();
    expect(payloadText(history)).toContain("营业执照已过期");
    expect(payloadText(history)).not.toContain("203.0.113.9");
    const audited = await auditRows("registration.decided", registration.id);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({
      actorId: reviewerId,
      ipAddress: "203.0.113.9",
      requestId: "req-died",
    });
    expect(JSON.parse(audited[0]!.after!)).toMatchObject({ decision: "REJECT", reason: "营业执照已过期" });

    // The client never got its answer and retries with the same key: the first outcome, not a 409.
    const jar = await login(reviewer.idNumber);
    const retried = await decideThroughApi(
      jar,
      task.id,
      { decision: "REJECT", reason: "营业执照已过期" },
      "retry-me-1",
    );
    expect(retried.status, await retried.clone().text()).toBe(200);
    expect((await retried.json()).data).toMatchObject({ status: "COMPLETED", outcome: "REJECT" });
    // Another decision is still refused, and nothing was applied or audited twice.
    const other = await decideThroughApi(jar, task.id, { decision: "APPROVE" }, "another-key");
    expect((await other.json()).error.code).toBe("TASK_NOT_IN_REVIEW");
    expect(await auditRows("registration.decided", registration.id)).toHaveLength(1);
  });

  it("a unit's decision on a binding request is audited by the workflow, and its retry gets the first outcome", async () => {
    const { unit, admin, request } = await bindingRequest();
    const adminSession = await realPersonSession(database.db, admin.id);
    const decideOnce = () =>
      postJson(
        built.app,
        `/api/units/${unit.id}/binding-requests/decisions`,
        { requestIds: [request.id], decision: "APPROVE" },
        adminSession.headers({ "idempotency-key": "bind-1" }),
      );
    const first = await decideOnce();
    expect((await first.json()).data[0]).toMatchObject({ ok: true, state: "APPROVED" });
    const again = await decideOnce();
    expect((await again.json()).data[0]).toMatchObject({ ok: true, state: "APPROVED" });
    const audited = await auditRows("binding-request.decided", request.id);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorId: admin.id, unitId: unit.id });
  });
});

describe("Item 4: no workflow ends in FAILED; no request is stuck", () => {
  it("an approval of a unit whose name was registered meanwhile goes back to review with the reason; a rejection then closes it", async () => {
    const { registration, task } = await inReview();
    // The name is taken meanwhile (an import, an HR department created by the province).
    await database.db.unit.create({
      data: {
        name: registration.unitName,
        accountName: `legacy-${registration.id}`,
        passwordHash: "x",
        type: "ENTERPRISE",
        origin: "IMPORTED",
        regionCode: "520102",
        contactName: "联系人",
        contactMobile: "13600000002",
      },
    });
    const jar = await login(seeded("PLATFORM_REVIEWER").idNumber);
    const approved = await decideThroughApi(jar, task.id, { decision: "APPROVE" });
    expect(approved.status).toBe(409);
    expect((await approved.json()).error.code).toBe("REGISTRATION_APPROVAL_NOT_APPLICABLE");
    expect(await database.db.humanTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      status: "OPEN",
      outcome: null,
    });
    const handle = built.temporal.workflow.getHandle(task.workflowId);
    expect((await handle.describe()).status.name).toBe("RUNNING");
    const kinds = (
      await database.db.requestEvent.findMany({
        where: { requestId: registration.id },
        orderBy: { sequence: "asc" },
      })
    ).map((e) => e.kind);
    expect(kinds).toContain("APPROVAL_NOT_APPLICABLE");
    expect(await auditRows("registration.decided", registration.id)).toHaveLength(0);

    const rejected = await decideThroughApi(jar, task.id, { decision: "REJECT", reason: "单位名称已被注册" });
    expect(rejected.status, await rejected.clone().text()).toBe(200);
    await handle.result();
    expect((await handle.describe()).status.name).toBe("COMPLETED");
    expect(
      await database.db.unitRegistration.findUniqueOrThrow({ where: { id: registration.id } }),
    ).toMatchObject({
      status: "REJECTED",
      openUscc: null,
      openUnitName: null,
    });
  });

  it("a face check passed for a unit whose name was registered meanwhile goes to manual review, not to FAILED", async () => {
    const facts = newUnit(true);
    const registration = await submit(facts);
    await expect
      .poll(async () => database.db.realPersonCheck.findFirst({ where: { requestId: registration.id } }), {
        timeout: 20_000,
      })
      .toBeTruthy();
    await database.db.unit.create({
      data: {
        name: facts.unitName,
        accountName: `legacy-${registration.id}`,
        passwordHash: "x",
        type: "ENTERPRISE",
        origin: "IMPORTED",
        regionCode: "520102",
        contactName: "联系人",
        contactMobile: "13600000003",
      },
    });
    const check = await database.db.realPersonCheck.findFirstOrThrow({
      where: { requestId: registration.id },
    });
    await expect
      .poll(
        async () =>
          (await postJson(built.app, `/api/mobile/checks/${check.token}/face`, { passed: true })).status,
        { timeout: 20_000 },
      )
      .toBe(200);
    await statusOf(registration.id, "IN_MANUAL_REVIEW");
    const review = await database.db.requestEvent.findFirstOrThrow({
      where: { requestId: registration.id, kind: "MANUAL_REVIEW" },
    });
    expect(review.reason).toBe("UNIT_EXISTS");
  });

  it("a unit created with the USCC after the submission closes the registration with a notice, not in FAILED", async () => {
    await worker!.stop();
    worker = undefined;
    const facts = newUnit();
    const registration = await submit(facts);
    await database.db.unit.create({
      data: {
        name: `${facts.unitName}（导入）`,
        uscc: facts.uscc,
        accountName: `legacy-${registration.id}`,
        passwordHash: "x",
        type: "ENTERPRISE",
        origin: "IMPORTED",
        regionCode: "520102",
        contactName: "联系人",
        contactMobile: "13600000004",
      },
    });
    await startWorker();
    const handle = built.temporal.workflow.getHandle(registration.workflowId);
    expect(await handle.result()).toBe("REJECTED");
    const closed = await database.db.unitRegistration.findUniqueOrThrow({ where: { id: registration.id } });
    expect(closed).toMatchObject({ status: "REJECTED", openUscc: null, openUnitName: null });
    expect(closed.decisionReason).toContain("已注册");
    const sms = await database.db.smsMessage.findMany({ where: { mobile: "13688889999" } });
    expect(sms.map((m) => m.idempotencyKey)).toContain(`UnitRegistration:${registration.id}:rejected`);
  });

  it("every task state can be left by someone: state × action × reviewer, another reviewer, supervisor", async () => {
    const reviewerA = seeded("PLATFORM_REVIEWER");
    const supervisor = seeded("PLATFORM_SUPERVISOR");
    const other = await createPerson(database.db);
    await bindWithRole(database.db, other.id, provinceId, {
      role: "PLATFORM_REVIEWER",
      subsystem: "PLATFORM",
    });
    const jars = {
      A: await login(reviewerA.idNumber),
      B: await login(other.idNumber, PASSWORD),
      S: await login(supervisor.idNumber),
    };
    const aId = await personId(reviewerA.idNumber);

    type State = "OPEN" | "CLAIMED_BY_A" | "ESCALATED" | "COMPLETED";
    async function taskIn(state: State) {
      const { task } = await inReview();
      if (state === "CLAIMED_BY_A") {
        expect((await postJson(built.app, `/api/tasks/${task.id}/claim`, {}, jars.A.headers())).status).toBe(
          200,
        );
      }
      if (state === "ESCALATED") {
        // What the SLA's escalation does to a task that reviewer A had claimed.
        await database.db.humanTask.update({
          where: { id: task.id },
          data: { status: "CLAIMED", assigneeId: aId },
        });
        const acts = createActivities({ db: database.db, ports: createPorts(built.config, database.db) });
        await acts.changeTask({
          requestId: task.requestId,
          kind: task.kind,
          change: "ESCALATED",
          queue: "PLATFORM_SUPERVISOR",
        });
      }
      if (state === "COMPLETED") {
        // Under a key of its own: the supervisor's probe below is another decision, not its retry.
        const done = await decideThroughApi(
          jars.S,
          task.id,
          { decision: "REJECT", reason: "资料不全" },
          "setup",
        );
        expect(done.status).toBe(200);
      }
      return task;
    }
    const act = (actor: keyof typeof jars, action: string, taskId: string) =>
      action === "decide"
        ? decideThroughApi(jars[actor], taskId, { decision: "REJECT", reason: "资料不全" })
        : postJson(built.app, `/api/tasks/${taskId}/${action}`, {}, jars[actor].headers());

    // The expected answer of every cell; "-" means the task is not in that actor's queues (404).
    const expected: Record<State, Record<keyof typeof jars, Record<string, number | string>>> = {
      OPEN: {
        A: { claim: 200, release: "TASK_NOT_CLAIMED", decide: 200 },
        B: { claim: 200, release: "TASK_NOT_CLAIMED", decide: 200 },
        S: { claim: 200, release: "TASK_NOT_CLAIMED", decide: 200 },
      },
      CLAIMED_BY_A: {
        A: { claim: 200, release: 200, decide: 200 },
        B: {
          claim: "TASK_CLAIMED_BY_OTHER",
          release: "TASK_CLAIMED_BY_OTHER",
          decide: "TASK_CLAIMED_BY_OTHER",
        },
        S: { claim: 200, release: 200, decide: "TASK_CLAIMED_BY_OTHER" },
      },
      ESCALATED: {
        A: { claim: "-", release: "-", decide: "-" },
        B: { claim: "-", release: "-", decide: "-" },
        S: { claim: 200, release: "TASK_NOT_CLAIMED", decide: 200 },
      },
      COMPLETED: {
        A: { claim: "TASK_NOT_IN_REVIEW", release: "TASK_NOT_IN_REVIEW", decide: "TASK_NOT_IN_REVIEW" },
        B: { claim: "TASK_NOT_IN_REVIEW", release: "TASK_NOT_IN_REVIEW", decide: "TASK_NOT_IN_REVIEW" },
        S: { claim: "TASK_NOT_IN_REVIEW", release: "TASK_NOT_IN_REVIEW", decide: "TASK_NOT_IN_REVIEW" },
      },
    };
    const cells = Object.entries(expected).flatMap(([state, byActor]) =>
      Object.entries(byActor).flatMap(([actor, byAction]) =>
        Object.entries(byAction).map(([action, answer]) => ({
          state: state as State,
          actor: actor as keyof typeof jars,
          action,
          answer,
        })),
      ),
    );
    // A few cells at a time: each is a registration of its own, and 2 cores run them all.
    const results = [];
    for (let i = 0; i < cells.length; i += 4) {
      results.push(
        ...(await Promise.all(
          cells.slice(i, i + 4).map(async (cell) => {
            const task = await taskIn(cell.state);
            const response = await act(cell.actor, cell.action, task.id);
            const body = await response.json();
            const got = response.status === 404 ? "-" : response.status === 200 ? 200 : body.error.code;
            return { ...cell, got };
          }),
        )),
      );
    }
    expect(results.filter((r) => r.got !== r.answer)).toEqual([]);
    // Every state that is not final has an actor who takes it further.
    for (const state of ["OPEN", "CLAIMED_BY_A", "ESCALATED"] as const) {
      expect(results.some((r) => r.state === state && r.action === "decide" && r.got === 200)).toBe(true);
    }
  }, 180_000);
});

describe("Item 5: answers within a bounded time", () => {
  it("with the worker stopped, a decision and a withdrawal answer 503 within the configured time saying they were not taken; their retries apply each once", async () => {
    const { registration, task } = await inReview();
    const binding = await bindingRequest();
    const jar = await login(seeded("PLATFORM_REVIEWER").idNumber);
    const withdraw = () =>
      postJson(
        built.app,
        `/api/binding-requests/${binding.request.id}/withdraw`,
        { reason: "填错单位" },
        binding.applicantJar.headers(),
      );
    await worker!.stop();
    worker = undefined;
    try {
      for (const send of [
        () => decideThroughApi(jar, task.id, { decision: "REJECT", reason: "资料不全" }, "down-1"),
        withdraw,
      ]) {
        const started = Date.now();
        const refused = await send();
        // TEMPORAL_UPDATE_TIMEOUT_SECONDS is 2 here; before, such calls waited 20–75 s.
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(refused.status).toBe(503);
        expect((await refused.json()).error).toMatchObject({
          code: "ACTION_NOT_CONFIRMED",
          details: { taken: false },
        });
      }
    } finally {
      await startWorker();
    }
    // The client retries as the 503 told it to, while the restarted worker catches up.
    const retried = await untilAnswered(() =>
      decideThroughApi(jar, task.id, { decision: "REJECT", reason: "资料不全" }, "down-1"),
    );
    expect(retried.status, await retried.clone().text()).toBe(200);
    await statusOf(registration.id, "REJECTED");
    expect(await auditRows("registration.decided", registration.id)).toHaveLength(1);
    // The first withdrawal, admitted while the worker was down, may be the one that applies.
    const withdrawnAgain = await untilAnswered(withdraw);
    expect([200, 409]).toContain(withdrawnAgain.status);
    await expect
      .poll(
        async () =>
          (await database.db.bindingRequest.findUniqueOrThrow({ where: { id: binding.request.id } })).status,
        {
          timeout: 20_000,
        },
      )
      .toBe("WITHDRAWN");
  });
});
