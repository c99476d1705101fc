// Issue 14 item 1: `npm run bench -- --smoke` runs every row of the deadline-day suite at a reduced
// size (seconds, small scale) on its own real stack (Temporal dev server, worker and API processes,
// a province-scale database in miniature, on SQLite and moved to PostgreSQL). Targets are not checked at this size, errors are: the
// run must exit 0, and its JSON report must hold every row, each with answers and no errors.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import type { Report } from "../../scripts/bench/report.js";

const out = path.resolve(".test-data", `bench-smoke-${randomUUID().slice(0, 8)}`);
afterAll(() => rm(out, { recursive: true, force: true }));

/** The rows every run must produce (the memory row is named after its count of open workflows). */
const ROW_IDS = [
  "trivial-route",
  "health",
  "inbox-list-get",
  "registration-task-visible",
  "binding-task-visible",
  "decision-warm",
  "decision-cold",
  "decision-after-kill",
  "throughput-binding",
  "memory-10",
  "soak",
  "soak-reads",
  "province-inbox-reviewer",
  "province-inbox-unit-administrator",
  "province-unit-accounts",
  "province-units",
  "province-my-work",
];

it("issue 14.1: the bench suite runs every row in smoke size without errors and writes its report", async () => {
  // The bench starts its own stack: nothing of the test runner's Temporal or database may leak in.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) =>
        !["DATABASE_URL", "PUBLIC_URL", "PORT", "DATA_DIR"].includes(key) &&
        !["TEMPORAL_ADDRESS", "TEMPORAL_NAMESPACE", "TEMPORAL_TASK_QUEUE"].includes(key),
    ),
  );
  const child = spawn(
    process.execPath,
    ["--expose-gc", "--import", "tsx", "scripts/bench/index.ts", "--smoke", "--out", out],
    { env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  expect(code, output.slice(-4000)).toBe(0);

  const report = JSON.parse(await readFile(path.join(out, "latest-smoke.json"), "utf8")) as Report;
  expect(report.mode).toBe("smoke");
  // The core speed is measured, so results of different days can be compared.
  expect(report.coreSpeedMs.start).toBeGreaterThan(0);
  expect(report.coreSpeedMs.end).toBeGreaterThan(0);
  expect(report.rows.map((r) => r.id)).toEqual(expect.arrayContaining(ROW_IDS));
  for (const row of report.rows) {
    expect(row.ok, `${row.id}: ${row.notes.join("; ")}`).toBe(true);
    expect(row.latency?.errors ?? 0, row.id).toBe(0);
    expect(Number.isFinite(row.value), `${row.id} measured nothing`).toBe(true);
    if (row.latency) expect(row.latency.count, `${row.id} got no answers`).toBeGreaterThan(0);
  }
  // The province-scale lists on both databases, PostgreSQL's holding the rows db:export/db:import moved.
  const scale = report.rows.filter((r) => r.id.startsWith("province-"));
  expect([...new Set(scale.map((r) => r.stack))]).toEqual([
    "SQLite, in-process API",
    "PostgreSQL 15, in-process API",
  ]);
  expect(scale.find((r) => r.stack.startsWith("PostgreSQL"))!.load).toMatch(
    /moved from the SQLite file: [\d,]+ rows/,
  );
  // CPU is charged per process: the stack rows name the dev server, the worker, its standby and the API.
  const binding = report.rows.find((r) => r.id === "binding-task-visible")!;
  expect(Object.keys(binding.cpuMsPerRequest ?? {}).sort()).toEqual([
    "API",
    "Temporal",
    "worker",
    "worker standby",
  ]);
  expect(binding.cpuMsPerRequest!.worker).toBeGreaterThan(0);
  // As under `npm start`, the worker killed with -9 is replaced by its standby.
  const kill = report.rows.find((r) => r.id === "decision-after-kill")!;
  expect(kill.load).toMatch(/^kill -9, the standby takes over/);
  await expect(readFile(path.join(out, "latest-smoke.md"), "utf8")).resolves.toContain("| row | stack |");
}, 600_000);
