// Migrations through Prisma 6.19's CLI (schema engine in WebAssembly, see prisma/migrate.config.ts).
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sealMigratedAuditEvents } from "../../lib/audit-chain.js";
import type { Config } from "../../lib/config.js";
import { createDatabase } from "../../lib/database.js";
import { migrationSchema } from "./migration-schema.js";
import {
  POSTGRES_MIGRATED_SCHEMA,
  POSTGRES_REFERENCE_DATA,
  POSTGRES_SCHEMA,
  type ReferenceData,
  referenceDataOf,
  referenceDataSql,
} from "./postgres-schema.js";
import { runMigrationCli } from "./prisma-clis.js";

export async function applyMigrations(config: Config): Promise<void> {
  await mkdir(config.dataDir, { recursive: true });
  await runMigrationCli(["migrate", "deploy"], {
    DATA_DIR: config.dataDir,
    DATABASE_URL: config.databaseUrl,
  });
  // Audit events from before the hash chain are hashed here, before any process serves requests:
  // sealing a large log on the first audited write would hold that process for seconds.
  const db = createDatabase(config.databaseUrl, config.databasePoolSize);
  try {
    await sealMigratedAuditEvents(db);
  } finally {
    await db.$disconnect();
  }
}

/**
 * The SQL that brings a PostgreSQL database from the newest PostgreSQL migration
 * (prisma/postgresql/migrated.prisma, or nothing) to prisma/postgresql/schema.prisma; "" when none
 * is needed. Compares two schema files, so it needs no database.
 */
export async function postgresMigrationSql(): Promise<string> {
  const from = existsSync(POSTGRES_MIGRATED_SCHEMA)
    ? ["--from-schema-datamodel", migrationSchema(POSTGRES_MIGRATED_SCHEMA)]
    : ["--from-empty"];
  const output = await runMigrationCli([
    "migrate",
    "diff",
    ...from,
    "--to-schema-datamodel",
    migrationSchema(POSTGRES_SCHEMA),
    "--script",
  ]);
  const sql = output.replace(/^Loaded Prisma config.*$/m, "").trim();
  return sql.includes("This is an empty migration") ? "" : sql;
}

/** The reference data a fresh SQLite database gets from the committed SQLite migrations. */
export async function sqliteReferenceData(): Promise<ReferenceData> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "zc-reference-"));
  try {
    const file = path.join(scratch, "reference.db");
    await runMigrationCli(["migrate", "deploy"], { DATA_DIR: scratch, DATABASE_URL: `file:${file}` });
    return referenceDataOf(file);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * The next PostgreSQL migration: the structure (postgresMigrationSql) and the reference data the
 * SQLite migrations added since the last one. `sql` is "" when nothing is missing.
 */
export async function nextPostgresMigration(): Promise<{ sql: string; referenceData: ReferenceData }> {
  const before: ReferenceData = existsSync(POSTGRES_REFERENCE_DATA)
    ? JSON.parse(await readFile(POSTGRES_REFERENCE_DATA, "utf8"))
    : {};
  const referenceData = await sqliteReferenceData();
  const parts = [await postgresMigrationSql(), referenceDataSql(before, referenceData)].filter(Boolean);
  return { sql: parts.join("\n\n"), referenceData };
}
