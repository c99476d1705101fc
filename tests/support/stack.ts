// The whole product in one test process: real SQLite file, real Temporal (dev server from the
// global setup), the worker, and the API serving the built console on a free port.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { inject } from "vitest";
import { type SeededPerson, seedBaseline } from "../../prisma/seed/seed.js";
import { CONSOLE_BUILD_DIR } from "../../scripts/lib/console-build.js";
import { createTestApp } from "./app.js";
import { createTestDatabase, type TestDatabase } from "./database.js";
import { startTestWorker } from "./worker.js";

export const SEED_PASSWORD = "Guizhou@2026";

export type Stack = {
  url: string;
  app: Pick<Hono, "request">;
  database: TestDatabase;
  people: SeededPerson[];
  stop(): Promise<void>;
};

/** `env`: configuration for this stack, e.g. TRUSTED_NETWORKS for a console used from a trusted network. */
export async function startStack(options: { env?: Record<string, string> } = {}): Promise<Stack> {
  const database = await createTestDatabase();
  const people = await seedBaseline(database.db, SEED_PASSWORD);
  // Listen first: SMS links and QR codes carry the public URL, which needs the port.
  let handler: ((request: Request, env: unknown) => Response | Promise<Response>) | undefined;
  // The node server's env (its `incoming` request) goes on: the API reads the client address from it.
  const server = serve({ fetch: (request, env) => handler!(request, env), port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { app, config, connection } = createTestApp(database, {
    temporalAddress: inject("temporalAddress"),
    consoleDir: CONSOLE_BUILD_DIR,
    env: { ...options.env, TEMPORAL_TASK_QUEUE: `e2e-${randomUUID()}`, PUBLIC_URL: url },
  });
  handler = app.fetch;
  const worker = await startTestWorker({ database, config });
  return {
    url,
    app,
    database,
    people,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await worker.stop();
      await connection.close();
      await database.close();
    },
  };
}
