// Speed and memory targets of the account platform, measured on a real SQLite file at provincial
// scale: the unit-name suggestions a person sees while typing (R16), the unit's account list (R24)
// and incoming requests (新进账号管理), plus password hashing. `npm run bench`; exits 1 when a
// target is missed. Reads go through the real Hono app; no Temporal server is needed.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Client, Connection } from "@temporalio/client";
import { createApp } from "../api/app.js";
import { loadConfig } from "../lib/config.js";
import { createDatabase, preparePragmas } from "../lib/database.js";
import { createLogger } from "../lib/logger.js";
import { hashPassword } from "../lib/passwords.js";
import { createPorts } from "../lib/ports/index.js";
import { makeIdNumber, seedRegions } from "../prisma/seed/seed.js";
import { applyMigrations } from "./lib/prisma-cli.js";

const UNITS = 20_000;
const ACCOUNTS = 5_000;
const OPEN_REQUESTS = 300;
const RUNS = 200;
/** Serving a thousand requests must leave nothing behind: no caches or leaks per request. */
const MEMORY_GROWTH_TARGET_MB = 16;

/** p95 targets in milliseconds (one request at a time, on this machine's 2 cores). */
const TARGETS = { suggestions: 80, accountList: 50, accountSearch: 50, incoming: 50, passwordHash: 1_000 };

const dir = path.resolve(".test-data", `bench-${randomUUID()}`);
await mkdir(dir, { recursive: true });
const databaseUrl = `file:${path.join(dir, "platform.db")}`;
const config = loadConfig({
  DATA_DIR: dir,
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: "silent",
  TEMPORAL_ADDRESS: "127.0.0.1:1",
});
await applyMigrations(config);
const db = createDatabase(databaseUrl);
await preparePragmas(db);

console.log(
  `Seeding ${UNITS} units, ${ACCOUNTS} accounts in one unit, ${OPEN_REQUESTS} open binding requests…`,
);
await seedRegions(db);
const counties = await db.region.findMany({ where: { level: "COUNTY" }, select: { code: true, name: true } });
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
const FORMS = ["有限公司", "股份有限公司", "研究院", "中心", "合作社"];
const unitRows = Array.from({ length: UNITS }, (_, i) => {
  const county = counties[i % counties.length]!;
  const name = `${county.name}${TRADES[i % TRADES.length]}${String(i).padStart(5, "0")}${FORMS[i % FORMS.length]}`;
  return {
    id: randomUUID(),
    name,
    accountName: `bench-${i}`,
    passwordHash: "x",
    type: "ENTERPRISE" as const,
    origin: "IMPORTED" as const,
    regionCode: county.code,
    contactName: "联系人",
    contactMobile: "13700000000",
  };
});
for (let i = 0; i < unitRows.length; i += 2_000)
  await db.unit.createMany({ data: unitRows.slice(i, i + 2_000) });
const unit = unitRows[0]!;
const people = Array.from({ length: ACCOUNTS + OPEN_REQUESTS }, (_, i) => ({
  id: randomUUID(),
  idNumber: makeIdNumber(
    "520102",
    `19${String(60 + (i % 40))}0${1 + (i % 9)}1${i % 10}`,
    100 + (i % 800) + Math.floor(i / 800),
  ),
  name: `职工${i}`,
  mobile: `139${String(i).padStart(8, "0")}`,
  passwordHash: "x",
}));
const unique = [...new Map(people.map((p) => [p.idNumber, p])).values()];
for (let i = 0; i < unique.length; i += 2_000)
  await db.person.createMany({ data: unique.slice(i, i + 2_000) });
const members = unique.slice(0, ACCOUNTS);
const applicants = unique.slice(ACCOUNTS);
await db.binding.createMany({
  data: members.map((p) => ({ personId: p.id, unitId: unit.id, activePersonId: p.id })),
});
await db.roleBinding.create({
  data: {
    personId: members[0]!.id,
    unitId: unit.id,
    subsystem: "PORTAL",
    role: "UNIT_ADMIN",
    activeKey: `admin:${unit.id}`,
  },
});
await db.bindingRequest.createMany({
  data: applicants.map((p, i) => ({
    requestNumber: `BD-BENCH-${i}`,
    personId: p.id,
    unitId: unit.id,
    openPersonId: p.id,
    pledgeAcceptedAt: new Date(),
    workflowId: `BindingRequest:${p.id}`,
  })),
});
const token = randomBytes(32).toString("base64url");
await db.session.create({
  data: {
    id: createHash("sha256").update(token).digest("hex"),
    kind: "PERSON",
    personId: members[0]!.id,
    strength: "REAL_PERSON",
    absoluteExpiresAt: new Date(Date.now() + 3_600_000),
  },
});

const app = createApp({
  config,
  db,
  temporal: new Client({ connection: Connection.lazy({ address: config.temporal.address }) }),
  ...createPorts(config, db),
  logger: createLogger({ level: "silent", name: "bench" }),
});
const headers = { cookie: `zc_session=${token}` };
/** Live heap after a full collection: what stays behind, not what the collector has yet to free. */
const liveHeap = () => {
  global.gc?.();
  return process.memoryUsage().heapUsed;
};

async function measure(
  name: keyof typeof TARGETS,
  runs: number,
  path: (i: number) => string | Promise<unknown>,
) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const target = path(i);
    if (typeof target === "string") {
      const response = await app.request(target, { headers });
      if (response.status !== 200) throw new Error(`${target}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    } else {
      await target;
    }
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { name, runs, p50: at(0.5), p95: at(0.95), max: at(1), target: TARGETS[name] };
}

const fragments = unitRows.map((u) => u.name.slice(0, 6 + (u.name.length % 4)));
const paths = {
  suggestions: (i: number) =>
    `/api/units/name-suggestions?q=${encodeURIComponent(fragments[(i * 97) % UNITS]!)}`,
  accountList: (i: number) => `/api/units/${unit.id}/accounts?page=${1 + (i % 250)}&pageSize=20`,
  accountSearch: (i: number) =>
    `/api/units/${unit.id}/accounts?q=${encodeURIComponent(members[(i * 31) % ACCOUNTS]!.name)}`,
  incoming: (i: number) => `/api/units/${unit.id}/binding-requests?page=${1 + (i % 15)}`,
};
// Warm up (JIT, statement caches), then take the heap baseline.
for (const [name, path] of Object.entries(paths)) await measure(name as keyof typeof paths, 20, path);
const heapBefore = liveHeap();
const results = [
  ...[
    await measure("suggestions", RUNS, paths.suggestions),
    await measure("accountList", RUNS, paths.accountList),
    await measure("accountSearch", RUNS, paths.accountSearch),
    await measure("incoming", RUNS, paths.incoming),
  ],
  await measure("passwordHash", 5, () => hashPassword("Bench#Pass2026")),
];
const rssMb = process.memoryUsage().rss / 1024 / 1024;
const growthMb = (liveHeap() - heapBefore) / 1024 / 1024;

console.table(
  results.map((r) => ({
    measure: r.name,
    runs: r.runs,
    "p50 ms": r.p50.toFixed(1),
    "p95 ms": r.p95.toFixed(1),
    "max ms": r.max.toFixed(1),
    "target p95 ms": r.target,
    ok: r.p95 <= r.target ? "yes" : "NO",
  })),
);
console.log(
  `Resident memory: ${rssMb.toFixed(0)} MB after the runs (seeding included); ` +
    `live heap growth over the runs ${growthMb.toFixed(1)} MB (target ≤ ${MEMORY_GROWTH_TARGET_MB} MB)`,
);
await db.$disconnect();
await rm(dir, { recursive: true, force: true });
const missed = results.filter((r) => r.p95 > r.target).length + (growthMb > MEMORY_GROWTH_TARGET_MB ? 1 : 0);
process.exit(missed ? 1 : 0);
