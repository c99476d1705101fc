// Issue 14: the inbox's tab counts without a search, mine or overdue filter read the kept task counts
// (HumanTaskCount, kept by triggers on HumanTask: SQLite, or PostgreSQL with TEST_DATABASE=postgresql)
// instead of walking up to 10,001 index entries per tab. The kept counts follow every kind of task
// write — one row or many, a claim, an escalation to another queue, a move to another unit, a close,
// a removal — and agree with a GROUP BY of the tasks after each.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "../../prisma/generated/client.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createPerson, createUnit, realPersonSession } from "../support/people.js";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>["app"];

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database).app;
});
afterAll(() => database.close());

type Key = { queue: string; unitId: string; kind: string; requestType: string; status: string };
const keyOf = (k: Key) => [k.queue, k.unitId, k.kind, k.requestType, k.status].join("|");

/** The kept counts above 0, as "queue|unit|kind|requestType|status" → tasks. */
async function kept(): Promise<Record<string, number>> {
  const rows = await database.db.humanTaskCount.findMany();
  return Object.fromEntries(rows.filter((r) => r.tasks !== 0).map((r) => [keyOf(r), r.tasks]));
}

/** The same counted from the tasks: a UNIT queue's task under its unit, any other under "". */
async function counted(): Promise<Record<string, number>> {
  const tasks = await database.db.humanTask.findMany({
    select: { queue: true, unitId: true, kind: true, requestType: true, status: true },
  });
  const counts: Record<string, number> = {};
  for (const t of tasks) {
    const key = keyOf({ ...t, unitId: t.queue === "UNIT" ? (t.unitId ?? "") : "" });
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const task = (data: Partial<Prisma.HumanTaskUncheckedCreateInput>): Prisma.HumanTaskUncheckedCreateInput => {
  const requestId = randomUUID();
  return {
    workflowId: `wf-${requestId}`,
    kind: "bindingRequestReview",
    requestType: "BINDING_REQUEST",
    requestId,
    queue: "UNIT",
    title: `计数-${requestId.slice(0, 8)}`,
    ...data,
  };
};

describe("issue 14: the kept task counts follow every task write", () => {
  it("inserts, claims, escalations, unit moves, closes and removals, one row or many, leave the kept counts equal to the tasks'", async () => {
    const db = database.db;
    const [first, second] = [await createUnit(db), await createUnit(db)];
    expect(await kept()).toEqual(await counted());

    const one = await db.humanTask.create({ data: task({ unitId: first.id }) });
    await db.humanTask.createMany({
      data: [
        task({ unitId: first.id }),
        task({ unitId: first.id, status: "CLAIMED" }),
        task({ unitId: second.id, kind: "affiliationRequestReview", requestType: "AFFILIATION_REQUEST" }),
        // A platform task counts under no unit, even when it names one.
        task({
          queue: "PLATFORM_REVIEW",
          unitId: second.id,
          kind: "unitRegistrationReview",
          requestType: "UNIT_REGISTRATION",
        }),
        task({ queue: "PLATFORM_REVIEW", kind: "unitRegistrationReview", requestType: "UNIT_REGISTRATION" }),
      ],
    });
    expect(await kept()).toEqual(await counted());
    expect((await kept())[`UNIT|${first.id}|bindingRequestReview|BINDING_REQUEST|OPEN`]).toBe(2);
    expect((await kept())["PLATFORM_REVIEW||unitRegistrationReview|UNIT_REGISTRATION|OPEN"]).toBe(2);

    // A claim, then a change that moves no count (the title), then an escalation to another queue.
    await db.humanTask.update({ where: { id: one.id }, data: { status: "CLAIMED" } });
    await db.humanTask.update({ where: { id: one.id }, data: { title: "计数-改名" } });
    await db.humanTask.updateMany({
      where: { queue: "PLATFORM_REVIEW" },
      data: { queue: "PLATFORM_SUPERVISOR", status: "OPEN" },
    });
    expect(await kept()).toEqual(await counted());

    // A move to another unit, then every task of the first unit closed at once.
    await db.humanTask.update({ where: { id: one.id }, data: { unitId: second.id } });
    await db.humanTask.updateMany({
      where: { unitId: first.id },
      data: { status: "COMPLETED", open: false },
    });
    expect(await kept()).toEqual(await counted());
    expect((await kept())[`UNIT|${first.id}|bindingRequestReview|BINDING_REQUEST|COMPLETED`]).toBe(2);

    // Removals: one, then many.
    await db.humanTask.delete({ where: { id: one.id } });
    await db.humanTask.deleteMany({ where: { queue: "PLATFORM_SUPERVISOR" } });
    expect(await kept()).toEqual(await counted());
    expect(Object.keys(await kept()).some((k) => k.startsWith("PLATFORM_SUPERVISOR"))).toBe(false);
  });

  it("concurrent claims and releases of one unit's tasks keep the counts exact", async () => {
    const db = database.db;
    const unit = await createUnit(db);
    const rows = Array.from({ length: 40 }, () => task({ unitId: unit.id }));
    await db.humanTask.createMany({ data: rows });
    const ids = (await db.humanTask.findMany({ where: { unitId: unit.id }, select: { id: true } })).map(
      (r) => r.id,
    );
    // Half claimed while the other half is claimed and released again, all at once.
    await Promise.all(
      ids.map(async (id, i) => {
        await db.humanTask.update({ where: { id }, data: { status: "CLAIMED" } });
        if (i % 2 === 1) await db.humanTask.update({ where: { id }, data: { status: "OPEN" } });
      }),
    );
    expect(await kept()).toEqual(await counted());
    expect((await kept())[`UNIT|${unit.id}|bindingRequestReview|BINDING_REQUEST|CLAIMED`]).toBe(20);
    expect((await kept())[`UNIT|${unit.id}|bindingRequestReview|BINDING_REQUEST|OPEN`]).toBe(20);
  });
});

describe("issue 14: the inbox's counts from the kept counts are the tasks' counts", () => {
  it("every view, status, kind, queue and unit filter answers the counts a count of the tasks in scope gives", async () => {
    const db = database.db;
    const [first, second, other] = [await createUnit(db), await createUnit(db), await createUnit(db)];
    // Administrator of the first unit and title handler of the second; reviewer of the platform queue.
    const me = await createPerson(db, { unitId: first.id, role: "UNIT_ADMIN" });
    await db.roleBinding.create({
      data: { personId: me.id, unitId: second.id, role: "TITLE_HANDLER", subsystem: "PORTAL" },
    });
    await db.roleBinding.create({
      data: { personId: me.id, unitId: first.id, role: "PLATFORM_SUPERVISOR", subsystem: "PLATFORM" },
    });
    const statuses = ["OPEN", "CLAIMED", "COMPLETED", "CANCELLED"] as const;
    const shapes = [
      { queue: "UNIT", unitId: first.id, kind: "bindingRequestReview", requestType: "BINDING_REQUEST" },
      { queue: "UNIT", unitId: first.id, kind: "titleApplicationReview", requestType: "TITLE_APPLICATION" },
      { queue: "UNIT", unitId: second.id, kind: "titleApplicationReview", requestType: "TITLE_APPLICATION" },
      {
        queue: "UNIT",
        unitId: second.id,
        kind: "affiliationRequestReview",
        requestType: "AFFILIATION_REQUEST",
      },
      { queue: "UNIT", unitId: other.id, kind: "bindingRequestReview", requestType: "BINDING_REQUEST" },
      {
        queue: "PLATFORM_REVIEW",
        unitId: null,
        kind: "unitRegistrationReview",
        requestType: "UNIT_REGISTRATION",
      },
      {
        queue: "PLATFORM_SUPERVISOR",
        unitId: first.id,
        kind: "contactMobileReview",
        requestType: "CONTACT_MOBILE_CHANGE",
      },
    ] as const;
    await db.humanTask.createMany({
      data: shapes.flatMap((shape, i) =>
        statuses.flatMap((status, j) =>
          Array.from({ length: 1 + ((i + j) % 3) }, (_, k) =>
            task({
              ...shape,
              status,
              open: status === "OPEN" || status === "CLAIMED",
              assigneeId: status === "CLAIMED" && k === 0 ? me.id : null,
              // Every other task past its due time, for 我的工作's overdue counts.
              dueAt: new Date(Date.now() + (k % 2 === 0 ? -1 : 1) * 86_400_000),
            }),
          ),
        ),
      ),
    });
    const session = await realPersonSession(db, me.id);
    // What this person sees: both platform queues (supervisor), the first and second units' requests
    // but title applications (R7), and the second unit's title applications (its handler, R31).
    const scope: Prisma.HumanTaskWhereInput = {
      OR: [
        { queue: { in: ["PLATFORM_REVIEW", "PLATFORM_SUPERVISOR"] } },
        { queue: "UNIT", unitId: { in: [first.id, second.id] }, requestType: { not: "TITLE_APPLICATION" } },
        { queue: "UNIT", unitId: second.id, requestType: "TITLE_APPLICATION" },
      ],
    };
    const count = (where: Prisma.HumanTaskWhereInput) =>
      db.humanTask.count({ where: { AND: [scope, where] } });
    const views: Record<string, Prisma.HumanTaskWhereInput> = {
      unclaimed: { status: "OPEN" },
      mine: { status: "CLAIMED", assigneeId: me.id },
      open: { open: true },
      closed: { open: false },
    };
    const pastDue: Prisma.HumanTaskWhereInput = { open: true, dueAt: { lt: new Date() } };
    // [query, its filters (the counts follow them), its view and status (the total follows them too)]
    const queries: [string, Prisma.HumanTaskWhereInput, Prisma.HumanTaskWhereInput][] = [
      ["", {}, {}],
      ["kind=bindingRequestReview", { kind: "bindingRequestReview" }, {}],
      ["queue=UNIT", { queue: "UNIT" }, {}],
      ["queue=PLATFORM_SUPERVISOR&view=unclaimed", { queue: "PLATFORM_SUPERVISOR" }, views.unclaimed!],
      [`unitId=${first.id}`, { unitId: first.id }, {}],
      [
        `unitId=${second.id}&kind=titleApplicationReview&view=open`,
        { unitId: second.id, kind: "titleApplicationReview" },
        views.open!,
      ],
      ["status=CLAIMED", {}, { status: "CLAIMED" }],
      ["view=closed&status=COMPLETED", {}, { open: false, status: "COMPLETED" }],
      ["view=mine&status=CLAIMED", {}, { status: "CLAIMED", assigneeId: me.id }],
      // Under the mine filter the claimed tasks are the caller's: the mine count is the claimed one.
      ["mine=true", { assigneeId: me.id }, {}],
      ["mine=true&view=mine", { assigneeId: me.id }, views.mine!],
      // `open` stated by the view, the status and the overdue filter alike (written once to the
      // database), and a status outside its view (nothing).
      ["view=open&status=OPEN", {}, { status: "OPEN" }],
      ["view=unclaimed&status=OPEN&overdue=true", pastDue, { status: "OPEN" }],
      ["view=open&overdue=true", pastDue, { open: true }],
      ["view=closed&status=OPEN", {}, { open: false, status: "OPEN" }],
      [
        "view=mine&status=OPEN&mine=true",
        { assigneeId: me.id },
        { AND: [{ status: "CLAIMED" }, { status: "OPEN" }] },
      ],
    ];
    for (const [query, filters, viewAndStatus] of queries) {
      const response = await app.request(`/api/tasks?${query}`, { headers: session.headers() });
      expect(response.status, query).toBe(200);
      const body = (await response.json()) as { total: number; counts: Record<string, number> };
      const expected = Object.fromEntries(
        await Promise.all(
          Object.entries(views).map(async ([view, w]) => [view, await count({ AND: [filters, w] })] as const),
        ),
      );
      expect(body.counts, query).toEqual(expected);
      expect(body.total, query).toBe(await count({ AND: [filters, viewAndStatus] }));
    }
    // 我的工作's overdue counts (one count per kept group of pending tasks) are the tasks' in scope, in all
    // and per queue, unit and kind.
    const work = (await (await app.request("/api/me/work", { headers: session.headers() })).json()) as {
      data: {
        queues: { queue: string; overdue: number | null }[];
        taskQueues: {
          queue: string;
          unit: { id: string } | null;
          kinds: { kind: string; overdue: number }[];
        }[];
      };
    };
    const overdueInAll = await count(pastDue);
    expect(overdueInAll).toBeGreaterThan(0);
    expect(work.data.queues.find((q) => q.queue === "TASKS")?.overdue).toBe(overdueInAll);
    for (const entry of work.data.taskQueues)
      for (const { kind, overdue: shown } of entry.kinds) {
        const where = {
          queue: entry.queue as "UNIT",
          kind,
          ...(entry.unit ? { unitId: entry.unit.id } : {}),
        };
        expect(shown, `${entry.queue} ${entry.unit?.id ?? ""} ${kind}`).toBe(
          await count({ AND: [pastDue, where] }),
        );
      }
    expect(work.data.taskQueues.map((q) => q.unit?.id ?? q.queue)).toEqual(
      expect.arrayContaining(["PLATFORM_REVIEW", "PLATFORM_SUPERVISOR", first.id, second.id]),
    );
    // The unfiltered counts are the kept ones (a kept row off by 1,000 shows), an overdue filter's are not.
    const read = async (query: string) =>
      (
        (await (await app.request(`/api/tasks?${query}`, { headers: session.headers() })).json()) as {
          counts: { unclaimed: number };
        }
      ).counts.unclaimed;
    const [plain, overdue] = [await read(""), await read("overdue=true")];
    const key = {
      queue: "UNIT",
      unitId: first.id,
      kind: "bindingRequestReview",
      requestType: "BINDING_REQUEST",
      status: "OPEN",
    } as const;
    await db.humanTaskCount.update({
      where: { queue_unitId_kind_requestType_status: key },
      data: { tasks: { increment: 1000 } },
    });
    expect([await read(""), await read("overdue=true")]).toEqual([plain + 1000, overdue]);
    await db.humanTaskCount.update({
      where: { queue_unitId_kind_requestType_status: key },
      data: { tasks: { decrement: 1000 } },
    });
  });
});
