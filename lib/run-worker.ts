// The worker process: runs every workflow and activity until SIGINT/SIGTERM.
import { DefaultLogger, type LogLevel, Runtime } from "@temporalio/worker";
import { loadConfigOrExit } from "./config.js";
import { createDatabase, preparePragmas } from "./database.js";
import { createLogger } from "./logger.js";
import { createPorts } from "./ports/index.js";
import { createWorker } from "./worker.js";

const config = loadConfigOrExit();
const logger = createLogger({ level: config.logLevel, name: "worker" });
// The SDK's own logs (including the workflow bundler's report) go to our JSON log, warnings up.
const sdkLevels: Record<LogLevel, "trace" | "debug" | "info" | "warn" | "error"> = {
  TRACE: "trace",
  DEBUG: "debug",
  INFO: "info",
  WARN: "warn",
  ERROR: "error",
};
Runtime.install({
  logger: new DefaultLogger("WARN", (entry) =>
    logger[sdkLevels[entry.level]](entry.meta ?? {}, entry.message),
  ),
});
const db = createDatabase(config.databaseUrl, config.databasePoolSize);
await preparePragmas(db);
const ports = createPorts(config, db, logger);
const worker = await createWorker({ config, db, ports });
logger.info({ taskQueue: config.temporal.taskQueue, namespace: config.temporal.namespace }, "worker running");
// The worker installs its own SIGINT/SIGTERM handlers and drains in-flight tasks before run() returns.
await worker.run();
await db.$disconnect();
logger.info("worker stopped");
