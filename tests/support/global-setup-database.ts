// Migrates one template SQLite file per test run with the real `prisma migrate deploy`;
// each test copies it to its own file (see database.ts), so tests never share a database.
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { loadConfig } from "../../lib/config.js";
import { applyMigrations } from "../../scripts/lib/prisma-cli.js";

/** Where test databases live; TEST_DATA_DIR lets two test runs in one checkout keep apart. */
export const TEST_DATA_DIR = path.resolve(process.env.TEST_DATA_DIR ?? ".test-data");

export default async function setup(project: TestProject) {
  const dir = path.join(TEST_DATA_DIR, `template-${project.name}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const databaseUrl = `file:${path.join(dir, "template.db")}`;
  await applyMigrations(loadConfig({ DATA_DIR: dir, DATABASE_URL: databaseUrl }));
  project.provide("templateDatabase", path.join(dir, "template.db"));
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
    temporalAddress: string;
  }
}
