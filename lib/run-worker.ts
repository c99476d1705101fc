// The worker process: runs every workflow and activity until SIGINT/SIGTERM. With `--standby`, it
// prepares everything, then waits for its parent to activate it before it polls (lib/worker-standby.ts).
import { loadConfigOrExit } from "./config.js";
import { createDatabase, preparePragmas, startWalCheckpointer } from "./database.js";
import { createLogger } from "./logger.js";
import { createPorts } from "./ports/index.js";
import { installTemporalRuntime } from "./temporal-native.js";
import { createWorker, warmUpProtobuf } from "./worker.js";
import { STANDBY_ARG, standByUntilActivated } from "./worker-standby.js";
import { warmUpDecisionPath } from "./worker-warm-up.js";

// Start-up steps, in ms since the process started (performance.now()), logged with "worker running":
// what a worker restarted after a crash spends before it polls (issue 14 item 2). With each, the
// process's CPU ms so far (all threads, user + system): on a loaded machine the wall times stretch,
// the CPU does not.
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return Math.round((user + system) / 1000);
};
const startup: Record<string, number> = { imports: Math.round(performance.now()) };
const startupCpu: Record<string, number> = { imports: cpuMs() };
const standby = process.argv.includes(STANDBY_ARG);
// A standby stopped before it runs has nothing to drain: SIGINT/SIGTERM end it at once, whether it is
// still getting ready or stands by. The SDK's Runtime gets no signals here: its handlers, once
// triggered, only mark the runtime shutting down, and the worker would then stop the moment it runs.
const SHUTDOWN_SIGNALS = ["SIGINT", "SIGTERM"] as const;
const exitNow = () => process.exit(0);
if (standby) for (const signal of SHUTDOWN_SIGNALS) process.on(signal, exitNow);
const step = (name: string) => {
  startup[name] = Math.round(performance.now());
  startupCpu[name] = cpuMs();
};
const config = loadConfigOrExit();
const logger = createLogger({ level: config.logLevel, name: "worker" });
// The SDK's own logs (including the workflow bundler's report) go to our JSON log, warnings up.
installTemporalRuntime(logger, standby ? [] : [...SHUTDOWN_SIGNALS]);
const db = createDatabase(config.databaseUrl, config.databasePoolSize, config.databaseStatementStats);
await preparePragmas(db);
const stopCheckpointer = await startWalCheckpointer(db, config.databaseUrl, logger);
step("database");
const ports = createPorts(config, db, logger);
step("ports");
// The warm-ups run on this thread while the connection, the bundle and the workflow thread are being
// made: they add little to the start-up and take ~70 ms (database) and ~60 ms (protobuf) off the
// first decision. Measured against the alternatives (bench --only submissions, one run each, core
// speed ~25 ms): cold decision p50 / first decision after a kill -9 p50 — here 84 ms / 2.19 s; none
// 231 ms / 2.53 s; started once the worker polls 352 ms / 2.68 s (they then compete with it).
const [worker] = await Promise.all([
  createWorker({ config, db, ports, onStep: step }),
  warmUpDecisionPath(db).then(() => step("warmUp")),
  warmUpProtobuf().then(() => step("protobuf")),
]);
step("create");
if (standby) {
  logger.info({ startupMs: startup }, "worker standing by");
  await standByUntilActivated();
  // From here on it drains on SIGINT/SIGTERM, as the SDK's handlers make a worker started without
  // --standby do (run(), called in this same turn, makes it RUNNING before any signal is handled).
  const drain = () => {
    if (worker.getState() === "RUNNING") worker.shutdown();
  };
  for (const signal of SHUTDOWN_SIGNALS) {
    process.off(signal, exitNow);
    process.on(signal, drain);
  }
  step("activated");
}
logger.info(
  {
    taskQueue: config.temporal.taskQueue,
    namespace: config.temporal.namespace,
    startupMs: startup,
    startupCpuMs: startupCpu,
  },
  "worker running",
);
// The worker installs its own SIGINT/SIGTERM handlers and drains in-flight tasks before run() returns.
await worker.run();
await stopCheckpointer();
await db.$disconnect();
logger.info("worker stopped");
