// The workbench's indexed search (issue 14, GET /api/tasks?q=) attacked: for any q it answers what
// a plain `title LIKE '%q%'` (ASCII case-insensitive) answered before, within the caller's scope
// (R12, R31), with view counts that are the rows' counts. Each test names the input class it probes.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DumpLine, exportDump, importDump } from "../../lib/data-transfer.js";
import { databaseDialect } from "../../lib/database.js";
import { MATCH_LIMIT } from "../../lib/trigram-search.js";
import { bindWithRole } from "../../prisma/seed/seed.js";
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
type TaskList = {
  data: { id: string; title: string }[];
  total: number;
  counts: { unclaimed: number; mine: number; open: number; closed: number };
};

const tasks = async (session: Session, query: string) => {
  const response = await app.request(`/api/tasks${query}`, { headers: session.headers() });
  expect(response.status).toBe(200);
  return (await response.json()) as TaskList;
};
const search = (session: Session, q: string, rest = "") =>
  tasks(session, `?q=${encodeURIComponent(q)}&pageSize=100${rest}`);
const titles = (list: TaskList) => list.data.map((t) => t.title).sort();

type TaskData = {
  title: string;
  requestNumber?: string | null;
  queue?: "PLATFORM_REVIEW" | "PLATFORM_SUPERVISOR" | "UNIT";
  unitId?: string;
  requestType?: "UNIT_REGISTRATION" | "BINDING_REQUEST" | "CONTACT_MOBILE_CHANGE" | "TITLE_APPLICATION";
  status?: "OPEN" | "CLAIMED" | "COMPLETED";
  assigneeId?: string;
};
const row = (data: TaskData) => {
  const requestId = randomUUID();
  return {
    workflowId: `wf-${requestId}`,
    kind: "unitRegistrationReview",
    requestType: data.requestType ?? "UNIT_REGISTRATION",
    requestId,
    queue: data.queue ?? "PLATFORM_REVIEW",
    unitId: data.unitId ?? null,
    title: data.title,
    // As the activities write it (null for the kinds without a number: contact mobile changes).
    requestNumber:
      data.requestNumber === undefined
        ? (/（([A-Z]{2}\d+)）$/.exec(data.title)?.[1] ?? null)
        : data.requestNumber,
    status: data.status ?? "OPEN",
    open: data.status !== "COMPLETED",
    assigneeId: data.assigneeId ?? null,
    dueAt: new Date(Date.now() + 3_600_000),
  };
};
const task = (data: TaskData) => database.db.humanTask.create({ data: row(data) });

async function reviewer() {
  const province = await createUnit(database.db);
  const person = await createPerson(database.db);
  await bindWithRole(database.db, person.id, province.id, {
    role: "PLATFORM_REVIEWER",
    subsystem: "PLATFORM",
  });
  return { person, session: await passwordLogin(app, person.idNumber) };
}

/**
 * What the search answered before issue 14: the caller's queue's tasks whose title is LIKE '%q%'
 * (ILIKE on PostgreSQL, as the product's `contains` there).
 */
async function likeTitles(queue: "PLATFORM_REVIEW", q: string): Promise<string[]> {
  const pattern = `%${q}%`;
  const rows =
    databaseDialect(database.db) === "sqlite"
      ? await database.db.$queryRaw<{ title: string }[]>`
          SELECT "title" FROM "HumanTask" WHERE "queue" = ${queue} AND "title" LIKE ${pattern}`
      : await database.db.$queryRaw<{ title: string }[]>`
          SELECT "title" FROM "HumanTask" WHERE "queue"::text = ${queue} AND "title" ILIKE ${pattern}`;
  return rows.map((r) => r.title).sort();
}

describe("issue 14 search attacks: a number-shaped q is looked up in the request numbers only", () => {
  it("a type prefix and digits find the requests numbered so; a unit's name holding them is found by more of the name", async () => {
    // The search's rule (README): DW/BD/GK/ZC and digits are a request number or its beginning,
    // looked up in the tasks' numbers, not in the rest of the title (a trigram read of digit-heavy
    // text costs the whole index at province scale). Title LIKE found these titles by the bare prefix.
    const { session } = await reviewer();
    await task({ title: "ZC2026计量检测中心（DW20261201000001）" });
    await task({
      title: "gk1号实验室（联系人手机变更）",
      requestType: "CONTACT_MOBILE_CHANGE",
      requestNumber: null,
    });
    expect(titles(await search(session, "ZC2026"))).toEqual([]);
    expect(titles(await search(session, "GK1"))).toEqual([]);
    expect(titles(await search(session, "ZC2026计量"))).toEqual(["ZC2026计量检测中心（DW20261201000001）"]);
    expect(titles(await search(session, "gk1号"))).toEqual(["gk1号实验室（联系人手机变更）"]);
    expect(titles(await search(session, "dw20261201000001"))).toEqual([
      "ZC2026计量检测中心（DW20261201000001）",
    ]);
  });
});

describe("issue 14 search attacks: a number typed full-width (README: any case or width)", () => {
  it("finds a number's tasks typed full-width also when more than MATCH_LIMIT share its beginning", async () => {
    // Up to MATCH_LIMIT the NFKC-normalized number is looked up; past it the titles are tested with
    // the normalized number too (with q as typed, 501 tasks answered none).
    const { session } = await reviewer();
    await database.db.humanTask.createMany({
      data: Array.from({ length: MATCH_LIMIT + 1 }, (_, i) =>
        row({ title: `全角检索${i}（DW2026120103${String(i).padStart(4, "0")}）` }),
      ),
    });
    expect((await search(session, "ＤＷ20261201030")).total).toBe(MATCH_LIMIT + 1);
  });
});

describe("issue 14 search attacks: same answers as title LIKE for text the trigram index serves", () => {
  it("Latin case, full-width letters, Unicode case, backslash, quotes, doubled spaces, % and _ match as LIKE does", async () => {
    const { session } = await reviewer();
    const made = [
      "攻击ABC科技有限公司（DW20261201000101）",
      "攻击ＡＢＣ全角公司（DW20261201000102）",
      "攻击École 学校（DW20261201000103）",
      "攻击a\\b\\c 反斜杠（DW20261201000104）",
      "攻击O'Brien 引号（DW20261201000105）",
      "攻击两个  空格（DW20261201000106）",
      "攻击100%_公司（DW20261201000107）",
      "攻击ΣΊΣΥΦΟΣ 希腊（DW20261201000108）",
    ];
    for (const title of made) await task({ title });
    for (const q of [
      "abc科技",
      "ａｂｃ全角",
      "ＡＢＣ全角",
      "école",
      "ÉCOLE 学",
      "\\b\\",
      "O'Brien",
      "'Bri",
      "两个  空",
      "100%",
      "%_公",
      "σίσυφος",
      "ΣΊΣΥΦΟΣ",
      "攻击",
    ]) {
      expect({ q, titles: titles(await search(session, q)) }).toEqual({
        q,
        titles: await likeTitles("PLATFORM_REVIEW", q),
      });
    }
  });
});

describe("issue 14 search attacks: the scope (R12, R31) bounds every path", () => {
  it("an id list found across every queue and the reviewer's counts read from the trigram index return and count only the reviewer's queue", async () => {
    const { session } = await reviewer();
    const unit = await createUnit(database.db);
    // More than MATCH_LIMIT matches outside the reviewer's queue: the count path (titleMatchCounts).
    await database.db.humanTask.createMany({
      data: Array.from({ length: MATCH_LIMIT + 1 }, (_, i) =>
        row({
          title: `越权检索 绑定${i}（BD2026120100${String(i).padStart(4, "0")}）`,
          queue: "UNIT",
          unitId: unit.id,
          requestType: "BINDING_REQUEST",
        }),
      ),
    });
    await task({ title: "越权检索 督办（DW20261201000201）", queue: "PLATFORM_SUPERVISOR" });
    await task({ title: "越权检索 注册（DW20261201000202）" });
    const broad = await search(session, "越权检索");
    expect(titles(broad)).toEqual(["越权检索 注册（DW20261201000202）"]);
    expect(broad.counts).toEqual({ unclaimed: 1, mine: 0, open: 1, closed: 0 });
    // Few matches: the id list, found in every queue, ANDed with the scope.
    const narrow = await search(session, "越权检索 督办");
    expect(narrow.total).toBe(0);
    // A number's beginning found across queues (BD…), none in the reviewer's.
    expect((await search(session, "BD202612010000")).total).toBe(0);
  });

  it("a unit administrator's search never shows the unit's title applications (R31), a handler's does", async () => {
    const unit = await createUnit(database.db);
    const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
    const handler = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
    await task({
      title: "张*的职称申报（ZC20261201000301）",
      queue: "UNIT",
      unitId: unit.id,
      requestType: "TITLE_APPLICATION",
    });
    for (const q of ["ZC20261201000301", "职称申报", "zc2026"]) {
      expect((await search(await realPersonSession(database.db, admin.id), q)).total).toBe(0);
      expect((await search(await realPersonSession(database.db, handler.id), q)).total).toBe(1);
    }
  });
});

describe("issue 14 search attacks: counts, pages and sorts on the indexed paths", () => {
  it("with more than MATCH_LIMIT matches in one queue, the counts read from the trigram index equal the views' rows", async () => {
    const { person, session } = await reviewer();
    const other = await createPerson(database.db);
    const statuses = ["OPEN", "CLAIMED", "COMPLETED"] as const;
    await database.db.humanTask.createMany({
      data: Array.from({ length: MATCH_LIMIT + 30 }, (_, i) => {
        const status = statuses[i % 3]!;
        return row({
          title: `计数检索${i}（DW2026120101${String(i).padStart(4, "0")}）`,
          status,
          assigneeId: status === "CLAIMED" ? (i % 2 ? person.id : other.id) : undefined,
        });
      }),
    });
    const all = await search(session, "计数检索");
    const view = async (v: string) =>
      (await tasks(session, `?q=${encodeURIComponent("计数检索")}&view=${v}&pageSize=1`)).total;
    expect(all.counts).toEqual({
      unclaimed: await view("unclaimed"),
      mine: await view("mine"),
      open: await view("open"),
      closed: await view("closed"),
    });
    expect(all.counts.open + all.counts.closed).toBe(MATCH_LIMIT + 30);
    expect(all.total).toBe(MATCH_LIMIT + 30);
  });

  it("on the id-list path, sorts follow dueAt and createdAt both ways and a page past the end answers no rows but the total", async () => {
    const { session } = await reviewer();
    for (let i = 0; i < 4; i++)
      await database.db.humanTask.create({
        data: {
          ...row({ title: `排序检索${i}（DW2026120102000${i}）` }),
          dueAt: new Date(Date.now() + (4 - i) * 3_600_000),
          // Distinct creation times: tasks created in the same millisecond are in id order.
          createdAt: new Date(Date.now() - (4 - i) * 1000),
        },
      });
    const q = encodeURIComponent("排序检索");
    const order = async (rest: string) => (await tasks(session, `?q=${q}${rest}`)).data.map((t) => t.title);
    expect(await order("&sort=dueAt&order=asc")).toEqual([
      "排序检索3（DW20261201020003）",
      "排序检索2（DW20261201020002）",
      "排序检索1（DW20261201020001）",
      "排序检索0（DW20261201020000）",
    ]);
    expect(await order("&sort=dueAt&order=desc")).toEqual([
      "排序检索0（DW20261201020000）",
      "排序检索1（DW20261201020001）",
      "排序检索2（DW20261201020002）",
      "排序检索3（DW20261201020003）",
    ]);
    expect(await order("&sort=createdAt&order=asc")).toEqual([
      "排序检索0（DW20261201020000）",
      "排序检索1（DW20261201020001）",
      "排序检索2（DW20261201020002）",
      "排序检索3（DW20261201020003）",
    ]);
    const past = await tasks(session, `?q=${q}&page=5&pageSize=2`);
    expect(past.data).toEqual([]);
    expect(past.total).toBe(4);
  });
});

describe("issue 14 search attacks: db:export / db:import with the trigram table", () => {
  /** A dump of `source`, each row passed through `change`, imported into a fresh database. */
  async function moved(change: (line: DumpLine) => DumpLine = (line) => line) {
    const target = await createTestDatabase();
    async function* lines() {
      for await (const line of exportDump(database.db)) yield change(line);
    }
    await importDump(target.db, lines());
    return target;
  }

  // The FTS5 table is SQLite's; PostgreSQL's GIN index has no content of its own to lose.
  it.runIf(process.env.TEST_DATABASE !== "postgresql")(
    "an imported database's trigram index holds every imported title (the triggers fill it) and passes FTS5's integrity check",
    async () => {
      await task({ title: "迁移检索 单位（DW20261201000401）" });
      const target = await moved();
      try {
        const like = async (q: string) =>
          target.db.$queryRaw<{ n: bigint | number }[]>`
          SELECT (SELECT count(*) FROM "HumanTaskTitleSearch" WHERE "title" LIKE ${`%${q}%`}) -
                 (SELECT count(*) FROM "HumanTask" WHERE "title" LIKE ${`%${q}%`}) AS "n"`;
        for (const q of ["迁移检索", "检索", "DW2026"]) expect(Number((await like(q))[0]!.n)).toBe(0);
        await target.db
          .$executeRaw`INSERT INTO "HumanTaskTitleSearch"("HumanTaskTitleSearch", "rank") VALUES ('integrity-check', 1)`;
      } finally {
        await target.close();
      }
    },
  );

  it("a dump taken before the request-number column (same dump format) still finds its tasks by number once imported", async () => {
    // The dump format is unchanged (dump/1), so an older dump imports with requestNumber null on
    // every task: the import gives them their requests' numbers (it found none before).
    const { person } = await reviewer();
    // A registration's task: its number lives in the request row too (what a backfill reads).
    const registration = await database.db.unitRegistration.create({
      data: {
        requestNumber: "DW20261201000501",
        uscc: "91520102MA6OLDDUMP",
        unitName: "旧转储 单位",
        unitType: "ENTERPRISE",
        regionCode: "520102",
        legalRepName: "旧转储",
        legalRepIdNumber: "522799196001060501",
        contactName: "旧转储",
        contactMobile: "13800000501",
        submissionId: randomUUID(),
        passwordHash: "x",
        businessLicenceUploadId: randomUUID(),
        authorizationLetterUploadId: randomUUID(),
        workflowId: `UnitRegistration:${randomUUID()}`,
      },
    });
    await database.db.humanTask.create({
      data: { ...row({ title: "旧转储 单位（DW20261201000501）" }), requestId: registration.id },
    });
    const target = await moved((line) => {
      if (!("model" in line) || line.model !== "HumanTask") return line;
      const { requestNumber: _dropped, ...row } = line.row;
      return { model: line.model, row };
    });
    try {
      const targetApp = createTestApp(target).app;
      const session = await passwordLogin(targetApp, person.idNumber);
      const response = await targetApp.request(`/api/tasks?q=DW20261201000501`, {
        headers: session.headers(),
      });
      expect(((await response.json()) as TaskList).total).toBe(1);
    } finally {
      await target.close();
    }
  });
});
