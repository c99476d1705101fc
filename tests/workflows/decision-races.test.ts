// Issue 14: the database is the arbiter of a request's outcome. A workflow task retried after its
// local steps were written may take another path than the attempt that wrote them (its completion was
// refused for a new Update, or its worker died); its closing step then finds the request closed and the
// workflow adopts what is stored. Provoked here on the real Temporal dev server by writing the stored
// outcome into the database before the other path's step runs, as the first attempt would have; then
// decisions raced against withdrawals and expiries, many rounds, each checked end to end.
import { randomUUID } from "node:crypto";
import { WorkflowUpdateFailedError } from "@temporalio/client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { recordRequestEvent } from "../../activities/request.activities.js";
import { answerAppliedDecision, answerAppliedWithdrawal } from "../../api/workflow-calls.js";
import { AppError } from "../../domain/errors.js";
import {
  AFFILIATION_TASK_KIND,
  affiliationRequestStatus,
  BINDING_TASK_KIND,
  bindingRequestStatus,
  decideAffiliationRequest,
  decideBindingRequest,
  withdrawBindingRequest,
} from "../../workflows/contracts.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { recordHistory } from "../support/histories.js";
import { createPerson, createUnit, passwordLogin, realPersonSession } from "../support/people.js";
import { postJson } from "../support/registration.js";
import { type RunningWorker, startTestWorker } from "../support/worker.js";

/** Rounds of each race (RACE_ROUNDS overrides; the cluster run uses the default). */
const ROUNDS = Number(process.env.RACE_ROUNDS ?? 30);
/** A race's time budget: about 4 s a round on a loaded cluster, never less than the project's. */
const RACE_TIMEOUT = Math.max(90_000, ROUNDS * 4_000);

let database: TestDatabase;
let worker: RunningWorker;
let built: ReturnType<typeof createTestApp>;
/** Same worker and task queue; binding requests expire after 4 s, with a reminder 2 s before. */
let quick: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  const address = inject("temporalAddress");
  const env = { TEMPORAL_TASK_QUEUE: `decision-races-${randomUUID()}` };
  built = createTestApp(database, { temporalAddress: address, env });
  quick = createTestApp(database, {
    temporalAddress: address,
    env: { ...env, BINDING_REQUEST_EXPIRY_SECONDS: "4", BINDING_REQUEST_REMINDER_SECONDS: "2" },
  });
  worker = await startTestWorker({ database, config: built.config, ports: built.ports });
});
afterAll(async () => {
  await worker.stop();
  await database.close();
});

type Session = { headers(extra?: Record<string, string>): Record<string, string> };

async function call(session: Session, path: string, body: unknown, app = built.app) {
  const response = await postJson(app, path, body, session.headers());
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, text };
}

async function bindingUnit() {
  const unit = await createUnit(database.db);
  const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
  return { unit, admin, adminSession: await realPersonSession(database.db, admin.id) };
}

/** A person's binding request, once its workflow has opened the unit's task. */
async function bindingRequestOf(unitName: string, app = built.app) {
  const person = await createPerson(database.db);
  const session = await passwordLogin(built.app, person.idNumber);
  const response = await call(
    session,
    "/api/binding-requests",
    { unitName, pledgeAccepted: true, submissionId: randomUUID() },
    app,
  );
  expect(response.status, response.text).toBe(201);
  const request = response.body.data as { id: string };
  await expect
    .poll(async () => (await database.db.humanTask.findFirst({ where: { requestId: request.id } }))?.status)
    .toBe("OPEN");
  const { workflowId } = await database.db.bindingRequest.findUniqueOrThrow({ where: { id: request.id } });
  return { person, session, request, handle: built.temporal.workflow.getHandle(workflowId) };
}

const eventKinds = async (requestId: string) =>
  (await database.db.requestEvent.findMany({ where: { requestId }, orderBy: { sequence: "asc" } })).map(
    (e) => e.kind,
  );
const taskOf = (requestId: string) => database.db.humanTask.findFirstOrThrow({ where: { requestId } });
const smsTo = (mobile: string, template: string) =>
  database.db.smsMessage.count({ where: { mobile, template } });

/** What an earlier attempt of the workflow task wrote: the request closed, its task closed to match. */
async function storeBindingOutcome(
  requestId: string,
  outcome: { status: "WITHDRAWN" } | { status: "APPROVED" | "REJECTED"; deciderId: string; key: string },
) {
  const decided = outcome.status !== "WITHDRAWN";
  await database.db.bindingRequest.update({
    where: { id: requestId },
    data: {
      status: outcome.status,
      openPersonId: null,
      closedAt: new Date(),
      decidedById: decided ? outcome.deciderId : null,
      decisionReason: outcome.status === "REJECTED" ? "不是本单位职工" : null,
    },
  });
  await database.db.humanTask.updateMany({
    where: { requestId },
    data: decided
      ? {
          status: "COMPLETED",
          open: false,
          outcome: outcome.status === "APPROVED" ? "APPROVE" : "REJECT",
          decidedById: outcome.deciderId,
          decisionKey: outcome.key,
          completedAt: new Date(),
        }
      : { status: "CANCELLED", open: false, outcome: "WITHDRAWN", completedAt: new Date() },
  });
}

const bindingDecision = (requestId: string, unitId: string, deciderId: string) => ({
  requestId,
  decision: "APPROVE" as const,
  deciderId,
  deciderRole: "UNIT_ADMIN",
  deciderLabel: "张*",
  deciderRoles: [{ role: "UNIT_ADMIN", unitId }],
  strength: "REAL_PERSON" as const,
});

/**
 * An affiliation request whose workflow opened the superior's task, then closed as an earlier attempt
 * of the requester's withdrawal leaves it (request WITHDRAWN, task cancelled) before the workflow knows.
 */
async function affiliationRequestWithdrawnUnderneath() {
  const requester = await bindingUnit();
  const superior = await bindingUnit();
  const submitted = await call(
    requester.adminSession,
    `/api/units/${requester.unit.id}/affiliation-requests`,
    {
      superiorUnitId: superior.unit.id,
      submissionId: randomUUID(),
    },
  );
  expect(submitted.status, submitted.text).toBe(201);
  const requestId = submitted.body.data.id as string;
  await expect
    .poll(async () => (await database.db.humanTask.findFirst({ where: { requestId } }))?.status)
    .toBe("OPEN");
  const { workflowId } = await database.db.affiliationRequest.findUniqueOrThrow({
    where: { id: requestId },
  });
  const handle = built.temporal.workflow.getHandle(workflowId);
  await database.db.affiliationRequest.update({
    where: { id: requestId },
    data: { status: "WITHDRAWN", openUnitId: null, closedAt: new Date() },
  });
  await database.db.humanTask.updateMany({
    where: { requestId },
    data: { status: "CANCELLED", open: false, outcome: "WITHDRAWN", completedAt: new Date() },
  });
  return { requester, superior, requestId, handle };
}

describe("Issue 14 the adopt rule: a binding request's workflow takes the outcome the database stored (R16)", () => {
  it("Issue 14 an approval whose step finds the request withdrawn is refused as already decided; the workflow ends WITHDRAWN, no one is bound", async () => {
    const { unit, admin } = await bindingUnit();
    const { person, request, handle } = await bindingRequestOf(unit.name);
    await storeBindingOutcome(request.id, { status: "WITHDRAWN" });
    const update = handle.executeUpdate(decideBindingRequest, {
      updateId: `decision:${admin.id}:${request.id}:APPROVE`,
      args: [bindingDecision(request.id, unit.id, admin.id)],
    });
    await expect(update).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(update).rejects.toMatchObject({ cause: { type: "NOT_IN_REVIEW" } });
    expect(await handle.result()).toBe("WITHDRAWN");
    expect((await handle.query(bindingRequestStatus)).state).toBe("WITHDRAWN");
    expect(await taskOf(request.id)).toMatchObject({
      status: "CANCELLED",
      outcome: "WITHDRAWN",
      decisionKey: null,
    });
    expect(await eventKinds(request.id)).toEqual(["SUBMITTED", "WITHDRAWN"]);
    expect(await database.db.binding.count({ where: { personId: person.id, unitId: unit.id } })).toBe(0);
    expect(await smsTo(person.mobile, "BINDING_REQUEST_APPROVED")).toBe(0);
  });

  it("Issue 14 a withdrawal whose step finds the request approved by a colleague adopts the approval (and its notice); the withdrawer is answered REQUEST_CLOSED", async () => {
    const { unit, admin } = await bindingUnit();
    const { person, request, handle, session } = await bindingRequestOf(unit.name);
    const key = `decision:${admin.id}:${request.id}:APPROVE`;
    await storeBindingOutcome(request.id, { status: "APPROVED", deciderId: admin.id, key });
    const answer = await handle.executeUpdate(withdrawBindingRequest, {
      args: [{ requestId: request.id, personId: person.id }],
    });
    expect(answer).toBe("APPROVED");
    expect(await handle.result()).toBe("APPROVED");
    expect(await taskOf(request.id)).toMatchObject({
      status: "COMPLETED",
      outcome: "APPROVE",
      decisionKey: key,
    });
    expect(await eventKinds(request.id)).toEqual(["SUBMITTED", "APPROVED"]);
    expect(await smsTo(person.mobile, "BINDING_REQUEST_APPROVED")).toBe(1);
    // The caller's answer through the API (the request is closed): not a withdrawal.
    const late = await call(session, `/api/binding-requests/${request.id}/withdraw`, {});
    expect(late.body.error.code).toBe("REQUEST_CLOSED");
  });

  it("Issue 14 the same decision retried (same key) after its steps were stored counts as applied", async () => {
    const { unit, admin } = await bindingUnit();
    const { request, handle } = await bindingRequestOf(unit.name);
    const key = `decision:${admin.id}:${request.id}:APPROVE`;
    await storeBindingOutcome(request.id, { status: "APPROVED", deciderId: admin.id, key });
    const answer = await handle.executeUpdate(decideBindingRequest, {
      updateId: key,
      args: [bindingDecision(request.id, unit.id, admin.id)],
    });
    expect(answer).toBe("APPROVED");
    expect(await handle.result()).toBe("APPROVED");
    expect(await eventKinds(request.id)).toEqual(["SUBMITTED", "APPROVED"]);
  });

  it("Issue 14 a colleague's decision stored under another key: this decision is refused, the colleague's stands", async () => {
    const { unit, admin } = await bindingUnit();
    const colleague = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
    const { request, handle } = await bindingRequestOf(unit.name);
    const key = `decision:${colleague.id}:${request.id}:APPROVE`;
    await storeBindingOutcome(request.id, { status: "APPROVED", deciderId: colleague.id, key });
    const update = handle.executeUpdate(decideBindingRequest, {
      updateId: `decision:${admin.id}:${request.id}:APPROVE`,
      args: [bindingDecision(request.id, unit.id, admin.id)],
    });
    await expect(update).rejects.toMatchObject({ cause: { type: "NOT_IN_REVIEW" } });
    expect(await handle.result()).toBe("APPROVED");
    expect(await taskOf(request.id)).toMatchObject({ decidedById: colleague.id, decisionKey: key });
  });

  it("Issue 14 an expiry whose step finds the request rejected adopts the rejection and sends its notice, not the expiry's", async () => {
    const { unit, admin } = await bindingUnit();
    const { person, request, handle } = await bindingRequestOf(unit.name, quick.app);
    const key = `decision:${admin.id}:${request.id}:REJECT`;
    await storeBindingOutcome(request.id, { status: "REJECTED", deciderId: admin.id, key });
    expect(await handle.result()).toBe("REJECTED");
    expect(await eventKinds(request.id)).toEqual(["SUBMITTED", "REMINDED", "REJECTED"]);
    expect(await taskOf(request.id)).toMatchObject({
      status: "COMPLETED",
      outcome: "REJECT",
      decisionKey: key,
    });
    expect(await smsTo(person.mobile, "BINDING_REQUEST_REJECTED")).toBe(1);
    expect(await smsTo(person.mobile, "BINDING_REQUEST_EXPIRED")).toBe(0);
  });
});

describe("Issue 14 the adopt rule: an affiliation request's workflow takes the outcome the database stored (R13)", () => {
  it("Issue 14 an approval whose step finds the request withdrawn is refused as already decided, never as a cycle: the task stays cancelled, the workflow ends WITHDRAWN", async () => {
    const { requester, superior, requestId, handle } = await affiliationRequestWithdrawnUnderneath();
    const update = handle.executeUpdate(decideAffiliationRequest, {
      updateId: `decision:${superior.admin.id}:${requestId}:APPROVE`,
      args: [bindingDecision(requestId, superior.unit.id, superior.admin.id)],
    });
    await expect(update).rejects.toMatchObject({ cause: { type: "NOT_IN_REVIEW" } });
    expect(await handle.result()).toBe("WITHDRAWN");
    expect(await taskOf(requestId)).toMatchObject({ status: "CANCELLED", open: false, outcome: "WITHDRAWN" });
    expect(await eventKinds(requestId)).toEqual(["SUBMITTED", "WITHDRAWN"]);
    expect(
      (await database.db.unit.findUniqueOrThrow({ where: { id: requester.unit.id } })).parentUnitId,
    ).toBeNull();
    expect(await smsTo(superior.unit.contactMobile, "AFFILIATION_REQUEST_WITHDRAWN")).toBe(1);
  });
});

describe("Issue 14 race gap (d): an adopted outcome's timeline entry shows the decider the database stored (R25)", () => {
  /** The entry the other path's attempt stored at `sequence`, as recordRequestEvent writes it. */
  async function storeEntry(
    requestType: "BINDING_REQUEST" | "AFFILIATION_REQUEST",
    requestId: string,
    sequence: number,
    entry: { kind: string; actorId: string; actorRole: string; actorLabel: string; reason?: string },
  ) {
    await recordRequestEvent(database.db, {
      requestType,
      requestId,
      sequence,
      at: new Date().toISOString(),
      ...entry,
    });
  }

  it("Issue 14 a binding request's withdrawal that adopts a colleague's stored approval: the status query names the colleague, as the APPROVED row does", async () => {
    const { unit } = await bindingUnit();
    const colleague = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
    const { person, request, handle } = await bindingRequestOf(unit.name);
    const key = `decision:${colleague.id}:${request.id}:APPROVE`;
    await storeBindingOutcome(request.id, { status: "APPROVED", deciderId: colleague.id, key });
    const approvedEntry = { actorId: colleague.id, actorRole: "TITLE_HANDLER", actorLabel: "李*" };
    await storeEntry("BINDING_REQUEST", request.id, 2, { kind: "APPROVED", ...approvedEntry });
    const answer = await handle.executeUpdate(withdrawBindingRequest, {
      args: [{ requestId: request.id, personId: person.id }],
    });
    expect(answer).toBe("APPROVED");
    expect(await handle.result()).toBe("APPROVED");
    const { history } = await handle.query(bindingRequestStatus);
    expect(history.map((e) => e.kind)).toEqual(["SUBMITTED", "APPROVED"]);
    expect(history[1]).toMatchObject({ kind: "APPROVED", ...approvedEntry });
    expect(await eventKinds(request.id)).toEqual(["SUBMITTED", "APPROVED"]);
    // Its timeline step answered the stored entry: the saved history replays with that result.
    await recordHistory(handle, "binding-request-withdrawal-adopts-stored-entry");
  });

  it("Issue 14 a binding decision whose step adopts a colleague's stored approval: the status query names the colleague, not the refused decider", async () => {
    const { unit, admin } = await bindingUnit();
    const colleague = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
    const { request, handle } = await bindingRequestOf(unit.name);
    const key = `decision:${colleague.id}:${request.id}:APPROVE`;
    await storeBindingOutcome(request.id, { status: "APPROVED", deciderId: colleague.id, key });
    const approvedEntry = { actorId: colleague.id, actorRole: "TITLE_HANDLER", actorLabel: "李*" };
    await storeEntry("BINDING_REQUEST", request.id, 2, { kind: "APPROVED", ...approvedEntry });
    const update = handle.executeUpdate(decideBindingRequest, {
      updateId: `decision:${admin.id}:${request.id}:APPROVE`,
      args: [bindingDecision(request.id, unit.id, admin.id)],
    });
    await expect(update).rejects.toMatchObject({ cause: { type: "NOT_IN_REVIEW" } });
    expect(await handle.result()).toBe("APPROVED");
    const { history } = await handle.query(bindingRequestStatus);
    expect(history.map((e) => e.kind)).toEqual(["SUBMITTED", "APPROVED"]);
    expect(history[1]).toMatchObject({ kind: "APPROVED", ...approvedEntry });
    expect(await eventKinds(request.id)).toEqual(["SUBMITTED", "APPROVED"]);
  });

  it("Issue 14 an affiliation request's approval that adopts the requester's stored withdrawal: the status query names the withdrawer and the reason, as the WITHDRAWN row does", async () => {
    const { requester, superior, requestId, handle } = await affiliationRequestWithdrawnUnderneath();
    const withdrawnEntry = {
      actorId: requester.admin.id,
      actorRole: "UNIT_ADMIN",
      actorLabel: "王*",
      reason: "提交错了",
    };
    await storeEntry("AFFILIATION_REQUEST", requestId, 2, { kind: "WITHDRAWN", ...withdrawnEntry });
    const update = handle.executeUpdate(decideAffiliationRequest, {
      updateId: `decision:${superior.admin.id}:${requestId}:APPROVE`,
      args: [bindingDecision(requestId, superior.unit.id, superior.admin.id)],
    });
    await expect(update).rejects.toMatchObject({ cause: { type: "NOT_IN_REVIEW" } });
    expect(await handle.result()).toBe("WITHDRAWN");
    const { history } = await handle.query(affiliationRequestStatus);
    expect(history.map((e) => e.kind)).toEqual(["SUBMITTED", "WITHDRAWN"]);
    expect(history[1]).toMatchObject({ kind: "WITHDRAWN", ...withdrawnEntry });
    expect(await eventKinds(requestId)).toEqual(["SUBMITTED", "WITHDRAWN"]);
  });
});

describe("Issue 14 the callers get the truth when their Update was refused although applied", () => {
  it("Issue 14 a decision refused as already decided whose key the task records answers its outcome; another key keeps the refusal", async () => {
    const { unit, admin } = await bindingUnit();
    const { request } = await bindingRequestOf(unit.name);
    const key = `decision:${admin.id}:${request.id}:APPROVE`;
    await storeBindingOutcome(request.id, { status: "APPROVED", deciderId: admin.id, key });
    const refused = () => Promise.reject(new AppError("REQUEST_ALREADY_DECIDED"));
    const task = { requestId: request.id, kind: BINDING_TASK_KIND };
    expect(await answerAppliedDecision({ db: database.db }, { ...task, key }, refused, "APPROVED")).toBe(
      "APPROVED",
    );
    await expect(
      answerAppliedDecision({ db: database.db }, { ...task, key: `${key}:other` }, refused, "APPROVED"),
    ).rejects.toMatchObject({ code: "REQUEST_ALREADY_DECIDED" });
    await expect(
      answerAppliedDecision(
        { db: database.db },
        { requestId: request.id, kind: AFFILIATION_TASK_KIND, key },
        refused,
        "APPROVED",
      ),
    ).rejects.toMatchObject({ code: "REQUEST_ALREADY_DECIDED" });
  });

  it("Issue 14 a withdrawal refused as closed while the stored status is WITHDRAWN answers as a withdrawal; any other stored status keeps REQUEST_CLOSED", async () => {
    const closed = () => Promise.reject(new AppError("REQUEST_CLOSED"));
    await expect(answerAppliedWithdrawal(closed, async () => "WITHDRAWN")).resolves.toBeUndefined();
    await expect(
      answerAppliedWithdrawal(
        async () => "EXPIRED",
        async () => "WITHDRAWN",
      ),
    ).resolves.toBeUndefined();
    await expect(answerAppliedWithdrawal(closed, async () => "APPROVED")).rejects.toMatchObject({
      code: "REQUEST_CLOSED",
    });
    await expect(
      answerAppliedWithdrawal(
        async () => "APPROVED",
        async () => "APPROVED",
      ),
    ).rejects.toMatchObject({
      code: "REQUEST_CLOSED",
    });
  });
});

/**
 * After a round: exactly one outcome, and the request row, task row, RequestEvent rows, the
 * workflow's state and result and the SMS outbox agree with it.
 */
async function expectBindingAgrees(
  round: {
    request: { id: string };
    person: { id: string; mobile: string };
    handle: ReturnType<typeof built.temporal.workflow.getHandle>;
  },
  unitId: string,
  before: string[],
) {
  const { request, person, handle } = round;
  const result = await handle.result();
  retriedTasks += await failedWorkflowTasks(handle);
  const row = await database.db.bindingRequest.findUniqueOrThrow({ where: { id: request.id } });
  const task = await taskOf(request.id);
  expect(row.status).toBe(result);
  expect(row.openPersonId).toBeNull();
  expect((await handle.query(bindingRequestStatus)).state).toBe(result);
  expect(await eventKinds(request.id)).toEqual([...before, result]);
  const bound = await database.db.binding.count({ where: { personId: person.id, unitId, endedAt: null } });
  const notices = {
    APPROVED: await smsTo(person.mobile, "BINDING_REQUEST_APPROVED"),
    REJECTED: await smsTo(person.mobile, "BINDING_REQUEST_REJECTED"),
    EXPIRED: await smsTo(person.mobile, "BINDING_REQUEST_EXPIRED"),
  };
  if (result === "APPROVED") {
    expect(task).toMatchObject({ status: "COMPLETED", open: false, outcome: "APPROVE" });
    expect(task.decisionKey).not.toBeNull();
    expect(bound).toBe(1);
    expect(notices).toEqual({ APPROVED: 1, REJECTED: 0, EXPIRED: 0 });
  } else {
    expect(task).toMatchObject({ status: "CANCELLED", open: false, outcome: result, decisionKey: null });
    expect(bound).toBe(0);
    expect(notices).toEqual({ APPROVED: 0, REJECTED: 0, EXPIRED: result === "EXPIRED" ? 1 : 0 });
  }
  return result;
}

describe("Issue 14 races: a decision against a withdrawal or the expiry, many rounds (R16)", () => {
  it(
    `Issue 14 R16 a decision and a withdrawal at the same moment (${ROUNDS} rounds): exactly one outcome; request, task, history, workflow and SMS agree; each caller is answered accordingly`,
    async () => {
      const { unit, adminSession } = await bindingUnit();
      const outcomes: string[] = [];
      for (let n = 0; n < ROUNDS; n++) {
        const round = await bindingRequestOf(unit.name);
        const [decided, withdrawn] = await Promise.all([
          call(adminSession, `/api/units/${unit.id}/binding-requests/decisions`, {
            requestIds: [round.request.id],
            decision: "APPROVE",
          }),
          // A few ms of head start for the decision in some rounds, so both sides win some.
          sleep((n % 6) * 6).then(() =>
            call(round.session, `/api/binding-requests/${round.request.id}/withdraw`, {}),
          ),
        ]);
        const verdict = decided.body.data[0];
        const result = await expectBindingAgrees(round, unit.id, ["SUBMITTED"]);
        outcomes.push(result);
        if (result === "APPROVED") {
          expect(verdict, decided.text).toMatchObject({ ok: true, state: "APPROVED" });
          expect(withdrawn.status, withdrawn.text).toBe(409);
          expect(withdrawn.body.error.code).toBe("REQUEST_CLOSED");
        } else {
          expect(result).toBe("WITHDRAWN");
          expect(verdict.ok, decided.text).toBe(false);
          expect(verdict.error.code).toBe("REQUEST_ALREADY_DECIDED");
          expect(withdrawn.status, withdrawn.text).toBe(200);
          expect(withdrawn.body.data.status).toBe("WITHDRAWN");
        }
      }
      console.info(`binding decision vs withdrawal, ${ROUNDS} rounds:`, countOf(outcomes), { retriedTasks });
    },
    RACE_TIMEOUT,
  );

  it(
    `Issue 14 R16 a decision at the moment the request expires (${ROUNDS} rounds, in batches): either applied and answered, or expired and the decider told; never both`,
    async () => {
      const { unit, adminSession } = await bindingUnit();
      const outcomes: string[] = [];
      const batch = 10;
      for (let first = 0; first < ROUNDS; first += batch) {
        const rounds = Array.from({ length: Math.min(batch, ROUNDS - first) }, (_, i) => first + i);
        const results = await Promise.all(
          rounds.map(async (n) => {
            const round = await bindingRequestOf(unit.name, quick.app);
            const { dueAt } = await taskOf(round.request.id);
            // Aim at the expiry: a little before, at, and after it.
            const aim = dueAt!.getTime() + [-100, 0, 60, 150, 300][n % 5]!;
            await sleep(Math.max(0, aim - Date.now()));
            const decided = await call(adminSession, `/api/units/${unit.id}/binding-requests/decisions`, {
              requestIds: [round.request.id],
              decision: "APPROVE",
            });
            const result = await expectBindingAgrees(round, unit.id, ["SUBMITTED", "REMINDED"]);
            const verdict = decided.body.data[0];
            if (result === "APPROVED")
              expect(verdict, decided.text).toMatchObject({ ok: true, state: "APPROVED" });
            else {
              expect(result).toBe("EXPIRED");
              expect(verdict.ok, decided.text).toBe(false);
              expect(verdict.error.code).toBe("REQUEST_ALREADY_DECIDED");
            }
            return result;
          }),
        );
        outcomes.push(...results);
      }
      console.info(`binding decision vs expiry, ${ROUNDS} rounds:`, countOf(outcomes), { retriedTasks });
    },
    RACE_TIMEOUT,
  );
});

/** Workflow tasks that failed and were retried in the races (e.g. a completion refused for a new Update). */
let retriedTasks = 0;

/** How many of a workflow's tasks failed (WorkflowTaskFailed events): each was retried from the last completed one. */
async function failedWorkflowTasks(handle: {
  fetchHistory(): Promise<{ events?: { workflowTaskFailedEventAttributes?: unknown }[] | null }>;
}) {
  const { events } = await handle.fetchHistory();
  return (events ?? []).filter((e) => e.workflowTaskFailedEventAttributes).length;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How many rounds ended in each outcome, for the log. */
function countOf(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
