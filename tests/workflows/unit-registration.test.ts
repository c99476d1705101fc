// The unitRegistration workflow on the real Temporal dev server: every branch of R1–R4, with the
// API on a real SQLite file, the worker, and the dev adapters behind the ports.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { createRequestActivities } from "../../activities/request.activities.js";
import { createUnitRegistrationActivities } from "../../activities/unit-registration.activities.js";
import { createFixtureBusinessRegistry } from "../../lib/ports/business-registry.js";
import { createPorts, type Ports } from "../../lib/ports/index.js";
import { makeIdNumber, seedBaseline } from "../../prisma/seed/seed.js";
import {
  affiliationMissingReminderWorkflowId,
  decideReview,
  REVIEW_TASK_KIND,
  type ReviewDecision,
  registrationStatus,
  withdrawRegistration,
} from "../../workflows/contracts.js";
import { cookieJar, createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { recordHistory } from "../support/histories.js";
import { MATCHING, postJson, registrationBody } from "../support/registration.js";
import { type RunningWorker, startTestWorker } from "../support/worker.js";

const UNAVAILABLE_USCC = "91520402MA6KBJAYX1"; // 安顺黄果树示例旅游开发有限公司
const UNAVAILABLE = {
  uscc: UNAVAILABLE_USCC,
  unitName: "安顺黄果树示例旅游开发有限公司",
  legalRepName: "吴秀英",
  legalRepIdNumber: "520201197110156825",
  regionCode: "520402",
};
const MISMATCHING = {
  uscc: "91520103MA6YD9X55J", // the registry knows 罗志远 as legal representative
  unitName: "贵州黔山示例建设工程有限公司",
  legalRepName: "陈国栋",
  legalRepIdNumber: makeIdNumber("520102", "19750101", 123),
  regionCode: "520103",
};

let database: TestDatabase;
let people: Awaited<ReturnType<typeof seedBaseline>>;
let worker: RunningWorker;
let ports: Ports;
const taskQueue = `registration-${randomUUID()}`;
const address = () => inject("temporalAddress");

beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedBaseline(database.db, "Guizhou@2026");
  const { config } = createTestApp(database, {
    temporalAddress: address(),
    env: { TEMPORAL_TASK_QUEUE: taskQueue },
  });
  ports = {
    ...createPorts(config, database.db),
    businessRegistry: createFixtureBusinessRegistry({ unavailableFor: new Set([UNAVAILABLE_USCC]) }),
  };
  worker = await startTestWorker({ database, config, ports });
});
afterAll(async () => {
  await worker.stop();
  await database.close();
});

/** Every registration here notifies the same fixture mobiles from one test client: limits not under test. */
const UNLIMITED_SMS = {
  SMS_MAX_PER_MOBILE_PER_HOUR: "10000",
  SMS_MAX_PER_MOBILE_PER_DAY: "10000",
  REGISTRATIONS_PER_ADDRESS_PER_HOUR: "10000",
  UPLOADS_PER_ADDRESS_PER_HOUR: "10000",
};

/** An app whose registrations use these durations (seconds), on the shared worker. */
function appWith(timings: Record<string, string> = {}) {
  return createTestApp(database, {
    temporalAddress: address(),
    env: {
      TEMPORAL_TASK_QUEUE: taskQueue,
      REGISTRY_MAX_ATTEMPTS: "2",
      REGISTRY_RETRY_INITIAL_SECONDS: "1",
      // Every registration here notifies the same fixture mobiles: the SMS budget is not under test.
      ...UNLIMITED_SMS,
      ...timings,
    },
  });
}

async function submit(app: ReturnType<typeof appWith>["app"], facts: Record<string, unknown> = MATCHING) {
  const body = await registrationBody(app, facts);
  const response = await postJson(app, "/api/registrations", body);
  expect(response.status, JSON.stringify(await response.clone().json())).toBe(201);
  const { data } = await response.json();
  return database.db.unitRegistration.findUniqueOrThrow({ where: { requestNumber: data.requestNumber } });
}

async function statusOf(registrationId: string, status: string, timeout = 15_000) {
  await expect
    .poll(
      async () =>
        (await database.db.unitRegistration.findUniqueOrThrow({ where: { id: registrationId } })).status,
      {
        timeout,
        interval: 200,
      },
    )
    .toBe(status);
}

async function events(registrationId: string) {
  const rows = await database.db.requestEvent.findMany({
    where: { requestId: registrationId },
    orderBy: { sequence: "asc" },
  });
  return rows.map((e) => e.kind);
}

async function smsTo(mobile: string) {
  return (await database.db.smsMessage.findMany({ where: { mobile }, orderBy: { createdAt: "asc" } })).map(
    (m) => m.template,
  );
}

async function passFaceCheck(app: ReturnType<typeof appWith>["app"], registrationId: string, passed = true) {
  await expect.poll(async () => (await events(registrationId)).includes("FACE_CHECK_SENT")).toBe(true);
  const check = await database.db.realPersonCheck.findFirstOrThrow({ where: { requestId: registrationId } });
  const response = await postJson(app, `/api/mobile/checks/${check.token}/face`, { passed });
  expect(response.status).toBe(200);
}

const reviewer = { reviewerId: "reviewer-1", reviewerRoles: ["PLATFORM_REVIEWER"] };
const handleOf = (app: ReturnType<typeof appWith>, workflowId: string) =>
  app.temporal.workflow.getHandle(workflowId);

/** Decides through the workflow Update and waits until the workflow has finished its last step. */
async function decide(
  built: ReturnType<typeof appWith>,
  registration: { workflowId: string },
  decision: ReviewDecision,
) {
  const handle = handleOf(built, registration.workflowId);
  const state = await handle.executeUpdate(decideReview, { args: [decision] });
  await handle.result();
  return state;
}

// Tests register the same fixture enterprises: after each one, stop what is still running and
// remove the units it created, so the next test starts from a clean slate whatever happened.
afterEach(async () => {
  const client = appWith().temporal;
  for (const open of await database.db.unitRegistration.findMany({ where: { closedAt: null } })) {
    await client.workflow
      .getHandle(open.workflowId)
      .terminate("test cleanup")
      .catch(() => undefined);
    await database.db.unitRegistration.update({
      where: { id: open.id },
      data: { closedAt: new Date(), openUscc: null, openUnitName: null },
    });
  }
  await database.db.unitRegistration.updateMany({ data: { unitId: null } });
  const registered = { origin: "SELF_REGISTERED" as const };
  const units = await database.db.unit.findMany({ where: registered, select: { id: true } });
  await database.db.auditEvent.deleteMany({ where: { unitId: { in: units.map((u) => u.id) } } });
  await database.db.unit.deleteMany({ where: registered });
});

describe("unitRegistration workflow", () => {
  it("R2 R3 registers the unit when the registry matches and the legal representative's face check passes", async () => {
    const built = appWith();
    const registration = await submit(built.app);
    await statusOf(registration.id, "AWAITING_REAL_PERSON_AUTH");
    await passFaceCheck(built.app, registration.id);
    expect(await smsTo("13688889999")).toContain("LEGAL_REP_FACE_CHECK");
    expect(await handleOf(built, registration.workflowId).result()).toBe("APPROVED");
    await recordHistory(handleOf(built, registration.workflowId), "unit-registration-face-check-passed");
    await statusOf(registration.id, "APPROVED");
    const unit = await database.db.unit.findUniqueOrThrow({ where: { uscc: MATCHING.uscc } });
    expect(unit.accountName).toBe(MATCHING.uscc); // R5
    expect(unit.affiliationRequired).toBe(true); // R14
    await expect
      .poll(() => events(registration.id))
      .toEqual(["SUBMITTED", "REGISTRY_CHECKED", "FACE_CHECK_SENT", "FACE_CHECK_PASSED", "APPROVED"]);
    expect(await smsTo("13688889999")).toContain("REGISTRATION_APPROVED");
    expect(
      await database.db.auditEvent.count({ where: { action: "unit.registered", targetId: unit.id } }),
    ).toBe(1);
  });

  it("R2 sends a mismatch to manual review, where a reviewer approves it", async () => {
    const built = appWith();
    const registration = await submit(built.app, MISMATCHING);
    await statusOf(registration.id, "IN_MANUAL_REVIEW");
    const registry = JSON.parse(
      (await database.db.unitRegistration.findUniqueOrThrow({ where: { id: registration.id } }))
        .registryResult!,
    );
    expect(registry.mismatchedFields).toEqual(["legalRepName", "legalRepIdNumber"]);
    const task = await database.db.humanTask.findUniqueOrThrow({
      where: { requestId_kind_step: { requestId: registration.id, kind: REVIEW_TASK_KIND, step: 0 } },
    });
    expect(task).toMatchObject({ queue: "PLATFORM_REVIEW", status: "OPEN", requestId: registration.id });
    // R30: the registry's legal representative, who replaced the one the applicant still names.
    const state = await decide(built, registration, {
      decision: "APPROVE",
      registeredFacts: { legalRepName: "REGISTRY", legalRepIdNumber: "REGISTRY" },
      ...reviewer,
    });
    expect(state).toBe("APPROVED");
    expect(await database.db.unit.findUniqueOrThrow({ where: { uscc: MISMATCHING.uscc } })).toMatchObject({
      name: MISMATCHING.unitName,
      legalRepName: "罗志远",
    });
    expect((await database.db.humanTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe(
      "COMPLETED",
    );
    expect(await smsTo("13688889999")).toEqual(
      expect.arrayContaining(["REGISTRATION_IN_REVIEW", "REGISTRATION_APPROVED"]),
    );
    await recordHistory(handleOf(built, registration.workflowId), "unit-registration-review-approved");
  });

  it("Issue 14 a registration the registry check sends to review has its task written by its first step (one local activity): timeline, task and status as the step-by-step opening wrote them", async () => {
    const built = appWith();
    const registration = await submit(built.app, MISMATCHING);
    await statusOf(registration.id, "IN_MANUAL_REVIEW");
    const handle = handleOf(built, registration.workflowId);
    // The first workflow task's local activities, in order: the opening with the check and the review
    // task, then the IN_REVIEW notice (the step-by-step opening ran four before its notice). Polled:
    // the markers are written when the workflow task completes, after the rows.
    const localActivities = async () =>
      ((await handle.fetchHistory()).events ?? []).filter(
        (event) => event.markerRecordedEventAttributes?.markerName === "core_local_activity",
      ).length;
    await expect.poll(localActivities).toBe(2);
    const rows = await database.db.requestEvent.findMany({
      where: { requestId: registration.id },
      orderBy: { sequence: "asc" },
    });
    expect(
      rows.map(({ sequence, kind, detail, reason, actorRole }) => ({
        sequence,
        kind,
        detail,
        reason,
        actorRole,
      })),
    ).toEqual([
      { sequence: 1, kind: "SUBMITTED", detail: null, reason: null, actorRole: "APPLICANT" },
      {
        sequence: 2,
        kind: "REGISTRY_CHECKED",
        detail: "MISMATCH legalRepName legalRepIdNumber",
        reason: null,
        actorRole: "SYSTEM",
      },
      { sequence: 3, kind: "MANUAL_REVIEW", detail: null, reason: "REGISTRY_MISMATCH", actorRole: "SYSTEM" },
    ]);
    const task = await database.db.humanTask.findUniqueOrThrow({
      where: { requestId_kind_step: { requestId: registration.id, kind: REVIEW_TASK_KIND, step: 0 } },
    });
    expect(task).toMatchObject({ workflowId: registration.workflowId, queue: "PLATFORM_REVIEW", open: true });
    expect(task.title).toBe(`${MISMATCHING.unitName}（${registration.requestNumber}）`);
    // Issue 14: the workbench finds a typed number through the task's own column, written by the activity.
    expect(task.requestNumber).toBe(registration.requestNumber);
    // The status query keeps what the rows hold; the workflow takes decisions on the opened review.
    const status = await handle.query(registrationStatus);
    expect(status).toMatchObject({
      state: "IN_MANUAL_REVIEW",
      reviewReason: "REGISTRY_MISMATCH",
      mismatchedFields: ["legalRepName", "legalRepIdNumber"],
    });
    expect(status.history.map((entry) => entry.kind)).toEqual([
      "SUBMITTED",
      "REGISTRY_CHECKED",
      "MANUAL_REVIEW",
    ]);
    expect(status.history.map((entry) => entry.at)).toEqual(rows.map((row) => row.at.toISOString()));
    // The registry's answer and the review it opened are dated when the registry answered, not submitted.
    const stored = await database.db.unitRegistration.findUniqueOrThrow({ where: { id: registration.id } });
    const { checkedAt } = JSON.parse(stored.registryResult!) as { checkedAt: string };
    expect(rows.slice(1).map((row) => row.at.toISOString())).toEqual([checkedAt, checkedAt]);
    expect(new Date(checkedAt).getTime()).toBeGreaterThanOrEqual(rows[0]!.at.getTime());
    // A retry of the step (a worker crashed before its result was recorded, or a write of it failed)
    // finds its rows, written once, and takes the registry's stored answer: the registry (a paid
    // call) is not asked again, so the retry cannot write another answer's entries.
    let lookups = 0;
    const registry = ports.businessRegistry;
    const counting = {
      ...ports,
      businessRegistry: {
        ...registry,
        lookup: (uscc: string) => {
          lookups++;
          return registry.lookup(uscc);
        },
      },
    };
    const again = await createUnitRegistrationActivities({
      db: database.db,
      ports: counting,
    }).openCheckedRegistration({
      workflowId: registration.workflowId,
      registrationId: registration.id,
      submitted: { sequence: 1, kind: "SUBMITTED", actorRole: "APPLICANT", at: rows[0]!.at.toISOString() },
      dueAt: new Date().toISOString(),
    });
    expect(again).toMatchObject({ unitExists: false, reviewReason: "REGISTRY_MISMATCH" });
    expect(lookups).toBe(0);
    expect(await database.db.requestEvent.findMany({ where: { requestId: registration.id } })).toHaveLength(
      3,
    );
    expect(await database.db.humanTask.findMany({ where: { requestId: registration.id } })).toEqual([task]);
    await decide(built, registration, { decision: "REJECT", reason: "请核对法定代表人信息", ...reviewer });
    expect(await database.db.humanTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      status: "COMPLETED",
      outcome: "REJECT",
      open: false,
    });
    await recordHistory(handle, "unit-registration-review-rejected-checked-opening");
  });

  it("Issue 14 an approval whose step finds the registration withdrawn (another path's attempt) creates no unit: refused as not in review, the workflow adopts the withdrawal", async () => {
    const built = appWith();
    const registration = await submit(built.app, MISMATCHING);
    await statusOf(registration.id, "IN_MANUAL_REVIEW");
    // What a withdrawal's attempt wrote before its workflow task was retried on another path.
    await database.db.unitRegistration.update({
      where: { id: registration.id },
      data: { status: "WITHDRAWN", openUscc: null, openUnitName: null, closedAt: new Date() },
    });
    await database.db.humanTask.updateMany({
      where: { requestId: registration.id },
      data: { status: "CANCELLED", open: false, outcome: "WITHDRAWN", completedAt: new Date() },
    });
    const handle = handleOf(built, registration.workflowId);
    const update = handle.executeUpdate(decideReview, {
      args: [
        {
          decision: "APPROVE",
          registeredFacts: { legalRepName: "REGISTRY", legalRepIdNumber: "REGISTRY" },
          ...reviewer,
        },
      ],
    });
    await expect(update).rejects.toMatchObject({ cause: { type: "NOT_IN_REVIEW" } });
    expect(await handle.result()).toBe("WITHDRAWN");
    expect(await database.db.unit.count({ where: { uscc: MISMATCHING.uscc } })).toBe(0);
    expect(
      await database.db.humanTask.findFirstOrThrow({ where: { requestId: registration.id } }),
    ).toMatchObject({ status: "CANCELLED", open: false });
    expect((await events(registration.id)).at(-1)).toBe("WITHDRAWN");
    expect(await events(registration.id)).not.toContain("APPROVED");
    expect(
      await database.db.smsMessage.count({
        where: {
          idempotencyKey: { startsWith: `UnitRegistration:${registration.id}` },
          template: "REGISTRATION_APPROVED",
        },
      }),
    ).toBe(0);
  });

  it("Issue 14 a withdrawal whose step finds the registration approved by a reviewer (another path's attempt) adopts the approval: the R14 reminder starts, and the status query shows the reviewer as stored", async () => {
    const built = appWith({ AFFILIATION_MISSING_REMINDER_SECONDS: "3600" });
    const registration = await submit(built.app, MISMATCHING);
    await statusOf(registration.id, "IN_MANUAL_REVIEW");
    // What a reviewer's approval attempt wrote (its local steps) before the workflow task was retried
    // and took the withdrawal: the task completed, the unit registered, the APPROVED entry.
    const decided = { actorId: "reviewer-1", decision: "APPROVE" as const, decisionKey: "approval-attempt" };
    const requestSteps = createRequestActivities({ db: database.db, ports });
    const task = { requestId: registration.id, kind: REVIEW_TASK_KIND };
    await requestSteps.changeTask({
      ...task,
      change: "COMPLETED",
      outcome: "APPROVE",
      decidedById: "reviewer-1",
      decisionKey: decided.decisionKey,
    });
    const registered = await createUnitRegistrationActivities({ db: database.db, ports }).registerUnit({
      registrationId: registration.id,
      decided,
    });
    const sequence = (await events(registration.id)).length + 1;
    const approvedEntry = { actorId: "reviewer-1", actorRole: "PLATFORM_REVIEWER", actorLabel: "审*" };
    await requestSteps.recordRequestEvent({
      requestType: "UNIT_REGISTRATION",
      requestId: registration.id,
      sequence,
      kind: "APPROVED",
      at: new Date().toISOString(),
      ...approvedEntry,
    });

    const handle = handleOf(built, registration.workflowId);
    expect(await handle.executeUpdate(withdrawRegistration, { args: [{}] })).toBe("APPROVED");
    expect(await handle.result()).toBe("APPROVED");
    // R25: the adopted entry as stored, the reviewer named (not an entry without an actor).
    const { history } = await handle.query(registrationStatus);
    expect(history.at(-1)).toMatchObject({ kind: "APPROVED", ...approvedEntry });
    expect(history).toHaveLength(sequence);
    // R14: the unit registered by the other attempt is reminded to affiliate, as on the approval path.
    const unitId = "unitId" in registered ? registered.unitId : "";
    const reminder = built.temporal.workflow.getHandle(affiliationMissingReminderWorkflowId(unitId));
    expect((await reminder.describe()).status.name).toBe("RUNNING");
    await reminder.terminate("test cleanup");
    await recordHistory(handle, "unit-registration-withdrawal-adopts-approval");
    const notices = await database.db.smsMessage.findMany({
      where: { idempotencyKey: { startsWith: `UnitRegistration:${registration.id}` } },
    });
    expect(notices.map((m) => m.template)).toContain("REGISTRATION_APPROVED");
    expect(notices.map((m) => m.template)).not.toContain("REGISTRATION_WITHDRAWN");
  });

  it("Issue 14 an approval applied after a withdrawal's attempt closed the review task makes the task agree with the request", async () => {
    const built = appWith();
    const registration = await submit(built.app, MISMATCHING);
    await statusOf(registration.id, "IN_MANUAL_REVIEW");
    // A withdrawal's attempt closed the task and died before its closing step.
    const task = { requestId: registration.id, kind: REVIEW_TASK_KIND };
    await createRequestActivities({ db: database.db, ports }).changeTask({
      ...task,
      change: "CANCELLED",
      outcome: "WITHDRAWN",
    });
    const handle = handleOf(built, registration.workflowId);
    await handle.executeUpdate(decideReview, {
      updateId: "approval-after-cancel",
      args: [
        {
          decision: "APPROVE",
          registeredFacts: { legalRepName: "REGISTRY", legalRepIdNumber: "REGISTRY" },
          ...reviewer,
        },
      ],
    });
    expect(await handle.result()).toBe("APPROVED");
    expect(
      await database.db.humanTask.findFirstOrThrow({ where: { requestId: registration.id } }),
    ).toMatchObject({
      status: "COMPLETED",
      open: false,
      outcome: "APPROVE",
      decidedById: reviewer.reviewerId,
      decisionKey: "approval-after-cancel",
    });
  });

  it("R2 refuses a rejection without a reason and a decider who is no reviewer; a reasoned rejection closes it", async () => {
    const built = appWith();
    const registration = await submit(built.app, MISMATCHING);
    await statusOf(registration.id, "IN_MANUAL_REVIEW");
    const handle = handleOf(built, registration.workflowId);
    await expect(
      handle.executeUpdate(decideReview, { args: [{ decision: "REJECT", ...reviewer }] }),
    ).rejects.toMatchObject({ cause: { type: "REASON_REQUIRED" } });
    await expect(
      handle.executeUpdate(decideReview, {
        args: [{ decision: "APPROVE", reviewerId: "x", reviewerRoles: ["TITLE_HANDLER"] }],
      }),
    ).rejects.toMatchObject({ cause: { type: "NOT_A_REVIEWER" } });
    const state = await decide(built, registration, {
      decision: "REJECT",
      reason: "法定代表人与营业执照不一致",
      ...reviewer,
    });
    expect(state).toBe("REJECTED");
    const closed = await database.db.unitRegistration.findUniqueOrThrow({ where: { id: registration.id } });
    expect(closed).toMatchObject({
      status: "REJECTED",
      openUscc: null,
      decisionReason: "法定代表人与营业执照不一致",
    });
    await recordHistory(handle, "unit-registration-review-rejected");
    expect(await database.db.unit.count({ where: { uscc: MISMATCHING.uscc } })).toBe(0);
    // The latest: other tests reject registrations of the same fixtures with other reasons.
    const rejected = await database.db.smsMessage.findFirstOrThrow({
      where: { template: "REGISTRATION_REJECTED" },
      orderBy: { createdAt: "desc" },
    });
    expect(rejected.body).toContain("法定代表人与营业执照不一致");
  });

  it("R2 retries an unavailable registry with backoff, then sends the registration to manual review", async () => {
    const built = appWith();
    const registration = await submit(built.app, UNAVAILABLE);
    await statusOf(registration.id, "IN_MANUAL_REVIEW");
    await expect
      .poll(() => events(registration.id))
      .toEqual(["SUBMITTED", "REGISTRY_UNAVAILABLE", "MANUAL_REVIEW"]);
    const review = await database.db.requestEvent.findFirstOrThrow({
      where: { requestId: registration.id, kind: "MANUAL_REVIEW" },
    });
    expect(review.reason).toBe("REGISTRY_UNAVAILABLE");
    await decide(built, registration, { decision: "REJECT", reason: "请补充材料后重新提交", ...reviewer });
  });

  it("R3 reminds the legal representative, then sends an expired face check to manual review", async () => {
    const built = appWith({ LEGAL_REP_CHECK_TTL_SECONDS: "4", LEGAL_REP_CHECK_REMINDER_SECONDS: "2" });
    const registration = await submit(built.app);
    await statusOf(registration.id, "IN_MANUAL_REVIEW", 20_000);
    await expect
      .poll(() => events(registration.id))
      .toEqual([
        "SUBMITTED",
        "REGISTRY_CHECKED",
        "FACE_CHECK_SENT",
        "FACE_CHECK_REMINDED",
        "FACE_CHECK_EXPIRED",
        "MANUAL_REVIEW",
      ]);
    expect(await smsTo("13688889999")).toContain("LEGAL_REP_FACE_CHECK_REMINDER");
    await decide(built, registration, { decision: "REJECT", reason: "请法定代表人重新认证", ...reviewer });
  });

  it("R3 sends a failed face check to manual review", async () => {
    const built = appWith();
    const registration = await submit(built.app);
    await statusOf(registration.id, "AWAITING_REAL_PERSON_AUTH");
    await passFaceCheck(built.app, registration.id, false);
    await statusOf(registration.id, "IN_MANUAL_REVIEW");
    await expect
      .poll(async () => (await events(registration.id)).slice(-2))
      .toEqual(["FACE_CHECK_FAILED", "MANUAL_REVIEW"]);
    await decide(built, registration, { decision: "REJECT", reason: "人脸识别未通过", ...reviewer });
  });

  it("R2 lets the applicant withdraw while the legal representative has not yet checked, and only once", async () => {
    const built = appWith();
    const registration = await submit(built.app);
    await statusOf(registration.id, "AWAITING_REAL_PERSON_AUTH");
    const handle = handleOf(built, registration.workflowId);
    const { withdrawRegistration } = await import("../../workflows/contracts.js");
    // Through the status page: request number + SMS code, then withdraw (R25).
    const requestNumber = registration.requestNumber;
    await postJson(built.app, "/api/registrations/access-code", {
      requestNumber,
      contactMobile: registration.contactMobile,
    });
    const sms = await database.db.smsMessage.findFirstOrThrow({
      where: { template: "VERIFICATION_CODE" },
      orderBy: { createdAt: "desc" },
    });
    const code = /验证码为(\d{6})/.exec(sms.body)![1]!;
    const access = await postJson(built.app, "/api/registrations/access", { requestNumber, code });
    const cookie = access.headers.get("set-cookie")!.split(";")[0]!;
    const withdrawn = await postJson(
      built.app,
      `/api/registrations/${requestNumber}/withdraw`,
      { reason: "信息填错" },
      { cookie },
    );
    expect(withdrawn.status).toBe(200);
    expect((await withdrawn.json()).data).toMatchObject({ status: "WITHDRAWN", canWithdraw: false });
    await handle.result();
    await statusOf(registration.id, "WITHDRAWN");
    expect(await smsTo("13688889999")).toContain("REGISTRATION_WITHDRAWN");
    const twice = await postJson(built.app, `/api/registrations/${requestNumber}/withdraw`, {}, { cookie });
    expect((await twice.json()).error.code).toBe("REQUEST_CLOSED");
    // The same USCC may register again once the first request is closed.
    const again = await submit(built.app);
    await statusOf(again.id, "AWAITING_REAL_PERSON_AUTH");
    const second = handleOf(built, again.workflowId);
    await second.executeUpdate(withdrawRegistration, { args: [{}] });
    await second.result();
  });

  it("reminds reviewers before the SLA and escalates an overdue review to the supervisors' queue", async () => {
    const built = appWith({ REVIEW_SLA_SECONDS: "4", REVIEW_REMINDER_SECONDS: "2" });
    const registration = await submit(built.app, MISMATCHING);
    await statusOf(registration.id, "IN_MANUAL_REVIEW");
    const where = { requestId_kind_step: { requestId: registration.id, kind: REVIEW_TASK_KIND, step: 0 } };
    await expect
      .poll(async () => (await database.db.humanTask.findUnique({ where }))?.remindedAt, { timeout: 10_000 })
      .not.toBeNull();
    await expect
      .poll(async () => (await database.db.humanTask.findUnique({ where }))?.queue, { timeout: 10_000 })
      .toBe("PLATFORM_SUPERVISOR");
    await expect
      .poll(async () => (await events(registration.id)).slice(-2))
      .toEqual(["REVIEW_REMINDED", "REVIEW_ESCALATED"]);
    await decide(built, registration, {
      decision: "REJECT",
      reason: "超期后由主管处理",
      reviewerId: "s",
      reviewerRoles: ["PLATFORM_SUPERVISOR"],
    });
  });

  it("R2 a reviewer decides in the workbench: the task, the decision's reason rule, and who decided on the timeline", async () => {
    const built = appWith();
    const registration = await submit(built.app, MISMATCHING);
    await statusOf(registration.id, "IN_MANUAL_REVIEW");
    const reviewer = people.find((p) => p.role === "PLATFORM_REVIEWER")!;
    const jar = cookieJar();
    jar.take(
      await postJson(built.app, "/api/auth/login", { account: reviewer.idNumber, password: "Guizhou@2026" }),
    );
    const list = await (await built.app.request("/api/tasks", { headers: jar.headers() })).json();
    const task = list.data.find((t: { requestId: string }) => t.requestId === registration.id);
    expect(task).toMatchObject({ kind: REVIEW_TASK_KIND, status: "OPEN", overdue: false });
    const detail = await (
      await built.app.request(`/api/tasks/${task.id}`, { headers: jar.headers() })
    ).json();
    expect(detail.data.registration).toMatchObject({
      unitName: MISMATCHING.unitName,
      reviewReason: "REGISTRY_MISMATCH",
      registry: {
        outcome: "MISMATCH",
        mismatchedFields: ["legalRepName", "legalRepIdNumber"],
        record: { legalRepName: "罗志远" },
      },
    });
    expect(detail.data.registration.uploads).toHaveLength(2);
    const file = await built.app.request(detail.data.registration.uploads[0].url, { headers: jar.headers() });
    expect(file.headers.get("content-type")).toMatch(/application\/pdf|image\/png/);
    const noReason = await postJson(
      built.app,
      `/api/tasks/${task.id}/decision`,
      { decision: "REJECT" },
      jar.headers(),
    );
    expect((await noReason.json()).error).toMatchObject({
      code: "DECISION_REASON_REQUIRED",
      field: "reason",
    });
    // R30: the legal representative's facts differ, so the approval says which to register.
    const unchosen = await postJson(
      built.app,
      `/api/tasks/${task.id}/decision`,
      { decision: "APPROVE" },
      jar.headers(),
    );
    expect((await unchosen.json()).error).toMatchObject({
      code: "REGISTERED_FACTS_CHOICE_REQUIRED",
      details: { fields: ["legalRepName", "legalRepIdNumber"] },
    });
    const approval = {
      decision: "APPROVE",
      registeredFacts: { legalRepName: "APPLICANT", legalRepIdNumber: "APPLICANT" },
    };
    const approved = await postJson(built.app, `/api/tasks/${task.id}/decision`, approval, jar.headers());
    expect(approved.status).toBe(200);
    expect((await approved.json()).data).toMatchObject({ status: "COMPLETED", outcome: "APPROVE" });
    // The same decision again (a retry) gets its outcome; another one is refused.
    const again = await postJson(built.app, `/api/tasks/${task.id}/decision`, approval, jar.headers());
    expect(again.status).toBe(200);
    expect((await again.json()).data).toMatchObject({ status: "COMPLETED", outcome: "APPROVE" });
    const other = await postJson(
      built.app,
      `/api/tasks/${task.id}/decision`,
      { decision: "REJECT", reason: "改主意了" },
      jar.headers(),
    );
    expect((await other.json()).error.code).toBe("TASK_NOT_IN_REVIEW");
    await handleOf(built, registration.workflowId).result();
    const approvedEvent = await database.db.requestEvent.findFirstOrThrow({
      where: { requestId: registration.id, kind: "APPROVED" },
    });
    // Issue 13.7: the role as a code (named in the reader's language), the masked name beside it.
    expect(approvedEvent).toMatchObject({ actorRole: "PLATFORM_REVIEWER", actorLabel: "李*" });
  });

  it("R1 sends a registration whose USCC fails its check character to manual review, not to refusal", async () => {
    const built = appWith();
    const legacy = {
      uscc: "91520181718852683L",
      unitName: "清镇示例铝业有限公司",
      legalRepName: "孙长江",
      legalRepIdNumber: "520112196307247850",
      regionCode: "520181",
    };
    const registration = await submit(built.app, legacy);
    expect(registration.usccCheckWarning).toBe(true);
    await statusOf(registration.id, "IN_MANUAL_REVIEW");
    const review = await database.db.requestEvent.findFirstOrThrow({
      where: { requestId: registration.id, kind: "MANUAL_REVIEW" },
    });
    expect(review.reason).toBe("USCC_CHECK_CHARACTER");
    expect(await decide(built, registration, { decision: "APPROVE", ...reviewer })).toBe("APPROVED");
    expect(await database.db.unit.count({ where: { uscc: legacy.uscc } })).toBe(1);
  });

  it("answers a retried submission (same submissionId, e.g. after a lost response) with the same request", async () => {
    const built = appWith();
    const body = await registrationBody(built.app, MISMATCHING);
    const first = await postJson(built.app, "/api/registrations", body);
    const retry = await postJson(built.app, "/api/registrations", body);
    expect([first.status, retry.status]).toEqual([201, 200]);
    expect((await retry.json()).data.requestNumber).toBe((await first.json()).data.requestNumber);
    expect(await database.db.unitRegistration.count({ where: { submissionId: body.submissionId } })).toBe(1);
  });

  it("R4 starts exactly one registration when two for the same USCC arrive at the same instant", async () => {
    const built = appWith();
    const [a, b] = await Promise.all([
      registrationBody(built.app, MISMATCHING),
      registrationBody(built.app, MISMATCHING),
    ]);
    const responses = await Promise.all([
      postJson(built.app, "/api/registrations", a),
      postJson(built.app, "/api/registrations", b),
    ]);
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409]);
    const refused = await responses.find((r) => r.status === 409)!.json();
    expect(refused.error.code).toBe("REGISTRATION_IN_PROGRESS");
    expect(refused.error.field).toBe("uscc");
    await expect
      .poll(() => database.db.unitRegistration.count({ where: { openUscc: MISMATCHING.uscc } }))
      .toBe(1);
    expect(
      await database.db.unitRegistration.count({ where: { uscc: MISMATCHING.uscc, closedAt: null } }),
    ).toBe(1);
    const open = await database.db.unitRegistration.findFirstOrThrow({
      where: { openUscc: MISMATCHING.uscc },
    });
    await statusOf(open.id, "IN_MANUAL_REVIEW");
    await decide(built, open, { decision: "REJECT", reason: "测试结束", ...reviewer });
  });
});
