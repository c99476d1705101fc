// The API process: wires the real dependencies and serves the API and the built console on one port.
import { existsSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { Client } from "@temporalio/client";
import { loadConfigOrExit } from "../lib/config.js";
import { createDatabase, preparePragmas } from "../lib/database.js";
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

// Every 10 s, how late the event loop ran (ms): one synchronous wait (a SQLite busy wait, a long
// GC) delays every request in flight, which the per-request durations do not show (issue 14).
// The histogram holds whole timer intervals: the resolution is taken off to leave the lateness.
const LOOP_RESOLUTION_MS = 10;
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
loopDelay.enable();
const loopStats = setInterval(() => {
  const ms = (ns: number) => Math.max(0, Math.round((ns / 1e6 - LOOP_RESOLUTION_MS) * 100) / 100);
  logger.info(
    { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) },
    "event loop delay",
  );
  loopDelay.reset();
}, 10_000);
loopStats.unref();

async function shutdown(signal: string) {
  logger.info({ signal }, "shutting down");
  clearInterval(loopStats);
  health.stop();
  server.close();
  await connection.close().catch(() => undefined);
  await db.$disconnect();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
