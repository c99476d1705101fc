// Migrates one template database per test run with the real `prisma migrate deploy`; each test
// copies it to a database of its own (see database.ts), so tests never share a database.
// SQLite by default (a template file); with TEST_DATABASE=postgresql (`npm run test:postgres`) a
// private PostgreSQL server is started for the run (lib/postgres-server.ts) and the template is a
// PostgreSQL database each test's database is created from.
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { loadConfig } from "../../lib/config.js";
import { type PostgresServer, startPostgres } from "../../lib/postgres-server.js";
import { applyMigrations } from "../../scripts/lib/prisma-cli.js";

/** Where test databases live; TEST_DATA_DIR lets two test runs in one checkout keep apart. */
export const TEST_DATA_DIR = path.resolve(process.env.TEST_DATA_DIR ?? ".test-data");

/** Whether this test run uses PostgreSQL (TEST_DATABASE=postgresql). */
export const TEST_ON_POSTGRES = process.env.TEST_DATABASE === "postgresql";

export default async function setup(project: TestProject) {
  const dir = path.join(TEST_DATA_DIR, `template-${project.name}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  if (TEST_ON_POSTGRES) return setupPostgres(project, dir);
  const databaseUrl = `file:${path.join(dir, "template.db")}`;
  await applyMigrations(loadConfig({ DATA_DIR: dir, DATABASE_URL: databaseUrl }));
  project.provide("templateDatabase", path.join(dir, "template.db"));
}

async function setupPostgres(project: TestProject, dir: string) {
  const server: PostgresServer = await startPostgres({ durable: false });
  try {
    const template = `template_${project.name.replace(/\W/g, "_")}`;
    const databaseUrl = await server.createDatabase(template);
    await applyMigrations(loadConfig({ DATA_DIR: dir, DATABASE_URL: databaseUrl }));
    project.provide("templateDatabase", databaseUrl);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return () => server.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    /** A SQLite template file, or the URL of a PostgreSQL template database. */
    templateDatabase: string;
    temporalAddress: string;
  }
}
