// Console list queries at province scale (issue 14 item 1): 1M persons, 30k units in a realistic
// hierarchy (province → cities → counties → units), 1M tasks of which 100k open, seeded in minutes
// with bulk SQL inside transactions (prepared statements on the SQLite file, not per-row Prisma
// creates). Then every filter and sort the inbox and the account and unit lists offer, first and
// deep pages (every answer carries its counts), over HTTP against the real app: p95 ≤ 50 ms, and
// every SQL statement Prisma actually ran for it (its query log) must pass EXPLAIN QUERY PLAN with
// no full SCAN of a big table and no USE TEMP B-TREE. Temporal is not involved: the lists read the
// database only. On PostgreSQL (the scale-out path) the same rows, moved there with db:export's and
// db:import's functions (timed), answer the same queries; the server's auto_explain gives the plan
// of every statement as it ran: no Seq Scan of a big table, no Sort.
import { randomUUID } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { mkdir, open, readFile, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { serve } from "@hono/node-server";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { Client, Connection } from "@temporalio/client";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { createApp } from "../../api/app.js";
import { loadConfig } from "../../lib/config.js";
import { exportDump, importDump } from "../../lib/data-transfer.js";
import { createDatabase, type Database, preparePragmas, sqliteFilePath } from "../../lib/database.js";
import { createLogger } from "../../lib/logger.js";
import { createPorts } from "../../lib/ports/index.js";
import { startPostgres } from "../../lib/postgres-server.js";
import { PrismaClient } from "../../prisma/generated/client.js";
import { bindWithRole, PROVINCIAL_HR_NAME, seedBaseline } from "../../prisma/seed/seed.js";
import { applyMigrations } from "../lib/prisma-cli.js";
import { benchIdNumber, benchMobile, openSessions } from "./fixtures.js";
import type { RowResult } from "./report.js";
import { Recorder } from "./stats.js";

export type ProvinceSizes = {
  persons: number;
  units: number;
  tasks: number;
  openTasks: number;
  /** Members of the one big unit whose account list is paged deep. */
  bigUnitMembers: number;
  /** Timed runs of each query (after 2 untimed). */
  runs: number;
};
export const PROVINCE: ProvinceSizes = {
  persons: 1_000_000,
  units: 30_000,
  tasks: 1_000_000,
  openTasks: 100_000,
  bigUnitMembers: 20_000,
  runs: 20,
};
export const SMOKE_PROVINCE: ProvinceSizes = {
  persons: 5_000,
  units: 400,
  tasks: 5_000,
  openTasks: 500,
  bigUnitMembers: 500,
  runs: 3,
};

/** Tables whose full scan is a finding (the rest hold reference data of a few hundred rows). */
const BIG_TABLES = [
  "Person",
  "Unit",
  "Binding",
  "HumanTask",
  "HumanTaskCount",
  "RoleBinding",
  "Session",
  "UnitRegistration",
];
const TARGET_P95_MS = 50;
/** On PostgreSQL, a table of BIG_TABLES counts as big from this many rows (its ANALYZE estimate). */
const BIG_TABLE_ROWS = 10_000;

type Seeded = {
  dir: string;
  databaseUrl: string;
  bigUnit: { id: string; name: string };
  provinceUnitId: string;
  county: { unitId: string; regionCode: string; cityCode: string };
  cookies: {
    reviewer: string;
    supervisor: string;
    admin: string;
    countyAdmin: string;
    operator: string;
    provinceAdmin: string;
  };
  sample: { personName: string; idNumber: string; requestNumber: string; unitName: string; uscc: string };
  seedSeconds: number;
};

/** The format Prisma stores DateTime in on this adapter (ISO text or epoch ms), read from a seeded row. */
function dateWriter(sqlite: Sqlite.Database): (d: Date) => string | number {
  const row = sqlite.prepare("SELECT createdAt AS v FROM Unit LIMIT 1").get() as { v: unknown };
  return typeof row.v === "number" ? (d) => d.getTime() : (d) => d.toISOString();
}

async function seedProvince(sizes: ProvinceSizes, log: (l: string) => void): Promise<Seeded> {
  const started = performance.now();
  const dir = path.resolve(".test-data", `bench-province-${randomUUID().slice(0, 8)}`);
  await mkdir(dir, { recursive: true });
  const databaseUrl = `file:${path.join(dir, "platform.db")}`;
  const config = loadConfig({ DATA_DIR: dir, DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" });
  await applyMigrations(config);
  const db = createDatabase(databaseUrl);
  await preparePragmas(db);
  const people = await seedBaseline(db, "Bench#Seed2026");
  const personOf = async (role: string) =>
    (
      await db.person.findUniqueOrThrow({
        where: {
          idNumber: people.find((p) => p.role === role && p.unitName === PROVINCIAL_HR_NAME)!.idNumber,
        },
      })
    ).id;
  const province = await db.unit.findUniqueOrThrow({ where: { name: PROVINCIAL_HR_NAME } });

  const sqlite = new Sqlite(sqliteFilePath(databaseUrl));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -200000");
  const date = dateWriter(sqlite);
  const regions = sqlite.prepare("SELECT code, name, level, parentCode FROM Region").all() as Array<{
    code: string;
    name: string;
    level: string;
    parentCode: string | null;
  }>;
  const cities = regions.filter((r) => r.level === "CITY");
  const counties = regions.filter((r) => r.level === "COUNTY");

  // Units: an HR department per city (under the province's) and per county (under its city's),
  // then the employers, each under its county's HR department; a tenth of them have a sub-unit.
  log(`seeding ${sizes.units} units`);
  const insertUnit = sqlite.prepare(
    `INSERT INTO Unit (id, name, uscc, accountName, passwordHash, type, status, origin, regionCode, parentUnitId,
       contactName, contactMobile, registeredAt, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, 'x', ?, ?, 'IMPORTED', ?, ?, '联系人', '13700000000', ?, ?, ?)`,
  );
  const unitIds: string[] = [];
  const cityHr = new Map<string, string>();
  const countyHr = new Map<string, string>();
  const t0 = Date.UTC(2024, 0, 1);
  let n = 0;
  const addUnit = (name: string, type: string, regionCode: string, parent: string | null) => {
    const id = randomUUID();
    const at = date(new Date(t0 + (n % 700) * 86_400_000 + n));
    insertUnit.run(
      id,
      name,
      `BENCH${String(n).padStart(13, "0")}`,
      `bench-unit-${n}`,
      type,
      n % 50 === 0 ? "DISABLED" : "ACTIVE",
      regionCode,
      parent,
      at,
      at,
      at,
    );
    n++;
    return id;
  };
  const TRADES = [
    "科技",
    "建筑",
    "医药",
    "教育咨询",
    "农业开发",
    "能源",
    "物流",
    "文化传媒",
    "信息技术",
    "食品",
  ];
  const TYPES = ["ENTERPRISE", "ENTERPRISE", "ENTERPRISE", "PUBLIC_INSTITUTION", "SOCIAL_ORGANIZATION"];
  sqlite.transaction(() => {
    for (const city of cities)
      cityHr.set(
        city.code,
        addUnit(`${city.name}人力资源和社会保障局`, "HR_DEPARTMENT", city.code, province.id),
      );
    for (const county of counties)
      countyHr.set(
        county.code,
        addUnit(
          `${county.name}人力资源和社会保障局（县）`,
          "HR_DEPARTMENT",
          county.code,
          cityHr.get(county.parentCode!) ?? province.id,
        ),
      );
    const employers = sizes.units - n;
    for (let i = 0; i < employers; i++) {
      const county = counties[i % counties.length]!;
      const parent =
        i % 10 === 9 && unitIds.length ? unitIds[unitIds.length - 1]! : countyHr.get(county.code)!;
      unitIds.push(
        addUnit(
          `${county.name}${TRADES[i % TRADES.length]}${String(i).padStart(6, "0")}${i % 10 === 9 ? "分公司" : "有限公司"}`,
          TYPES[i % TYPES.length]!,
          county.code,
          parent,
        ),
      );
    }
  })();
  const bigUnitId = unitIds[0]!;
  const bigUnit = sqlite.prepare("SELECT id, name FROM Unit WHERE id = ?").get(bigUnitId) as {
    id: string;
    name: string;
  };
  const countyCode = counties[0]!.code;

  // Administrators: of the big unit and of the first county's HR department (whose account list
  // with withSubordinates covers the county), through the real membership code.
  const admins = [
    {
      id: randomUUID(),
      idNumber: benchIdNumber(13_999_998, "520101"),
      name: "管理员甲",
      mobile: "13900000001",
      passwordHash: "x",
    },
    {
      id: randomUUID(),
      idNumber: benchIdNumber(13_999_999, "520101"),
      name: "管理员乙",
      mobile: "13900000002",
      passwordHash: "x",
    },
  ];
  await db.person.createMany({ data: admins });
  await bindWithRole(db, admins[0]!.id, bigUnitId, { role: "UNIT_ADMIN", subsystem: "PORTAL" });
  await bindWithRole(db, admins[1]!.id, countyHr.get(countyCode)!, {
    role: "UNIT_ADMIN",
    subsystem: "PORTAL",
  });

  // Persons, each bound to a unit: the big unit gets bigUnitMembers, the rest round robin.
  log(`seeding ${sizes.persons} persons and their bindings`);
  const insertPerson = sqlite.prepare(
    `INSERT INTO Person (id, idNumber, name, mobile, passwordHash, status, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, 'x', ?, ?, ?)`,
  );
  const insertBinding = sqlite.prepare(
    "INSERT INTO Binding (id, personId, unitId, activePersonId, startedAt) VALUES (?, ?, ?, ?, ?)",
  );
  // Role bindings as a province has them: nine employers in ten have an administrator (the first
  // person bound there), every fifth a title handler too. Without them RoleBinding would hold a few
  // rows and the planner would rightly scan it, hiding the plans the real table gets.
  const insertRoleBinding = sqlite.prepare(
    `INSERT INTO RoleBinding (id, personId, unitId, subsystem, role, activeKey, exclusiveKey, grantedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const grant = (personId: string, unitId: string, subsystem: string, role: string, at: string | number) =>
    insertRoleBinding.run(
      randomUUID(),
      personId,
      unitId,
      subsystem,
      role,
      `${role}:${subsystem}:${unitId}:${personId}`,
      role === "UNIT_ADMIN" ? `UNIT_ADMIN:${unitId}` : null,
      at,
    );
  const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
  const batch = 100_000;
  for (let start = 0; start < sizes.persons; start += batch) {
    sqlite.transaction(() => {
      for (let i = start; i < Math.min(sizes.persons, start + batch); i++) {
        const id = randomUUID();
        const at = date(new Date(t0 + (i % 700) * 86_400_000 + i));
        insertPerson.run(
          id,
          benchIdNumber(i),
          i % 97 === 0 ? null : `${SURNAMES[i % SURNAMES.length]}职工${i}`,
          benchMobile(i, "13"),
          i % 31 === 0 ? "DISABLED" : "ENABLED",
          at,
          at,
        );
        const unitId = i < sizes.bigUnitMembers ? bigUnitId : unitIds[i % unitIds.length]!;
        insertBinding.run(randomUUID(), id, unitId, id, at);
        // The unit's first member (the big unit has its administrator already).
        const unitIndex = i % unitIds.length;
        if (i >= sizes.bigUnitMembers && i < sizes.bigUnitMembers + unitIds.length && unitIndex !== 0) {
          if (unitIndex % 10 !== 3) grant(id, unitId, "PORTAL", "UNIT_ADMIN", at);
          if (unitIndex % 5 === 1) grant(id, unitId, "TITLE_REVIEW", "TITLE_HANDLER", at);
        }
      }
    })();
  }

  // Tasks: registrations in the platform's review queue, a few escalated to supervisors, binding
  // requests in the units' queues (the big unit's among them); 100k open, a fifth of those claimed.
  log(`seeding ${sizes.tasks} tasks (${sizes.openTasks} open)`);
  const reviewerId = await personOf("PLATFORM_REVIEWER");
  const insertTask = sqlite.prepare(
    `INSERT INTO HumanTask (id, workflowId, kind, requestType, requestId, step, queue, unitId, title,
       requestNumber, status, open, assigneeId, dueAt, createdAt, completedAt, outcome, decidedById)
     VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const openEvery = Math.max(1, Math.round(sizes.tasks / sizes.openTasks));
  const now = Date.now();
  for (let start = 0; start < sizes.tasks; start += batch) {
    sqlite.transaction(() => {
      for (let i = start; i < Math.min(sizes.tasks, start + batch); i++) {
        const open = i % openEvery === 0;
        const created = now - (sizes.tasks - i) * 30_000;
        const kindPick = i % 20;
        const [kind, requestType, queue, prefix] =
          kindPick < 8
            ? (["unitRegistrationReview", "UNIT_REGISTRATION", "PLATFORM_REVIEW", "ZC"] as const)
            : kindPick === 8
              ? (["unitRegistrationReview", "UNIT_REGISTRATION", "PLATFORM_SUPERVISOR", "ZC"] as const)
              : (["bindingRequestReview", "BINDING_REQUEST", "UNIT", "BD"] as const);
        const unitId = queue === "UNIT" ? (i % 7 === 0 ? bigUnitId : unitIds[i % unitIds.length]!) : null;
        // A fifth of the open tasks claimed (every fifth open one, not every open one).
        const claimed = open && (i / openEvery) % 5 === 0;
        const status = open ? (claimed ? "CLAIMED" : "OPEN") : i % 13 === 0 ? "CANCELLED" : "COMPLETED";
        const requestNumber = `${prefix}${String(i).padStart(10, "0")}`;
        insertTask.run(
          randomUUID(),
          `Bench:${i}`,
          kind,
          requestType,
          randomUUID(),
          queue,
          unitId,
          queue === "UNIT" ? `账号绑定申请 ${requestNumber}` : `单位注册 ${requestNumber} 示例单位${i}`,
          requestNumber,
          status,
          open ? 1 : 0,
          claimed || !open ? reviewerId : null,
          date(new Date(created + 5 * 86_400_000)),
          date(new Date(created)),
          open ? null : date(new Date(created + 3_600_000)),
          open ? null : "APPROVED",
          open ? null : reviewerId,
        );
      }
    })();
  }
  sqlite.exec("ANALYZE");
  sqlite.close();

  const [reviewer, supervisor, admin, countyAdmin, operator, provinceAdmin] = await openSessions(db, [
    reviewerId,
    await personOf("PLATFORM_SUPERVISOR"),
    admins[0]!.id,
    admins[1]!.id,
    await personOf("PLATFORM_OPERATOR"),
    await personOf("UNIT_ADMIN"),
  ]);
  const cookies = {
    reviewer: reviewer!,
    supervisor: supervisor!,
    admin: admin!,
    countyAdmin: countyAdmin!,
    operator: operator!,
    provinceAdmin: provinceAdmin!,
  };
  await db.$disconnect();
  const sample = {
    personName: `${SURNAMES[5 % SURNAMES.length]}职工5`,
    idNumber: benchIdNumber(5),
    requestNumber: `ZC${String(Math.floor(sizes.tasks / 2)).padStart(10, "0")}`.slice(0, 10),
    unitName: bigUnit.name.slice(0, 6),
    uscc: "BENCH0000000000010",
  };
  return {
    dir,
    databaseUrl,
    bigUnit,
    provinceUnitId: province.id,
    county: { unitId: countyHr.get(countyCode)!, regionCode: countyCode, cityCode: counties[0]!.parentCode! },
    cookies,
    sample,
    seedSeconds: (performance.now() - started) / 1000,
  };
}

/** A kept run's database (its seeded.json, written with BENCH_SCALE_KEEP=1), migrated to this code. */
async function reuseSeeded(dir: string, log: (l: string) => void): Promise<Seeded> {
  const seeded = JSON.parse(await readFile(path.join(path.resolve(dir), "seeded.json"), "utf8")) as Seeded;
  log(`reusing ${seeded.dir}`);
  await applyMigrations(
    loadConfig({ DATA_DIR: seeded.dir, DATABASE_URL: seeded.databaseUrl, LOG_LEVEL: "silent" }),
  );
  const sqlite = new Sqlite(sqliteFilePath(seeded.databaseUrl));
  sqlite.exec("ANALYZE");
  // The kept sessions (the bench's own) were last seen at the previous run: past the idle timeout
  // (30 min) the first request of a family not measured since revokes its session, and every request
  // of it answers 401; past their absolute lifetime (12 h) all do. Seen now, good for 12 h more.
  const now = new Date();
  sqlite
    .prepare(`UPDATE "Session" SET "lastSeenAt" = ?, "absoluteExpiresAt" = ?, "revokedAt" = NULL`)
    .run(dateWriter(sqlite)(now), dateWriter(sqlite)(new Date(now.getTime() + 12 * 3_600_000)));
  sqlite.close();
  return { ...seeded, seedSeconds: 0 };
}

type Query = { family: string; name: string; path: string; cookie: string };

/** Every filter and sort of the console's lists, first and deep pages. */
function queries(s: Seeded, sizes: ProvinceSizes): Query[] {
  const out: Query[] = [];
  const deep = Math.max(2, Math.floor(Math.min(sizes.openTasks, sizes.bigUnitMembers) / 20 / 2));
  const pages = [
    ["first page", "page=1&pageSize=20"],
    [`page ${deep}`, `page=${deep}&pageSize=20`],
  ] as const;
  const add = (family: string, name: string, base: string, cookie: string) => {
    for (const [pageName, page] of pages)
      out.push({
        family,
        name: `${name}, ${pageName}`,
        path: `${base}${base.includes("?") ? "&" : "?"}${page}`,
        cookie,
      });
  };
  const inboxes = [
    ["inbox (reviewer)", s.cookies.reviewer, ""],
    ["inbox (unit administrator)", s.cookies.admin, `&unitId=${s.bigUnit.id}`],
  ] as const;
  for (const [family, cookie, unitFilter] of inboxes) {
    for (const view of ["", "unclaimed", "mine", "open", "closed"])
      for (const sort of [
        "",
        "sort=dueAt&order=desc",
        "sort=createdAt&order=desc",
        "sort=createdAt&order=asc",
      ]) {
        const params = [view && `view=${view}`, sort].filter(Boolean).join("&");
        add(family, `view ${view || "(all)"}${sort ? `, ${sort}` : ""}`, `/api/tasks?${params}`, cookie);
      }
    for (const filter of [
      "kind=unitRegistrationReview",
      "kind=bindingRequestReview",
      "status=OPEN",
      "status=CLAIMED",
      "overdue=true",
      "overdue=false",
      "mine=true",
      "queue=PLATFORM_REVIEW",
      "queue=UNIT",
      `q=${encodeURIComponent(s.sample.requestNumber)}`,
      `q=${encodeURIComponent(s.sample.unitName)}`,
      // Names in the seeded titles (示例单位<i>): in ~5,000 and ~550 of the reviewers' tasks.
      `q=${encodeURIComponent("示例单位12")}`,
      `q=${encodeURIComponent("示例单位123")}`,
    ])
      add(family, `view open, ${decodeURIComponent(filter)}`, `/api/tasks?view=open&${filter}`, cookie);
    // The archive searched: a request number (its beginning, and a whole one) in every task and the closed.
    for (const q of [s.sample.requestNumber, `${s.sample.requestNumber}00`])
      for (const view of ["", "closed"])
        add(
          family,
          `view ${view || "(all)"}, q=${q}`,
          `/api/tasks?${view ? `view=${view}&` : ""}q=${encodeURIComponent(q)}`,
          cookie,
        );
    if (unitFilter) add(family, "view open, own unit", `/api/tasks?view=open${unitFilter}`, cookie);
  }
  add(
    "inbox (supervisor)",
    "view open, queue PLATFORM_SUPERVISOR",
    "/api/tasks?view=open&queue=PLATFORM_SUPERVISOR",
    s.cookies.supervisor,
  );

  const accounts = `/api/units/${s.bigUnit.id}/accounts`;
  for (const filter of [
    "",
    "sort=boundAt&order=asc",
    "sort=boundAt&order=desc",
    `q=${encodeURIComponent(s.sample.personName)}`,
    `q=${s.sample.idNumber}`,
    "status=ENABLED",
    "status=DISABLED",
    "nameMissing=true",
    "nameMissing=false",
  ])
    add(
      "unit accounts",
      filter ? decodeURIComponent(filter) : "default",
      `${accounts}${filter ? `?${filter}` : ""}`,
      s.cookies.admin,
    );
  const countyAccounts = `/api/units/${s.county.unitId}/accounts?withSubordinates=true`;
  add("unit accounts", "county HR, withSubordinates", countyAccounts, s.cookies.countyAdmin);
  add(
    "unit accounts",
    "county HR, withSubordinates, status=DISABLED",
    `${countyAccounts}&status=DISABLED`,
    s.cookies.countyAdmin,
  );

  // The provincial HR department grants roles over every unit of the province (30k units below it).
  const provinceAccounts = `/api/units/${s.provinceUnitId}/accounts?withSubordinates=true`;
  add("unit accounts", "province HR, withSubordinates", provinceAccounts, s.cookies.provinceAdmin);

  for (const filter of [
    "",
    "sort=name&order=asc",
    "sort=name&order=desc",
    "sort=registeredAt&order=asc",
    "sort=registeredAt&order=desc",
    "type=PUBLIC_INSTITUTION",
    `regionCode=${s.county.regionCode}`,
    `withinRegion=${s.county.cityCode}`,
    `q=${encodeURIComponent(s.sample.unitName)}`,
    `q=${s.sample.uscc}`,
    "withoutAdministrator=true",
    "withoutAdministrator=false",
  ])
    add(
      "units",
      filter ? decodeURIComponent(filter) : "default",
      `/api/units${filter ? `?${filter}` : ""}`,
      s.cookies.operator,
    );
  for (const filter of ["", "sort=name&order=asc", `q=${encodeURIComponent("科技")}`])
    add(
      "subordinate units",
      filter ? decodeURIComponent(filter) : "default",
      `/api/units/${s.county.unitId}/subordinates${filter ? `?${filter}` : ""}`,
      s.cookies.countyAdmin,
    );
  // What a person sees while typing a unit's name (R16): no paging, the same targets.
  for (const q of [s.sample.unitName, s.sample.unitName.slice(0, 3), "科技"])
    out.push({
      family: "unit-name suggestions",
      name: `q=${q}`,
      path: `/api/units/name-suggestions?q=${encodeURIComponent(q)}`,
      cookie: s.cookies.admin,
    });
  // 我的工作, the landing page every console asks for every 30 s: its counts of each person's work.
  for (const [who, cookie] of [
    ["reviewer", s.cookies.reviewer],
    ["unit administrator", s.cookies.admin],
    ["county HR administrator", s.cookies.countyAdmin],
    ["supervisor", s.cookies.supervisor],
  ] as const)
    out.push({ family: "my work", name: who, path: "/api/me/work", cookie });
  return out;
}

type Plan = { sql: string; plan: string[]; problems: string[] };

/** EXPLAIN QUERY PLAN of one statement: full scans of big tables and temporary B-trees are problems. */
function explain(sqlite: Sqlite.Database, sql: string, params: unknown[]): Plan {
  const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as never[])) as Array<{
    detail: string;
  }>;
  const plan = rows.map((r) => r.detail);
  // A sort is no problem when every big table is read by primary key only (an id list the statement
  // binds, as a search found through an index gives): it sorts at most as many rows as ids bound.
  const byKeyOnly = plan.every((d) => {
    const read = /^(?:SEARCH|SCAN) (?:main\.)?(\w+)/.exec(d);
    return (
      !read ||
      !BIG_TABLES.includes(read[1]!) ||
      /^SEARCH \S+ USING INDEX sqlite_autoindex_\w+ \(id=\?\)$/.test(d)
    );
  });
  const problems = plan.filter((d) => {
    if (/USE TEMP B-TREE/.test(d)) return !byKeyOnly;
    // Prisma qualifies its tables (main.HumanTask); the hand-written SQL does not.
    const scan = /^SCAN (?:main\.)?(\w+)/.exec(d);
    return !!scan && BIG_TABLES.includes(scan[1]!) && !/USING (COVERING )?INDEX/.test(d);
  });
  return { sql, plan, problems };
}

/** Prisma's log gives parameters as JSON; dates as strings, which binds the same way for a plan. */
function parseParams(params: string): unknown[] {
  try {
    const parsed = JSON.parse(params) as unknown[];
    return parsed.map((p) => (typeof p === "boolean" ? Number(p) : p));
  } catch {
    return [];
  }
}

/** Where the lists are measured: the seeded SQLite file, or PostgreSQL holding the same rows. */
export type ScaleDatabase = "sqlite" | "postgresql";

/** What the plans of one request's statements showed (its warm-up run). */
type Captured = { statements: number; problems: Plan[]; slowStatements: string[] };

/** A database the app answers the lists from, with a way to see the plans of what a request ran. */
type Target = {
  stack: string;
  /** How the rows got there, for the rows' load column. */
  origin: string;
  /** What a plan must not show (the rows' target column). */
  planRule: string;
  /** The client of the timed runs. */
  db: Database;
  /** The client of the run whose plans are read (db itself where seeing them costs the timed runs nothing). */
  explainedDb: Database;
  /** Called before a request; the function it returns gives the plans of what the request ran. */
  capture(): () => Promise<Captured>;
  close(): Promise<void>;
};

/** Whether a statement reads (its plan is checked); writes are the session's bookkeeping. */
const isRead = (sql: string) => /^\s*SELECT/i.test(sql);

/** The costliest statements first, shortened: where a request's time goes. */
function slowest(statements: { sql: string; ms: number }[]): string[] {
  return [...statements]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map(
      (st) =>
        `${st.ms} ms ${st.sql.replace(/`main`\.`HumanTask`\.|"public"\."HumanTask"\./g, "").slice(0, 400)}`,
    );
}

/** The seeded SQLite file, through the app's own client with Prisma's query log on (the SQL each request runs). */
async function sqliteTarget(seeded: Seeded): Promise<Target> {
  const db = new PrismaClient({
    adapter: new PrismaBetterSqlite3({ url: seeded.databaseUrl, timeout: 5000 }),
    log: [{ emit: "event", level: "query" }],
  });
  let captured: Array<{ query: string; params: string; duration: number }> | undefined;
  db.$on("query", (e) => captured?.push({ query: e.query, params: e.params, duration: e.duration }));
  await preparePragmas(db as unknown as Database);
  const sqlite = new Sqlite(sqliteFilePath(seeded.databaseUrl), { readonly: true });
  return {
    stack: "SQLite, in-process API",
    origin: "seeded by bulk SQL",
    planRule: "no full scan of a big table, no temp B-tree",
    db: db as unknown as Database,
    explainedDb: db as unknown as Database,
    capture() {
      captured = [];
      return async () => {
        const statements = captured ?? [];
        captured = undefined;
        const plans = statements
          .filter((st) => isRead(st.query))
          .map((st) => explain(sqlite, st.query, parseParams(st.params)));
        return {
          statements: statements.length,
          problems: plans.filter((plan) => plan.problems.length),
          slowStatements: slowest(statements.map((st) => ({ sql: st.query, ms: st.duration }))),
        };
      };
    },
    async close() {
      sqlite.close();
      await db.$disconnect();
    },
  };
}

/** The bytes of `file` from offset `from` on, as text. */
async function readFrom(file: string, from: number): Promise<string> {
  const handle = await open(file, "r");
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.max(0, size - from));
    await handle.read(buffer, 0, buffer.length, from);
    return buffer.toString("utf8");
  } finally {
    await handle.close();
  }
}

/** A node of a PostgreSQL plan (EXPLAIN's JSON format), the fields read here. */
type PgPlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Sort Key"?: string[];
  "Index Cond"?: string;
  "One-Time Filter"?: string;
  Plans?: PgPlanNode[];
};

/** A plan tree's nodes, parents first. */
function pgPlanNodes(root: PgPlanNode): PgPlanNode[] {
  return [root, ...(root.Plans ?? []).flatMap(pgPlanNodes)];
}

/**
 * The nodes of a plan that can run, parents first: not those under a one-time filter that is false
 * (`false`, or two different constants compared, as a queue filter outside the caller's queues gives:
 * `(('UNIT'::cstring)::"TaskQueue" = ('PLATFORM_REVIEW'::cstring)::"TaskQueue")`), never executed.
 */
function pgRunNodes(root: PgPlanNode): PgPlanNode[] {
  const filter = root["One-Time Filter"];
  const constants =
    filter && /^\(\('([^']*)'::cstring\)::"?\w+"? = \('([^']*)'::cstring\)::"?\w+"?\)$/.exec(filter);
  const never = filter === "false" || (!!constants && constants[1] !== constants[2]);
  return [root, ...(never ? [] : (root.Plans ?? []).flatMap(pgRunNodes))];
}

/** A plan as lines like EXPLAIN QUERY PLAN's: each node, its table and index. */
function pgPlanLines(root: PgPlanNode): string[] {
  return pgPlanNodes(root).map((n) =>
    [
      n["Node Type"],
      n["Relation Name"] && `on ${n["Relation Name"]}`,
      n["Index Name"] && `using ${n["Index Name"]}`,
    ]
      .filter(Boolean)
      .join(" "),
  );
}

/**
 * A PostgreSQL plan's problems, by the rules of `explain`: a sequential scan of a big table, and a
 * sort, unless every big table is read by primary key only (an id list the statement binds). Only
 * the nodes that can run count (`pgRunNodes`).
 * `bigTables`: those of BIG_TABLES that hold many rows here. PostgreSQL's planner weighs costs, and
 * reading a table of a few rows whole (the bench's handful of sessions) is its right choice.
 */
function pgPlanProblems(root: PgPlanNode, bigTables: string[]): string[] {
  const nodes = pgRunNodes(root);
  const big = (node: PgPlanNode) => bigTables.includes(node["Relation Name"] ?? "");
  const pkey = (node: PgPlanNode) => `${node["Relation Name"]}_pkey`;
  // Read by key: an index scan of the primary key with a condition on it, or a bitmap scan of it.
  const byKey = (n: PgPlanNode) =>
    /^Index (Only )?Scan$/.test(n["Node Type"])
      ? n["Index Name"] === pkey(n) && n["Index Cond"] !== undefined
      : n["Node Type"] === "Bitmap Heap Scan" &&
        pgPlanNodes(n)
          .filter((child) => child["Index Name"])
          .every((child) => child["Index Name"] === pkey(n));
  const byKeyOnly = nodes.filter(big).every(byKey);
  return nodes.flatMap((n) => {
    if (n["Node Type"] === "Seq Scan" && big(n)) return [`Seq Scan on ${n["Relation Name"]}`];
    if (/Sort$/.test(n["Node Type"]) && !byKeyOnly)
      return [`${n["Node Type"]} (${(n["Sort Key"] ?? []).join(", ")})`];
    return [];
  });
}

/**
 * The plans auto_explain wrote to the server's log (stderr format: a message's first line, then its
 * continuation lines, each after a tab): the statement, its duration and its plan tree.
 */
function autoExplained(log: string): Array<{ sql: string; ms: number; plan: PgPlanNode }> {
  const out: Array<{ sql: string; ms: number; plan: PgPlanNode }> = [];
  // Whole lines only: another connection's message may be under way at the end.
  const messages = log.slice(0, log.lastIndexOf("\n") + 1).split(/\n(?!\t)/);
  for (const message of messages) {
    const head = /LOG: {2}duration: ([\d.]+) ms {2}plan:\n/.exec(message);
    if (!head) continue;
    const json = message
      .slice(head.index + head[0].length)
      .split("\n")
      .map((line) => line.replace(/^\t/, ""))
      .join("\n");
    try {
      const parsed = JSON.parse(json) as { "Query Text": string; Plan: PgPlanNode };
      out.push({ sql: parsed["Query Text"], ms: Number(head[1]), plan: parsed.Plan });
    } catch {
      // Not a whole plan (a message cut at the segment's start): not this request's.
    }
  }
  return out;
}

/**
 * PostgreSQL 15 (a private server) holding the seeded rows, moved there by db:export's and
 * db:import's own functions (timed; the import ends with VACUUM (ANALYZE)). The app uses the platform's
 * PostgreSQL client (lib/database.ts, as DATABASE_URL=postgresql://… does). For the run whose
 * plans are read it connects as a second role, whose sessions load auto_explain: the server then
 * logs the plan of each statement as it ran (planned for its values) to its log; the timed runs'
 * sessions do not.
 */
async function postgresTarget(seeded: Seeded, log: (l: string) => void): Promise<Target> {
  // BENCH_SCALE_KEEP=1 leaves the server running with the moved rows (its URL and log in the seed's
  // postgres.json); BENCH_SCALE_REUSE of that seed then measures them again, migrated to this code,
  // without moving them (iterating on PostgreSQL's plans: ~3 min instead of ~14).
  const keptFile = path.join(seeded.dir, "postgres.json");
  const kept = process.env.BENCH_SCALE_REUSE ? await keptPostgres(keptFile) : null;
  // Its shared buffers sized as PostgreSQL's guide advises for a dedicated server (a quarter of the
  // memory; the default 128 MB holds a tenth of the tasks' indexes, and deep pages then read them).
  const sharedBuffers = `shared_buffers=${Math.floor(os.totalmem() / 4 / 2 ** 20)}MB`;
  const server = kept ? null : await startPostgres({ durable: false, settings: [sharedBuffers] });
  const url = kept?.url ?? (await server!.createDatabase("province"));
  const logFile = kept?.logFile ?? server!.logFile;
  const stop = async () => {
    if (process.env.BENCH_SCALE_KEEP && server) {
      await writeFile(keptFile, JSON.stringify({ url, logFile }));
      log(`province scale: PostgreSQL kept running: ${url} (log ${logFile})`);
    } else await server?.stop();
  };
  const importer = createDatabase(url);
  try {
    await applyMigrations(loadConfig({ DATA_DIR: seeded.dir, DATABASE_URL: url, LOG_LEVEL: "silent" }));
    await preparePragmas(importer);
    let origin: string;
    if (kept) {
      await importer.$executeRawUnsafe("ANALYZE");
      origin = "moved from the SQLite file by an earlier run (kept, migrated to this code)";
    } else {
      const source = createDatabase(seeded.databaseUrl);
      log("province scale: moving the rows to PostgreSQL (db:export → db:import)");
      const started = performance.now();
      const moved = await importDump(importer, exportDump(source)).finally(() => source.$disconnect());
      const moveSeconds = (performance.now() - started) / 1000;
      const rows = Object.values(moved).reduce((a, b) => a + b, 0);
      log(`province scale: moved ${rows} rows in ${moveSeconds.toFixed(0)} s`);
      origin = `moved from the SQLite file: ${rows.toLocaleString("en-US")} rows in ${moveSeconds.toFixed(0)} s`;
    }
    const bigTables = (
      await importer.$queryRawUnsafe<{ relname: string }[]>(
        `SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples >= ${BIG_TABLE_ROWS}`,
      )
    )
      .map((t) => t.relname)
      .filter((t) => BIG_TABLES.includes(t));
    const explainer = await importer.$queryRawUnsafe<unknown[]>(
      "SELECT 1 FROM pg_roles WHERE rolname = 'explainer'",
    );
    if (explainer.length === 0) await importer.$executeRawUnsafe("CREATE ROLE explainer LOGIN SUPERUSER");
    for (const setting of [
      "session_preload_libraries = 'auto_explain'",
      "auto_explain.log_min_duration = 0",
      "auto_explain.log_format = 'json'",
    ])
      await importer.$executeRawUnsafe(`ALTER ROLE explainer IN DATABASE "province" SET ${setting}`);
    await importer.$disconnect();
    const explainedUrl = new URL(url);
    explainedUrl.username = "explainer";
    const db = createDatabase(url);
    const explainedDb = createDatabase(explainedUrl.toString());
    await preparePragmas(db);
    await preparePragmas(explainedDb);
    return {
      stack: "PostgreSQL 15, in-process API",
      origin,
      planRule: `no Seq Scan of a big table (${BIG_TABLE_ROWS.toLocaleString("en-US")} rows or more), no Sort`,
      db,
      explainedDb,
      capture() {
        const from = statSync(logFile).size;
        return async () => {
          // The backend writes a statement's plan when it ends, before the answer reaches us.
          const segment = await readFrom(logFile, from);
          const statements = autoExplained(segment);
          const problems = statements
            .filter((st) => isRead(st.sql))
            .map((st) => ({
              sql: st.sql,
              plan: pgPlanLines(st.plan),
              problems: pgPlanProblems(st.plan, bigTables),
            }))
            .filter((plan) => plan.problems.length);
          return { statements: statements.length, problems, slowStatements: slowest(statements) };
        };
      },
      async close() {
        await Promise.all([db.$disconnect(), explainedDb.$disconnect()]);
        await stop();
      },
    };
  } catch (error) {
    await importer.$disconnect();
    await stop();
    throw error;
  }
}

/** The server a kept run left running (its postgres.json), or null when there is none or it is down. */
async function keptPostgres(file: string): Promise<{ url: string; logFile: string } | null> {
  if (!existsSync(file)) return null;
  const kept = JSON.parse(await readFile(file, "utf8")) as { url: string; logFile: string };
  const client = new pg.Client({ connectionString: kept.url });
  try {
    await client.connect();
    return kept;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function provinceScaleRows(
  sizes: ProvinceSizes,
  smoke: boolean,
  log: (l: string) => void,
  databases: ScaleDatabase[],
): Promise<RowResult[]> {
  log(
    `province scale: seeding ${sizes.persons} persons, ${sizes.units} units, ${sizes.tasks} tasks (${sizes.openTasks} open)`,
  );
  // BENCH_SCALE_REUSE=<dir of a kept run>: measure that database again instead of seeding (iterating
  // on indexes and queries); migrations added since are applied to it first.
  const reuse = process.env.BENCH_SCALE_REUSE;
  const seeded = reuse ? await reuseSeeded(reuse, log) : await seedProvince(sizes, log);
  log(`seeded in ${seeded.seedSeconds.toFixed(0)} s`);
  if (process.env.BENCH_SCALE_KEEP && !reuse)
    await writeFile(path.join(seeded.dir, "seeded.json"), JSON.stringify(seeded, null, 2));
  const rows: RowResult[] = [];
  try {
    for (const database of databases) {
      const target = database === "sqlite" ? await sqliteTarget(seeded) : await postgresTarget(seeded, log);
      try {
        rows.push(
          ...familyRows(await measureLists(seeded, sizes, target, log), sizes, smoke, seeded, target, log),
        );
      } finally {
        await target.close();
      }
    }
  } finally {
    // BENCH_SCALE_KEEP=1 keeps the seeded database to study its plans afterwards (iterating).
    if (process.env.BENCH_SCALE_KEEP || reuse) log(`kept ${seeded.dir}`);
    else await rm(seeded.dir, { recursive: true, force: true });
  }
  return rows;
}

type Measured = Query &
  Captured & {
    p95: number;
    p50: number;
    errors: number;
    /** The first few errors' texts. */
    errorSamples: string[];
    total?: number;
    /** Median CPU ms of this process (the in-process API and the fetch) per request: load-independent. */
    cpuMs: number;
  };

/** Every list query over HTTP against the real app on `target`: its latencies, and the plans of its statements. */
async function measureLists(
  seeded: Seeded,
  sizes: ProvinceSizes,
  target: Target,
  log: (l: string) => void,
): Promise<Measured[]> {
  const config = loadConfig({
    DATA_DIR: seeded.dir,
    DATABASE_URL: seeded.databaseUrl,
    LOG_LEVEL: "silent",
    TEMPORAL_ADDRESS: "127.0.0.1:1",
    // The bench's sessions were opened at the end of the seed; the move to PostgreSQL alone takes
    // longer than the 30 minutes a session may stay idle.
    SESSION_IDLE_MINUTES: String(24 * 60),
  });
  const temporal = new Client({ connection: Connection.lazy({ address: config.temporal.address }) });
  const clients = target.explainedDb === target.db ? [target.db] : [target.db, target.explainedDb];
  const servers = clients.map((db) => {
    const app = createApp({
      config,
      db,
      temporal,
      ...createPorts(config, db),
      logger: createLogger({ level: "silent", name: "bench" }),
    });
    return serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  });
  const [base, explainedBase = base] = await Promise.all(
    servers.map(async (server) => {
      if (!server.listening) await new Promise<void>((resolve) => server.once("listening", () => resolve()));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }),
  );
  const measured: Measured[] = [];
  try {
    // BENCH_SCALE_FAMILIES=units,accounts: only the families whose name contains one of them (iterating).
    const only = process.env.BENCH_SCALE_FAMILIES?.split(",").filter(Boolean);
    // BENCH_SCALE_QUERIES=q=: only the queries whose name contains it (with a kept database, iterating).
    const named = process.env.BENCH_SCALE_QUERIES;
    const chosen = queries(seeded, sizes).filter(
      (q) => (!only || only.some((f) => q.family.includes(f))) && (!named || q.name.includes(named)),
    );
    for (const q of chosen) {
      const recorder = new Recorder();
      const cpu: number[] = [];
      let total: number | undefined;
      let captured: Captured = { statements: 0, problems: [], slowStatements: [] };
      for (let run = -2; run < sizes.runs; run++) {
        const plans = run === -1 ? target.capture() : undefined;
        const begin = performance.now();
        const cpuBegin = process.cpuUsage();
        try {
          const response = await fetch(`${plans ? explainedBase : base}${q.path}`, {
            headers: { cookie: q.cookie },
          });
          const body = (await response.json()) as { total?: number };
          if (!response.ok)
            throw new Error(`${q.path}: ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
          total = body.total;
          if (run >= 0) {
            recorder.record(performance.now() - begin);
            const used = process.cpuUsage(cpuBegin);
            cpu.push((used.user + used.system) / 1000);
          }
        } catch (error) {
          recorder.error(error);
        }
        if (plans) captured = await plans();
      }
      const summary = recorder.summary();
      const m: Measured = {
        ...q,
        ...captured,
        p50: summary.p50,
        p95: summary.p95,
        errors: summary.errors,
        errorSamples: recorder.samples,
        total,
        cpuMs: cpu.sort((a, b) => a - b)[Math.floor(cpu.length / 2)] ?? Number.NaN,
      };
      measured.push(m);
      if (m.p95 > TARGET_P95_MS || m.problems.length || m.errors || process.env.BENCH_SCALE_FAMILIES)
        log(
          `  ${target.stack}: ${q.family}: ${q.name}: p95 ${m.p95} ms, CPU ${m.cpuMs.toFixed(1)} ms, ${m.problems.length} plan problems, ${m.errors} errors`,
        );
    }
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
  return measured;
}

/** One row per family of queries: its worst p95, and the plans' problems. */
function familyRows(
  measured: Measured[],
  sizes: ProvinceSizes,
  smoke: boolean,
  seeded: Seeded,
  target: Target,
  log: (l: string) => void,
): RowResult[] {
  const rows: RowResult[] = [];
  for (const family of [...new Set(measured.map((m) => m.family))]) {
    const list = measured.filter((m) => m.family === family);
    const worst = list.reduce((a, b) => (b.p95 > a.p95 ? b : a));
    const slow = list.filter((m) => m.p95 > TARGET_P95_MS);
    const badPlans = list.filter((m) => m.problems.length);
    const errors = list.reduce((n, m) => n + m.errors, 0);
    const met = slow.length === 0 && badPlans.length === 0;
    const ok = smoke ? errors === 0 : met && errors === 0;
    const problemLines = new Map<string, string[]>();
    for (const m of badPlans)
      for (const p of m.problems) {
        const key = p.problems.join("; ");
        const names = problemLines.get(key) ?? [];
        if (!names.includes(m.name)) problemLines.set(key, [...names, m.name]);
      }
    rows.push({
      id: `province-${family.replace(/\W+/g, "-").replace(/-$/, "")}`,
      title: `Province scale: ${family} (${list.length} queries)`,
      stack: target.stack,
      load: `${sizes.persons.toLocaleString("en-US")} persons, ${sizes.units.toLocaleString("en-US")} units, ${sizes.tasks.toLocaleString("en-US")} tasks (${sizes.openTasks.toLocaleString("en-US")} open), ${target.origin}; ${sizes.runs} runs per query, one at a time`,
      latency: {
        count: list.length * sizes.runs,
        errors,
        p50: Math.max(...list.map((m) => m.p50)),
        p95: worst.p95,
        p99: Number.NaN,
        max: Number.NaN,
      },
      value: worst.p95,
      unit: "ms worst p95",
      // The most CPU one query's request took in this (the API's) process: what latency would be on
      // an idle core, whatever else the machine was running.
      cpuMsPerRequest: { "API (worst query)": Math.max(...list.map((m) => m.cpuMs)) },
      target: `every query p95 ≤ ${TARGET_P95_MS} ms; ${target.planRule}`,
      ok,
      notes: [
        `slowest: ${worst.name} (p95 ${worst.p95} ms)`,
        `most CPU per request: ${[...list]
          .sort((x, y) => y.cpuMs - x.cpuMs)
          .slice(0, 5)
          .map((m) => `${m.name} ${m.cpuMs.toFixed(1)} ms`)
          .join("; ")}`,
        `${slow.length} of ${list.length} queries over ${TARGET_P95_MS} ms${slow.length ? `: ${slow.map((m) => `${m.name} ${m.p95} ms`).join("; ")}` : ""}`,
        `${badPlans.length} queries with plan problems`,
        ...(errors
          ? [
              `errors, e.g. ${list
                .flatMap((m) => m.errorSamples)
                .slice(0, 3)
                .join("; ")}`,
            ]
          : []),
        ...[...problemLines].map(
          ([problem, names]) =>
            `plan: ${problem} — in ${names.length} queries, e.g. ${names.slice(0, 3).join("; ")}`,
        ),
      ],
      extra: {
        seedSeconds: seeded.seedSeconds,
        queries: list.map((m) => ({
          name: m.name,
          path: m.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ":id"),
          p50: m.p50,
          p95: m.p95,
          errors: m.errors,
          total: m.total,
          statements: m.statements,
          cpuMs: m.cpuMs,
          slowStatements: m.slowStatements,
          problems: m.problems,
        })),
      },
    });
    log(
      `${ok ? "ok  " : "MISS"} ${rows.at(-1)!.title} (${target.stack}): worst p95 ${worst.p95} ms, ${badPlans.length} with plan problems`,
    );
  }
  return rows;
}
