// The stack under test, started the way `npm start` starts it: the Temporal dev server (one Go
// process, SQLite file), then the worker (with its standby) and the API as separate Node processes on a fresh
// DATA_DIR under .test-data/bench-*, so each process's CPU can be read from /proc. The bench
// process itself only sends requests and reads the platform database (read-only) to see tasks.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { atNiceness } from "../../lib/background-priority.js";
import { type Config, loadConfig } from "../../lib/config.js";
import { createDatabase, type Database, preparePragmas } from "../../lib/database.js";
import { freePorts } from "../../lib/free-port.js";
import { nodeEntryArgs } from "../../lib/prebuilt-entry.js";
import type { StatementCounts } from "../../lib/statement-stats.js";
import { resolveTemporalCli } from "../../lib/temporal-cli.js";
import { CLUSTER_SERVICES, startTemporalCluster } from "../../lib/temporal-cluster.js";
import { type DevServer, startTemporalDevServer, stopChild } from "../../lib/temporal-dev-server.js";
import { resolveTemporalServer } from "../../lib/temporal-server.js";
import { activate, STANDBY_ARG, standingBy } from "../../lib/worker-standby.js";
import { type SeededPerson, seedBaseline } from "../../prisma/seed/seed.js";
import { applyMigrations } from "../lib/prisma-cli.js";

/** Which Temporal the stack runs on: the embedded dev server, or a real cluster (--stack cluster). */
export type StackKind = "embedded" | "cluster";

export type BenchStack = {
  kind: StackKind;
  url: string;
  dataDir: string;
  config: Config;
  /** The platform database, opened by the bench for fixtures (sessions, applicants) and polling. */
  db: Database;
  people: SeededPerson[];
  /** Process ids by the names the rows charge CPU to. */
  pids(): Record<string, number | undefined>;
  /**
   * SQL statements sent so far by the API and the worker (DB_STATEMENT_STATS; the worker's since it
   * last started), as their files say: they are rewritten every 250 ms, so wait that long first.
   */
  statements(): Promise<Record<"API" | "worker", StatementCounts>>;
  /**
   * Stops the worker (SIGTERM, drained) and starts a new one, with `extraEnv` over the stack's
   * environment; resolves once it polls. The standby, if any, stays as it is.
   */
  restartWorker(extraEnv?: Record<string, string>): Promise<WorkerStart>;
  /**
   * kill -9 of the worker, then as `npm start` does: its standby takes over (WORKER_STANDBY, the
   * default; a new standby starts RESTART_STANDBY_DELAY_MS later), or a new worker starts at once;
   * resolves when the one taking over polls.
   */
  killAndRestartWorker(): Promise<{ killedAt: number } & WorkerStart>;
  /** Resolves once the standby, if any, stands by (after a takeover, the next one starts later). */
  standbyReady(): Promise<void>;
  stop(): Promise<void>;
};

export const SEED_PASSWORD = "Bench#Seed2026";

/**
 * A worker taking over: ms from spawn (a new process) or from the kill (a standby) until it logged
 * "worker running", and the start-up steps it logged with it (ms since its process started:
 * imports, database, connect, bundle, create, …, and a standby's `activated`).
 */
export type WorkerStart = { readyMs: number; startupMs: Record<string, number>; standby: boolean };

/** The start-up steps of the last "worker running" line of a worker's output. */
function startupSteps(output: string): Record<string, number> {
  const line = output
    .split("\n")
    .filter((l) => l.includes('"worker running"'))
    .at(-1);
  try {
    return (JSON.parse(line ?? "{}") as { startupMs?: Record<string, number> }).startupMs ?? {};
  } catch {
    return {};
  }
}

/** Environment of the worker and API processes (and the bench's own Config). */
function stackEnv(dataDir: string, ports: { api: number; temporalAddress: string }) {
  return {
    APP_ENV: "development",
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, "platform.db")}`,
    PORT: String(ports.api),
    PUBLIC_URL: `http://127.0.0.1:${ports.api}`,
    TEMPORAL_ADDRESS: ports.temporalAddress,
    // Whatever the calling shell (or a test runner) set, the fresh stack uses its own defaults.
    TEMPORAL_NAMESPACE: "default",
    TEMPORAL_TASK_QUEUE: "account-platform",
    // The load comes from one address: the per-address limits of anonymous actions (R29) would
    // refuse it after a few dozen registrations. A government network's NAT is in the same place.
    TRUSTED_NETWORKS: "127.0.0.1/32",
    LOG_LEVEL: "info",
    SEED_PASSWORD,
    ...backgroundNice(),
    ...inherited("WORKER_STANDBY"),
    ...inherited("TEMPORAL_WORKER_CACHED_WORKFLOWS"),
  };
}

/** `name` from the bench's own environment, when set: `npm start`'s settings measured otherwise. */
const inherited = (name: string): Record<string, string> =>
  process.env[name] ? { [name]: process.env[name] } : {};

/** Temporal and the worker run at `npm start`'s niceness (lib/background-priority.ts); BACKGROUND_NICE=0 measures without. */
const backgroundNice = () => inherited("BACKGROUND_NICE");

type NodeChild = { process: ChildProcess; output: () => string };

/**
 * BENCH_PROFILE_DIR=<dir>: the worker and the API write V8 CPU profiles there when they exit
 * (`--cpu-prof`, which NODE_OPTIONS does not accept), to see where a row's CPU goes.
 */
const profileArgs = () => {
  const dir = process.env.BENCH_PROFILE_DIR;
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
};

/**
 * Runs an entry point as `npm start` does (its prebuilt plain JS); its output goes to `logFile`. A
 * standby worker gets its argument and an IPC channel.
 */
async function startNode(
  entry: string,
  env: Record<string, string>,
  logFile: string,
  nice = 0,
  standby = false,
): Promise<NodeChild> {
  const args = [...profileArgs(), ...(await nodeEntryArgs(entry)), ...(standby ? [STANDBY_ARG] : [])];
  const child = spawn(...atNiceness(nice, process.execPath, args), {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe", ...(standby ? ["ipc" as const] : [])],
  });
  const log = createWriteStream(logFile, { flags: "a" });
  let tail = "";
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      log.write(chunk);
      tail = `${tail}${chunk}`.slice(-8000);
    });
  }
  child.once("exit", () => log.end());
  return { process: child, output: () => tail };
}

async function until(what: string, child: NodeChild, ready: () => boolean | Promise<boolean>) {
  const deadline = Date.now() + 120_000;
  while (!(await Promise.resolve(ready()).catch(() => false))) {
    if (child.process.exitCode !== null || child.process.signalCode !== null)
      throw new Error(`${what} exited before it was ready:\n${child.output()}`);
    if (Date.now() > deadline) throw new Error(`${what} not ready after 120 s:\n${child.output()}`);
    await sleep(20);
  }
}

type RunningTemporal = {
  address: string;
  /** Process ids the rows charge Temporal's CPU to. */
  pids(): Record<string, number | undefined>;
  processes(): ChildProcess[];
  stop(): Promise<void>;
};

/**
 * Temporal for the stack: the dev server `npm start` runs (one process, SQLite), or a real cluster
 * (lib/temporal-cluster.ts: frontend, history, matching and worker services on PostgreSQL). The
 * platform's own database stays SQLite in both, so the rows compare Temporal alone.
 */
async function startTemporal(
  kind: StackKind,
  dataDir: string,
  ports: { temporal: number; ui: number },
  log: (line: string) => void,
): Promise<RunningTemporal> {
  const defaults = loadConfig({ DATA_DIR: dataDir, ...backgroundNice() });
  if (kind === "cluster") {
    log("starting a real Temporal cluster (PostgreSQL, frontend, history, matching, worker)");
    const binaries = await resolveTemporalServer(defaults.temporal.cacheDir, log);
    const cluster = await startTemporalCluster({ dataDir, binaries, namespaces: ["default"], log });
    return {
      address: cluster.address,
      // PostgreSQL (the cluster's databases, not the platform's) with its connections' processes.
      pids: () => ({
        ...Object.fromEntries(
          CLUSTER_SERVICES.map((service) => [`Temporal ${service}`, cluster.pid(service)]),
        ),
        PostgreSQL: cluster.postgres.pid,
      }),
      processes: () => [],
      stop: () => cluster.stop(),
    };
  }
  const cliPath = await resolveTemporalCli(defaults.temporal, log);
  log(`starting the Temporal dev server on :${ports.temporal} (data in ${dataDir})`);
  const devServer: DevServer = await startTemporalDevServer({
    cliPath,
    dbFile: path.join(dataDir, "temporal.db"),
    port: ports.temporal,
    uiPort: ports.ui,
    namespace: "default",
    headless: true,
    nice: defaults.backgroundNice,
  });
  return {
    address: devServer.address,
    pids: () => ({ Temporal: devServer.process.pid }),
    processes: () => [devServer.process],
    stop: () => devServer.stop(),
  };
}

/** Starts a fresh stack of `kind`; `log` reports the steps. */
export async function startStack(kind: StackKind, log: (line: string) => void): Promise<BenchStack> {
  const dataDir = path.resolve(".test-data", `bench-${randomUUID().slice(0, 8)}`);
  await mkdir(dataDir, { recursive: true });
  const free = await freePorts(3);
  const ports = { api: free[0]!, temporal: free[1]!, ui: free[2]! };
  const temporal = await startTemporal(kind, dataDir, ports, log);
  const env = stackEnv(dataDir, { ...ports, temporalAddress: temporal.address });
  const config = loadConfig(env);
  await applyMigrations(config);
  const db = createDatabase(config.databaseUrl, config.databasePoolSize);
  await preparePragmas(db);
  const people = await seedBaseline(db, SEED_PASSWORD);

  // Each process counts its SQL statements by text (lib/statement-stats.ts): a few µs per request.
  // Each worker process its own file (a standby counts its warm-up's too): the worker's is the one
  // of the process polling now.
  const statementFiles = {
    API: path.join(dataDir, "api-statements.json"),
    worker: path.join(dataDir, "worker-0-statements.json"),
  };
  let workerProcesses = 0;
  const workerLog = path.join(dataDir, "worker.log");
  let worker: NodeChild | undefined;
  type WorkerChild = NodeChild & { statements: string };
  const startWorkerProcess = async (
    extraEnv: Record<string, string>,
    standby = false,
  ): Promise<WorkerChild> => {
    const statements = path.join(dataDir, `worker-${++workerProcesses}-statements.json`);
    const workerEnv = { ...env, DB_STATEMENT_STATS: statements, ...extraEnv };
    const child = await startNode("lib/run-worker.ts", workerEnv, workerLog, config.backgroundNice, standby);
    return { ...child, statements };
  };
  const startWorker = async (extraEnv: Record<string, string> = {}): Promise<WorkerStart> => {
    const started = Date.now();
    const child = await startWorkerProcess(extraEnv);
    await until("worker", child, () => child.output().includes('"worker running"'));
    worker = child;
    statementFiles.worker = child.statements;
    return { readyMs: Date.now() - started, startupMs: startupSteps(child.output()), standby: false };
  };
  // The standby, as `npm start` keeps one (lib/worker-standby.ts): resolves once it stands by.
  let standby: Promise<WorkerChild> | undefined;
  let standbyPid: number | undefined;
  const startStandby = async (): Promise<WorkerChild> => {
    const child = await startWorkerProcess({}, true);
    standbyPid = child.process.pid;
    await standingBy(child.process);
    return child;
  };
  log("starting the worker and the API");
  const api = await startNode(
    "api/server.ts",
    { ...env, LOG_LEVEL: "info", DB_STATEMENT_STATS: statementFiles.API },
    path.join(dataDir, "api.log"),
  );
  await startWorker();
  if (config.workerStandby) standby = startStandby();
  const url = `http://127.0.0.1:${ports.api}`;
  await until("API", api, async () => (await fetch(`${url}/api/health`)).ok);
  // The rows start once the standby's start-up (~2 s of CPU) is over.
  await standby;

  // Should the bench end any other way (an error, Ctrl-C), no process of the stack outlives it.
  const killAll = () => {
    const processes = [api.process, worker?.process, ...temporal.processes()];
    for (const child of processes) child?.kill("SIGKILL");
    try {
      if (standbyPid) process.kill(standbyPid, "SIGKILL");
    } catch {
      // Gone already.
    }
  };
  process.once("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      killAll();
      process.exit(130);
    });

  return {
    kind,
    url,
    dataDir,
    config,
    db,
    people,
    pids: () => ({
      ...temporal.pids(),
      worker: worker?.process.pid,
      ...(config.workerStandby ? { "worker standby": standbyPid } : {}),
      API: api.process.pid,
    }),
    async statements() {
      const read = async (file: string): Promise<StatementCounts> =>
        readFile(file, "utf8").then(
          (text) => JSON.parse(text) as StatementCounts,
          () => ({ total: 0, bySql: {} }),
        );
      return { API: await read(statementFiles.API), worker: await read(statementFiles.worker) };
    },
    async restartWorker(extraEnv) {
      if (worker) await stopChild(worker.process, 30_000);
      return startWorker(extraEnv);
    },
    async killAndRestartWorker() {
      const old = worker!;
      const ready = await standby;
      const exited = new Promise((resolve) => old.process.once("exit", resolve));
      const killedAt = Date.now();
      old.process.kill("SIGKILL");
      await exited;
      if (!ready) return { killedAt, ...(await startWorker()) };
      activate(ready.process);
      worker = ready;
      statementFiles.worker = ready.statements;
      standbyPid = undefined;
      await until("the standby worker", ready, () => ready.output().includes('"worker running"'));
      const readyMs = Date.now() - killedAt;
      standby = sleep(config.restart.standbyDelayMs).then(startStandby);
      return { killedAt, readyMs, startupMs: startupSteps(ready.output()), standby: true };
    },
    async standbyReady() {
      await standby;
    },
    async stop() {
      await stopChild(api.process, 10_000);
      const idle = await standby?.catch(() => undefined);
      if (idle) await stopChild(idle.process, 10_000);
      standbyPid = undefined;
      if (worker) await stopChild(worker.process, 30_000);
      await db.$disconnect();
      await temporal.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
