// `npm start`: the whole product on its embedded default. Temporal dev server (SQLite under data/),
// migrations, seed data, the console build, then the worker and the API (which serves the console).
// The children are supervised (lib/supervisor.ts): one that crashes is restarted with backoff, one that
// crashes too often stops everything with exit 1, and a standby worker takes a dead worker's place at
// once. Ctrl-C (or SIGTERM) stops the API, the worker and then the dev server, and exits 0; all data
// stays under DATA_DIR for the next start.
// `-- --demo` also seeds demo data; `-- --no-console-build` serves the console build as it is;
// `-- --show-seeded-ids` prints the seeded accounts' ID numbers in full (masked otherwise).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Connection } from "@temporalio/client";
import { atNiceness, atSessionNiceness } from "../lib/background-priority.js";
import { loadConfigOrExit } from "../lib/config.js";
import { createDatabase } from "../lib/database.js";
import { nodeEntryArgs } from "../lib/prebuilt-entry.js";
import { createSupervisor, describeExit } from "../lib/supervisor.js";
import { temporalConnectionOptions } from "../lib/temporal.js";
import { resolveTemporalCli } from "../lib/temporal-cli.js";
import { type DevServer, startTemporalDevServer, stopChild } from "../lib/temporal-dev-server.js";
import { activate, STANDBY_ARG, standingBy } from "../lib/worker-standby.js";
import { seedDemo } from "../prisma/seed/demo.js";
import { seedBaseline } from "../prisma/seed/seed.js";
import { buildConsoleIfStale } from "./lib/console-build.js";
import { submitDemoBindingRequests, submitDemoRegistrations } from "./lib/demo-requests.js";
import { applyMigrations } from "./lib/prisma-cli.js";
import { seededAccountLines, showSeededIds } from "./lib/seeded-accounts.js";

const log = (line: string) => console.log(`[start] ${line}`);
const config = loadConfigOrExit();
const demo = config.demoData;
const buildConsole = !process.argv.includes("--no-console-build");
const apiUrl = `http://127.0.0.1:${config.port}`;
const supervisor = createSupervisor({ policy: config.restart, log, onGiveUp: () => void stopAll(1) });
let stopped: Promise<never> | undefined;
let stopSignalAt = Number.NEGATIVE_INFINITY;
/**
 * A terminal's Ctrl-C reaches every process of the foreground group, and npm forwards it to its child
 * as well: one keypress can arrive twice within milliseconds. Repeats within this window are that one
 * Ctrl-C; a later one is the user's second and kills everything (ms).
 */
const REPEATED_SIGNAL_MS = 1000;

function stopAll(code: number): Promise<never> {
  stopped ??= (async () => {
    log("stopping…");
    await supervisor.stop();
    log(`stopped; data is kept in ${config.dataDir}`);
    process.exit(code);
  })();
  return stopped;
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (!stopped) {
      stopSignalAt = performance.now();
      return void stopAll(0);
    }
    if (performance.now() - stopSignalAt < REPEATED_SIGNAL_MS) return;
    log(`${signal} again: killing everything now`);
    supervisor.killAll();
    process.exit(130);
  });
}
// Should this process end any other way, no child outlives it.
process.on("exit", () => supervisor.killAll());

/**
 * Gives a detached child's session its niceness (lib/background-priority.ts: with autogroup
 * scheduling a process's own niceness counts only within its session). A failure is logged: the
 * platform runs without it, the child then sharing the cores with the API as an equal.
 */
async function atBackgroundSessionNiceness(child: ChildProcess, nice: number): Promise<void> {
  await atSessionNiceness(child.pid, nice).catch((error: Error) =>
    log(`warning: the CPU niceness of pid ${child.pid}'s session is unchanged (${error.message})`),
  );
}

/**
 * Runs an entry point (its prebuilt plain JS, lib/prebuilt-entry.ts) in its own process group (so a
 * Ctrl-C reaches only us and the children stop in order), resolving once `ready` answers true. A
 * standby worker gets its argument and an IPC channel (lib/worker-standby.ts).
 */
async function startNodeChild(
  entry: string,
  options: { ready?: () => Promise<boolean>; nice?: number; standby?: boolean } = {},
): Promise<ChildProcess> {
  const { ready, nice = 0, standby = false } = options;
  const args = [...(await nodeEntryArgs(entry, log)), ...(standby ? [STANDBY_ARG] : [])];
  const child = spawn(...atNiceness(nice, process.execPath, args), {
    stdio: ["ignore", "inherit", "inherit", ...(standby ? ["ipc" as const] : [])],
    detached: true,
  });
  await atBackgroundSessionNiceness(child, nice);
  if (!ready) return child;
  let exit: string | undefined;
  child.once("exit", (code, signal) => {
    exit = describeExit(code, signal);
  });
  const deadline = Date.now() + 60_000;
  while (!(await ready().catch(() => false))) {
    if (exit) throw new Error(`exited (${exit}) before it was ready`);
    if (Date.now() > deadline) {
      await stopChild(child, 2000);
      throw new Error(`not ready after 60 s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return child;
}

const answers = (url: string) => async () => (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;

const DEV_SERVER = "Temporal dev server";
let devServer: DevServer | undefined;

/** Readiness: the API answers and sees the database and Temporal. */
async function waitForApi(): Promise<void> {
  const url = `${apiUrl}/api/health`;
  const ready = answers(url);
  for (let i = 0; i < 240; i++) {
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The API did not become ready at ${url}`);
}

/**
 * Readiness of the worker: Temporal lists the worker process (the SDK's identity, pid@host) among the
 * pollers of its workflow task queue, so a request made once "Ready" is printed is worked at once.
 */
async function waitForWorker(): Promise<void> {
  // Lazy: a Temporal that is not serving yet (an external cluster) is asked again, as the API is.
  const connection = Connection.lazy(temporalConnectionOptions(config.temporal));
  try {
    for (let i = 0; i < 240; i++) {
      const { pollers } = await connection.workflowService
        .describeTaskQueue({
          namespace: config.temporal.namespace,
          taskQueue: { name: config.temporal.taskQueue },
          taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
        })
        .catch(() => ({ pollers: [] }));
      const identity = `${supervisor.pids().worker}@${os.hostname()}`;
      if (pollers?.some((poller) => poller.identity === identity)) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error("The worker did not poll Temporal within 60 s");
  } finally {
    await connection.close();
  }
}

try {
  const started = Date.now();
  await mkdir(config.dataDir, { recursive: true });
  if (config.temporal.externalAddress) {
    log(
      `using the Temporal cluster at ${config.temporal.externalAddress} (namespace ${config.temporal.namespace})`,
    );
  } else {
    const cliPath = await resolveTemporalCli(config.temporal, log);
    log(`starting the Temporal dev server (SQLite: ${path.join(config.dataDir, "temporal.db")})`);
    // A restart reopens the same SQLite file: workflows carry on where they were.
    await supervisor.add({
      name: DEV_SERVER,
      start: async () => {
        devServer = await startTemporalDevServer({
          cliPath,
          dbFile: path.join(config.dataDir, "temporal.db"),
          port: config.temporal.devPort,
          uiPort: config.temporal.uiPort,
          namespace: config.temporal.namespace,
          detached: true,
          nice: config.backgroundNice,
        });
        await atBackgroundSessionNiceness(devServer.process, config.backgroundNice);
        return devServer.process;
      },
      lastOutput: () => devServer?.output() ?? "",
    });
  }
  log("applying database migrations");
  await applyMigrations(config);
  log(demo ? "seeding baseline and demo data" : "seeding baseline data");
  const db = createDatabase(config.databaseUrl, config.databasePoolSize);
  const people = await seedBaseline(db, config.seedPassword);
  const demoPeople = demo ? await seedDemo(db, config.seedPassword) : [];
  people.push(...demoPeople);
  await db.$disconnect();
  if (buildConsole) await buildConsoleIfStale(log);
  // The worker reconnects by itself when the dev server comes back; were it to die meanwhile, it is
  // restarted only once the dev server serves again.
  const worker = { nice: config.backgroundNice };
  await supervisor.add({
    name: "worker",
    start: () => startNodeChild("lib/run-worker.ts", worker),
    after: [DEV_SERVER],
    standby: config.workerStandby
      ? {
          start: () => startNodeChild("lib/run-worker.ts", { ...worker, standby: true }),
          ready: (child) => standingBy(child),
          activate,
        }
      : undefined,
  });
  await supervisor.add({
    name: "API",
    start: () => startNodeChild("api/server.ts", { ready: answers(`${apiUrl}/api/health/live`) }),
  });
  await Promise.all([waitForApi(), waitForWorker()]);
  if (demo) {
    await submitDemoRegistrations(apiUrl, log);
    const firstUnit = demoPeople[0]?.unitName;
    if (firstUnit) await submitDemoBindingRequests(apiUrl, firstUnit, config.seedPassword, log);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`
  Ready in ${seconds}s.
  Console and API:  ${config.publicUrl}
  API docs:         ${config.publicUrl}/api/docs
  Temporal Web UI:  ${devServer?.uiUrl ?? "(external cluster)"}
  Data directory:   ${config.dataDir}

  Seeded accounts (password: ${
    // Production's is the operator's own secret (R28 refuses the default): never in the terminal's log.
    config.appEnv === "production" ? "the one in SEED_PASSWORD" : config.seedPassword
  }; change it with SEED_PASSWORD before the first start):`);
  for (const line of seededAccountLines(people, showSeededIds(process.argv))) console.log(line);
  console.log("\n  Press Ctrl-C to stop.\n");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stopAll(1);
}
