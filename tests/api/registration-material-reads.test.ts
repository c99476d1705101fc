// A submission's refusal reads which registrations use its materials (issue 13 item 4). Every
// registration ever made stays in UnitRegistration, so that read must follow an index, not scan them
// all on each submission (issue 14: a province's registrations grow with every deadline).
import { readFile } from "node:fs/promises";
import path from "node:path";
import Sqlite from "better-sqlite3";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createDatabase, preparePragmas, sqliteFilePath } from "../../lib/database.js";
import { isPostgresUrl } from "../../lib/database-url.js";
import type { StatementCounts } from "../../lib/statement-stats.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { postJson, registrationBody } from "../support/registration.js";

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.close();
});

it("issue 14: the read of which registrations use the submitted materials follows their indexes", async (ctx) => {
  // SQLite's plan (PostgreSQL has the same two indexes from its twin migration).
  if (isPostgresUrl(database.url)) ctx.skip();
  const stats = path.join(database.dir, "statements.json");
  const counted = createDatabase(database.url, undefined, stats);
  await preparePragmas(counted);
  try {
    const { app } = createTestApp({ ...database, db: counted });
    await postJson(app, "/api/registrations", await registrationBody(app));
    // The counter rewrites its file at most every 250 ms.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const { bySql } = JSON.parse(await readFile(stats, "utf8")) as StatementCounts;
    const reads = Object.keys(bySql).filter(
      (sql) =>
        /^SELECT/i.test(sql) &&
        /FROM [`"]?(main[`"]?\.[`"]?)?UnitRegistration/.test(sql) &&
        /UploadId[`"]? = /.test(sql),
    );
    expect(reads).toHaveLength(1);
    const sqlite = new Sqlite(sqliteFilePath(database.url), { readonly: true });
    try {
      for (const sql of reads) {
        const params = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => null);
        const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map(
          (row) => row.detail,
        );
        expect(plan.some((d) => /UnitRegistration_businessLicenceUploadId_idx/.test(d))).toBe(true);
        expect(plan.some((d) => /UnitRegistration_authorizationLetterUploadId_idx/.test(d))).toBe(true);
        expect(plan.filter((d) => /^SCAN .*UnitRegistration/.test(d))).toEqual([]);
      }
    } finally {
      sqlite.close();
    }
  } finally {
    await counted.$disconnect();
  }
});
