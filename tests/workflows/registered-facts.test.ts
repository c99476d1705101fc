// R30 (issue 12.1) on the real Temporal dev server, with the API and the worker on a real SQLite file:
// a unit registration approved in the workbench registers, field by field, the registry's value or
// the applicant's, as the reviewer chose; the choice is in the request's history (R25) and in the
// `registration.decided` audit row; the approval SMS and the status page say what was registered;
// and the unit is then found by its licence name (binding R16, account recovery R22).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadRegistryFixtures, type RegistryRecord } from "../../lib/ports/business-registry.js";
import { createPorts } from "../../lib/ports/index.js";
import { makeIdNumber, makeUscc, seedBaseline } from "../../prisma/seed/seed.js";
import { decideReview, REVIEW_TASK_KIND, type ReviewDecision } from "../../workflows/contracts.js";
import { cookieJar, createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { recordHistory } from "../support/histories.js";
import { createPerson, passwordLogin } from "../support/people.js";
import { postJson, registrationBody } from "../support/registration.js";
import { type RunningWorker, startTestWorker } from "../support/worker.js";

const SEED_PASSWORD = "Guizhou@2026";
const taskQueue = `registered-facts-${randomUUID()}`;
const fixtures = loadRegistryFixtures();
/** The registry's record: 铜仁梵净示例茶业有限公司, legal representative 田丽萍. */
const TEA = fixtures.find((r) => r.uscc === "91520602MA6RXA4Q83")!;
/** What the applicant typed: 茶叶 for 茶业, 田丽平 for 田丽萍 (the ID number agrees). */
const TEA_APPLICANT = {
  uscc: TEA.uscc,
  unitName: "铜仁梵净示例茶叶有限公司",
  legalRepName: "田丽平",
  legalRepIdNumber: TEA.legalRepIdNumber,
  regionCode: TEA.regionCode,
  contactMobile: "13688880001",
};
/** Records this file adds to the registry (read at lookup time). */
const records: RegistryRecord[] = [...fixtures];

let database: TestDatabase;
let built: ReturnType<typeof createTestApp>;
let worker: RunningWorker;
let people: Awaited<ReturnType<typeof seedBaseline>>;

beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedBaseline(database.db, SEED_PASSWORD);
  built = createTestApp(database, {
    temporalAddress: inject("temporalAddress"),
    env: { TEMPORAL_TASK_QUEUE: taskQueue },
  });
  const ports = {
    ...createPorts(built.config, database.db),
    businessRegistry: { lookup: async (uscc: string) => records.find((r) => r.uscc === uscc) ?? null },
  };
  worker = await startTestWorker({ database, config: built.config, ports });
});
afterAll(async () => {
  await worker.stop();
  await built.connection.close();
  await database.close();
});

let counter = 0;
/**
 * A unit of its own USCC whose registry record differs from what the applicant typed in the unit
 * name (one character) and the legal representative's name; no record at all with `registry: false`.
 */
function differingUnit({ registry = true } = {}) {
  const n = ++counter;
  const uscc = makeUscc("91", "520102", `RF${String(n).padStart(6, "0")}`);
  const legalRepIdNumber = makeIdNumber("520102", "19800101", 200 + n);
  if (registry) {
    records.push({
      uscc,
      name: `贵阳核定示例${n}茶业有限公司`,
      legalRepName: "王晓萍",
      legalRepIdNumber,
      status: "IN_BUSINESS",
      registeredOn: "2020-01-01",
      regionCode: "520102",
    });
  }
  return {
    uscc,
    unitName: `贵阳核定示例${n}茶叶有限公司`,
    legalRepName: "王晓平",
    legalRepIdNumber,
    regionCode: "520102",
    contactMobile: `1368888${String(1000 + n).slice(-4)}`,
  };
}

async function submit(facts: Record<string, unknown>) {
  const response = await postJson(built.app, "/api/registrations", await registrationBody(built.app, facts));
  expect(response.status, await response.clone().text()).toBe(201);
  const { data } = await response.json();
  return database.db.unitRegistration.findUniqueOrThrow({ where: { requestNumber: data.requestNumber } });
}

/** A registration in manual review and its open task. */
async function inReview(facts: Record<string, unknown>) {
  const registration = await submit(facts);
  await expect
    .poll(
      async () =>
        (await database.db.unitRegistration.findUniqueOrThrow({ where: { id: registration.id } })).status,
      { timeout: 20_000, interval: 100 },
    )
    .toBe("IN_MANUAL_REVIEW");
  const task = await database.db.humanTask.findUniqueOrThrow({
    where: { requestId_kind_step: { requestId: registration.id, kind: REVIEW_TASK_KIND, step: 0 } },
  });
  return { registration, task };
}

async function reviewerJar() {
  const reviewer = people.find((p) => p.role === "PLATFORM_REVIEWER")!;
  const jar = cookieJar();
  const login = await postJson(built.app, "/api/auth/login", {
    account: reviewer.idNumber,
    password: SEED_PASSWORD,
  });
  expect(login.status).toBe(200);
  jar.take(login);
  return jar;
}

function decideThroughApi(jar: ReturnType<typeof cookieJar>, taskId: string, body: Record<string, unknown>) {
  return postJson(
    built.app,
    `/api/tasks/${taskId}/decision`,
    body,
    jar.headers({ "idempotency-key": randomUUID() }),
  );
}

/** The status page as the applicant opens it: request number, then the SMS code (R25). */
async function statusPage(requestNumber: string, contactMobile: string) {
  await postJson(built.app, "/api/registrations/access-code", { requestNumber, contactMobile });
  const sms = await database.db.smsMessage.findFirstOrThrow({
    where: { template: "VERIFICATION_CODE", mobile: contactMobile },
    orderBy: { createdAt: "desc" },
  });
  const code = /验证码为(\d{6})/.exec(sms.body)![1]!;
  const access = await postJson(built.app, "/api/registrations/access", { requestNumber, code });
  expect(access.status).toBe(200);
  return (await access.json()).data;
}

const reviewer = { reviewerId: "reviewer-rf", reviewerRoles: ["PLATFORM_REVIEWER"] };
const update = (workflowId: string, decision: Omit<ReviewDecision, "reviewerId" | "reviewerRoles">) =>
  built.temporal.workflow.getHandle(workflowId).executeUpdate(decideReview, {
    args: [{ ...reviewer, ...decision } as ReviewDecision],
  });

describe("R30 the registered facts are the verified ones", () => {
  it("R30: the reviewer registers the registry's 茶业 / 田丽萍 over the applicant's 茶叶 / 田丽平; the choice is in the history and the decided audit row, the SMS and the status page say what was registered, and the unit is found by its licence name", async () => {
    const { registration, task } = await inReview(TEA_APPLICANT);
    const jar = await reviewerJar();
    const detail = (
      await (await built.app.request(`/api/tasks/${task.id}`, { headers: jar.headers() })).json()
    ).data.registration;
    expect(detail.factChoices).toEqual(["unitName", "legalRepName"]);
    expect(detail.registry.record).toMatchObject({ name: TEA.name, legalRepName: TEA.legalRepName });

    // Approving without saying which values to register is refused, naming the open fields.
    const bare = await decideThroughApi(jar, task.id, { decision: "APPROVE" });
    expect(bare.status).toBe(400);
    expect((await bare.json()).error).toMatchObject({
      code: "REGISTERED_FACTS_CHOICE_REQUIRED",
      field: "registeredFacts",
      details: { fields: ["unitName", "legalRepName"] },
    });

    const approved = await decideThroughApi(jar, task.id, {
      decision: "APPROVE",
      reason: "名称和法定代表人以营业执照为准",
      registeredFacts: { unitName: "REGISTRY", legalRepName: "REGISTRY" },
    });
    expect(approved.status, await approved.clone().text()).toBe(200);
    const handle = built.temporal.workflow.getHandle(registration.workflowId);
    expect(await handle.result()).toBe("APPROVED");
    await recordHistory(handle, "unit-registration-review-approved-registered-facts");

    const unit = await database.db.unit.findUniqueOrThrow({ where: { uscc: TEA.uscc } });
    expect(unit).toMatchObject({
      name: "铜仁梵净示例茶业有限公司",
      legalRepName: "田丽萍",
      legalRepIdNumber: TEA.legalRepIdNumber,
    });
    // R25: the history says who approved, the note, and which values were taken.
    const approvedEvent = await database.db.requestEvent.findFirstOrThrow({
      where: { requestId: registration.id, kind: "APPROVED" },
    });
    expect(approvedEvent).toMatchObject({
      actorRole: "PLATFORM_REVIEWER",
      actorLabel: "李*",
      reason: "名称和法定代表人以营业执照为准",
      detail: "unitName=REGISTRY legalRepName=REGISTRY",
    });
    // R26: the decided row carries the choice and the values, written with the unit.
    const decided = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "registration.decided", targetId: registration.id },
    });
    expect(decided.unitId).toBe(unit.id);
    expect(JSON.parse(decided.after!)).toMatchObject({
      decision: "APPROVE",
      reason: "名称和法定代表人以营业执照为准",
      registeredFacts: {
        unitName: { value: "铜仁梵净示例茶业有限公司", source: "REGISTRY" },
        legalRepName: { value: "田丽萍", source: "REGISTRY" },
        legalRepIdNumber: { value: "522701********962X", source: "APPLICANT" },
      },
    });
    const registered = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "unit.registered", targetId: unit.id },
    });
    expect(JSON.parse(registered.after!).name).toBe("铜仁梵净示例茶业有限公司");

    // The approval SMS names what was registered, with nothing glued to the values.
    const sms = await database.db.smsMessage.findFirstOrThrow({
      where: { template: "REGISTRATION_APPROVED", mobile: TEA_APPLICANT.contactMobile },
    });
    expect(sms.body).toContain("登记的单位名称：铜仁梵净示例茶业有限公司；法定代表人：田丽萍。");
    expect(sms.body).toContain(`单位登录账号：${TEA.uscc}。`);
    expect(sms.body).not.toContain("茶叶");

    // The status page: what was registered and from where, and the reviewer's note.
    const status = await statusPage(registration.requestNumber, TEA_APPLICANT.contactMobile);
    expect(status).toMatchObject({
      status: "APPROVED",
      decisionReason: "名称和法定代表人以营业执照为准",
      registered: {
        unitName: "铜仁梵净示例茶业有限公司",
        legalRepName: "田丽萍",
        legalRepIdNumberMasked: "522701********962X",
        sources: { unitName: "REGISTRY", legalRepName: "REGISTRY", legalRepIdNumber: "APPLICANT" },
      },
    });

    // The unit is found by its licence name: a binding request (R16) and account recovery (R22).
    const person = await createPerson(database.db);
    const session = await passwordLogin(built.app, person.idNumber);
    const bound = await postJson(
      built.app,
      "/api/binding-requests",
      { unitName: TEA.name, pledgeAccepted: true, submissionId: randomUUID() },
      session.headers(),
    );
    expect(bound.status, await bound.clone().text()).toBe(201);
    expect((await bound.json()).data).toMatchObject({
      unit: { id: unit.id, name: TEA.name },
      formerName: null,
    });

    const recoveries = () =>
      database.db.smsMessage.count({
        where: { template: "UNIT_ACCOUNT_RECOVERY", mobile: unit.contactMobile },
      });
    const before = await recoveries();
    const byMisspeltName = await postJson(built.app, "/api/units/account-recovery", {
      usccOrName: TEA_APPLICANT.unitName,
      legalRepIdNumber: TEA.legalRepIdNumber,
    });
    expect(byMisspeltName.status).toBe(202);
    expect(await recoveries()).toBe(before);
    const byLicenceName = await postJson(built.app, "/api/units/account-recovery", {
      usccOrName: TEA.name,
      legalRepIdNumber: TEA.legalRepIdNumber,
    });
    expect(byLicenceName.status).toBe(202);
    expect(await recoveries()).toBe(before + 1);
    const sent = await database.db.smsMessage.findFirstOrThrow({
      where: { template: "UNIT_ACCOUNT_RECOVERY", mobile: unit.contactMobile },
      orderBy: { createdAt: "desc" },
    });
    expect(sent.body).toContain(TEA.name);
    expect(sent.body).toContain(TEA.uscc);
  });

  it("R30: the workflow's validator refuses a value that was not offered, a field that agrees, an open field and a choice on a rejection; nothing is applied", async () => {
    const facts = differingUnit();
    const { registration, task } = await inReview(facts);
    const refused = (decision: Omit<ReviewDecision, "reviewerId" | "reviewerRoles">) =>
      update(registration.workflowId, decision).then(
        () => "accepted",
        (error: { cause?: { type?: string } }) => error.cause?.type,
      );
    // An arbitrary value instead of a source: the workflow never registers what it was not offered.
    expect(
      await refused({
        decision: "APPROVE",
        registeredFacts: { unitName: "贵阳随便写的名称有限公司", legalRepName: "REGISTRY" } as never,
      }),
    ).toBe("REGISTERED_FACT_NOT_OFFERED");
    // The ID numbers agree: there is nothing to choose there.
    expect(
      await refused({
        decision: "APPROVE",
        registeredFacts: { unitName: "REGISTRY", legalRepName: "REGISTRY", legalRepIdNumber: "REGISTRY" },
      }),
    ).toBe("REGISTERED_FACT_NOT_OFFERED");
    expect(
      await refused({
        decision: "APPROVE",
        registeredFacts: { unitName: "REGISTRY", uscc: "REGISTRY" } as never,
      }),
    ).toBe("REGISTERED_FACT_NOT_OFFERED");
    expect(await refused({ decision: "APPROVE", registeredFacts: { unitName: "REGISTRY" } })).toBe(
      "REGISTERED_FACTS_CHOICE_REQUIRED",
    );
    expect(
      await refused({ decision: "REJECT", reason: "材料不清晰", registeredFacts: { unitName: "REGISTRY" } }),
    ).toBe("REGISTERED_FACT_NOT_OFFERED");

    // The API says the same, naming the fields, before it reaches the workflow.
    const jar = await reviewerJar();
    const agreeing = await decideThroughApi(jar, task.id, {
      decision: "APPROVE",
      registeredFacts: { unitName: "REGISTRY", legalRepName: "APPLICANT", legalRepIdNumber: "APPLICANT" },
    });
    expect(agreeing.status).toBe(400);
    expect((await agreeing.json()).error).toMatchObject({
      code: "REGISTERED_FACT_NOT_OFFERED",
      field: "registeredFacts",
      details: { fields: ["legalRepIdNumber"] },
    });
    const onRejection = await decideThroughApi(jar, task.id, {
      decision: "REJECT",
      reason: "材料不清晰",
      registeredFacts: { unitName: "REGISTRY" },
    });
    expect((await onRejection.json()).error).toMatchObject({
      code: "REGISTERED_FACT_NOT_OFFERED",
      details: { fields: ["unitName"] },
    });
    const arbitrary = await decideThroughApi(jar, task.id, {
      decision: "APPROVE",
      registeredFacts: { unitName: "贵阳随便写的名称有限公司", legalRepName: "REGISTRY" },
    });
    expect(arbitrary.status).toBe(400);
    expect((await arbitrary.json()).error.code).toBe("VALIDATION_FAILED");

    expect(await database.db.unit.count({ where: { uscc: facts.uscc } })).toBe(0);
    expect(await database.db.humanTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      outcome: null,
    });
    expect(
      await database.db.auditEvent.count({
        where: { action: "registration.decided", targetId: registration.id },
      }),
    ).toBe(0);

    // Field by field: the registry's name, the applicant's legal representative.
    const approved = await decideThroughApi(jar, task.id, {
      decision: "APPROVE",
      registeredFacts: { unitName: "REGISTRY", legalRepName: "APPLICANT" },
    });
    expect(approved.status, await approved.clone().text()).toBe(200);
    await built.temporal.workflow.getHandle(registration.workflowId).result();
    expect(await database.db.unit.findUniqueOrThrow({ where: { uscc: facts.uscc } })).toMatchObject({
      name: facts.unitName.replace("茶叶", "茶业"),
      legalRepName: "王晓平",
    });
    const status = await statusPage(registration.requestNumber, facts.contactMobile);
    expect(status.registered).toMatchObject({
      unitName: facts.unitName.replace("茶叶", "茶业"),
      legalRepName: "王晓平",
      sources: { unitName: "REGISTRY", legalRepName: "APPLICANT", legalRepIdNumber: "APPLICANT" },
    });
    expect(status.decisionReason).toBeNull();
  });

  it("R30: without a registry record the applicant's values are the only choice: a registry value is refused, a plain approval registers what was submitted", async () => {
    const facts = differingUnit({ registry: false });
    const { registration, task } = await inReview(facts);
    const jar = await reviewerJar();
    const detail = (
      await (await built.app.request(`/api/tasks/${task.id}`, { headers: jar.headers() })).json()
    ).data.registration;
    expect(detail).toMatchObject({ factChoices: [], registry: { outcome: "NOT_FOUND", record: null } });
    await expect(
      update(registration.workflowId, { decision: "APPROVE", registeredFacts: { unitName: "REGISTRY" } }),
    ).rejects.toMatchObject({ cause: { type: "REGISTERED_FACT_NOT_OFFERED" } });
    const offered = await decideThroughApi(jar, task.id, {
      decision: "APPROVE",
      registeredFacts: { unitName: "APPLICANT" },
    });
    expect((await offered.json()).error).toMatchObject({
      code: "REGISTERED_FACT_NOT_OFFERED",
      details: { fields: ["unitName"] },
    });
    const approved = await decideThroughApi(jar, task.id, {
      decision: "APPROVE",
      reason: "人工核对营业执照无误",
    });
    expect(approved.status, await approved.clone().text()).toBe(200);
    await built.temporal.workflow.getHandle(registration.workflowId).result();
    expect(await database.db.unit.findUniqueOrThrow({ where: { uscc: facts.uscc } })).toMatchObject({
      name: facts.unitName,
      legalRepName: facts.legalRepName,
    });
    const approvedEvent = await database.db.requestEvent.findFirstOrThrow({
      where: { requestId: registration.id, kind: "APPROVED" },
    });
    expect(approvedEvent).toMatchObject({ reason: "人工核对营业执照无误", detail: null });
    const status = await statusPage(registration.requestNumber, facts.contactMobile);
    expect(status).toMatchObject({
      decisionReason: "人工核对营业执照无误",
      registered: {
        unitName: facts.unitName,
        sources: { unitName: "APPLICANT", legalRepName: "APPLICANT", legalRepIdNumber: "APPLICANT" },
      },
    });
  });
});
