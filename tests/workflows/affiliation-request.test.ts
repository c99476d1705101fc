// R13 affiliation requests (关联上级单位 / 归口) on the real Temporal dev server: the requesting unit's
// administrator or handler asks, the superior's decide in real-person sessions (R12), reminder and
// expiry, withdrawal, cycles refused at submission and at approval (also two opposite approvals at
// the same moment), a change of superior, both units told (SMS) and both seeing the history (R25)
// and the audit rows (R26).
import { randomUUID } from "node:crypto";
import { WorkflowUpdateFailedError } from "@temporalio/client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { makeUscc } from "../../prisma/seed/seed.js";
import { AFFILIATION_TASK_KIND, decideAffiliationRequest } from "../../workflows/contracts.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { recordHistory } from "../support/histories.js";
import { createPerson, createUnit, passwordLogin, qrLogin, realPersonSession } from "../support/people.js";
import { postJson } from "../support/registration.js";
import { unitWithLogin } from "../support/unit-login.js";
import { type RunningWorker, startTestWorker } from "../support/worker.js";

let database: TestDatabase;
let worker: RunningWorker;
let built: ReturnType<typeof createTestApp>;
/** Same worker and task queue; requests expire after 4 s, with a reminder 2 s before. */
let quick: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  const address = inject("temporalAddress");
  const env = { TEMPORAL_TASK_QUEUE: `affiliation-${randomUUID()}` };
  built = createTestApp(database, { temporalAddress: address, env });
  quick = createTestApp(database, {
    temporalAddress: address,
    env: { ...env, AFFILIATION_REQUEST_EXPIRY_SECONDS: "4", AFFILIATION_REQUEST_REMINDER_SECONDS: "2" },
  });
  worker = await startTestWorker({ database, config: built.config, ports: built.ports });
});
afterAll(async () => {
  await worker.stop();
  await database.close();
});

type Session = { headers(extra?: Record<string, string>): Record<string, string> };

/** A unit with its own contact mobile, an administrator and a handler in real-person sessions. */
async function staffedUnit() {
  const unit = await createUnit(database.db);
  const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
  const handler = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
  return {
    unit,
    admin,
    handler,
    adminSession: await realPersonSession(database.db, admin.id),
    handlerSession: await realPersonSession(database.db, handler.id),
  };
}
type Staffed = Awaited<ReturnType<typeof staffedUnit>>;

async function call(session: Session, path: string, body?: unknown, app = built.app) {
  const response =
    body === undefined
      ? await app.request(path, { headers: session.headers() })
      : await postJson(app, path, body, session.headers());
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, text };
}

async function ask(session: Session, unitId: string, superiorUnitId: string, app = built.app) {
  return call(
    session,
    `/api/units/${unitId}/affiliation-requests`,
    { superiorUnitId, submissionId: randomUUID() },
    app,
  );
}

/** Submits and waits until the superior's task is open (the workflow has started). */
async function submitted(requester: Staffed, superior: Staffed) {
  const response = await ask(requester.handlerSession, requester.unit.id, superior.unit.id);
  expect(response.status, response.text).toBe(201);
  const request = response.body.data;
  // A busy machine (several workers, parallel submissions) takes longer than poll's default second.
  await expect
    .poll(async () => (await database.db.humanTask.findFirst({ where: { requestId: request.id } }))?.status, {
      timeout: 10_000,
    })
    .toBe("OPEN");
  return request;
}

const decide = (session: Session, id: string, decision: string, reason?: string) =>
  call(session, `/api/affiliation-requests/${id}/decision`, { decision, reason });

const parentOf = async (unitId: string) =>
  (await database.db.unit.findUniqueOrThrow({ where: { id: unitId } })).parentUnitId;
const requestStatus = async (id: string) =>
  (await database.db.affiliationRequest.findUniqueOrThrow({ where: { id } })).status;
const smsCount = (mobile: string, template: string) =>
  database.db.smsMessage.count({ where: { mobile, template } });
const historyKinds = async (id: string) =>
  (
    await database.db.requestEvent.findMany({
      where: { requestType: "AFFILIATION_REQUEST", requestId: id },
      orderBy: { sequence: "asc" },
    })
  ).map((e) => e.kind);

/** Saves the finished workflow's history for the replay test (RECORD_HISTORIES=1). */
async function recordFinished(requestId: string, name: string) {
  const { workflowId } = await database.db.affiliationRequest.findUniqueOrThrow({ where: { id: requestId } });
  const handle = built.temporal.workflow.getHandle(workflowId);
  await handle.result();
  await recordHistory(handle, name);
}

async function auditActions(session: Session, unitId: string) {
  const { body } = await call(session, `/api/audit-events?unitId=${unitId}&pageSize=100`);
  return (body.data as { action: string; target: { id: string } }[]).map((e) => `${e.action}:${e.target.id}`);
}

describe("R13 affiliation requests", () => {
  it("R13 the superior's administrator approves: the superior is set, both units are told, both see the history (R25) and the audit (R26)", async () => {
    const requester = await staffedUnit();
    const superior = await staffedUnit();
    const request = await submitted(requester, superior);
    expect(request).toMatchObject({
      requestNumber: expect.stringMatching(/^GK\d{14}$/),
      unit: { id: requester.unit.id, name: requester.unit.name },
      superiorUnit: { id: superior.unit.id },
      previousSuperiorUnit: null,
      status: "SUBMITTED",
      canWithdraw: true,
      canDecide: false,
      requestedBy: { name: expect.stringMatching(/^测\*+$/) },
    });
    // The superior's administrator and handler are told by SMS, with the deadline.
    await expect.poll(() => smsCount(superior.admin.mobile, "AFFILIATION_REQUEST_SUBMITTED")).toBe(1);
    expect(await smsCount(superior.handler.mobile, "AFFILIATION_REQUEST_SUBMITTED")).toBe(1);

    // The requesting unit's profile shows its open request; the superior finds it among incoming ones.
    const profile = await call(requester.adminSession, `/api/units/${requester.unit.id}`);
    expect(profile.body.data.openAffiliationRequest).toMatchObject({ id: request.id, canWithdraw: true });
    const incoming = await call(
      superior.adminSession,
      `/api/units/${superior.unit.id}/affiliation-requests?direction=incoming&q=${encodeURIComponent(requester.unit.name.slice(0, 6))}`,
    );
    expect(incoming.body.total).toBe(1);
    expect(incoming.body.data[0]).toMatchObject({ id: request.id, canDecide: true, canWithdraw: false });
    expect(incoming.body.data[0].expiresAt).not.toBeNull();

    const lockBefore = await database.db.hierarchyLock.findUniqueOrThrow({ where: { id: 1 } });
    const approved = await decide(superior.adminSession, request.id, "APPROVE");
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body.data).toMatchObject({
      status: "APPROVED",
      canDecide: false,
      closedAt: expect.any(String),
    });
    expect(await parentOf(requester.unit.id)).toBe(superior.unit.id);
    const lockAfter = await database.db.hierarchyLock.findUniqueOrThrow({ where: { id: 1 } });
    expect(lockAfter.version).toBeGreaterThan(lockBefore.version);
    const after = await call(requester.adminSession, `/api/units/${requester.unit.id}`);
    expect(after.body.data.openAffiliationRequest).toBeNull();
    expect(after.body.data.parentUnit).toEqual({ id: superior.unit.id, name: superior.unit.name });

    // Both units' contact mobiles are told.
    for (const unit of [requester.unit, superior.unit]) {
      await expect.poll(() => smsCount(unit.contactMobile, "AFFILIATION_REQUEST_APPROVED")).toBe(1);
    }
    // Both units see the full history, with who decided (masked).
    for (const session of [requester.handlerSession, superior.handlerSession]) {
      const shown = await call(session, `/api/affiliation-requests/${request.id}`);
      expect(shown.status).toBe(200);
      expect(shown.body.data.history.map((e: { kind: string }) => e.kind)).toEqual(["SUBMITTED", "APPROVED"]);
      expect(shown.body.data.history[0]).toMatchObject({ actorRole: "APPLICANT", actorLabel: null });
      expect(shown.body.data.history[1]).toMatchObject({ actorRole: "UNIT_ADMIN" });
      expect(shown.body.data.history[1].actorLabel).toMatch(/^测\*+$/);
    }
    // The requester finds it among the requests they made (R25).
    const mine = await call(requester.handlerSession, "/api/me/requests");
    expect(mine.body.data).toEqual([
      expect.objectContaining({ type: "AFFILIATION_REQUEST", id: request.id, status: "APPROVED" }),
    ]);
    // R26: the decision in the superior's log, the change of superior in the unit's (which the
    // superior, now above it, reads too).
    const change = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "unit.superior-changed", targetId: requester.unit.id },
    });
    expect(change.unitId).toBe(requester.unit.id);
    expect(JSON.parse(change.before!)).toEqual({ parentUnitId: null });
    expect(JSON.parse(change.after!)).toMatchObject({ parentUnitId: superior.unit.id });
    expect(await auditActions(requester.adminSession, requester.unit.id)).toEqual(
      expect.arrayContaining([
        `unit.superior-changed:${requester.unit.id}`,
        `affiliation-request.submitted:${request.id}`,
      ]),
    );
    expect(await auditActions(superior.adminSession, superior.unit.id)).toEqual(
      expect.arrayContaining([
        `affiliation-request.decided:${request.id}`,
        `affiliation-request.submitted:${request.id}`,
      ]),
    );
    expect(await auditActions(superior.adminSession, requester.unit.id)).toContain(
      `unit.superior-changed:${requester.unit.id}`,
    );
    const task = await database.db.humanTask.findFirstOrThrow({
      where: { requestId: request.id, kind: AFFILIATION_TASK_KIND },
    });
    expect(task).toMatchObject({ status: "COMPLETED", outcome: "APPROVE", unitId: superior.unit.id });
    await recordFinished(request.id, "affiliation-request-approved");
  });

  it("R13 a rejection needs a reason; the rejected request changes nothing, and both units are told why", async () => {
    const requester = await staffedUnit();
    const superior = await staffedUnit();
    const request = await submitted(requester, superior);
    const noReason = await decide(superior.handlerSession, request.id, "REJECT");
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toMatchObject({ code: "DECISION_REASON_REQUIRED", field: "reason" });
    const rejected = await decide(superior.handlerSession, request.id, "REJECT", "非本系统下属单位");
    expect(rejected.status, rejected.text).toBe(200);
    expect(rejected.body.data).toMatchObject({ status: "REJECTED", decisionReason: "非本系统下属单位" });
    expect(await parentOf(requester.unit.id)).toBeNull();
    for (const unit of [requester.unit, superior.unit]) {
      await expect.poll(() => smsCount(unit.contactMobile, "AFFILIATION_REQUEST_REJECTED")).toBe(1);
    }
    const body = (
      await database.db.smsMessage.findFirstOrThrow({
        where: { mobile: requester.unit.contactMobile, template: "AFFILIATION_REQUEST_REJECTED" },
      })
    ).body;
    expect(body).toContain("非本系统下属单位");
    const shown = await call(requester.adminSession, `/api/affiliation-requests/${request.id}`);
    expect(shown.body.data.history.at(-1)).toMatchObject({ kind: "REJECTED", reason: "非本系统下属单位" });
    expect(shown.body.data.history.at(-1)).toMatchObject({ actorRole: "TITLE_HANDLER" });
    // The decision is in both units' logs: neither reads the other's.
    const decided = await database.db.auditEvent.findMany({
      where: { action: "affiliation-request.decided", targetId: request.id },
    });
    expect(decided.map((e) => e.unitId).sort()).toEqual([requester.unit.id, superior.unit.id].sort());
    // Stale: the request is closed now.
    const late = await decide(superior.adminSession, request.id, "APPROVE");
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("REQUEST_ALREADY_DECIDED");
    await recordFinished(request.id, "affiliation-request-rejected");
  });

  it("R13 the requesting unit withdraws; a decision or a second withdrawal afterwards is refused; the superior is told", async () => {
    const requester = await staffedUnit();
    const superior = await staffedUnit();
    const request = await submitted(requester, superior);
    // The superior's staff cannot withdraw another unit's request.
    const foreign = await call(superior.adminSession, `/api/affiliation-requests/${request.id}/withdraw`, {});
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe("FORBIDDEN_UNIT_SCOPE");
    const withdrawn = await call(requester.adminSession, `/api/affiliation-requests/${request.id}/withdraw`, {
      reason: "选错了主管部门",
    });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    expect(withdrawn.body.data).toMatchObject({ status: "WITHDRAWN", canWithdraw: false });
    const late = await decide(superior.adminSession, request.id, "APPROVE");
    expect(late.body.error.code).toBe("REQUEST_ALREADY_DECIDED");
    const again = await call(requester.adminSession, `/api/affiliation-requests/${request.id}/withdraw`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("REQUEST_CLOSED");
    const task = await database.db.humanTask.findFirstOrThrow({ where: { requestId: request.id } });
    expect(task).toMatchObject({ status: "CANCELLED", outcome: "WITHDRAWN" });
    await expect.poll(() => smsCount(superior.unit.contactMobile, "AFFILIATION_REQUEST_WITHDRAWN")).toBe(1);
    expect(await smsCount(requester.unit.contactMobile, "AFFILIATION_REQUEST_WITHDRAWN")).toBe(0);
    const shown = await call(superior.adminSession, `/api/affiliation-requests/${request.id}`);
    expect(shown.body.data.history.at(-1)).toMatchObject({ kind: "WITHDRAWN", reason: "选错了主管部门" });
    expect(shown.body.data.history.at(-1)).toMatchObject({ actorRole: "UNIT_ADMIN" });
    // A new request may follow at once (the workflow id, derived from the unit, is free again).
    const next = await ask(requester.adminSession, requester.unit.id, superior.unit.id);
    expect(next.status, next.text).toBe(201);
  });

  it("R13 an undecided request reminds the superior's deciders and then expires; both units are told", async () => {
    const requester = await staffedUnit();
    const superior = await staffedUnit();
    const response = await ask(requester.handlerSession, requester.unit.id, superior.unit.id, quick.app);
    expect(response.status, response.text).toBe(201);
    const request = response.body.data;
    await expect
      .poll(() => historyKinds(request.id), { timeout: 15_000, interval: 250 })
      .toEqual(["SUBMITTED", "REMINDED", "EXPIRED"]);
    expect(await requestStatus(request.id)).toBe("EXPIRED");
    expect(await smsCount(superior.admin.mobile, "AFFILIATION_REQUEST_REMINDER")).toBe(1);
    expect(await smsCount(superior.handler.mobile, "AFFILIATION_REQUEST_REMINDER")).toBe(1);
    for (const unit of [requester.unit, superior.unit]) {
      await expect.poll(() => smsCount(unit.contactMobile, "AFFILIATION_REQUEST_EXPIRED")).toBe(1);
    }
    const task = await database.db.humanTask.findFirstOrThrow({ where: { requestId: request.id } });
    expect(task).toMatchObject({ status: "CANCELLED", outcome: "EXPIRED" });
    expect(task.remindedAt).not.toBeNull();
    expect(await parentOf(requester.unit.id)).toBeNull();
    await recordFinished(request.id, "affiliation-request-expired");
    const late = await decide(superior.adminSession, request.id, "APPROVE");
    expect(late.body.error.code).toBe("REQUEST_ALREADY_DECIDED");
  });

  it("R13 a cycle is refused at submission: neither the unit itself nor a unit below it, and candidates never offer them", async () => {
    const top = await staffedUnit();
    const middle = await staffedUnit();
    const bottom = await staffedUnit();
    const stranger = await staffedUnit();
    await database.db.unit.update({ where: { id: middle.unit.id }, data: { parentUnitId: top.unit.id } });
    await database.db.unit.update({ where: { id: bottom.unit.id }, data: { parentUnitId: middle.unit.id } });
    for (const target of [top.unit, bottom.unit, middle.unit]) {
      const refused = await ask(top.adminSession, top.unit.id, target.id);
      expect(refused.status, target.name).toBe(409);
      expect(refused.body.error).toMatchObject({
        code: "AFFILIATION_CYCLE",
        field: "superiorUnitId",
        details: { rule: "R13", remedy: { "zh-CN": expect.any(String), en: expect.any(String) } },
      });
    }
    expect(await database.db.affiliationRequest.count({ where: { unitId: top.unit.id } })).toBe(0);
    const same = await ask(bottom.adminSession, bottom.unit.id, middle.unit.id);
    expect(same.body.error).toMatchObject({ code: "AFFILIATION_SAME_SUPERIOR", details: { rule: "R13" } });

    // 主管部门更改 offers neither the unit nor what is below it, by name or by USCC.
    const candidates = async (q: string) =>
      (
        await call(
          top.handlerSession,
          `/api/units/${top.unit.id}/superior-candidates?q=${encodeURIComponent(q)}`,
        )
      ).body.data.map((u: { id: string }) => u.id);
    const byName = await candidates("测试单位");
    expect(byName).not.toContain(top.unit.id);
    expect(byName).not.toContain(middle.unit.id);
    expect(byName).not.toContain(bottom.unit.id);
    expect(await candidates(bottom.unit.uscc!)).toEqual([]);
    expect(await candidates(stranger.unit.uscc!)).toEqual([stranger.unit.id]);
    expect(await candidates(stranger.unit.name)).toContain(stranger.unit.id);
    await database.db.unit.update({ where: { id: stranger.unit.id }, data: { status: "DISABLED" } });
    expect(await candidates(stranger.unit.uscc!)).toEqual([]);
    const disabled = await ask(top.adminSession, top.unit.id, stranger.unit.id);
    expect(disabled.body.error.code).toBe("UNIT_NOT_FOUND");
  });

  it("R13 an approval that would close a cycle is refused: not applied, the task reopens, the request stays open and may be rejected", async () => {
    const a = await staffedUnit();
    const b = await staffedUnit();
    const aUnderB = await submitted(a, b);
    // Meanwhile B asks to be under A, and A approves.
    const bUnderA = await submitted(b, a);
    expect((await decide(a.adminSession, bUnderA.id, "APPROVE")).status).toBe(200);
    expect(await parentOf(b.unit.id)).toBe(a.unit.id);

    const refused = await decide(b.adminSession, aUnderB.id, "APPROVE");
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: "AFFILIATION_CYCLE",
      details: { rule: "R13", remedy: { "zh-CN": expect.stringContaining("驳回") } },
    });
    expect(await parentOf(a.unit.id)).toBeNull();
    expect(await requestStatus(aUnderB.id)).toBe("SUBMITTED");
    const task = await database.db.humanTask.findFirstOrThrow({ where: { requestId: aUnderB.id } });
    expect(task).toMatchObject({ status: "OPEN", outcome: null, decisionKey: null });
    expect(await historyKinds(aUnderB.id)).toEqual(["SUBMITTED", "APPROVAL_NOT_APPLICABLE"]);
    const shown = await call(a.handlerSession, `/api/affiliation-requests/${aUnderB.id}`);
    expect(shown.body.data).toMatchObject({ status: "SUBMITTED", canWithdraw: true });
    expect(shown.body.data.history[1]).toMatchObject({
      detail: "AFFILIATION_CYCLE",
      reason: expect.any(String),
    });

    // The same approval again is refused again (no stale answer, no effect); a rejection closes it.
    const again = await decide(b.adminSession, aUnderB.id, "APPROVE");
    expect(again.body.error.code).toBe("AFFILIATION_CYCLE");
    const rejected = await decide(b.adminSession, aUnderB.id, "REJECT", "本单位已是申请单位的下级单位");
    expect(rejected.status, rejected.text).toBe(200);
    expect(await parentOf(a.unit.id)).toBeNull();
    expect(await historyKinds(aUnderB.id)).toEqual([
      "SUBMITTED",
      "APPROVAL_NOT_APPLICABLE",
      "APPROVAL_NOT_APPLICABLE",
      "REJECTED",
    ]);
    await recordFinished(aUnderB.id, "affiliation-request-cycle-refused");
  });

  it("R13 two opposite requests (A under B, B under A) approved at the same moment: exactly one is applied, the hierarchy stays acyclic", async () => {
    const pairs = await Promise.all(
      [1, 2, 3].map(async () => {
        const a = await staffedUnit();
        const b = await staffedUnit();
        return { a, b, aUnderB: await submitted(a, b), bUnderA: await submitted(b, a) };
      }),
    );
    const results = await Promise.all(
      pairs.map(({ a, b, aUnderB, bUnderA }) =>
        Promise.all([
          decide(b.adminSession, aUnderB.id, "APPROVE"),
          decide(a.adminSession, bUnderA.id, "APPROVE"),
        ]),
      ),
    );
    for (const [index, { a, b, aUnderB, bUnderA }] of pairs.entries()) {
      const answers = results[index]!;
      expect(answers.map((r) => r.status).sort(), JSON.stringify(answers.map((r) => r.body))).toEqual([
        200, 409,
      ]);
      expect(answers.find((r) => r.status === 409)!.body.error.code).toBe("AFFILIATION_CYCLE");
      const parents = [await parentOf(a.unit.id), await parentOf(b.unit.id)];
      expect(parents.filter((p) => p !== null)).toHaveLength(1);
      const statuses = [await requestStatus(aUnderB.id), await requestStatus(bUnderA.id)].sort();
      expect(statuses).toEqual(["APPROVED", "SUBMITTED"]);
    }
  });

  it("R13 a change of superior is a new request: the old superior stays until the new one approves, and is told in its log", async () => {
    const unit = await staffedUnit();
    const oldSuperior = await staffedUnit();
    const newSuperior = await staffedUnit();
    const first = await submitted(unit, oldSuperior);
    await decide(oldSuperior.adminSession, first.id, "APPROVE");
    expect(await parentOf(unit.unit.id)).toBe(oldSuperior.unit.id);

    const change = await submitted(unit, newSuperior);
    expect(change.previousSuperiorUnit).toEqual({ id: oldSuperior.unit.id, name: oldSuperior.unit.name });
    expect(await parentOf(unit.unit.id)).toBe(oldSuperior.unit.id);
    // One open request per unit: another one waits until this one is settled.
    const second = await ask(unit.adminSession, unit.unit.id, newSuperior.unit.id);
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({
      code: "AFFILIATION_REQUEST_OPEN",
      details: {
        requestNumber: change.requestNumber,
        rule: "R13",
        remedy: { en: expect.stringContaining("withdraw") },
      },
    });
    const approved = await decide(newSuperior.handlerSession, change.id, "APPROVE");
    expect(approved.status, approved.text).toBe(200);
    expect(await parentOf(unit.unit.id)).toBe(newSuperior.unit.id);
    const changes = await database.db.auditEvent.findMany({
      where: { action: "unit.superior-changed", targetId: unit.unit.id },
      orderBy: { sequence: "asc" },
    });
    const last = changes.filter((e) => e.after?.includes(change.id));
    expect(last.map((e) => e.unitId).sort()).toEqual([unit.unit.id, oldSuperior.unit.id].sort());
    expect(JSON.parse(last[0]!.before!)).toEqual({ parentUnitId: oldSuperior.unit.id });
    // The old superior's administrator reads that its subordinate left.
    expect(await auditActions(oldSuperior.adminSession, oldSuperior.unit.id)).toContain(
      `unit.superior-changed:${unit.unit.id}`,
    );
  });

  it("R12 R13 only the superior's administrator or handlers in real-person sessions decide; the requesting unit and a third unit are refused", async () => {
    const superior = await staffedUnit();
    const third = await staffedUnit();
    // The requesting unit has a unit login (password) and a handler bound to it.
    const login = await unitWithLogin(built.app, database.db, {
      uscc: makeUscc("91", "520103", "MA7L0G1N"),
      name: `登录单位${randomUUID().slice(0, 8)}`,
      contactMobile: "13512345678",
    });
    const handler = await createPerson(database.db, { unitId: login.unit.id, role: "TITLE_HANDLER" });
    const handlerQr = await qrLogin(built.app, handler.idNumber);
    const requester = { unit: login.unit, handlerSession: handlerQr } as unknown as Staffed;

    // The unit login may not ask (R6): a personal real-person session does.
    const byUnitLogin = await ask(login.jar, login.unit.id, superior.unit.id);
    expect(byUnitLogin.status).toBe(403);
    expect(byUnitLogin.body.error.code).toBe("UNIT_SESSION_NOT_ALLOWED");
    const byStranger = await ask(third.adminSession, login.unit.id, superior.unit.id);
    expect(byStranger.status).toBe(403);
    expect(byStranger.body.error.code).toBe("FORBIDDEN_UNIT_SCOPE");
    const request = await submitted(requester, superior);

    const asUnit = await decide(login.jar, request.id, "APPROVE");
    expect(asUnit.body.error.code).toBe("UNIT_SESSION_NOT_ALLOWED");
    const asRequester = await decide(handlerQr, request.id, "APPROVE");
    expect(asRequester.status).toBe(403);
    expect(asRequester.body.error.code).toBe("FORBIDDEN_UNIT_SCOPE");
    const asThird = await decide(third.adminSession, request.id, "APPROVE");
    expect(asThird.status).toBe(404);
    expect(asThird.body.error.code).toBe("AFFILIATION_REQUEST_NOT_FOUND");
    expect((await call(third.adminSession, `/api/affiliation-requests/${request.id}`)).status).toBe(404);
    const thirdList = await call(
      third.adminSession,
      `/api/units/${superior.unit.id}/affiliation-requests?direction=incoming`,
    );
    expect(thirdList.body.error.code).toBe("FORBIDDEN_UNIT_SCOPE");
    const password = await passwordLogin(built.app, superior.handler.idNumber);
    const asPassword = await decide(password, request.id, "APPROVE");
    expect(asPassword.status).toBe(403);
    expect(asPassword.body.error.code).toBe("REAL_PERSON_SESSION_REQUIRED");
    const readByPassword = await call(password, `/api/affiliation-requests/${request.id}`);
    expect(readByPassword.body.error.code).toBe("REAL_PERSON_SESSION_REQUIRED");

    // The workflow's validator refuses the same, whatever the API let through.
    const handle = built.temporal.workflow.getHandle(
      (await database.db.affiliationRequest.findUniqueOrThrow({ where: { id: request.id } })).workflowId,
    );
    const update = (deciderRoles: { role: string; unitId: string }[], strength: "PASSWORD" | "REAL_PERSON") =>
      handle.executeUpdate(decideAffiliationRequest, {
        args: [{ requestId: request.id, decision: "APPROVE", deciderId: handler.id, deciderRoles, strength }],
      });
    const byRequester = update([{ role: "TITLE_HANDLER", unitId: login.unit.id }], "REAL_PERSON");
    await expect(byRequester).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(byRequester).rejects.toMatchObject({ cause: { type: "NOT_A_UNIT_DECIDER" } });
    const byPassword = update([{ role: "TITLE_HANDLER", unitId: superior.unit.id }], "PASSWORD");
    await expect(byPassword).rejects.toMatchObject({ cause: { type: "REAL_PERSON_REQUIRED" } });
    expect(await requestStatus(request.id)).toBe("SUBMITTED");

    // The workbench: the superior's staff see the task with the request's facts and decide there.
    expect(
      (await call(handlerQr, `/api/tasks?kind=${AFFILIATION_TASK_KIND}`)).body.data.map(
        (t: { requestId: string }) => t.requestId,
      ),
    ).not.toContain(request.id);
    const listed = await call(superior.handlerSession, `/api/tasks?kind=${AFFILIATION_TASK_KIND}`);
    const task = listed.body.data.find((t: { requestId: string }) => t.requestId === request.id);
    const shown = await call(superior.handlerSession, `/api/tasks/${task.id}`);
    expect(shown.body.data.affiliationRequest).toMatchObject({
      requestNumber: request.requestNumber,
      unit: { id: login.unit.id, uscc: login.unit.uscc, regionName: expect.any(String) },
      superiorUnit: { id: superior.unit.id },
      previousSuperiorUnit: null,
      history: [expect.objectContaining({ kind: "SUBMITTED" })],
    });
    const decided = await call(superior.handlerSession, `/api/tasks/${task.id}/decision`, {
      decision: "APPROVE",
    });
    expect(decided.status, decided.text).toBe(200);
    expect(decided.body.data).toMatchObject({ status: "COMPLETED", outcome: "APPROVE" });
    expect(await parentOf(login.unit.id)).toBe(superior.unit.id);
    // Stale: deciding the finished task again is refused; a retry with the same key gets its outcome.
    const retried = await call(superior.handlerSession, `/api/tasks/${task.id}/decision`, {
      decision: "APPROVE",
    });
    expect(retried.status).toBe(200);
    const other = await decide(superior.adminSession, request.id, "REJECT", "晚了");
    expect(other.body.error.code).toBe("REQUEST_ALREADY_DECIDED");
    const withdrawLate = await call(handlerQr, `/api/affiliation-requests/${request.id}/withdraw`, {});
    expect(withdrawLate.body.error.code).toBe("REQUEST_CLOSED");
  });

  it("R13 a retried submission (same submissionId) finds its request; another unit cannot reuse the id", async () => {
    const requester = await staffedUnit();
    const superior = await staffedUnit();
    const other = await staffedUnit();
    const body = { superiorUnitId: superior.unit.id, submissionId: randomUUID() };
    const path = `/api/units/${requester.unit.id}/affiliation-requests`;
    const [once, twice] = await Promise.all([
      call(requester.adminSession, path, body),
      call(requester.handlerSession, path, body),
    ]);
    expect([once.status, twice.status], once.text + twice.text).toEqual([201, 201]);
    expect(twice.body.data.id).toBe(once.body.data.id);
    const foreign = await call(other.adminSession, `/api/units/${other.unit.id}/affiliation-requests`, body);
    expect(foreign.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "submissionId" });
    const unknown = await ask(requester.adminSession, requester.unit.id, randomUUID());
    expect(unknown.body.error).toMatchObject({ code: "UNIT_NOT_FOUND", field: "superiorUnitId" });
  });
});
