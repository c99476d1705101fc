// Issue 14.3: `npm run db:export` / `db:import` move all the data between SQLite and PostgreSQL,
// both ways. Under `npm test` the seeded database is a SQLite file and the target a PostgreSQL
// database (a private server); under `npm run test:postgres` the other way round. The target then
// holds the same rows (counts and values, over several pages of the export), and its audit chain
// still verifies.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { writeAuditEvent } from "../../lib/audit.js";
import { verifyAuditChain } from "../../lib/audit-chain.js";
import { loadConfig } from "../../lib/config.js";
import { countRows, DUMP_FORMAT, type DumpLine, importDump } from "../../lib/data-transfer.js";
import { createDatabase, type Database, preparePragmas } from "../../lib/database.js";
import { isPostgresUrl } from "../../lib/database-url.js";
import { type PostgresServer, startPostgres } from "../../lib/postgres-server.js";
import { seedBaseline } from "../../prisma/seed/seed.js";
import { applyMigrations } from "../../scripts/lib/prisma-cli.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

const run = promisify(execFile);
let source: TestDatabase;
let server: PostgresServer | undefined;

beforeAll(async () => {
  // The other database of the move: PostgreSQL when the tests run on SQLite.
  if (!isPostgresUrl(inject("templateDatabase"))) server = await startPostgres({ durable: false });
}, 120_000);
afterAll(() => server?.stop());
beforeEach(async () => {
  source = await createTestDatabase();
});
afterEach(() => source.close());

async function cli(script: string, databaseUrl: string, file: string) {
  const { stdout } = await run(process.execPath, ["--import", "tsx", script, file], {
    env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: source.dir, LOG_LEVEL: "silent" },
  });
  return stdout;
}

/** The dump's row lines (the header carries the export time). */
async function rowsOf(file: string) {
  return (await readFile(file, "utf8")).split("\n").filter((line) => line.startsWith('{"model"'));
}

describe("issue 14.3: moving the data between SQLite and PostgreSQL", () => {
  it("exports a seeded database and imports it into the other database, then back: the same rows", async () => {
    await seedBaseline(source.db, "Guizhou@2026");
    const unit = await source.db.unit.findFirstOrThrow({ orderBy: { id: "asc" } });
    for (let n = 1; n <= 5; n++) {
      await writeAuditEvent(source.db, {
        action: "unit.updated",
        actor: { type: "SYSTEM", label: "transfer test" },
        target: { type: "UNIT", id: unit.id },
        unitId: unit.id,
        before: { n: n - 1 },
        after: { n, name: "贵州 'quoted' \\ 单位" },
      });
    }
    // More persons than the export's page (500 rows): the pages follow each other without a row
    // lost or repeated at their seams. Some names hold the characters that end a field or a row
    // of PostgreSQL's COPY, its escape character and its null marker, as text.
    await source.db.person.createMany({
      data: Array.from({ length: 1234 }, (_, n) => ({
        idNumber: `TRANSFER${String(n).padStart(6, "0")}`,
        name: n % 100 === 7 ? `迁移\t${n}\n\\N\r\\` : `迁移${n}`,
        mobile: `139${String(n).padStart(8, "0")}`,
        passwordHash: "!unusable",
      })),
    });
    const sourceCounts = await countRows(source.db);
    expect(sourceCounts.Person).toBeGreaterThan(1234);
    expect(sourceCounts.Unit).toBeGreaterThan(0);
    expect(sourceCounts.AuditEvent).toBe(5);
    const targetUrl = server
      ? await server.createDatabase("transfer_target")
      : `file:${path.join(source.dir, "transfer-target.db")}`;
    const dump = path.join(source.dir, "dump.ndjson");
    expect(await cli("scripts/db-export.ts", source.url, dump)).toMatch(/^Exported \d+ row/);
    expect(await cli("scripts/db-import.ts", targetUrl, dump)).toMatch(/^Imported \d+ row/);

    const target: Database = createDatabase(targetUrl);
    await preparePragmas(target);
    try {
      expect(await countRows(target)).toEqual(sourceCounts);
      // A few values, read through each database's own client.
      const units = (db: Database) =>
        db.unit.findMany({
          orderBy: { id: "asc" },
          select: { id: true, name: true, createdAt: true, formsCommittee: true },
        });
      expect(await units(target)).toEqual(await units(source.db));
      const persons = (db: Database) =>
        db.person.findMany({
          orderBy: { id: "asc" },
          select: { id: true, idNumber: true, name: true, createdAt: true },
        });
      expect(await persons(target)).toEqual(await persons(source.db));
      const roles = (db: Database) =>
        db.roleDefinition.findMany({ orderBy: [{ subsystem: "asc" }, { role: "asc" }] });
      expect(await roles(target)).toEqual(await roles(source.db));
      expect(await verifyAuditChain(target)).toMatchObject({ ok: true, count: sourceCounts.AuditEvent });
      // The derived tables (not dumped) are rebuilt by the import's inserts (their triggers).
      expect(await source.db.bindingAncestor.count()).toBeGreaterThan(0);
      expect(await target.unitAncestor.count()).toBe(await source.db.unitAncestor.count());
      expect(await target.bindingAncestor.count()).toBe(await source.db.bindingAncestor.count());
      expect(await source.db.unitNameBigram.count()).toBeGreaterThan(0);
      expect(await target.unitNameBigram.count()).toBe(await source.db.unitNameBigram.count());

      // And back: the target's dump holds exactly the source's rows.
      const back = path.join(source.dir, "back.ndjson");
      await cli("scripts/db-export.ts", targetUrl, back);
      expect(await rowsOf(back)).toEqual(await rowsOf(dump));

      // A database that already holds data is refused: nothing is merged. (This client lets go of
      // the file first: a SQLite target is busy while another connection holds it.)
      await target.$disconnect();
      await expect(cli("scripts/db-import.ts", targetUrl, dump)).rejects.toThrow(/already holds data/);
    } finally {
      await target.$disconnect();
    }
  }, 180_000);

  it("refuses a dump whose row names a field the model does not have, naming it", async () => {
    const targetUrl = server
      ? await server.createDatabase("transfer_unknown_field")
      : `file:${path.join(source.dir, "unknown-field-target.db")}`;
    await applyMigrations(loadConfig({ DATA_DIR: source.dir, DATABASE_URL: targetUrl, LOG_LEVEL: "silent" }));
    const target = createDatabase(targetUrl);
    async function* lines(): AsyncGenerator<DumpLine> {
      yield { format: DUMP_FORMAT, models: ["Person"], exportedAt: new Date().toISOString() };
      yield {
        model: "Person",
        row: { id: "p1", idNumber: "X1", name: "甲", mobile: "13900000000", role: "x" },
      };
    }
    try {
      await expect(importDump(target, lines())).rejects.toThrow("unknown field in the dump: Person.role");
      expect(await target.person.count()).toBe(0);
    } finally {
      await target.$disconnect();
    }
  });
});
