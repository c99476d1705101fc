// R31 title applications on the push chain, on the real Temporal dev server: pushed up level by
// level to the HR department and completed, returned with a reason, a unit re-parented while an
// application is on its way, a chain whose top is not an HR department going on to the HR
// department of the top's region (county, else prefecture, else province), who may decide (R7,
// R12, the node's handlers only), withdrawal, R10 still holding, and the applicant's view and
// history (R25, 我的申请 too).
import { randomUUID } from "node:crypto";
import { WorkflowUpdateFailedError } from "@temporalio/client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createRequestActivities } from "../../activities/request.activities.js";
import { createTitleApplicationActivities } from "../../activities/title-application.activities.js";
import { nextSteps } from "../../domain/push-chain.js";
import type { UnitType } from "../../prisma/generated/client.js";
import { bindWithRole } from "../../prisma/seed/seed.js";
import {
  decideTitleApplication,
  TITLE_APPLICATION_TASK_KIND,
  type TitleApplicationDecision,
  titleApplicationStatus,
} from "../../workflows/contracts.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { recordHistory } from "../support/histories.js";
import { createPerson, createUnit, passwordLogin, qrLogin, realPersonSession } from "../support/people.js";
import { postJson } from "../support/registration.js";
import { type RunningWorker, startTestWorker } from "../support/worker.js";

let database: TestDatabase;
let worker: RunningWorker;
let built: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  const env = { TEMPORAL_TASK_QUEUE: `title-${randomUUID()}` };
  built = createTestApp(database, { temporalAddress: inject("temporalAddress"), env });
  worker = await startTestWorker({ database, config: built.config, ports: built.ports });
});
afterAll(async () => {
  await worker.stop();
  await database.close();
});

type Session = { headers(extra?: Record<string, string>): Record<string, string> };
type Unit = Awaited<ReturnType<typeof createUnit>>;
type Person = Awaited<ReturnType<typeof createPerson>>;
type Node = { unit: Unit; handler: Person; admin: Person; handlerSession: Session; adminSession: Session };

/**
 * A unit under `parent` with an administrator and a handler, both in real-person sessions; in
 * 南明区 unless `regionCode` says otherwise.
 */
async function node(
  parent: Node | null,
  type: UnitType = "PUBLIC_INSTITUTION",
  regionCode?: string,
): Promise<Node> {
  const created = await createUnit(database.db);
  const unit = await database.db.unit.update({
    where: { id: created.id },
    data: { type, parentUnitId: parent?.unit.id ?? null, ...(regionCode ? { regionCode } : {}) },
  });
  const handler = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
  const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
  return {
    unit,
    handler,
    admin,
    handlerSession: await realPersonSession(database.db, handler.id),
    adminSession: await realPersonSession(database.db, admin.id),
  };
}

/** HR department ← superior ← middle ← the applicant's unit: three pushes up to the top. */
async function chain() {
  const hr = await node(null, "HR_DEPARTMENT");
  const upper = await node(hr);
  const middle = await node(upper);
  const bottom = await node(middle, "ENTERPRISE");
  return { hr, upper, middle, bottom };
}

async function applicant(unit: Unit) {
  const person = await createPerson(database.db, { unitId: unit.id });
  return { person, session: await passwordLogin(built.app, person.idNumber) };
}

const get = (session: Session, path: string) => built.app.request(path, { headers: session.headers() });
const open = (session: Session, submissionId: string = randomUUID()) =>
  postJson(built.app, "/api/title-applications", { submissionId }, session.headers());

async function decide(session: Session, id: string, decision: "PUSH" | "RETURN", reason?: string) {
  const response = await postJson(
    built.app,
    `/api/title-applications/${id}/decision`,
    { decision, reason },
    session.headers(),
  );
  return { status: response.status, body: await response.json() };
}

async function submitted(session: Session) {
  const response = await open(session);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()).data as { id: string; requestNumber: string };
}

/** The task of the step at `position`, once the workflow has opened it. */
async function taskAt(applicationId: string, position: number) {
  await expect
    .poll(() =>
      database.db.humanTask.count({
        where: { requestId: applicationId, kind: TITLE_APPLICATION_TASK_KIND, step: position },
      }),
    )
    .toBe(1);
  return database.db.humanTask.findFirstOrThrow({
    where: { requestId: applicationId, kind: TITLE_APPLICATION_TASK_KIND, step: position },
  });
}

async function detail(session: Session, id: string) {
  const response = await get(session, `/api/title-applications/${id}`);
  return { status: response.status, body: await response.json() };
}

async function recordFinished(applicationId: string, name: string) {
  const handle = built.temporal.workflow.getHandle(`TitleApplication:${applicationId}`);
  await handle.result();
  await recordHistory(handle, name);
}

const statuses = (steps: { status: string }[]) => steps.map((s) => s.status);
const names = (steps: { unit: { name: string } }[]) => steps.map((s) => s.unit.name);

describe("R31 the push chain", () => {
  it("R31 an application is pushed up three levels to the HR department, whose push completes it; the applicant is told", async () => {
    const { hr, upper, middle, bottom } = await chain();
    const { person, session } = await applicant(bottom.unit);
    const application = await submitted(session);
    expect(application.requestNumber).toMatch(/^ZC\d{14}$/);
    const opened = (await detail(session, application.id)).body.data;
    expect(opened).toMatchObject({
      status: "IN_PROGRESS",
      unit: { id: bottom.unit.id, name: bottom.unit.name },
      currentUnit: { id: bottom.unit.id },
      canWithdraw: true,
    });
    // The path is the push chain at submission, up to the HR department.
    expect(names(opened.steps)).toEqual([bottom, middle, upper, hr].map((n) => n.unit.name));
    expect(statuses(opened.steps)).toEqual(["PENDING", "PENDING", "PENDING", "PENDING"]);

    const first = await taskAt(application.id, 0);
    expect(first).toMatchObject({ queue: "UNIT", unitId: bottom.unit.id, dueAt: null, status: "OPEN" });
    expect(first.requestType).toBe("TITLE_APPLICATION");
    expect(first.title).toContain(application.requestNumber);
    expect(first.title).not.toContain(person.name);

    // The applicant's unit: its handler (logged in by QR code) pushes it on 职称申报's route.
    const qrHandler = await qrLogin(built.app, bottom.handler.idNumber);
    const pushed = await decide(qrHandler, application.id, "PUSH");
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);
    expect(pushed.body.data).toMatchObject({ status: "IN_PROGRESS", currentUnit: { id: middle.unit.id } });
    expect(statuses(pushed.body.data.steps)).toEqual(["ACCEPTED", "PENDING", "PENDING", "PENDING"]);

    // The next node works it in its workbench: 通过 is 推送上级 there (APPROVE → PUSH).
    const second = await taskAt(application.id, 1);
    expect(second.unitId).toBe(middle.unit.id);
    const shown = await (await get(middle.handlerSession, `/api/tasks/${second.id}`)).json();
    expect(shown.data.titleApplication).toMatchObject({
      requestNumber: application.requestNumber,
      unit: { id: bottom.unit.id, name: bottom.unit.name },
      applicant: { name: expect.stringMatching(/\*/) },
    });
    expect(shown.data.titleApplication.applicant.name).not.toBe(person.name);
    expect(shown.data.titleApplication.steps).toHaveLength(4);
    const viaTask = await postJson(
      built.app,
      `/api/tasks/${second.id}/decision`,
      { decision: "APPROVE" },
      middle.handlerSession.headers(),
    );
    expect(viaTask.status, await viaTask.clone().text()).toBe(200);
    expect((await viaTask.json()).data).toMatchObject({ status: "COMPLETED", outcome: "PUSH" });

    await taskAt(application.id, 2);
    expect((await decide(upper.handlerSession, application.id, "PUSH")).status).toBe(200);
    const top = await taskAt(application.id, 3);
    expect(top.unitId).toBe(hr.unit.id);
    const completed = await decide(hr.handlerSession, application.id, "PUSH");
    expect(completed.status).toBe(200);
    expect(completed.body.data).toMatchObject({ status: "COMPLETED", currentUnit: null, canWithdraw: false });
    expect(completed.body.data.closedAt).not.toBeNull();
    expect(statuses(completed.body.data.steps)).toEqual(["ACCEPTED", "ACCEPTED", "ACCEPTED", "ACCEPTED"]);

    // R25: the applicant sees who moved it and where.
    const { body } = await detail(session, application.id);
    expect(body.data.history.map((e: { kind: string }) => e.kind)).toEqual([
      "SUBMITTED",
      "PUSHED",
      "PUSHED",
      "PUSHED",
      "COMPLETED",
    ]);
    expect(body.data.history[0].detail).toBe([bottom, middle, upper, hr].map((n) => n.unit.name).join(" → "));
    expect(body.data.history[1]).toMatchObject({
      detail: `${bottom.unit.name} → ${middle.unit.name}`,
      actorRole: "TITLE_HANDLER",
      actorLabel: expect.stringMatching(/^\p{Script=Han}\*+$/u),
    });
    expect(body.data.history[4].detail).toBe(hr.unit.name);
    await expect
      .poll(() =>
        database.db.smsMessage.findFirst({
          where: { mobile: person.mobile, template: "TITLE_APPLICATION_COMPLETED" },
        }),
      )
      .toMatchObject({ body: expect.stringContaining(hr.unit.name) });
    // Every node's decision is audited with the decision, where it was made (R26).
    const audits = await database.db.auditEvent.findMany({
      where: { targetId: application.id, action: "title-application.decided" },
      orderBy: { sequence: "asc" },
    });
    expect(audits.map((a) => a.unitId)).toEqual([bottom, middle, upper, hr].map((n) => n.unit.id));
    expect(audits.every((a) => a.sessionStrength === "REAL_PERSON")).toBe(true);
    const tasks = await database.db.humanTask.findMany({ where: { requestId: application.id } });
    expect(tasks.map((t) => [t.step, t.status, t.outcome]).sort()).toEqual([
      [0, "COMPLETED", "PUSH"],
      [1, "COMPLETED", "PUSH"],
      [2, "COMPLETED", "PUSH"],
      [3, "COMPLETED", "PUSH"],
    ]);
    await recordFinished(application.id, "title-application-completed");
  });

  it("R31 the second level returns it with a reason: closed, the applicant is told why, no higher node sees it", async () => {
    const { upper, middle, bottom } = await chain();
    const { person, session } = await applicant(bottom.unit);
    const application = await submitted(session);
    expect((await decide(bottom.handlerSession, application.id, "PUSH")).status).toBe(200);
    const noReason = await decide(middle.handlerSession, application.id, "RETURN");
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toMatchObject({ code: "DECISION_REASON_REQUIRED", field: "reason" });

    const returned = await decide(
      middle.handlerSession,
      application.id,
      "RETURN",
      "申报材料不全，请补充业绩证明",
    );
    expect(returned.status).toBe(200);
    expect(returned.body.data).toMatchObject({
      status: "RETURNED",
      returnReason: "申报材料不全，请补充业绩证明",
      currentUnit: null,
      canWithdraw: false,
    });
    expect(returned.body.data.steps[1]).toMatchObject({
      unit: { id: middle.unit.id },
      status: "RETURNED",
      reason: "申报材料不全，请补充业绩证明",
      decidedAt: expect.any(String),
    });
    expect(statuses(returned.body.data.steps)).toEqual(["ACCEPTED", "RETURNED", "PENDING", "PENDING"]);
    const history = (await detail(session, application.id)).body.data.history;
    expect(history.at(-1)).toMatchObject({
      kind: "RETURNED",
      reason: "申报材料不全，请补充业绩证明",
      detail: middle.unit.name,
      actorRole: "TITLE_HANDLER",
      actorLabel: expect.stringMatching(/^\p{Script=Han}\*+$/u),
    });
    await expect
      .poll(() =>
        database.db.smsMessage.findFirst({
          where: { mobile: person.mobile, template: "TITLE_APPLICATION_RETURNED" },
        }),
      )
      .toMatchObject({ body: expect.stringContaining("申报材料不全") });
    expect(
      await database.db.humanTask.count({ where: { requestId: application.id, unitId: upper.unit.id } }),
    ).toBe(0);
    // Returned is closed: nobody decides it again, and a new application may be opened.
    const again = await decide(middle.handlerSession, application.id, "PUSH");
    expect(again.body.error.code).toBe("REQUEST_ALREADY_DECIDED");
    expect((await open(session)).status).toBe(201);
    await recordFinished(application.id, "title-application-returned");
  });

  it("R31 a unit re-parented while the application is on its way: the next step goes to its new superior, the old steps are skipped, the history says CHAIN_CHANGED", async () => {
    const { hr, upper, middle, bottom } = await chain();
    const newUpper = await node(hr);
    const { session } = await applicant(bottom.unit);
    const application = await submitted(session);
    expect((await decide(bottom.handlerSession, application.id, "PUSH")).status).toBe(200);
    // The second node changes its superior (as an approved affiliation request does, R13).
    await database.db.$transaction(async (tx) => {
      await tx.hierarchyLock.upsert({ where: { id: 1 }, update: { version: { increment: 1 } }, create: {} });
      await tx.unit.update({ where: { id: middle.unit.id }, data: { parentUnitId: newUpper.unit.id } });
    });

    const pushed = await decide(middle.handlerSession, application.id, "PUSH");
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);
    expect(pushed.body.data.currentUnit).toEqual({ id: newUpper.unit.id, name: newUpper.unit.name });
    expect(
      pushed.body.data.steps.map((s: { position: number; unit: { id: string }; status: string }) => [
        s.position,
        s.unit.id,
        s.status,
      ]),
    ).toEqual([
      [0, bottom.unit.id, "ACCEPTED"],
      [1, middle.unit.id, "ACCEPTED"],
      [2, upper.unit.id, "SKIPPED"],
      [3, hr.unit.id, "SKIPPED"],
      [4, newUpper.unit.id, "PENDING"],
      [5, hr.unit.id, "PENDING"],
    ]);
    const history = (await detail(session, application.id)).body.data.history;
    expect(history.map((e: { kind: string }) => e.kind)).toEqual([
      "SUBMITTED",
      "PUSHED",
      "CHAIN_CHANGED",
      "PUSHED",
    ]);
    expect(history[2].detail).toBe(`${upper.unit.name} → ${newUpper.unit.name}`);
    expect(history[3].detail).toBe(`${middle.unit.name} → ${newUpper.unit.name}`);

    // The old superior never gets it; the new one does, and the chain goes on to the top.
    expect(
      await database.db.humanTask.count({ where: { requestId: application.id, unitId: upper.unit.id } }),
    ).toBe(0);
    const oldUpper = await decide(upper.handlerSession, application.id, "PUSH");
    expect(oldUpper.body.error.code).toBe("TITLE_APPLICATION_NOT_AT_UNIT");
    expect((await taskAt(application.id, 4)).unitId).toBe(newUpper.unit.id);
    expect((await decide(newUpper.handlerSession, application.id, "PUSH")).status).toBe(200);
    expect((await taskAt(application.id, 5)).unitId).toBe(hr.unit.id);
    const done = await decide(hr.handlerSession, application.id, "PUSH");
    expect(done.body.data.status).toBe("COMPLETED");
    expect(statuses(done.body.data.steps)).toEqual([
      "ACCEPTED",
      "ACCEPTED",
      "SKIPPED",
      "SKIPPED",
      "ACCEPTED",
      "ACCEPTED",
    ]);
    await recordFinished(application.id, "title-application-chain-changed");
  });
});

describe("R31 R7 R12 who decides", () => {
  it("R7 the node's administrator may not push or return, does not see the task; the workflow's validator refuses too", async () => {
    const { bottom } = await chain();
    const { session } = await applicant(bottom.unit);
    const application = await submitted(session);
    const task = await taskAt(application.id, 0);
    const refused = await decide(bottom.adminSession, application.id, "PUSH");
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: "TITLE_BUSINESS_NOT_FOR_ADMINISTRATOR",
      details: { rule: "R7" },
    });
    expect(refused.body.error.details.remedy["zh-CN"]).toContain("单位经办员");
    // The workbench shows title applications to the handlers only.
    const adminTasks = await (await get(bottom.adminSession, "/api/tasks")).json();
    expect(adminTasks.data.map((t: { id: string }) => t.id)).not.toContain(task.id);
    expect((await get(bottom.adminSession, `/api/tasks/${task.id}`)).status).toBe(404);
    const handlerTasks = await (await get(bottom.handlerSession, "/api/tasks")).json();
    expect(handlerTasks.data.map((t: { id: string }) => t.id)).toContain(task.id);
    // Nor may the administrator read it (R7), while the node's handler may.
    expect((await detail(bottom.adminSession, application.id)).status).toBe(404);
    expect((await detail(bottom.handlerSession, application.id)).status).toBe(200);

    const update = built.temporal.workflow
      .getHandle(`TitleApplication:${application.id}`)
      .executeUpdate(decideTitleApplication, {
        args: [
          {
            applicationId: application.id,
            position: 0,
            decision: "PUSH",
            deciderId: bottom.admin.id,
            deciderRoles: [{ role: "UNIT_ADMIN", unitId: bottom.unit.id }],
            strength: "REAL_PERSON",
          },
        ],
      });
    await expect(update).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(update).rejects.toMatchObject({ cause: { type: "NOT_A_TITLE_HANDLER" } });
    expect((await detail(session, application.id)).body.data.currentUnit.id).toBe(bottom.unit.id);
  });

  it("R31 a handler of another unit is refused: a stranger does not learn of it, a superior waits for its turn", async () => {
    const { middle, bottom } = await chain();
    const stranger = await node(null);
    const { session } = await applicant(bottom.unit);
    const application = await submitted(session);
    const foreign = await decide(stranger.handlerSession, application.id, "PUSH");
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("TITLE_APPLICATION_NOT_FOUND");
    expect((await detail(stranger.handlerSession, application.id)).status).toBe(404);
    const early = await decide(middle.handlerSession, application.id, "PUSH");
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("TITLE_APPLICATION_NOT_AT_UNIT");
    // A superior's handler may follow it, before and after its turn.
    expect((await detail(middle.handlerSession, application.id)).status).toBe(200);
    expect((await detail(session, application.id)).body.data.steps[0].status).toBe("PENDING");
  });

  it("R12 a handler in a password session is refused, at the API and in the workflow's validator", async () => {
    const { bottom } = await chain();
    const { session } = await applicant(bottom.unit);
    const application = await submitted(session);
    const password = await passwordLogin(built.app, bottom.handler.idNumber);
    const refused = await decide(password, application.id, "PUSH");
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("REAL_PERSON_SESSION_REQUIRED");
    const update = built.temporal.workflow
      .getHandle(`TitleApplication:${application.id}`)
      .executeUpdate(decideTitleApplication, {
        args: [
          {
            applicationId: application.id,
            position: 0,
            decision: "PUSH",
            deciderId: bottom.handler.id,
            deciderRoles: [{ role: "TITLE_HANDLER", unitId: bottom.unit.id }],
            strength: "PASSWORD",
          },
        ],
      });
    await expect(update).rejects.toMatchObject({ cause: { type: "REAL_PERSON_REQUIRED" } });
  });

  it("R31 two handlers of the node at once: exactly one decision is applied, the other is told; a retry gets its outcome", async () => {
    const { bottom } = await chain();
    const colleague = await createPerson(database.db, { unitId: bottom.unit.id, role: "TITLE_HANDLER" });
    const colleagueSession = await realPersonSession(database.db, colleague.id);
    const { session } = await applicant(bottom.unit);
    const application = await submitted(session);
    const [a, b] = await Promise.all([
      decide(bottom.handlerSession, application.id, "PUSH"),
      decide(colleagueSession, application.id, "RETURN", "不符合申报条件"),
    ]);
    expect([a.status, b.status].sort(), JSON.stringify([a.body, b.body])).toEqual([200, 409]);
    const loser = [a, b].find((r) => r.status === 409)!;
    // The workbench's claim rule: the winner's decision claimed the node's task, so the loser is told
    // the colleague holds it, or, once the decision is applied, that it is decided.
    expect(["TASK_CLAIMED_BY_OTHER", "REQUEST_ALREADY_DECIDED"]).toContain(loser.body.error.code);
    const events = await database.db.requestEvent.findMany({ where: { requestId: application.id } });
    expect(events.filter((e) => e.kind === "PUSHED" || e.kind === "RETURNED")).toHaveLength(1);
    // The winner's retry (same decision, same person) is answered with its outcome, not refused.
    const [winner, decision, reason] =
      a.status === 200
        ? [bottom.handlerSession, "PUSH" as const, undefined]
        : [colleagueSession, "RETURN" as const, "不符合申报条件"];
    expect((await decide(winner, application.id, decision, reason)).status).toBe(200);
  });
});

describe("R31 the next node acts at once", () => {
  it("R31 the next node's handler may decide as soon as the push shows in the database, before the workflow has moved on", async () => {
    const { upper, middle, bottom } = await chain();
    const { session } = await applicant(bottom.unit);
    const application = await submitted(session);
    const first = decide(bottom.handlerSession, application.id, "PUSH");
    // The push is written (the step accepted, the application at the next node) while the workflow
    // is still recording it and opening the next task: the next node decides right then.
    await expect
      .poll(
        async () =>
          (
            await database.db.titleApplicationStep.findUniqueOrThrow({
              where: { applicationId_position: { applicationId: application.id, position: 0 } },
            })
          ).status,
        { interval: 5 },
      )
      .toBe("ACCEPTED");
    const second = await decide(middle.handlerSession, application.id, "PUSH");
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect((await first).status).toBe(200);
    expect(second.body.data.currentUnit.id).toBe(upper.unit.id);
    const history = (await detail(session, application.id)).body.data.history;
    expect(history.map((e: { kind: string }) => e.kind)).toEqual(["SUBMITTED", "PUSHED", "PUSHED"]);
    const tasks = await database.db.humanTask.findMany({
      where: { requestId: application.id },
      orderBy: { step: "asc" },
    });
    expect(tasks.map((t) => [t.step, t.status])).toEqual([
      [0, "COMPLETED"],
      [1, "COMPLETED"],
      [2, "OPEN"],
    ]);
  });
});

describe("R31 withdrawal, R10, opening", () => {
  it("R31 the applicant withdraws while a superior has it: closed, the task cancelled, nobody decides it after", async () => {
    const { middle, bottom } = await chain();
    const { session } = await applicant(bottom.unit);
    const application = await submitted(session);
    expect((await decide(bottom.handlerSession, application.id, "PUSH")).status).toBe(200);
    const stranger = await applicant(bottom.unit);
    const foreign = await postJson(
      built.app,
      `/api/title-applications/${application.id}/withdraw`,
      {},
      stranger.session.headers(),
    );
    expect((await foreign.json()).error.code).toBe("TITLE_APPLICATION_NOT_FOUND");

    const withdrawn = await postJson(
      built.app,
      `/api/title-applications/${application.id}/withdraw`,
      { reason: "单位调整，暂不申报" },
      session.headers(),
    );
    expect(withdrawn.status).toBe(200);
    const { data } = await withdrawn.json();
    expect(data).toMatchObject({ status: "WITHDRAWN", canWithdraw: false, currentUnit: null });
    expect(statuses(data.steps)).toEqual(["ACCEPTED", "WITHDRAWN", "PENDING", "PENDING"]);
    const task = await taskAt(application.id, 1);
    expect(task).toMatchObject({ status: "CANCELLED", outcome: "WITHDRAWN" });
    const late = await decide(middle.handlerSession, application.id, "PUSH");
    expect(late.body.error.code).toBe("REQUEST_ALREADY_DECIDED");
    const twice = await postJson(
      built.app,
      `/api/title-applications/${application.id}/withdraw`,
      {},
      session.headers(),
    );
    expect((await twice.json()).error.code).toBe("REQUEST_CLOSED");
    const history = (await detail(session, application.id)).body.data.history;
    expect(history.at(-1)).toMatchObject({ kind: "WITHDRAWN", reason: "单位调整，暂不申报" });
    expect(
      await database.db.auditEvent.count({
        where: { targetId: application.id, action: "title-application.withdrawn" },
      }),
    ).toBe(1);
    await recordFinished(application.id, "title-application-withdrawn");
  });

  it("Issue 14 a push whose step finds the application withdrawn (another path's attempt) is not applied: the workflow adopts the withdrawal, the next node gets no task", async () => {
    const { bottom } = await chain();
    const { session } = await applicant(bottom.unit);
    const application = await submitted(session);
    await taskAt(application.id, 0);
    // What a withdrawal's attempt wrote before its workflow task was retried on another path.
    const now = new Date();
    await database.db.titleApplication.update({
      where: { id: application.id },
      data: { status: "WITHDRAWN", currentUnitId: null, closedAt: now },
    });
    await database.db.titleApplicationStep.updateMany({
      where: { applicationId: application.id, position: 0 },
      data: { status: "WITHDRAWN", decidedAt: now },
    });
    await database.db.humanTask.updateMany({
      where: { requestId: application.id },
      data: { status: "CANCELLED", open: false, outcome: "WITHDRAWN", completedAt: now },
    });
    const handle = built.temporal.workflow.getHandle(`TitleApplication:${application.id}`);
    const answer = await handle.executeUpdate(decideTitleApplication, {
      updateId: `decision:${bottom.handler.id}:${application.id}:PUSH`,
      args: [
        {
          applicationId: application.id,
          position: 0,
          decision: "PUSH",
          deciderId: bottom.handler.id,
          deciderRole: "TITLE_HANDLER",
          deciderRoles: [{ role: "TITLE_HANDLER", unitId: bottom.unit.id }],
          strength: "REAL_PERSON",
        },
      ],
    });
    expect(answer).toMatchObject({ state: "WITHDRAWN", applied: false });
    expect(await handle.result()).toBe("WITHDRAWN");
    const tasks = await database.db.humanTask.findMany({ where: { requestId: application.id } });
    expect(tasks.map((t) => [t.step, t.status])).toEqual([[0, "CANCELLED"]]);
    const kinds = (
      await database.db.requestEvent.findMany({
        where: { requestId: application.id },
        orderBy: { sequence: "asc" },
      })
    ).map((e) => e.kind);
    expect(kinds).toEqual(["SUBMITTED", "WITHDRAWN"]);
    const steps = await database.db.titleApplicationStep.findMany({
      where: { applicationId: application.id },
    });
    expect(steps.filter((s) => s.status === "ACCEPTED")).toEqual([]);
    // The handler is told through the API as any late decider.
    expect((await decide(bottom.handlerSession, application.id, "PUSH")).body.error.code).toBe(
      "REQUEST_ALREADY_DECIDED",
    );
  });

  it("Issue 14 a push whose step finds another handler's push of the node stored first (a retried workflow task) is answered as not applied by the stored key; the application follows the stored push, its history naming that handler", async () => {
    const { middle, bottom } = await chain();
    const colleague = await createPerson(database.db, { unitId: bottom.unit.id, role: "TITLE_HANDLER" });
    const { session } = await applicant(bottom.unit);
    const application = await submitted(session);
    await taskAt(application.id, 0);
    // What the colleague's push attempt wrote (its local steps) before the workflow task was retried
    // with this handler's decision first: the task completed, the push applied, the PUSHED entry.
    const steps = createTitleApplicationActivities({ db: database.db, ports: built.ports });
    const firstKey = `decision:${colleague.id}:${application.id}:0:PUSH`;
    const decided = { actorId: colleague.id, decision: "PUSH" as const, decisionKey: firstKey };
    await createRequestActivities({ db: database.db, ports: built.ports }).changeTask({
      requestId: application.id,
      kind: TITLE_APPLICATION_TASK_KIND,
      step: 0,
      change: "COMPLETED",
      outcome: "PUSH",
      decidedById: colleague.id,
      decisionKey: firstKey,
    });
    const read = await steps.readTitleApplicationChain({ applicationId: application.id, position: 0 });
    const plan = nextSteps(read.planned, read.chain, read.lastPosition, read.implicitLast);
    await steps.pushTitleApplication({ applicationId: application.id, position: 0, decided, ...plan });
    const colleagueEntry = { actorId: colleague.id, actorRole: "TITLE_HANDLER", actorLabel: "同*" };
    await steps.recordTitleApplicationEvent({
      applicationId: application.id,
      sequence: 2,
      kind: "PUSHED",
      at: new Date().toISOString(),
      ...colleagueEntry,
      units: [bottom.unit.id, middle.unit.id],
    });

    const handle = built.temporal.workflow.getHandle(`TitleApplication:${application.id}`);
    const mine: TitleApplicationDecision = {
      applicationId: application.id,
      position: 0,
      decision: "PUSH",
      deciderId: bottom.handler.id,
      deciderRole: "TITLE_HANDLER",
      deciderLabel: "经*",
      deciderRoles: [{ role: "TITLE_HANDLER", unitId: bottom.unit.id }],
      strength: "REAL_PERSON",
    };
    const answer = await handle.executeUpdate(decideTitleApplication, {
      updateId: `decision:${bottom.handler.id}:${application.id}:0:PUSH`,
      args: [mine],
    });
    expect(answer).toMatchObject({ state: "IN_PROGRESS", applied: false });
    // The application went on with the stored push: the next node has its task, once.
    expect(await taskAt(application.id, 1)).toMatchObject({ unitId: middle.unit.id, open: true });
    const task0 = await taskAt(application.id, 0);
    expect(task0).toMatchObject({ status: "COMPLETED", decisionKey: firstKey, decidedById: colleague.id });
    const { history, position, unitId } = await handle.query(titleApplicationStatus);
    expect({ position, unitId }).toEqual({ position: 1, unitId: middle.unit.id });
    expect(history.map((e) => e.kind)).toEqual(["SUBMITTED", "PUSHED"]);
    expect(history[1]).toMatchObject({ kind: "PUSHED", ...colleagueEntry });
    // Through the API this handler is told the node has decided already, not that it was applied.
    expect((await decide(bottom.handlerSession, application.id, "PUSH")).body.error.code).toBe(
      "REQUEST_ALREADY_DECIDED",
    );
    // The middle node decides as usual afterwards.
    expect((await decide(middle.handlerSession, application.id, "RETURN", "材料不全")).status).toBe(200);
    expect(await handle.result()).toBe("RETURNED");
    await recordHistory(handle, "title-application-follows-stored-push");
  });

  it("Issue 14 a push applied after a withdrawal's attempt closed the node's task makes the task agree with the step", async () => {
    const { bottom } = await chain();
    const { session } = await applicant(bottom.unit);
    const application = await submitted(session);
    await taskAt(application.id, 0);
    // A withdrawal's attempt closed the task and died before its closing step.
    await createRequestActivities({ db: database.db, ports: built.ports }).changeTask({
      requestId: application.id,
      kind: TITLE_APPLICATION_TASK_KIND,
      step: 0,
      change: "CANCELLED",
      outcome: "WITHDRAWN",
    });
    expect((await decide(bottom.handlerSession, application.id, "PUSH")).status).toBe(200);
    const task0 = await database.db.humanTask.findFirstOrThrow({
      where: { requestId: application.id, kind: TITLE_APPLICATION_TASK_KIND, step: 0 },
    });
    expect(task0).toMatchObject({
      status: "COMPLETED",
      open: false,
      outcome: "PUSH",
      decidedById: bottom.handler.id,
    });
    expect(task0.decisionKey).toMatch(/^decision:/);
    await taskAt(application.id, 1);
  });

  it("R10 still holds: an application on the chain keeps its applicant from the handler role until it is withdrawn; a handler cannot apply", async () => {
    const { bottom } = await chain();
    const { person, session } = await applicant(bottom.unit);
    const application = await submitted(session);
    const grant = () =>
      postJson(
        built.app,
        "/api/role-bindings",
        { personId: person.id, unitId: bottom.unit.id, subsystem: "TITLE_REVIEW", role: "TITLE_HANDLER" },
        bottom.adminSession.headers(),
      );
    const refused = await grant();
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toMatchObject({
      code: "CANDIDATE_HAS_TITLE_APPLICATION",
      details: { rule: "R10" },
    });
    await postJson(built.app, `/api/title-applications/${application.id}/withdraw`, {}, session.headers());
    expect((await grant()).status).toBe(201);
    const byHandler = await open(await realPersonSession(database.db, person.id));
    expect(byHandler.status).toBe(409);
    expect((await byHandler.json()).error.code).toBe("TITLE_APPLICATION_EXCLUDED_BY_ROLE");
  });

  it("R31 opening: a binding is required, one in progress at a time, and a retried submission returns the same application", async () => {
    const unbound = await createPerson(database.db);
    const alone = await open(await passwordLogin(built.app, unbound.idNumber));
    expect(alone.status).toBe(409);
    expect((await alone.json()).error.code).toBe("TITLE_APPLICATION_UNIT_REQUIRED");
    expect(await database.db.titleApplication.count({ where: { personId: unbound.id } })).toBe(0);

    const { bottom } = await chain();
    const { session } = await applicant(bottom.unit);
    const submissionId = randomUUID();
    const first = await open(session, submissionId);
    const retried = await open(session, submissionId);
    expect(retried.status).toBe(201);
    const { data } = await first.json();
    expect((await retried.json()).data.id).toBe(data.id);
    const second = await open(session);
    expect((await second.json()).error).toMatchObject({
      code: "TITLE_APPLICATION_IN_PROGRESS",
      details: { applicationId: data.id, requestNumber: data.requestNumber },
    });
    const list = await (await get(session, "/api/title-applications")).json();
    expect(list).toMatchObject({ total: 1, data: [{ id: data.id, requestNumber: data.requestNumber }] });
    expect(list.data[0].steps).toHaveLength(4);
  });

  it("R31 nothing lost: an application stored while Temporal was away starts on the retried submission, or on the applicant's next look at the list", async () => {
    const offline = createTestApp(database, { env: { TEMPORAL_START_TIMEOUT_SECONDS: "1" } });
    try {
      const { bottom } = await chain();
      const first = await applicant(bottom.unit);
      const submissionId = randomUUID();
      const refused = await postJson(
        offline.app,
        "/api/title-applications",
        { submissionId },
        first.session.headers(),
      );
      expect(refused.status).toBe(503);
      const stored = await database.db.titleApplication.findUniqueOrThrow({ where: { submissionId } });
      expect(stored.status).toBe("IN_PROGRESS");
      const retried = await open(first.session, submissionId);
      expect(retried.status).toBe(201);
      expect((await retried.json()).data.id).toBe(stored.id);
      await taskAt(stored.id, 0);

      const second = await applicant(bottom.unit);
      const lost = await postJson(
        offline.app,
        "/api/title-applications",
        { submissionId: randomUUID() },
        second.session.headers(),
      );
      expect(lost.status).toBe(503);
      const row = await database.db.titleApplication.findFirstOrThrow({
        where: { personId: second.person.id },
      });
      // Just stored, it may still be starting: the list leaves it alone…
      await get(second.session, "/api/title-applications");
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await database.db.humanTask.count({ where: { requestId: row.id } })).toBe(0);
      // …and starts it once it has had time to open its first task and did not.
      await database.db.titleApplication.update({
        where: { id: row.id },
        data: { createdAt: new Date(Date.now() - 60_000) },
      });
      expect((await get(second.session, "/api/title-applications")).status).toBe(200);
      await taskAt(row.id, 0);
      expect((await decide(bottom.handlerSession, row.id, "PUSH")).status).toBe(200);
    } finally {
      await offline.connection.close();
    }
  });

  it("R25 platform staff may read any application", async () => {
    const { bottom } = await chain();
    const { session } = await applicant(bottom.unit);
    const application = await submitted(session);
    const province = await node(null, "HR_DEPARTMENT");
    const reviewer = await createPerson(database.db);
    await bindWithRole(database.db, reviewer.id, province.unit.id, {
      role: "PLATFORM_REVIEWER",
      subsystem: "PLATFORM",
    });
    const read = await detail(await realPersonSession(database.db, reviewer.id), application.id);
    expect(read.status).toBe(200);
    expect(read.body.data.canWithdraw).toBe(false);
    // Not a node of its path: a stranger to it as a decider.
    expect((await detail(province.handlerSession, application.id)).status).toBe(404);
  });
});

// Each test below has regions of its own: the HR department a chain goes on to is the nearest one
// of the top's region, so no other test's departments can be nearer.
describe("R31 a chain whose top is not an HR department goes on to the HR department of the top's region", () => {
  it("R31 a legacy unit without a superior: its application goes to its region's HR department, whose push completes it (even though that department has a superior); 我的申请 lists it", async () => {
    const zunyi = await node(null, "HR_DEPARTMENT", "520300");
    const county = await node(zunyi, "HR_DEPARTMENT", "520302");
    const legacy = await node(null, "ENTERPRISE", "520302");
    await database.db.unit.update({
      where: { id: legacy.unit.id },
      data: { origin: "IMPORTED", affiliationRequired: false },
    });
    const { person, session } = await applicant(legacy.unit);
    const application = await submitted(session);
    const opened = (await detail(session, application.id)).body.data;
    expect(names(opened.steps)).toEqual([legacy.unit.name, county.unit.name]);

    const pushed = await decide(legacy.handlerSession, application.id, "PUSH");
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);
    expect(pushed.body.data.currentUnit).toEqual({ id: county.unit.id, name: county.unit.name });
    const task = await taskAt(application.id, 1);
    expect(task).toMatchObject({ queue: "UNIT", unitId: county.unit.id, status: "OPEN" });
    // The department's handler reads it and decides: its push completes it there.
    expect((await detail(county.handlerSession, application.id)).status).toBe(200);
    const done = await decide(county.handlerSession, application.id, "PUSH");
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.data).toMatchObject({ status: "COMPLETED", currentUnit: null });
    expect(statuses(done.body.data.steps)).toEqual(["ACCEPTED", "ACCEPTED"]);
    expect(
      await database.db.humanTask.count({ where: { requestId: application.id, unitId: zunyi.unit.id } }),
    ).toBe(0);
    await expect
      .poll(() =>
        database.db.smsMessage.findFirst({
          where: { mobile: person.mobile, template: "TITLE_APPLICATION_COMPLETED" },
        }),
      )
      .toMatchObject({ body: expect.stringContaining(county.unit.name) });

    // R25: 我的申请 shows it with its path and history, among the person's other requests.
    const mine = await (await get(session, "/api/me/requests")).json();
    const item = mine.data.find((r: { id: string }) => r.id === application.id);
    expect(item).toMatchObject({
      type: "TITLE_APPLICATION",
      requestNumber: application.requestNumber,
      status: "COMPLETED",
      submittedAt: opened.createdAt,
      unit: { id: legacy.unit.id },
      canWithdraw: false,
    });
    expect(names(item.steps)).toEqual([legacy.unit.name, county.unit.name]);
    expect(item.history.map((e: { kind: string }) => e.kind)).toEqual(["SUBMITTED", "PUSHED", "COMPLETED"]);
    expect(item.history[0].detail).toBe(`${legacy.unit.name} → ${county.unit.name}`);
    await recordFinished(application.id, "title-application-regional-hr-completed");
  });

  it("R31 a chain whose top is an enterprise without a superior continues to the HR department of the top's region (its prefecture's: the county has none), as its push chain shows", async () => {
    const bottomRegionHr = await node(null, "HR_DEPARTMENT", "520303");
    const qiandongnan = await node(null, "HR_DEPARTMENT", "522600");
    const top = await node(null, "ENTERPRISE", "522622");
    const bottom = await node(top, "ENTERPRISE", "520303");
    const shown = await (await get(bottom.adminSession, `/api/units/${bottom.unit.id}/push-chain`)).json();
    expect(shown.data).toEqual({
      chain: [
        expect.objectContaining({ id: bottom.unit.id }),
        expect.objectContaining({ id: top.unit.id, type: "ENTERPRISE" }),
        expect.objectContaining({ id: qiandongnan.unit.id, type: "HR_DEPARTMENT", implicit: true }),
      ],
      reachesHrDepartment: true,
    });
    expect(shown.data.chain.filter((n: { implicit?: boolean }) => n.implicit)).toHaveLength(1);

    const { session } = await applicant(bottom.unit);
    const application = await submitted(session);
    const opened = (await detail(session, application.id)).body.data;
    expect(names(opened.steps)).toEqual([bottom, top, qiandongnan].map((n) => n.unit.name));
    expect((await decide(bottom.handlerSession, application.id, "PUSH")).status).toBe(200);
    const atTop = await decide(top.handlerSession, application.id, "PUSH");
    expect(atTop.status, JSON.stringify(atTop.body)).toBe(200);
    expect(atTop.body.data.currentUnit.id).toBe(qiandongnan.unit.id);
    expect((await taskAt(application.id, 2)).unitId).toBe(qiandongnan.unit.id);
    const done = await decide(qiandongnan.handlerSession, application.id, "PUSH");
    expect(done.body.data.status).toBe("COMPLETED");
    expect(statuses(done.body.data.steps)).toEqual(["ACCEPTED", "ACCEPTED", "ACCEPTED"]);
    expect(
      await database.db.humanTask.count({
        where: { requestId: application.id, unitId: bottomRegionHr.unit.id },
      }),
    ).toBe(0);
  });

  it("R31 a region whose county and prefecture have no HR department: the provincial one receives it", async () => {
    const province = await node(null, "HR_DEPARTMENT", "520000");
    const lone = await node(null, "PUBLIC_INSTITUTION", "522325");
    const { session } = await applicant(lone.unit);
    const application = await submitted(session);
    const opened = (await detail(session, application.id)).body.data;
    expect(names(opened.steps)).toEqual([lone.unit.name, province.unit.name]);
    expect((await decide(lone.handlerSession, application.id, "PUSH")).status).toBe(200);
    expect((await taskAt(application.id, 1)).unitId).toBe(province.unit.id);
    const done = await decide(province.handlerSession, application.id, "PUSH");
    expect(done.body.data).toMatchObject({ status: "COMPLETED", currentUnit: null });
  });

  it("R31 the unit affiliates while its application waits there: the application follows the new chain to the new top's regional HR department (CHAIN_CHANGED)", async () => {
    const ownHr = await node(null, "HR_DEPARTMENT", "520304");
    const otherHr = await node(null, "HR_DEPARTMENT", "520602");
    const newTop = await node(null, "ENTERPRISE", "520602");
    const unit = await node(null, "ENTERPRISE", "520304");
    const { session } = await applicant(unit.unit);
    const application = await submitted(session);
    expect(names((await detail(session, application.id)).body.data.steps)).toEqual([
      unit.unit.name,
      ownHr.unit.name,
    ]);
    // The unit gets a superior (as an approved affiliation request does, R13).
    await database.db.$transaction(async (tx) => {
      await tx.hierarchyLock.upsert({ where: { id: 1 }, update: { version: { increment: 1 } }, create: {} });
      await tx.unit.update({ where: { id: unit.unit.id }, data: { parentUnitId: newTop.unit.id } });
    });
    const pushed = await decide(unit.handlerSession, application.id, "PUSH");
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);
    expect(pushed.body.data.currentUnit.id).toBe(newTop.unit.id);
    expect(
      pushed.body.data.steps.map((s: { position: number; unit: { id: string }; status: string }) => [
        s.position,
        s.unit.id,
        s.status,
      ]),
    ).toEqual([
      [0, unit.unit.id, "ACCEPTED"],
      [1, ownHr.unit.id, "SKIPPED"],
      [2, newTop.unit.id, "PENDING"],
      [3, otherHr.unit.id, "PENDING"],
    ]);
    const history = (await detail(session, application.id)).body.data.history;
    expect(history.map((e: { kind: string }) => e.kind)).toEqual(["SUBMITTED", "CHAIN_CHANGED", "PUSHED"]);
    expect(history[1].detail).toBe(`${ownHr.unit.name} → ${newTop.unit.name}`);
    expect((await decide(newTop.handlerSession, application.id, "PUSH")).status).toBe(200);
    expect((await taskAt(application.id, 3)).unitId).toBe(otherHr.unit.id);
    const done = await decide(otherHr.handlerSession, application.id, "PUSH");
    expect(done.body.data.status).toBe("COMPLETED");
    expect(statuses(done.body.data.steps)).toEqual(["ACCEPTED", "SKIPPED", "ACCEPTED", "ACCEPTED"]);
    await recordFinished(application.id, "title-application-regional-hr-chain-changed");
  });
});
