// 我的工作 (GET /api/me/work) on a real SQLite file: per queue the person can work, what waits in
// their scope — reviewers the platform queues, a unit's administrators and handlers its tasks and
// incoming binding requests, only in real-person sessions (R12) — and nothing for an applicant.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bindWithRole } from "../../prisma/seed/seed.js";
import { BINDING_TASK_KIND } from "../../workflows/contracts.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createPerson, createUnit, passwordLogin, realPersonSession } from "../support/people.js";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>["app"];

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database).app;
});
afterAll(() => database.close());

type Session = { headers(extra?: Record<string, string>): Record<string, string> };
type Queue = { queue: string; pending: number | null; overdue: number | null; mine: number | null };
type TaskQueue = { queue: string; unit: { id: string; name: string } | null; pending: number | null };

const work = async (session: Session) => {
  const response = await app.request("/api/me/work", { headers: session.headers() });
  expect(response.status).toBe(200);
  return (await response.json()).data as {
    total: number;
    realPersonRequired: boolean;
    queues: Queue[];
    taskQueues: TaskQueue[];
  };
};

const HOUR = 3_600_000;

async function task(data: {
  queue: "PLATFORM_REVIEW" | "PLATFORM_SUPERVISOR" | "UNIT";
  unitId?: string;
  kind?: string;
  requestId?: string;
  status?: "OPEN" | "CLAIMED" | "COMPLETED" | "CANCELLED";
  assigneeId?: string;
  dueInMs?: number;
}) {
  const requestId = data.requestId ?? randomUUID();
  return database.db.humanTask.create({
    data: {
      workflowId: `wf-${requestId}`,
      kind: data.kind ?? "unitRegistrationReview",
      requestType: data.kind === BINDING_TASK_KIND ? "BINDING_REQUEST" : "UNIT_REGISTRATION",
      requestId,
      queue: data.queue,
      unitId: data.unitId ?? null,
      title: "任务",
      status: data.status ?? "OPEN",
      assigneeId: data.assigneeId ?? null,
      dueAt: new Date(Date.now() + (data.dueInMs ?? 24 * HOUR)),
    },
  });
}

/** An open binding request to the unit, with its task in the unit's queue, as the workflow opens them. */
async function incomingRequest(unitId: string) {
  const person = await createPerson(database.db);
  const request = await database.db.bindingRequest.create({
    data: {
      requestNumber: `BDWORK${person.id.slice(0, 8)}`,
      personId: person.id,
      unitId,
      openPersonId: person.id,
      pledgeAcceptedAt: new Date(),
      workflowId: `BindingRequest:${person.id}`,
    },
  });
  await task({ queue: "UNIT", unitId, kind: BINDING_TASK_KIND, requestId: request.id });
  return request;
}

describe("the session's identity for the console's menus", () => {
  it("GET /auth/me says of each role whether its unit forms a committee (评委会组建单位)", async () => {
    const committee = await createUnit(database.db);
    await database.db.unit.update({ where: { id: committee.id }, data: { formsCommittee: true } });
    const plain = await createUnit(database.db);
    const handler = await createPerson(database.db, { unitId: plain.id, role: "TITLE_HANDLER" });
    const admin = await createPerson(database.db, { unitId: committee.id, role: "UNIT_ADMIN" });
    const roles = async (personId: string) =>
      (
        await (
          await app.request("/api/auth/me", {
            headers: (await realPersonSession(database.db, personId)).headers(),
          })
        ).json()
      ).data.roles;
    expect(await roles(handler.id)).toEqual([
      expect.objectContaining({ role: "TITLE_HANDLER", unitId: plain.id, unitFormsCommittee: false }),
    ]);
    expect(await roles(admin.id)).toEqual([
      expect.objectContaining({ role: "UNIT_ADMIN", unitId: committee.id, unitFormsCommittee: true }),
    ]);
  });
});

describe("我的工作: the pending work of the signed-in person", () => {
  it("an applicant has no queue; a unit login has no personal work", async () => {
    const applicant = await createPerson(database.db);
    for (const session of [
      await passwordLogin(app, applicant.idNumber),
      await realPersonSession(database.db, applicant.id),
    ]) {
      expect(await work(session)).toEqual({
        total: 0,
        realPersonRequired: false,
        queues: [],
        taskQueues: [],
      });
    }
    const unit = await createUnit(database.db);
    const token = randomBytes(32).toString("base64url");
    await database.db.session.create({
      data: {
        id: createHash("sha256").update(token).digest("hex"),
        kind: "UNIT",
        unitId: unit.id,
        strength: "PASSWORD",
        absoluteExpiresAt: new Date(Date.now() + HOUR),
      },
    });
    const refused = await app.request("/api/me/work", { headers: { cookie: `zc_session=${token}` } });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe("UNIT_SESSION_NOT_ALLOWED");
    expect((await app.request("/api/me/work")).status).toBe(401);
  });

  it("R12 a handler counts the unit's tasks and incoming requests in a real-person session, each request once", async () => {
    const unit = await createUnit(database.db);
    const handler = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
    await incomingRequest(unit.id);
    await incomingRequest(unit.id);
    // Not this handler's: another unit's request, a request already decided, a finished task.
    const other = await createUnit(database.db);
    await incomingRequest(other.id);
    const decided = await incomingRequest(unit.id);
    await database.db.bindingRequest.update({
      where: { id: decided.id },
      data: { openPersonId: null, status: "APPROVED" },
    });
    await database.db.humanTask.update({
      where: { requestId_kind_step: { requestId: decided.id, kind: BINDING_TASK_KIND, step: 0 } },
      data: { status: "COMPLETED" },
    });
    // A claimed, overdue task of the unit queue (not a binding request).
    await task({ queue: "UNIT", unitId: unit.id, status: "CLAIMED", assigneeId: handler.id, dueInMs: -HOUR });
    // A platform task: not a handler's.
    await task({ queue: "PLATFORM_REVIEW" });

    const summary = await work(await realPersonSession(database.db, handler.id));
    expect(summary.queues).toEqual([
      { queue: "TASKS", pending: 3, overdue: 1, mine: 1, unclaimed: 2, realPersonRequired: false },
      {
        queue: "INCOMING_ACCOUNTS",
        pending: 2,
        overdue: null,
        mine: null,
        unclaimed: null,
        realPersonRequired: false,
      },
    ]);
    // The two requests are tasks too: three distinct items wait, not five.
    expect(summary).toMatchObject({ total: 3, realPersonRequired: false });
  });

  it("R12 a password session of an administrator is told to log in by QR code instead of a count", async () => {
    const unit = await createUnit(database.db);
    const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
    await incomingRequest(unit.id);
    const summary = await work(await passwordLogin(app, admin.idNumber));
    expect(summary).toEqual({
      total: 0,
      realPersonRequired: true,
      queues: [
        {
          queue: "TASKS",
          pending: null,
          overdue: null,
          mine: null,
          unclaimed: null,
          realPersonRequired: true,
        },
        {
          queue: "INCOMING_ACCOUNTS",
          pending: null,
          overdue: null,
          mine: null,
          unclaimed: null,
          realPersonRequired: true,
        },
      ],
      // The unit's queue is named, its counts wait for a real-person session (R12).
      taskQueues: [
        expect.objectContaining({
          queue: "UNIT",
          unit: { id: unit.id, name: unit.name },
          pending: null,
          realPersonRequired: true,
        }),
      ],
    });
    const raised = await work(await realPersonSession(database.db, admin.id));
    expect(raised.queues.map((q) => q.pending)).toEqual([1, 1]);
    expect(raised.total).toBe(1);
  });

  it("reviewers count the review queue, supervisors also the escalated one, in any session; unit queues are not theirs", async () => {
    await database.db.humanTask.deleteMany({ where: { queue: { not: "UNIT" } } });
    const province = await createUnit(database.db);
    const reviewer = await createPerson(database.db);
    await bindWithRole(database.db, reviewer.id, province.id, {
      role: "PLATFORM_REVIEWER",
      subsystem: "PLATFORM",
    });
    const supervisor = await createPerson(database.db);
    await bindWithRole(database.db, supervisor.id, province.id, {
      role: "PLATFORM_SUPERVISOR",
      subsystem: "PLATFORM",
    });
    await task({ queue: "PLATFORM_REVIEW" });
    await task({ queue: "PLATFORM_REVIEW", status: "CLAIMED", assigneeId: reviewer.id, dueInMs: -HOUR });
    await task({ queue: "PLATFORM_REVIEW", status: "COMPLETED" });
    await task({ queue: "PLATFORM_SUPERVISOR" });
    await incomingRequest(province.id);

    const asReviewer = await work(await passwordLogin(app, reviewer.idNumber));
    expect(asReviewer).toMatchObject({
      total: 2,
      realPersonRequired: false,
      queues: [{ queue: "TASKS", pending: 2, overdue: 1, mine: 1, unclaimed: 1, realPersonRequired: false }],
    });
    // Per queue: the review queue only, no unit queue (a binding request to the province is not theirs).
    expect(asReviewer.taskQueues.map((q) => [q.queue, q.pending])).toEqual([["PLATFORM_REVIEW", 2]]);
    const asSupervisor = await work(await realPersonSession(database.db, supervisor.id));
    expect(asSupervisor.queues).toEqual([
      { queue: "TASKS", pending: 3, overdue: 1, mine: 0, unclaimed: 2, realPersonRequired: false },
    ]);
    expect(asSupervisor.total).toBe(3);
    expect(asSupervisor.taskQueues.map((q) => [q.queue, q.pending])).toEqual([
      ["PLATFORM_REVIEW", 2],
      ["PLATFORM_SUPERVISOR", 1],
    ]);
  });
});
