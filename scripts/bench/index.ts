// `npm run bench`: the deadline-day suite (issue 14 item 1). Starts the real stack in separate
// processes (stack.ts), runs every row (deadline-day.ts, province-scale.ts), writes JSON and
// Markdown under bench/results/ and exits 1 when a target is missed.
//
//   npm run bench                       every row at full size (the soak alone takes 10 minutes)
//   npm run bench -- --smoke            every row reduced to seconds; only errors fail (CI)
//   npm run bench -- --only soak,scale  some rows: submissions, throughput, middleware, soak, memory, scale
//   npm run bench -- --stack embedded,cluster   the stack rows on each stack, in one run
//   npm run bench -- --scale-on sqlite          the province-scale lists on SQLite only (default: and PostgreSQL)
//   npm run bench -- --soak-seconds 120 --memory 1000 --scale-persons 200000 --scale-runs 10
//                     --throughput-rates 2,5,8 --soak-rates 3,10,50   sizes by hand
//   npm run bench -- --out <dir>        results elsewhere than bench/results
//   BENCH_PROFILE_DIR=<dir> npm run bench …  V8 CPU profiles of the worker and the API, written on exit
import path from "node:path";
import { parseArgs } from "node:util";
import { POSTGRES_BIN, postgresInstalled } from "../../lib/postgres-server.js";
import {
  FULL,
  memoryRows,
  middlewareRows,
  prepare,
  SMOKE,
  soakRows,
  submissionRows,
  throughputRow,
} from "./deadline-day.js";
import { coreSpeedMs, loadAverage } from "./proc.js";
import { PROVINCE, provinceScaleRows, type ScaleDatabase, SMOKE_PROVINCE } from "./province-scale.js";
import { codeVersion, machine, type Report, type RowResult, writeReport } from "./report.js";
import { type StackKind, startStack } from "./stack.js";

const ROWS = ["submissions", "throughput", "middleware", "soak", "memory", "scale"] as const;

const { values } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    only: { type: "string" },
    stack: { type: "string", default: "embedded" },
    out: { type: "string", default: path.join("bench", "results") },
    "soak-seconds": { type: "string" },
    "soak-rates": { type: "string" },
    memory: { type: "string" },
    "scale-persons": { type: "string" },
    "scale-runs": { type: "string" },
    "scale-on": { type: "string", default: "sqlite,postgresql" },
    "throughput-rates": { type: "string" },
  },
});
const smoke = values.smoke;
const only = new Set(values.only ? values.only.split(",") : ROWS);
for (const name of only)
  if (!(ROWS as readonly string[]).includes(name))
    throw new Error(`--only: unknown row ${name} (${ROWS.join(", ")})`);
const scaleOn = values["scale-on"].split(",") as ScaleDatabase[];
for (const database of scaleOn)
  if (database !== "sqlite" && database !== "postgresql")
    throw new Error(`--scale-on: unknown database ${database} (sqlite, postgresql)`);
if (only.has("scale") && scaleOn.includes("postgresql") && !postgresInstalled())
  throw new Error(
    `the province-scale lists on PostgreSQL need PostgreSQL 15 (${POSTGRES_BIN}); or --scale-on sqlite`,
  );
const stacks = values.stack.split(",") as StackKind[];
const sizes = structuredClone(smoke ? SMOKE : FULL);
if (values["soak-seconds"]) sizes.soak.seconds = Number(values["soak-seconds"]);
if (values["soak-rates"]) {
  // Submissions, decisions and reads per second: a slower machine's soak at rates it can sustain.
  const [submissions, decisions, reads] = values["soak-rates"].split(",").map(Number);
  Object.assign(sizes.soak, { submissions, decisions, reads });
}
if (values.memory) sizes.memoryCounts = values.memory.split(",").map(Number);
const scale = structuredClone(smoke ? SMOKE_PROVINCE : PROVINCE);
if (values["scale-persons"]) scale.persons = Number(values["scale-persons"]);
if (values["scale-runs"]) scale.runs = Number(values["scale-runs"]);
if (values["throughput-rates"]) sizes.throughputRates = values["throughput-rates"].split(",").map(Number);

const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
const startedAt = new Date().toISOString();
const loadStart = loadAverage();
const speedStart = coreSpeedMs();
log(`core speed: ${speedStart} ms for the fixed workload (lower is faster)`);
const rows: RowResult[] = [];

const stackRows = ["submissions", "throughput", "middleware", "soak", "memory"].filter((r) =>
  only.has(r as never),
);
for (const kind of stackRows.length ? stacks : []) {
  log(`stack: ${kind}`);
  const stack = await startStack(kind, log);
  const ctx = await prepare(stack, sizes, smoke, log);
  try {
    if (only.has("middleware")) rows.push(...(await middlewareRows(ctx)));
    if (only.has("submissions")) rows.push(...(await submissionRows(ctx)));
    if (only.has("throughput")) rows.push(await throughputRow(ctx));
    if (only.has("memory")) rows.push(...(await memoryRows(ctx)));
    if (only.has("soak")) rows.push(...(await soakRows(ctx)));
  } finally {
    ctx.watcher.close();
    await stack.stop();
  }
}
if (only.has("scale")) rows.push(...(await provinceScaleRows(scale, smoke, log, scaleOn)));

const report: Report = {
  startedAt,
  finishedAt: new Date().toISOString(),
  mode: smoke ? "smoke" : "full",
  code: codeVersion(),
  machine: machine(),
  coreSpeedMs: { start: speedStart, end: coreSpeedMs() },
  loadAverage: { start: loadStart, end: loadAverage() },
  rows,
  failed: rows.filter((r) => !r.ok).map((r) => `${r.id} (${r.stack})`),
};
console.log(`\n${await writeReport(report, values.out)}`);
process.exit(report.failed.length ? 1 : 0);
