import { randomUUID } from "node:crypto";
import { copyFile, mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { inject } from "vitest";
import { createDatabase, type Database, preparePragmas } from "../../lib/database.js";

export type TestDatabase = { db: Database; url: string; dir: string; close(): Promise<void> };

/** A fresh, migrated SQLite file of this test's own. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = path.resolve(process.env.TEST_DATA_DIR ?? ".test-data", randomUUID());
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, "platform.db");
  await copyFile(inject("templateDatabase"), file);
  const url = `file:${file}`;
  const db = createDatabase(url);
  await preparePragmas(db);
  return {
    db,
    url,
    dir,
    async close() {
      await db.$disconnect();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
