import { randomUUID } from "node:crypto";
import { copyFile, mkdir, rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { createDatabase, type Database, preparePragmas } from "../../lib/database.js";
import { isPostgresUrl } from "../../lib/database-url.js";

export type TestDatabase = { db: Database; url: string; dir: string; close(): Promise<void> };

/**
 * A fresh, migrated database of this test's own: a copy of the run's template, a SQLite file or
 * (`npm run test:postgres`) a PostgreSQL database created from the template database. `dir` is the
 * test's own directory for files (uploads).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = path.resolve(process.env.TEST_DATA_DIR ?? ".test-data", randomUUID());
  await mkdir(dir, { recursive: true });
  const template = inject("templateDatabase");
  if (isPostgresUrl(template)) return createPostgresTestDatabase(template, dir);
  const file = path.join(dir, "platform.db");
  await copyFile(template, file);
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

/** Runs one statement on the server's maintenance database. */
async function onServer(templateUrl: string, sql: string): Promise<void> {
  const url = new URL(templateUrl);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function createPostgresTestDatabase(templateUrl: string, dir: string): Promise<TestDatabase> {
  const name = `test_${randomUUID().replace(/-/g, "")}`;
  const template = new URL(templateUrl).pathname.slice(1);
  // Two CREATE DATABASE … TEMPLATE at once may find the template busy: try again shortly.
  for (let attempt = 1; ; attempt++) {
    try {
      await onServer(templateUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      break;
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  const db = createDatabase(url.toString());
  await preparePragmas(db);
  return {
    db,
    url: url.toString(),
    dir,
    async close() {
      await db.$disconnect();
      await onServer(templateUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
