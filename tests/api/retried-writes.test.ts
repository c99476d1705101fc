// Issue 14.2: the keyed writes that a retry repeats (a workflow step run again, a decision sent
// twice, an SMS whose activity is retried) are one INSERT, and the retry hits the row's unique key:
// it must change nothing and fail nothing, on a real SQLite file (and on PostgreSQL with
// TEST_DATABASE=postgresql). They are raw SQL (issue 14: half the CPU of Prisma's statements), so
// the rows they store must be the rows Prisma stores: the same dates, booleans and enum values.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequestActivities, upsertTask } from "../../activities/request.activities.js";
import { decisionOrigin, recordDecisionOrigin } from "../../lib/audit.js";
import { bindPerson } from "../../lib/memberships.js";
import { createOutboxSmsGateway } from "../../lib/ports/sms.js";
import { uniqueViolation } from "../../lib/unique.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { TEST_ON_POSTGRES } from "../support/global-setup-database.js";
import { createPerson, createUnit } from "../support/people.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe("issue 14.2: a retried keyed write keeps the first row", () => {
  it("R25: a request event written again at the same sequence keeps the first and adds none", async () => {
    const { db } = database;
    const { recordRequestEvent } = createRequestActivities({ db } as Parameters<
      typeof createRequestActivities
    >[0]);
    const requestId = randomUUID();
    const event = {
      requestType: "BINDING_REQUEST" as const,
      requestId,
      sequence: 3,
      at: new Date().toISOString(),
    };
    await recordRequestEvent({ ...event, kind: "SUBMITTED" });
    await recordRequestEvent({ ...event, kind: "CHANGED_ON_RETRY" });
    const rows = await db.requestEvent.findMany({ where: { requestId } });
    expect(rows.map((r) => [r.sequence, r.kind, r.actorRole])).toEqual([[3, "SUBMITTED", "SYSTEM"]]);
    // Another sequence is another event.
    await recordRequestEvent({
      ...event,
      sequence: 4,
      kind: "DECIDED",
      actorId: "p1",
      actorRole: "UNIT_ADMIN",
    });
    expect(await db.requestEvent.count({ where: { requestId } })).toBe(2);
  });

  it("a human task opened again keeps the first (its title and status), another step is another task", async () => {
    const { db } = database;
    const requestId = randomUUID();
    const task = {
      workflowId: `wf-${requestId}`,
      kind: "BINDING_REVIEW",
      requestType: "BINDING_REQUEST" as const,
      requestId,
      queue: "UNIT" as const,
      title: "first",
      dueAt: null,
    };
    await upsertTask(db, task);
    await db.humanTask.updateMany({ where: { requestId }, data: { status: "CLAIMED" } });
    await upsertTask(db, { ...task, title: "retried" });
    const rows = await db.humanTask.findMany({ where: { requestId } });
    expect(rows.map((r) => [r.step, r.title, r.status])).toEqual([[0, "first", "CLAIMED"]]);
    await upsertTask(db, { ...task, step: 1, title: "next node" });
    expect(await db.humanTask.count({ where: { requestId } })).toBe(2);
  });

  it("R26: a decision sent again keeps where it was first made", async () => {
    const { db } = database;
    const key = `decision-${randomUUID()}`;
    await recordDecisionOrigin(db, key, { ipAddress: "10.0.0.1", sessionStrength: "REAL_PERSON" });
    await recordDecisionOrigin(db, key, { ipAddress: "10.0.0.2", sessionStrength: "PASSWORD" });
    expect(await decisionOrigin(db, key)).toMatchObject({
      ipAddress: "10.0.0.1",
      sessionStrength: "REAL_PERSON",
    });
  });

  it("an outbox SMS sent again under its key is the same message, recorded once", async () => {
    const { db } = database;
    const sms = createOutboxSmsGateway(db);
    const idempotencyKey = `test:${randomUUID()}`;
    const request = {
      idempotencyKey,
      mobile: "13800138000",
      template: "BINDING_REQUEST_APPROVED" as const,
      params: { unitName: "测试单位", requestNumber: "BD20261130000001", reason: "" },
    };
    const first = await sms.send(request);
    const again = await sms.send(request);
    expect(again).toEqual(first);
    expect(await db.smsMessage.count({ where: { idempotencyKey } })).toBe(1);
  });

  it("issue 14: a raw keyed write stores what Prisma stores (dates, booleans, enums), read back alike", async () => {
    const { db } = database;
    const requestId = randomUUID();
    const dueAt = "2026-12-20T08:30:00.125Z";
    await upsertTask(db, {
      workflowId: `wf-${requestId}`,
      kind: "BINDING_REVIEW",
      requestType: "BINDING_REQUEST",
      requestId,
      queue: "UNIT",
      title: "raw",
      dueAt,
    });
    // The same row through Prisma, beside it.
    await db.humanTask.create({
      data: {
        workflowId: `wf-${requestId}`,
        kind: "BINDING_REVIEW",
        step: 1,
        requestType: "BINDING_REQUEST",
        requestId,
        queue: "UNIT",
        title: "prisma",
        dueAt: new Date(dueAt),
      },
    });
    const [raw, prisma] = await db.humanTask.findMany({ where: { requestId }, orderBy: { step: "asc" } });
    expect(raw).toMatchObject({ requestType: "BINDING_REQUEST", queue: "UNIT", status: "OPEN", open: true });
    expect(raw!.dueAt).toEqual(new Date(dueAt));
    expect(raw!.createdAt).toBeInstanceOf(Date);
    // Both are found by the filters the workbench uses (open, due before, in the unit queue).
    const open = await db.humanTask.findMany({
      where: { requestId, open: true, queue: "UNIT", dueAt: { lte: new Date(dueAt) } },
      select: { title: true },
      orderBy: { step: "asc" },
    });
    expect(open.map((t) => t.title)).toEqual(["raw", "prisma"]);
    expect(prisma!.open).toBe(true);
    if (!TEST_ON_POSTGRES) {
      // SQLite keeps dates as text: the raw write's must be Prisma's format, or ranges and order break.
      const stored = await db.$queryRawUnsafe<
        { step: number; dueAt: string; createdAt: string; open: number }[]
      >(
        `SELECT "step", CAST("dueAt" AS TEXT) AS "dueAt", CAST("createdAt" AS TEXT) AS "createdAt",
           CAST("open" AS INTEGER) AS "open" FROM "HumanTask" WHERE "requestId" = ? ORDER BY "step"`,
        requestId,
      );
      expect(stored[0]!.dueAt).toBe(stored[1]!.dueAt);
      expect(stored[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
      expect(stored.map((row) => Number(row.open))).toEqual([1, 1]);
    }
  });

  it("issue 14: a raw write's unique violation names its key, as a Prisma write's did (the clash explanations read it)", async () => {
    const { db } = database;
    const person = await createPerson(db);
    const [first, second] = [await createUnit(db), await createUnit(db)];
    await bindPerson(db, person.id, first.id);
    // Another writer's binding of the same person, unseen by this one (`known`: not bound).
    const clash = await bindPerson(db, person.id, second.id, undefined, null).catch(
      (error: unknown) => error,
    );
    expect(uniqueViolation(clash)).toMatchObject({ model: "Binding", fields: ["activePersonId"] });
  });
});
