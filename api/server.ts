// The API process: wires the real dependencies and serves the API and the built console on one port.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { Client } from "@temporalio/client";
import { loadConfigOrExit } from "../lib/config.js";
import { createDatabase, preparePragmas, startWalCheckpointer } from "../lib/database.js";
import { measureEventLoopLateness } from "../lib/event-loop-lateness.js";
import { createLogger } from "../lib/logger.js";
import { createPorts } from "../lib/ports/index.js";
import { temporalConnectionOptions } from "../lib/temporal.js";
import { BackgroundNativeConnection, installTemporalRuntime } from "../lib/temporal-native.js";
import { createApp } from "./app.js";
import { createDependencyProbe } from "./routes/health/health.probe.js";

const config = loadConfigOrExit();
const logger = createLogger({ level: config.logLevel, name: "api" });
const db = createDatabase(config.databaseUrl, config.databasePoolSize, config.databaseStatementStats);
await preparePragmas(db);
const stopCheckpointer = await startWalCheckpointer(db, config.databaseUrl, logger);
// The SDK's native client, connected in the background: the API starts (and /api/health says
// "degraded") even while Temporal is still coming up. The API handles its signals itself (below).
installTemporalRuntime(logger, []);
const connection = new BackgroundNativeConnection(temporalConnectionOptions(config.temporal));
const temporal = new Client({ connection, namespace: config.temporal.namespace });
const ports = createPorts(config, db, logger);
const consoleDir = fileURLToPath(new URL("../admin-ui/dist", import.meta.url));
// Readiness is probed in the background from the start, so the first /api/health already has an answer.
const health = createDependencyProbe({ config, db, temporal, logger });
health.start();

const app = createApp({
  config,
  db,
  temporal,
  ...ports,
  logger,
  health,
  consoleDir: existsSync(consoleDir) ? consoleDir : undefined,
});

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  logger.info({ port: info.port, host: config.host }, "API and console listening");
});

// Every 10 s, how late the event loop ran (ms).
const loopDelay = measureEventLoopLateness();
const loopStats = setInterval(() => {
  logger.info(loopDelay.read(), "event loop delay");
  loopDelay.reset();
}, 10_000);
loopStats.unref();

async function shutdown(signal: string) {
  logger.info({ signal }, "shutting down");
  clearInterval(loopStats);
  health.stop();
  server.close();
  await connection.close().catch(() => undefined);
  await stopCheckpointer();
  await db.$disconnect();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
