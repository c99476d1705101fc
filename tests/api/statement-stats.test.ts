// Issue 14 (measuring aid): DB_STATEMENT_STATS counts a process's SQL statements by text, inside
// transactions too, so the bench can say how many statements one binding request costs.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../../lib/database.js";
import { isPostgresUrl } from "../../lib/database-url.js";
import type { StatementCounts } from "../../lib/statement-stats.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

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
