// Issue 14 (measuring aid): DB_STATEMENT_STATS counts a process's SQL statements by text, inside
// transactions too, so the bench can say how many statements one binding request costs.
import { readFile } from "node:fs/promises";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDatabase, type Database } from "../../lib/database.js";
import { isPostgresUrl } from "../../lib/database-url.js";
import type { StatementCounts } from "../../lib/statement-stats.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createUnit } from "../support/people.js";

let database: TestDatabase | undefined;
let counted: Database | undefined;
afterEach(async () => {
  await counted?.$disconnect();
  await database?.close();
  counted = database = undefined;
});

describe("issue 14: statement counts (DB_STATEMENT_STATS)", () => {
  it("counts every statement by its SQL text, a transaction's BEGIN, statements and COMMIT included", async (ctx) => {
    database = await createTestDatabase();
    if (isPostgresUrl(database.url)) ctx.skip(); // SQLite only: the bench's embedded stack
    const file = path.join(database.dir, "statements.json");
    counted = createDatabase(database.url, undefined, file);
    const id = "00000000-0000-0000-0000-000000000000";
    await counted.person.findUnique({ where: { id }, select: { id: true } });
    await counted.person.findUnique({ where: { id }, select: { id: true } });
    await counted.$transaction(async (tx) => {
      await tx.unit.findUnique({ where: { id }, select: { id: true } });
    });
    await new Promise((resolve) => setTimeout(resolve, 400)); // the file is rewritten every 250 ms
    const counts = JSON.parse(await readFile(file, "utf8")) as StatementCounts;
    const sqlOf = (table: string) => Object.keys(counts.bySql).find((sql) => sql.includes(`\`${table}\``));
    expect(counts.bySql[sqlOf("Person")!]).toBe(2);
    expect(counts.bySql[sqlOf("Unit")!]).toBe(1);
    expect(counts.bySql["BEGIN IMMEDIATE"]).toBe(1);
    expect(counts.bySql.COMMIT).toBe(1);
    expect(counts.total).toBe(5);
  });
});

describe("issue 14: prepared statements are kept per connection (lib/database.ts)", () => {
  it("reads a statement's result columns once, and every read still gets its own rows and types", async (ctx) => {
    database = await createTestDatabase();
    if (isPostgresUrl(database.url)) ctx.skip(); // the SQLite connection's statement cache
    const db = database.db;
    await createUnit(db, "Columns Once Co");
    // better-sqlite3's Statement class is not exported: its prototype is that of any statement.
    const probe = new BetterSqlite3(":memory:");
    const statementClass = Object.getPrototypeOf(probe.prepare("SELECT 1")) as BetterSqlite3.Statement;
    probe.close();
    const columns = vi.spyOn(statementClass, "columns");
    try {
      const read = () =>
        db.unit.findFirst({ where: { name: "Columns Once Co" }, select: { name: true, registeredAt: true } });
      const first = await read();
      const again = await read();
      const other = await db.unit.findFirst({ where: { name: "None Such" }, select: { name: true } });
      expect(first?.name).toBe("Columns Once Co");
      expect(first?.registeredAt).toBeInstanceOf(Date);
      expect(again).toEqual(first);
      expect(other).toBeNull();
      // Two SQL texts: one read of columns each, however often they run.
      expect(columns).toHaveBeenCalledTimes(2);
    } finally {
      columns.mockRestore();
    }
  });
});
