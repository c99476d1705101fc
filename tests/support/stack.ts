// The whole product in one test process: real SQLite file, real Temporal (dev server from the
// global setup), the worker, and the API serving the built console on a free port.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { serve } from "@hono/node-server";
import { inject } from "vitest";
import { type SeededPerson, seedBaseline } from "../../prisma/seed/seed.js";
import { createTestApp } from "./app.js";
import { createTestDatabase, type TestDatabase } from "./database.js";
import { startTestWorker } from "./worker.js";

export const SEED_PASSWORD = "Guizhou@2026";

export type Stack = {
  url: string;
  database: TestDatabase;
  people: SeededPerson[];
  stop(): Promise<void>;
};

export async function startStack(): Promise<Stack> {
  const database = await createTestDatabase();
  const people = await seedBaseline(database.db, SEED_PASSWORD);
  const temporalAddress = inject("temporalAddress");
  const taskQueue = `e2e-${randomUUID()}`;
  const { app, config, connection } = createTestApp(database, {
    temporalAddress,
    consoleDir: path.resolve("admin-ui/dist"),
    env: { TEMPORAL_TASK_QUEUE: taskQueue },
  });
  const worker = await startTestWorker({ database, config });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
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
