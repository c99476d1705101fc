// Issue 14: the workbench's search (GET /tasks?q=) finds its tasks through indexes — a typed request
// number or its beginning through HumanTask.requestNumber, other text of 3 or more characters through
// the titles' trigram index (SQLite: the FTS5 table HumanTaskTitleSearch kept by triggers; PostgreSQL:
// pg_trgm, with TEST_DATABASE=postgresql). What it lists and counts is what the plain search listed:
// the tasks in the caller's scope whose title contains q (the database's LIKE; SQLite folds ASCII
// case only), or, for a unit's people, whose unit's name contains it.
import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COUNTED_MATCH_LIMIT } from "../../api/routes/tasks/task-search.js";
import { databaseDialect } from "../../lib/database.js";
import { MATCH_LIMIT } from "../../lib/trigram-search.js";
import type { Prisma } from "../../prisma/generated/client.js";
import { bindWithRole } from "../../prisma/seed/seed.js";
import { BINDING_TASK_KIND } from "../../workflows/contracts.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createPerson, createUnit, passwordLogin, realPersonSession } from "../support/people.js";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>["app"];
let onSqlite: boolean;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database).app;
  onSqlite = databaseDialect(database.db) === "sqlite";
});
afterAll(() => database.close());

type Session = { headers(extra?: Record<string, string>): Record<string, string> };
type TaskList = {
  data: { id: string; title: string }[];
  total: number;
  counts: { unclaimed: number; mine: number; open: number; closed: number };
};
type Row = {
  id: string;
  status: string;
  open: boolean;
  assigneeId: string | null;
  // Every task here has a deadline (taskData sets one).
  dueAt: Date | null;
  createdAt: Date;
};
const VIEWS = [undefined, "unclaimed", "mine", "open", "closed"] as const;
let due = 0;

const list = async (session: Session, params: Record<string, string | number | undefined>) => {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) query.set(k, String(v));
  const response = await app.request(`/api/tasks?${query}`, { headers: session.headers() });
  expect(response.status).toBe(200);
  return (await response.json()) as TaskList;
};

/** A task as the activities write it: the request number the title ends with in its own column. */
function taskData(data: {
  title: string;
  queue?: "PLATFORM_REVIEW" | "PLATFORM_SUPERVISOR" | "UNIT";
  unitId?: string;
  requestType?: "UNIT_REGISTRATION" | "BINDING_REQUEST" | "AFFILIATION_REQUEST" | "TITLE_APPLICATION";
  status?: "OPEN" | "CLAIMED" | "COMPLETED" | "CANCELLED";
  assigneeId?: string;
}): Prisma.HumanTaskCreateManyInput {
  const requestId = randomUUID();
  due += 1;
  return {
    workflowId: `wf-${requestId}`,
    kind: data.queue === "UNIT" ? BINDING_TASK_KIND : "unitRegistrationReview",
    requestType: data.requestType ?? (data.queue === "UNIT" ? "BINDING_REQUEST" : "UNIT_REGISTRATION"),
    requestId,
    queue: data.queue ?? "PLATFORM_REVIEW",
    unitId: data.unitId ?? null,
    title: data.title,
    requestNumber: /（([A-Z]{2}\d+)）$/.exec(data.title)?.[1] ?? null,
    status: data.status ?? "OPEN",
    open: data.status !== "COMPLETED" && data.status !== "CANCELLED",
    assigneeId: data.assigneeId ?? null,
    // Distinct deadlines: the inbox's order (dueAt, createdAt) is then one order.
    dueAt: new Date(Date.UTC(2027, 0, 1) + due * 60_000),
  };
}

/** The view counts and the list of `rows` (the plain search's matches) as the inbox answers them. */
function expected(rows: Row[], me: string, view?: (typeof VIEWS)[number]) {
  const counts = {
    unclaimed: rows.filter((r) => r.open && r.status === "OPEN").length,
    mine: rows.filter((r) => r.open && r.status === "CLAIMED" && r.assigneeId === me).length,
    open: rows.filter((r) => r.open).length,
    closed: rows.filter((r) => !r.open).length,
  };
  const inView = rows.filter((r) =>
    view === "unclaimed"
      ? r.open && r.status === "OPEN"
      : view === "mine"
        ? r.open && r.status === "CLAIMED" && r.assigneeId === me
        : view === "open"
          ? r.open
          : view === "closed"
            ? !r.open
            : true,
  );
  const ordered = [...inView].sort(
    (a, b) => a.dueAt!.getTime() - b.dueAt!.getTime() || a.createdAt.getTime() - b.createdAt.getTime(),
  );
  return { counts, total: inView.length, ids: ordered.map((r) => r.id) };
}

/** The plain search: the database's own LIKE on the title (Prisma's `contains`, wildcards escaped). */
const plain = (where: Prisma.HumanTaskWhereInput, q: string, unitNamed: Prisma.HumanTaskWhereInput[] = []) =>
  database.db.humanTask.findMany({
    where: { AND: [where, { OR: [{ title: { contains: q } }, ...unitNamed] }] },
  });

async function reviewer() {
  const province = await createUnit(database.db);
  const person = await createPerson(database.db);
  await bindWithRole(database.db, person.id, province.id, {
    role: "PLATFORM_REVIEWER",
    subsystem: "PLATFORM",
  });
  return person;
}

describe("issue 14 item 1: the indexed search lists and counts what the plain title search did", () => {
  it("issue 14 item 1: as a platform reviewer and as a unit administrator, every kind of term lists the plain search's tasks with its counts", async () => {
    await database.db.humanTask.deleteMany({});
    const me = await reviewer();
    const colleague = await reviewer();
    const unit = await createUnit(database.db, "安顺市检索等价单位有限公司");
    const other = await createUnit(database.db, "凯里市检索其他单位有限公司");
    const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
    const handler = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
    // Administrator of two units: a term matching one unit's name finds that unit's tasks and the
    // other's by title only; one matching both names finds every task of both.
    const third = await createUnit(database.db, "都匀市检索第三单位有限公司");
    const bothAdmin = await createPerson(database.db, { unitId: other.id, role: "UNIT_ADMIN" });
    await database.db.roleBinding.create({
      data: { personId: bothAdmin.id, unitId: third.id, role: "UNIT_ADMIN", subsystem: "PORTAL" },
    });
    const platform = (title: string, status?: "CLAIMED" | "COMPLETED" | "CANCELLED", assigneeId?: string) =>
      taskData({ title, status, assigneeId });
    const inUnit = (title: string, status?: "CLAIMED" | "COMPLETED" | "CANCELLED", assigneeId?: string) =>
      taskData({ title, queue: "UNIT", unitId: unit.id, status, assigneeId });
    await database.db.humanTask.createMany({
      data: [
        platform("贵阳市检索等价示例有限公司（DW20261201000101）"),
        platform("遵义市检索样本科技有限公司（DW20261201000102）", "CLAIMED", me.id),
        platform("贵阳市检索等价示例有限公司（ZC20261201000103）", "COMPLETED", me.id),
        platform("Guiyang AbcDef 检索 Ltd（GK20261201000104）", "CANCELLED"),
        platform("折扣50%_特价检索（BD20261201000105）"),
        // What `50%_` would match as LIKE wildcards, not as the literal text.
        platform("折扣50x特价检索（BD20261201000106）", "CLAIMED", colleague.id),
        platform("六盘水市另一家公司（DW20261201001107）"),
        platform("铜仁市检索等价示例有限公司（DW20261201000109）", "CLAIMED", me.id),
        // Not the reviewer's queue, nor the unit administrator's.
        taskData({ title: "贵阳市检索等价示例有限公司（DW20261201000108）", queue: "PLATFORM_SUPERVISOR" }),
        inUnit("张*申请绑定（BD20261201000201）"),
        inUnit("李*申请绑定 AbcDef（BD20261201000202）", "CLAIMED", admin.id),
        inUnit("王*申请绑定 50%_（BD20261201000203）", "COMPLETED", handler.id),
        inUnit("赵*申请绑定（BD20261201000204）", "CLAIMED", handler.id),
        taskData({
          title: "贵阳市检索等价示例有限公司申请关联（归口）（ZC20261201000205）",
          queue: "UNIT",
          unitId: unit.id,
          requestType: "AFFILIATION_REQUEST",
        }),
        taskData({ title: "钱*申请绑定（BD20261201000206）", queue: "UNIT", unitId: other.id }),
        taskData({ title: "孙*申请绑定（BD20261201000207）", queue: "UNIT", unitId: third.id }),
        taskData({
          title: "周*申请绑定（BD20261201000208）",
          queue: "UNIT",
          unitId: third.id,
          status: "COMPLETED",
        }),
      ],
    });
    const terms = [
      "DW20261201000101", // a full number
      "dw2026120100010", // a number's beginning, lower case
      "BD20261201000201",
      "bd202612010002",
      "20261201000101", // digits only
      "2026120100020",
      "检索等价", // CJK, 3 or more characters
      "申请绑定",
      "检索", // 2 characters: no index
      "检索第三", // one unit's name
      "50%_", // LIKE wildcards, literal
      "aBcDeF", // Latin letters, mixed case
      "不存在的词语", // a miss
      "ZC99", // a number's beginning no task has
    ];
    const sessions = [
      {
        who: "platform reviewer",
        session: await passwordLogin(app, me.idNumber),
        me: me.id,
        scope: { queue: "PLATFORM_REVIEW" } as Prisma.HumanTaskWhereInput,
        units: [] as { id: string; name: string }[],
      },
      {
        who: "unit administrator",
        session: await realPersonSession(database.db, admin.id),
        me: admin.id,
        scope: { queue: "UNIT", unitId: unit.id, requestType: { not: "TITLE_APPLICATION" } } as const,
        units: [unit],
      },
      {
        who: "administrator of two units",
        session: await realPersonSession(database.db, bothAdmin.id),
        me: bothAdmin.id,
        scope: {
          queue: "UNIT",
          unitId: { in: [other.id, third.id] },
          requestType: { not: "TITLE_APPLICATION" },
        } as Prisma.HumanTaskWhereInput,
        units: [other, third],
      },
    ];
    const differences: string[] = [];
    const found = new Set<string>();
    for (const { who, session, me: personId, scope, units } of sessions)
      for (const q of terms) {
        // A unit's people also find their unit's tasks by its name (the plain search did too).
        const unitNamed = units
          .filter((u) => u.name.includes(q))
          .map((u) => ({ queue: "UNIT" as const, unitId: u.id }));
        const rows = await plain(scope, q, unitNamed);
        for (const view of VIEWS) {
          const want = expected(rows, personId, view);
          const got = await list(session, { q, view, pageSize: 100 });
          const answer = { counts: got.counts, total: got.total, ids: got.data.map((t) => t.id) };
          if (JSON.stringify(answer) !== JSON.stringify(want))
            differences.push(
              `${who} q=${q} view=${view}: want ${JSON.stringify(want)} got ${JSON.stringify(answer)}`,
            );
        }
        // The fixture is not vacuous: most terms find something.
        if (rows.length > 0) found.add(`${who} ${q}`);
      }
    expect(differences).toEqual([]);
    // The fixture is not vacuous: each kind of term finds tasks in both scopes.
    for (const who of ["platform reviewer", "unit administrator"])
      for (const q of ["检索等价", "50%_", "aBcDeF", "检索"])
        expect(found.has(`${who} ${q}`), `${who} ${q}`).toBe(true);
    for (const q of ["DW20261201000101", "dw2026120100010", "20261201000101"])
      expect(found.has(`platform reviewer ${q}`), q).toBe(true);
    for (const q of ["BD20261201000201", "bd202612010002", "2026120100020", "申请绑定"])
      expect(found.has(`unit administrator ${q}`), q).toBe(true);
    for (const q of ["检索第三", "检索", "申请绑定"])
      expect(found.has(`administrator of two units ${q}`), q).toBe(true);
  });
});

describe("issue 14 item 2: a reviewer's term matching more than MATCH_LIMIT tasks", () => {
  it("issue 14 item 2: 650 platform tasks sharing a term: counts and pages equal the plain search's, with and without a view, and with a status filter", async () => {
    await database.db.humanTask.deleteMany({});
    const me = await reviewer();
    const colleague = await reviewer();
    const statuses = ["OPEN", "CLAIMED", "COMPLETED", "CANCELLED", "OPEN"] as const;
    const rows: Prisma.HumanTaskCreateManyInput[] = [];
    for (let i = 0; i < 650; i++) {
      const status = statuses[i % statuses.length]!;
      const assigneeId = status === "OPEN" ? undefined : i % 3 === 0 ? colleague.id : me.id;
      const number = `DW2026120300${String(i).padStart(4, "0")}`;
      rows.push(taskData({ title: `清镇市批量检索词第${i}号有限公司（${number}）`, status, assigneeId }));
    }
    // Sharing the term outside the reviewer's queue, and not sharing it inside.
    for (let i = 0; i < 30; i++) {
      rows.push(
        taskData({
          title: `清镇市批量检索词督办${i}（DW20261204${String(i).padStart(6, "0")}）`,
          queue: "PLATFORM_SUPERVISOR",
        }),
      );
      rows.push(taskData({ title: `修文县其他单位${i}（DW20261204${String(100 + i).padStart(6, "0")}）` }));
    }
    await database.db.humanTask.createMany({ data: rows });
    expect(650).toBeGreaterThan(MATCH_LIMIT);
    expect(650).toBeLessThan(COUNTED_MATCH_LIMIT);
    const session = await passwordLogin(app, me.idNumber);
    const scope: Prisma.HumanTaskWhereInput = { queue: "PLATFORM_REVIEW" };
    const differences: string[] = [];
    // The name (trigram index, counted through it), a number's beginning shared by all 650 (its
    // column), and a rarer name term for comparison.
    for (const q of ["批量检索词", "dw2026120300", "第12"]) {
      const matched = await plain(scope, q);
      for (const view of VIEWS)
        for (const page of [1, 4]) {
          const want = expected(matched, me.id, view);
          const got = await list(session, { q, view, page, pageSize: 50 });
          const answer = { counts: got.counts, total: got.total, ids: got.data.map((t) => t.id) };
          const wantPage = { ...want, ids: want.ids.slice((page - 1) * 50, page * 50) };
          if (JSON.stringify(answer) !== JSON.stringify(wantPage))
            differences.push(
              `q=${q} view=${view} page=${page}: want ${JSON.stringify(wantPage)} got ${JSON.stringify(answer)}`,
            );
        }
      for (const status of ["OPEN", "COMPLETED"] as const) {
        const want = expected(matched, me.id);
        const ofStatus = matched.filter((r) => r.status === status);
        const got = await list(session, { q, status, page: 2, pageSize: 50 });
        expect(got.counts, `q=${q} status=${status}`).toEqual(want.counts);
        expect(got.total, `q=${q} status=${status}`).toBe(ofStatus.length);
        expect(
          got.data.map((t) => t.id),
          `q=${q} status=${status}`,
        ).toEqual(expected(ofStatus, me.id).ids.slice(50, 100));
      }
      if (q !== "第12") expect(matched.length).toBe(650);
    }
    expect(differences).toEqual([]);
  });
});

describe("issue 14 item 2: a unit's people's term matching more than MATCH_LIMIT tasks", () => {
  it("issue 14 item 2: 650 tasks sharing a term across units and queues: a unit administrator's (no title applications, R31) and a title handler's counts and pages equal the plain search's", async () => {
    await database.db.humanTask.deleteMany({});
    const unit = await createUnit(database.db, "清镇市批量单位检索有限公司");
    const other = await createUnit(database.db, "修文县批量其他单位有限公司");
    const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
    const handler = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
    const statuses = ["OPEN", "CLAIMED", "COMPLETED", "CANCELLED", "OPEN"] as const;
    const colleague = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
    const claimers = [admin.id, handler.id, colleague.id];
    const requestTypes = ["BINDING_REQUEST", "TITLE_APPLICATION", "AFFILIATION_REQUEST"] as const;
    const rows: Prisma.HumanTaskCreateManyInput[] = [];
    for (let i = 0; i < 650; i++) {
      const status = statuses[i % statuses.length]!;
      const number = `BD2026120500${String(i).padStart(4, "0")}`;
      // A third in another unit's queue and a tenth on the platform: matches outside every scope here.
      const place =
        i % 10 === 9
          ? { queue: "PLATFORM_REVIEW" as const }
          : { queue: "UNIT" as const, unitId: i % 3 === 2 ? other.id : unit.id };
      rows.push(
        taskData({
          title: `张*申请批量检索词第${i}号（${number}）`,
          ...place,
          requestType: place.queue === "UNIT" ? requestTypes[i % requestTypes.length] : undefined,
          status,
          assigneeId: status === "OPEN" ? undefined : claimers[i % claimers.length],
        }),
      );
    }
    await database.db.humanTask.createMany({ data: rows });
    const inUnit = { queue: "UNIT" as const, unitId: unit.id };
    const people = [
      {
        who: "unit administrator",
        person: admin,
        scope: { ...inUnit, requestType: { not: "TITLE_APPLICATION" } },
      },
      // A handler also accepts the unit's other requests: both branches of the scope, ORed.
      { who: "title handler", person: handler, scope: inUnit },
    ] as { who: string; person: { id: string }; scope: Prisma.HumanTaskWhereInput }[];
    const differences: string[] = [];
    for (const { who, person, scope } of people) {
      const session = await realPersonSession(database.db, person.id);
      const matched = await plain(scope, "批量检索词");
      // Dense in every queue, and within each scope more than a page or two.
      expect(matched.length, who).toBeGreaterThan(100);
      for (const view of VIEWS)
        for (const page of [1, 3]) {
          const want = expected(matched, person.id, view);
          const got = await list(session, { q: "批量检索词", view, page, pageSize: 40 });
          const answer = { counts: got.counts, total: got.total, ids: got.data.map((t) => t.id) };
          const wantPage = { ...want, ids: want.ids.slice((page - 1) * 40, page * 40) };
          if (JSON.stringify(answer) !== JSON.stringify(wantPage))
            differences.push(
              `${who} view=${view} page=${page}: want ${JSON.stringify(wantPage)} got ${JSON.stringify(answer)}`,
            );
        }
    }
    expect(650).toBeGreaterThan(MATCH_LIMIT);
    expect(differences).toEqual([]);
  });
});

describe("issue 14 item 3: the titles' trigram index follows the table (SQLite)", () => {
  const indexed = (term: string) =>
    database.db.$queryRaw<{ id: string }[]>`
      SELECT t."id" FROM "HumanTaskTitleSearch" s JOIN "HumanTask" t ON t."rowid" = s."rowid"
      WHERE s."title" LIKE ${`%${term}%`}`;

  it("issue 14 item 3: a new task is found by its title, a renamed one by its new title only, a removed one no more; the index checks whole", async (context) => {
    if (!onSqlite) context.skip();
    const me = await reviewer();
    const session = await passwordLogin(app, me.idNumber);
    const created = await database.db.humanTask.create({
      data: taskData({ title: "息烽县跟随索引旧名有限公司（DW20261205000001）" }),
    });
    expect(await indexed("跟随索引旧名")).toEqual([{ id: created.id }]);
    expect((await list(session, { q: "跟随索引旧名" })).data.map((t) => t.id)).toEqual([created.id]);

    await database.db.humanTask.update({
      where: { id: created.id },
      data: { title: "息烽县跟随索引新名有限公司（DW20261205000001）" },
    });
    expect(await indexed("跟随索引新名")).toEqual([{ id: created.id }]);
    expect(await indexed("跟随索引旧名")).toEqual([]);
    expect((await list(session, { q: "跟随索引新名" })).data.map((t) => t.id)).toEqual([created.id]);
    expect((await list(session, { q: "跟随索引旧名" })).total).toBe(0);
    // A change of another column leaves the title's entry as it is.
    await database.db.humanTask.update({
      where: { id: created.id },
      data: { status: "CLAIMED", assigneeId: me.id },
    });
    expect(await indexed("跟随索引新名")).toEqual([{ id: created.id }]);

    await database.db.humanTask.delete({ where: { id: created.id } });
    expect(await indexed("跟随索引新名")).toEqual([]);
    expect((await list(session, { q: "跟随索引新名" })).total).toBe(0);
    await expect(
      database.db.$executeRawUnsafe(
        `INSERT INTO "HumanTaskTitleSearch"("HumanTaskTitleSearch") VALUES ('integrity-check')`,
      ),
    ).resolves.toBeDefined();
  });
});

describe("issue 14 item 4: the task_search migration fills the tasks' request numbers and indexes their titles (SQLite)", () => {
  it("issue 14 item 4: a database migrated before it, holding a registration, a binding request and their tasks, has them found after it", async (context) => {
    if (!onSqlite) context.skip();
    const migrations = path.resolve("prisma/migrations");
    const names = (await readdir(migrations, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    const at = names.findIndex((n) => n.endsWith("_task_search"));
    expect(at).toBeGreaterThan(0);
    const sqlite = new Database(path.join(database.dir, "before-task-search.db"));
    try {
      for (const name of names.slice(0, at))
        sqlite.exec(await readFile(path.join(migrations, name, "migration.sql"), "utf8"));
      sqlite.pragma("foreign_keys = OFF");
      /** A row with the given columns, every other required column without a default filled in. */
      const insert = (table: string, values: Record<string, string | number | null>) => {
        const columns = sqlite.prepare(`PRAGMA table_info("${table}")`).all() as {
          name: string;
          type: string;
          notnull: number;
          dflt_value: unknown;
        }[];
        const row: Record<string, string | number | null> = {};
        for (const c of columns)
          if (c.name in values) row[c.name] = values[c.name]!;
          else if (c.notnull && c.dflt_value === null)
            row[c.name] = /INT|BOOL|REAL|DATE/i.test(c.type) ? Date.now() : `${c.name}-${randomUUID()}`;
        const keys = Object.keys(row);
        sqlite
          .prepare(
            `INSERT INTO "${table}" (${keys.map((k) => `"${k}"`).join(", ")}) VALUES (${keys.map(() => "?").join(", ")})`,
          )
          .run(...keys.map((k) => row[k]));
      };
      const registrationId = randomUUID();
      const bindingId = randomUUID();
      insert("UnitRegistration", {
        id: registrationId,
        requestNumber: "DW20261206000001",
        unitName: "开阳县迁移回填有限公司",
      });
      insert("BindingRequest", { id: bindingId, requestNumber: "BD20261206000002" });
      const task = (id: string, requestType: string, requestId: string, title: string) =>
        insert("HumanTask", {
          id,
          requestType,
          requestId,
          title,
          queue: requestType === "UNIT_REGISTRATION" ? "PLATFORM_REVIEW" : "UNIT",
          status: "OPEN",
          kind: requestType,
          workflowId: `wf-${id}`,
        });
      task(
        "task-registration",
        "UNIT_REGISTRATION",
        registrationId,
        "开阳县迁移回填有限公司（DW20261206000001）",
      );
      task("task-binding", "BINDING_REQUEST", bindingId, "孙*申请绑定迁移（BD20261206000002）");

      sqlite.exec(await readFile(path.join(migrations, names[at]!, "migration.sql"), "utf8"));

      expect(sqlite.prepare(`SELECT "id", "requestNumber" FROM "HumanTask" ORDER BY "id"`).all()).toEqual([
        { id: "task-binding", requestNumber: "BD20261206000002" },
        { id: "task-registration", requestNumber: "DW20261206000001" },
      ]);
      const found = (term: string) =>
        sqlite
          .prepare(
            `SELECT t."id" FROM "HumanTaskTitleSearch" s JOIN "HumanTask" t ON t."rowid" = s."rowid" WHERE s."title" LIKE ? ORDER BY t."id"`,
          )
          .all(`%${term}%`);
      expect(found("迁移回填")).toEqual([{ id: "task-registration" }]);
      expect(found("申请绑定迁移")).toEqual([{ id: "task-binding" }]);
      expect(found("迁移")).toEqual([{ id: "task-binding" }, { id: "task-registration" }]);
      // The rebuilt index agrees with the table.
      expect(() =>
        sqlite.exec(`INSERT INTO "HumanTaskTitleSearch"("HumanTaskTitleSearch") VALUES ('integrity-check')`),
      ).not.toThrow();
    } finally {
      sqlite.close();
    }
  });
});

describe("issue 14 item 6: the PostgreSQL migration (TEST_DATABASE=postgresql)", () => {
  it("issue 14 item 6: pg_trgm is installed and the titles' trigram index and the request numbers' index exist", async (context) => {
    if (onSqlite) context.skip();
    const indexes = await database.db.$queryRaw<{ indexname: string; indexdef: string }[]>`
      SELECT "indexname", "indexdef" FROM pg_indexes
      WHERE "tablename" = 'HumanTask' AND "indexname" IN ('HumanTask_title_trgm_idx', 'HumanTask_requestNumber_idx')
      ORDER BY "indexname"`;
    expect(indexes.map((i) => i.indexname)).toEqual([
      "HumanTask_requestNumber_idx",
      "HumanTask_title_trgm_idx",
    ]);
    expect(indexes[1]!.indexdef).toMatch(/USING gin \(title gin_trgm_ops\)/);
    const extensions = await database.db.$queryRaw<{ extname: string }[]>`
      SELECT "extname" FROM pg_extension WHERE "extname" = 'pg_trgm'`;
    expect(extensions).toEqual([{ extname: "pg_trgm" }]);
  });
});
