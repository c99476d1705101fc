// R16 binding requests on the real Temporal dev server: one open request per person, the unit's
// administrator or handlers decide in real-person sessions (R12), expiry with a reminder,
// withdrawal, a change of unit that ends the old roles, and the person's history (R25).
import { randomUUID } from "node:crypto";
import { WorkflowUpdateFailedError } from "@temporalio/client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { BINDING_TASK_KIND, decideBindingRequest } from "../../workflows/contracts.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { recordHistory } from "../support/histories.js";
import { createPerson, createUnit, passwordLogin, qrLogin, realPersonSession } from "../support/people.js";
import { postJson } from "../support/registration.js";
import { type RunningWorker, startTestWorker } from "../support/worker.js";

let database: TestDatabase;
let worker: RunningWorker;
let built: ReturnType<typeof createTestApp>;
/** Same worker and task queue; requests expire after 4 s, with a reminder 2 s before. */
let quick: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  const address = inject("temporalAddress");
  const env = { TEMPORAL_TASK_QUEUE: `binding-${randomUUID()}` };
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

type Headers = { headers(extra?: Record<string, string>): Record<string, string> };

/** A unit with an administrator and a handler, both logged in by QR code (REAL_PERSON). */
async function staffedUnit() {
  const unit = await createUnit(database.db);
  const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
  const handler = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
  return {
    unit,
    admin,
    handler,
    adminSession: await qrLogin(built.app, admin.idNumber),
    handlerSession: await qrLogin(built.app, handler.idNumber),
  };
}

async function applicant(options: Parameters<typeof createPerson>[1] = {}) {
  const person = await createPerson(database.db, options);
  return { person, session: await passwordLogin(built.app, person.idNumber) };
}

async function ask(session: Headers, unitName: string, app = built.app) {
  return postJson(
    app,
    "/api/binding-requests",
    { unitName, pledgeAccepted: true, submissionId: randomUUID() },
    session.headers(),
  );
}

async function decide(
  session: Headers,
  unitId: string,
  requestIds: string[],
  decision: string,
  reason?: string,
) {
  const response = await postJson(
    built.app,
    `/api/units/${unitId}/binding-requests/decisions`,
    { requestIds, decision, reason },
    session.headers(),
  );
  return { status: response.status, body: await response.json() };
}

/** Saves the finished workflow's history for the replay test (RECORD_HISTORIES=1). */
async function recordFinished(requestId: string, name: string) {
  const { workflowId } = await database.db.bindingRequest.findUniqueOrThrow({ where: { id: requestId } });
  const handle = built.temporal.workflow.getHandle(workflowId);
  await handle.result();
  await recordHistory(handle, name);
}

async function requestState(id: string) {
  return (await database.db.bindingRequest.findUniqueOrThrow({ where: { id } })).status;
}

async function boundUnit(session: Headers) {
  const me = await (await built.app.request("/api/auth/me", { headers: session.headers() })).json();
  return me.data.unit?.name ?? null;
}

describe("R16 binding requests", () => {
  it("R16 an administrator in a real-person session accepts; the person is bound and told, with the history (R25)", async () => {
    const { unit, adminSession } = await staffedUnit();
    const { person, session } = await applicant();
    const submitted = await ask(session, unit.name);
    expect(submitted.status).toBe(201);
    const { data: request } = await submitted.json();
    expect(request).toMatchObject({ status: "SUBMITTED", unit: { id: unit.id } });

    // The unit's queue (新进账号管理) lists it with masked personal data.
    await expect
      .poll(async () => (await database.db.humanTask.findFirst({ where: { requestId: request.id } }))?.status)
      .toBe("OPEN");
    const incoming = await (
      await built.app.request(`/api/units/${unit.id}/binding-requests`, { headers: adminSession.headers() })
    ).json();
    expect(incoming.total).toBe(1);
    expect(incoming.data[0].person.idNumberMasked).not.toContain(person.idNumber.slice(6, 14));

    const { body } = await decide(adminSession, unit.id, [request.id], "APPROVE");
    expect(body.data[0]).toMatchObject({ ok: true, state: "APPROVED" });
    expect(await boundUnit(session)).toBe(unit.name);
    await expect
      .poll(() =>
        database.db.smsMessage.count({
          where: { mobile: person.mobile, template: "BINDING_REQUEST_APPROVED" },
        }),
      )
      .toBe(1);

    const mine = await (await built.app.request("/api/me/requests", { headers: session.headers() })).json();
    expect(mine.data[0]).toMatchObject({ status: "APPROVED", canWithdraw: false });
    const approved = mine.data[0].history.find((e: { kind: string }) => e.kind === "APPROVED");
    expect(approved.actorRole).toBe("UNIT_ADMIN");
    expect(approved.actorLabel).toMatch(/^\p{Script=Han}\*+$/u);
    expect(mine.data[0].history[0]).toMatchObject({ kind: "SUBMITTED", actorRole: "APPLICANT" });
    const task = await database.db.humanTask.findFirstOrThrow({
      where: { requestId: request.id, kind: BINDING_TASK_KIND },
    });
    expect(task).toMatchObject({ status: "COMPLETED", outcome: "APPROVE" });
    await recordFinished(request.id, "binding-request-approved");
  });

  it("R16 one open binding request per person: a second one is refused, even two at once", async () => {
    const first = await createUnit(database.db);
    const second = await createUnit(database.db);
    const { session } = await applicant();
    const results = await Promise.all([ask(session, first.name), ask(session, second.name)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = await results.find((r) => r.status === 409)!.json();
    expect(refused.error.code).toBe("BINDING_REQUEST_OPEN");
    const later = await ask(session, second.name);
    expect((await later.json()).error.code).toBe("BINDING_REQUEST_OPEN");
  });

  it("R16 a retried submission (same submissionId) finds its request instead of being refused", async () => {
    const unit = await createUnit(database.db);
    const { session } = await applicant();
    const body = { unitName: unit.name, pledgeAccepted: true, submissionId: randomUUID() };
    const once = await (await postJson(built.app, "/api/binding-requests", body, session.headers())).json();
    const again = await postJson(built.app, "/api/binding-requests", body, session.headers());
    expect(again.status).toBe(201);
    expect((await again.json()).data.id).toBe(once.data.id);
  });

  it("R16 a unit name that does not exist is refused with close names; nothing is created", async () => {
    const unit = await createUnit(database.db, "贵阳市云岩区示范软件有限公司");
    const { person, session } = await applicant();
    const response = await ask(session, "贵阳市云岩区示范软件公司");
    expect(response.status).toBe(404);
    const { error } = await response.json();
    expect(error).toMatchObject({ code: "UNIT_NAME_NOT_FOUND", field: "unitName" });
    expect(error.details.suggestions).toContain(unit.name);
    expect(await database.db.bindingRequest.count({ where: { personId: person.id } })).toBe(0);
    const suggestions = await (
      await built.app.request(`/api/units/name-suggestions?q=${encodeURIComponent("云岩区示范")}`, {
        headers: session.headers(),
      })
    ).json();
    expect(suggestions.data.map((u: { name: string }) => u.name)).toContain(unit.name);
  });

  it("R16 the pledge must be accepted, and a person already bound to the unit is told so", async () => {
    const unit = await createUnit(database.db);
    const { session } = await applicant({ unitId: unit.id });
    const noPledge = await postJson(
      built.app,
      "/api/binding-requests",
      { unitName: unit.name, pledgeAccepted: false, submissionId: randomUUID() },
      session.headers(),
    );
    expect((await noPledge.json()).error).toMatchObject({ code: "PLEDGE_REQUIRED", field: "pledgeAccepted" });
    expect((await (await ask(session, unit.name)).json()).error.code).toBe("ALREADY_BOUND_TO_UNIT");
  });

  it("R12 a handler in a password session cannot accept, at the API and in the workflow's validator", async () => {
    const { unit, handler } = await staffedUnit();
    const { session } = await applicant();
    const { data: request } = await (await ask(session, unit.name)).json();
    const passwordSession = await passwordLogin(built.app, handler.idNumber);
    const refused = await decide(passwordSession, unit.id, [request.id], "APPROVE");
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("REAL_PERSON_SESSION_REQUIRED");

    const workflowId = (await database.db.bindingRequest.findUniqueOrThrow({ where: { id: request.id } }))
      .workflowId;
    const update = built.temporal.workflow.getHandle(workflowId).executeUpdate(decideBindingRequest, {
      args: [
        {
          requestId: request.id,
          decision: "APPROVE",
          deciderId: handler.id,
          deciderRoles: [{ role: "TITLE_HANDLER", unitId: unit.id }],
          strength: "PASSWORD",
        },
      ],
    });
    await expect(update).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(update).rejects.toMatchObject({ cause: { type: "REAL_PERSON_REQUIRED" } });
    expect(await requestState(request.id)).toBe("SUBMITTED");
  });

  it("R16 another unit's administrator cannot decide", async () => {
    const { unit } = await staffedUnit();
    const other = await staffedUnit();
    const { session } = await applicant();
    const { data: request } = await (await ask(session, unit.name)).json();
    const foreign = await decide(other.adminSession, unit.id, [request.id], "APPROVE");
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe("FORBIDDEN_UNIT_SCOPE");
    const smuggled = await decide(other.adminSession, other.unit.id, [request.id], "APPROVE");
    expect(smuggled.body.data[0]).toMatchObject({ ok: false, error: { code: "BINDING_REQUEST_NOT_FOUND" } });
    expect(await requestState(request.id)).toBe("SUBMITTED");
  });

  it("R16 two handlers deciding the same request at once: exactly one decision wins, the other is told", async () => {
    const { unit, adminSession, handlerSession } = await staffedUnit();
    const { session } = await applicant();
    const { data: request } = await (await ask(session, unit.name)).json();
    const [a, b] = await Promise.all([
      decide(adminSession, unit.id, [request.id], "APPROVE"),
      decide(handlerSession, unit.id, [request.id], "REJECT", "不是本单位职工"),
    ]);
    const results = [a.body.data[0], b.body.data[0]];
    expect(
      results.filter((r) => r.ok),
      JSON.stringify([a, b]),
    ).toHaveLength(1);
    const loser = results.find((r) => !r.ok);
    // The workbench's claim rule: the winner's decision claimed the task, so the loser is told the
    // colleague holds it, or, once the decision is applied, that it is decided.
    expect(["TASK_CLAIMED_BY_OTHER", "REQUEST_ALREADY_DECIDED"]).toContain(loser.error.code);
    const winner = results.find((r) => r.ok);
    expect(await requestState(request.id)).toBe(winner.state);
    const events = await database.db.requestEvent.findMany({ where: { requestId: request.id } });
    expect(events.filter((e) => e.kind === "APPROVED" || e.kind === "REJECTED")).toHaveLength(1);
  });

  it("R16 accepting several at once, and a rejection needs a reason that the person sees (R25)", async () => {
    const { unit, handlerSession } = await staffedUnit();
    const people = await Promise.all([applicant(), applicant(), applicant()]);
    const ids: string[] = [];
    for (const p of people) ids.push((await (await ask(p.session, unit.name)).json()).data.id);
    const noReason = await decide(handlerSession, unit.id, [ids[2]!], "REJECT");
    expect(noReason.body.error).toMatchObject({ code: "DECISION_REASON_REQUIRED", field: "reason" });
    const rejected = await decide(handlerSession, unit.id, [ids[2]!], "REJECT", "查无此人");
    expect(rejected.body.data[0].ok).toBe(true);
    const batch = await decide(handlerSession, unit.id, ids.slice(0, 2), "APPROVE");
    expect(batch.body.data.map((r: { ok: boolean }) => r.ok)).toEqual([true, true]);
    expect(await boundUnit(people[0]!.session)).toBe(unit.name);
    expect(await boundUnit(people[1]!.session)).toBe(unit.name);
    const mine = await (
      await built.app.request("/api/me/requests", { headers: people[2]!.session.headers() })
    ).json();
    expect(mine.data[0]).toMatchObject({ status: "REJECTED", decisionReason: "查无此人" });
    expect(mine.data[0].history.at(-1)).toMatchObject({ kind: "REJECTED", reason: "查无此人" });
    expect(mine.data[0].history.at(-1)).toMatchObject({ actorRole: "TITLE_HANDLER" });
  });

  it("R16 a change of unit ends the old binding and the roles held there", async () => {
    const oldUnit = await createUnit(database.db);
    const { unit: newUnit, adminSession } = await staffedUnit();
    const { person, session } = await applicant({ unitId: oldUnit.id, role: "TITLE_HANDLER" });
    const { data: request } = await (await ask(session, newUnit.name)).json();
    await decide(adminSession, newUnit.id, [request.id], "APPROVE");
    const bindings = await database.db.binding.findMany({
      where: { personId: person.id },
      orderBy: { startedAt: "asc" },
    });
    expect(bindings).toHaveLength(2);
    expect(bindings[0]).toMatchObject({
      unitId: oldUnit.id,
      endReason: "CHANGED_UNIT",
      activePersonId: null,
    });
    expect(bindings[1]).toMatchObject({ unitId: newUnit.id, activePersonId: person.id });
    const roles = await database.db.roleBinding.findMany({ where: { personId: person.id } });
    expect(roles).toHaveLength(1);
    expect(roles[0]!.revokedAt).not.toBeNull();
    const me = await (await built.app.request("/api/auth/me", { headers: session.headers() })).json();
    expect(me.data.roles).toEqual([]);
    expect(me.data.unit.name).toBe(newUnit.name);
    const audit = await database.db.auditEvent.findFirst({
      where: { action: "binding.ended", unitId: oldUnit.id },
    });
    expect(audit?.after).toContain("CHANGED_UNIT");
  });

  it("R16 the person withdraws; a decision afterwards is refused and the task is cancelled", async () => {
    const { unit, adminSession } = await staffedUnit();
    const { session } = await applicant();
    const { data: request } = await (await ask(session, unit.name)).json();
    const withdrawn = await postJson(
      built.app,
      `/api/binding-requests/${request.id}/withdraw`,
      {},
      session.headers(),
    );
    expect(withdrawn.status).toBe(200);
    expect((await withdrawn.json()).data.status).toBe("WITHDRAWN");
    const late = await decide(adminSession, unit.id, [request.id], "APPROVE");
    expect(late.body.data[0].error.code).toBe("REQUEST_ALREADY_DECIDED");
    const again = await postJson(
      built.app,
      `/api/binding-requests/${request.id}/withdraw`,
      {},
      session.headers(),
    );
    expect((await again.json()).error.code).toBe("REQUEST_CLOSED");
    const task = await database.db.humanTask.findFirstOrThrow({ where: { requestId: request.id } });
    expect(task).toMatchObject({ status: "CANCELLED", outcome: "WITHDRAWN" });
    // A new request may follow at once (the workflow id, derived from the person, is free again).
    const next = await ask(session, unit.name);
    expect(next.status, await next.clone().text()).toBe(201);
  });

  it("R16 an undecided request reminds the unit and then expires; the person is told", async () => {
    const unit = await createUnit(database.db);
    const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
    const { person, session } = await applicant();
    const response = await ask(session, unit.name, quick.app);
    const { data: request } = await response.json();
    const kinds = async () =>
      (
        await database.db.requestEvent.findMany({
          where: { requestId: request.id },
          orderBy: { sequence: "asc" },
        })
      ).map((e) => e.kind);
    await expect
      .poll(kinds, { timeout: 15_000, interval: 250 })
      .toEqual(["SUBMITTED", "REMINDED", "EXPIRED"]);
    // Issue 13.7: the platform's own steps are recorded as the system's, the submission as the applicant's.
    const actors = await database.db.requestEvent.findMany({
      where: { requestId: request.id },
      orderBy: { sequence: "asc" },
      select: { actorRole: true },
    });
    expect(actors.map((e) => e.actorRole)).toEqual(["APPLICANT", "SYSTEM", "SYSTEM"]);
    expect(await requestState(request.id)).toBe("EXPIRED");
    expect(
      await database.db.smsMessage.count({
        where: { mobile: admin.mobile, template: "BINDING_REQUEST_REMINDER" },
      }),
    ).toBe(1);
    await expect
      .poll(() =>
        database.db.smsMessage.count({
          where: { mobile: person.mobile, template: "BINDING_REQUEST_EXPIRED" },
        }),
      )
      .toBe(1);
    const task = await database.db.humanTask.findFirstOrThrow({ where: { requestId: request.id } });
    expect(task).toMatchObject({ status: "CANCELLED", outcome: "EXPIRED" });
    await recordFinished(request.id, "binding-request-expired");
    const session2 = await realPersonSession(database.db, admin.id);
    const late = await decide(session2, unit.id, [request.id], "APPROVE");
    expect(late.body.data[0].error.code).toBe("REQUEST_ALREADY_DECIDED");
  });

  it("R16 the workbench's decision route decides binding tasks the same way", async () => {
    const { unit, adminSession } = await staffedUnit();
    const { session } = await applicant();
    const { data: request } = await (await ask(session, unit.name)).json();
    await expect.poll(() => database.db.humanTask.count({ where: { requestId: request.id } })).toBe(1);
    const list = await (
      await built.app.request("/api/tasks?kind=bindingRequestReview", { headers: adminSession.headers() })
    ).json();
    const task = list.data.find((t: { requestId: string }) => t.requestId === request.id);
    const shown = await (
      await built.app.request(`/api/tasks/${task.id}`, { headers: adminSession.headers() })
    ).json();
    expect(shown.data.bindingRequest).toMatchObject({
      requestNumber: request.requestNumber,
      unitName: unit.name,
    });
    const decided = await postJson(
      built.app,
      `/api/tasks/${task.id}/decision`,
      { decision: "APPROVE" },
      adminSession.headers(),
    );
    expect(decided.status).toBe(200);
    expect(await requestState(request.id)).toBe("APPROVED");
  });

  it("R16 a request stored by an API that stopped before starting its workflow is started by the next submission", async () => {
    const unit = await createUnit(database.db);
    const { person, session } = await applicant();
    const orphan = await database.db.bindingRequest.create({
      data: {
        requestNumber: `BD-ORPHAN-${person.id.slice(0, 8)}`,
        personId: person.id,
        unitId: unit.id,
        openPersonId: person.id,
        pledgeAcceptedAt: new Date(),
        submissionId: randomUUID(),
        workflowId: `BindingRequest:${person.id}`,
      },
    });
    const retry = await ask(session, unit.name);
    expect((await retry.json()).error).toMatchObject({
      code: "BINDING_REQUEST_OPEN",
      details: { requestNumber: orphan.requestNumber },
    });
    // Nothing was lost: the stored request now runs, and the unit has its task.
    await expect
      .poll(() => database.db.humanTask.count({ where: { requestId: orphan.id } }), { timeout: 10_000 })
      .toBe(1);
    expect(await database.db.bindingRequest.count({ where: { personId: person.id } })).toBe(1);
  });

  it("R16 the unit can decide a stored request whose workflow never started: it starts then", async () => {
    const { unit, adminSession } = await staffedUnit();
    const { person, session } = await applicant();
    // A closed earlier request leaves a finished run under the person's workflow id.
    const { data: earlier } = await (await ask(session, unit.name)).json();
    await postJson(built.app, `/api/binding-requests/${earlier.id}/withdraw`, {}, session.headers());
    const orphan = await database.db.bindingRequest.create({
      data: {
        requestNumber: `BD-ORPHAN2-${person.id.slice(0, 8)}`,
        personId: person.id,
        unitId: unit.id,
        openPersonId: person.id,
        pledgeAcceptedAt: new Date(),
        workflowId: `BindingRequest:${person.id}`,
      },
    });
    const listed = await (
      await built.app.request(`/api/units/${unit.id}/binding-requests`, { headers: adminSession.headers() })
    ).json();
    expect(listed.data.map((r: { id: string }) => r.id)).toContain(orphan.id);
    const { body } = await decide(adminSession, unit.id, [orphan.id], "APPROVE");
    expect(body.data[0]).toMatchObject({ ok: true, state: "APPROVED" });
    expect(await boundUnit(session)).toBe(unit.name);
  });

  it("R8 an administrator must hand the office on before asking to join another unit", async () => {
    const { admin } = await staffedUnit();
    const other = await createUnit(database.db);
    const session = await passwordLogin(built.app, admin.idNumber);
    const response = await ask(session, other.name);
    expect(response.status).toBe(409);
    expect((await response.json()).error.code).toBe("ADMIN_MUST_HAND_OVER");
  });

  it("R16 withdrawing an earlier, closed request leaves the open one alone", async () => {
    const { unit } = await staffedUnit();
    const { session } = await applicant();
    const { data: earlier } = await (await ask(session, unit.name)).json();
    await postJson(built.app, `/api/binding-requests/${earlier.id}/withdraw`, {}, session.headers());
    const { data: current } = await (await ask(session, unit.name)).json();
    const stale = await postJson(
      built.app,
      `/api/binding-requests/${earlier.id}/withdraw`,
      {},
      session.headers(),
    );
    expect((await stale.json()).error.code).toBe("REQUEST_CLOSED");
    expect(await requestState(current.id)).toBe("SUBMITTED");
  });
});
