// Builds the real Hono app on a real SQLite file, with the dev adapters behind the ports.
import { Client, Connection } from "@temporalio/client";
import { createApp } from "../../api/app.js";
import { createDependencyProbe } from "../../api/routes/health/health.probe.js";
import { type Config, loadConfig } from "../../lib/config.js";
import { createLogger } from "../../lib/logger.js";
import { createPorts } from "../../lib/ports/index.js";
import type { TestDatabase } from "./database.js";

export type TestAppOptions = {
  temporalAddress?: string;
  env?: Record<string, string>;
  consoleDir?: string;
  /**
   * Set over the loaded configuration, for what loading refuses to produce: a production
   * configuration (R28 refuses every one while the registry has no real adapter).
   */
  config?: Partial<Config>;
};

export function testConfig(database: TestDatabase, options: TestAppOptions = {}): Config {
  const loaded = loadConfig({
    DATA_DIR: database.dir,
    DATABASE_URL: database.url,
    // Nothing listens here unless a test passes a real address: health must then say "degraded".
    TEMPORAL_ADDRESS: options.temporalAddress ?? "127.0.0.1:1",
    LOG_LEVEL: "silent",
    TEMPORAL_START_TIMEOUT_SECONDS: "2",
    // The test file's own namespace (tests/support/setup-temporal-namespace.ts), where one is set.
    ...(process.env.TEMPORAL_NAMESPACE ? { TEMPORAL_NAMESPACE: process.env.TEMPORAL_NAMESPACE } : {}),
    ...options.env,
  });
  return { ...loaded, ...options.config };
}

export function createTestApp(database: TestDatabase, options: TestAppOptions = {}) {
  const config = testConfig(database, options);
  // Without a real server (127.0.0.1:1) retries are pointless, and one scheduled after the test closed
  // the connection throws "Channel has been shut down" from the SDK's retry timer, uncaught.
  const connection = Connection.lazy({
    address: config.temporal.address,
    ...(options.temporalAddress ? {} : { interceptors: [] }),
  });
  const temporal = new Client({ connection, namespace: config.temporal.namespace });
  const ports = createPorts(config, database.db);
  // Probes only once a test asks /api/health (its timer never keeps vitest alive); health.stop() ends it.
  const health = createDependencyProbe({ config, db: database.db, temporal });
  const app = createApp({
    health,
    config,
    db: database.db,
    temporal,
    ...ports,
    logger: createLogger({ level: "silent", name: "test" }),
    consoleDir: options.consoleDir,
  });
  return { app, config, temporal, connection, ports, health };
}

/** Keeps cookies between requests, by name, like a browser (paths and expiry aside). */
export function cookieJar() {
  const cookies = new Map<string, string>();
  return {
    headers(extra: Record<string, string> = {}): Record<string, string> {
      const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
      return cookie ? { cookie, ...extra } : extra;
    },
    take(response: Response) {
      for (const set of response.headers.getSetCookie()) {
        const [pair = ""] = set.split(";");
        const at = pair.indexOf("=");
        const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
        if (value && !/max-age=0/i.test(set)) cookies.set(name, value);
        else cookies.delete(name);
      }
    },
  };
}
