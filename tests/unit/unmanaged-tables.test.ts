// Issue 14: the SQLite migrations create the workbench's title search by hand (an FTS5 table and the
// shadow tables FTS5 keeps beside it). `prisma migrate diff` finds them in the migrated database and
// not in the schema, so it proposes to drop them: scripts/new-migration.ts removes those steps, and
// only those, from the diff it writes as the next migration.
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import {
  nextMigrationSql,
  TASK_COUNTS_RESTORE,
  TITLE_SEARCH_RESTORE,
  UNMANAGED_TABLE_PREFIXES,
  withoutUnmanagedDrops,
} from "../../scripts/lib/unmanaged-tables.js";

const dropStep = (table: string) =>
  ["-- DropTable", "PRAGMA foreign_keys=off;", `DROP TABLE "${table}";`, "PRAGMA foreign_keys=on;"].join(
    "\n",
  );

// The five steps `migrate diff --script` printed for the migrations as of the task_search migration
// against an unchanged schema (run by hand, 2026-12-01), verbatim.
const FTS_DROPS = [
  "HumanTaskTitleSearch",
  "HumanTaskTitleSearch_config",
  "HumanTaskTitleSearch_data",
  "HumanTaskTitleSearch_docsize",
  "HumanTaskTitleSearch_idx",
].map(dropStep);

// Steps of a real schema change that must pass through as they are: a managed table's drop, and a
// SQLite table redefinition, which drops and renames HumanTask itself within one step.
const ALTER = ["-- AlterTable", 'ALTER TABLE "HumanTask" ADD COLUMN "note" TEXT;'].join("\n");
const INDEX = ["-- CreateIndex", 'CREATE INDEX "HumanTask_note_idx" ON "HumanTask"("note");'].join("\n");
const MANAGED_DROP = dropStep("HumanTaskArchive");
const REDEFINE = [
  "-- RedefineTables",
  "PRAGMA defer_foreign_keys=ON;",
  "PRAGMA foreign_keys=OFF;",
  'CREATE TABLE "new_HumanTask" (',
  '    "id" TEXT NOT NULL PRIMARY KEY,',
  '    "title" TEXT NOT NULL',
  ");",
  'INSERT INTO "new_HumanTask" ("id", "title") SELECT "id", "title" FROM "HumanTask";',
  'DROP TABLE "HumanTask";',
  'ALTER TABLE "new_HumanTask" RENAME TO "HumanTask";',
  "PRAGMA foreign_keys=ON;",
  "PRAGMA defer_foreign_keys=OFF;",
].join("\n");

describe("issue 14: new migrations leave the hand-made title search alone", () => {
  it("issue 14: a diff of only the FTS table and its shadow tables' drops becomes empty (no migration is written)", () => {
    expect(withoutUnmanagedDrops(`${FTS_DROPS.join("\n\n")}\n\n\n`)).toBe("");
  });

  it("issue 14: the FTS drops are removed from between other steps, which are kept verbatim and in order", () => {
    const diff = [
      ALTER,
      FTS_DROPS[0],
      INDEX,
      ...FTS_DROPS.slice(1, 3),
      MANAGED_DROP,
      FTS_DROPS[3],
      REDEFINE,
      FTS_DROPS[4],
    ].join("\n\n");
    expect(withoutUnmanagedDrops(diff)).toBe([ALTER, INDEX, MANAGED_DROP, REDEFINE].join("\n\n"));
  });

  it("issue 14: every unmanaged prefix names the FTS table, not a managed table it could be the beginning of", () => {
    // A prefix "HumanTask" would also drop the removal of HumanTask or HumanTaskArchive from a diff.
    expect(UNMANAGED_TABLE_PREFIXES).toEqual(["HumanTaskTitleSearch"]);
    expect(withoutUnmanagedDrops(dropStep("HumanTask"))).toBe(dropStep("HumanTask"));
  });

  it("issue 14: a migration that rebuilds HumanTask gets the title search's and the task counts' triggers again; others do not", () => {
    expect(nextMigrationSql([ALTER, INDEX].join("\n\n"))).toBe([ALTER, INDEX].join("\n\n"));
    expect(nextMigrationSql([ALTER, REDEFINE, FTS_DROPS[0]].join("\n\n"))).toBe(
      [ALTER, REDEFINE, TITLE_SEARCH_RESTORE, TASK_COUNTS_RESTORE].join("\n\n"),
    );
  });

  it("issue 14: after a rebuild of HumanTask (rowids renumbered, triggers gone), the restore makes the search whole again", () => {
    const db = new Database(":memory:");
    const searchSql = readFileSync("prisma/migrations/20261201232647_task_search/migration.sql", "utf8");
    db.exec('CREATE TABLE "HumanTask" ("id" TEXT NOT NULL PRIMARY KEY, "title" TEXT NOT NULL)');
    db.exec(searchSql.slice(searchSql.indexOf("CREATE VIRTUAL TABLE")));
    const insert = db.prepare('INSERT INTO "HumanTask" VALUES (?, ?)');
    for (let i = 0; i < 20; i++)
      insert.run(`t${i}`, `示例单位${i}号（DW2026120100${String(i).padStart(4, "0")}）`);
    db.exec(`DELETE FROM "HumanTask" WHERE "id" IN ('t0', 't1', 't2')`);
    const found = (text: string) =>
      (
        db
          .prepare(
            'SELECT t."id" FROM "HumanTaskTitleSearch" s JOIN "HumanTask" t ON t."rowid" = s."rowid" WHERE s."title" LIKE ? ORDER BY t."id"',
          )
          .all(`%${text}%`) as { id: string }[]
      ).map((r) => r.id);
    expect(found("单位15号")).toEqual(["t15"]);
    // The rebuild as Prisma writes it: the copy numbers the rows 1, 2, … (t3 becomes rowid 1).
    const rebuild = REDEFINE.split("\n")
      .filter((line) => !line.startsWith("--"))
      .join("\n");
    db.exec(rebuild);
    db.exec(`INSERT INTO "HumanTask" VALUES ('t20', '新单位（DW20261201000020）')`);
    expect(found("单位15号")).not.toEqual(["t15"]);
    expect(found("新单位")).toEqual([]);
    db.exec(TITLE_SEARCH_RESTORE);
    expect(found("单位15号")).toEqual(["t15"]);
    expect(found("新单位")).toEqual(["t20"]);
    db.exec(`INSERT INTO "HumanTask" VALUES ('t21', '再一个单位（DW20261201000021）')`);
    expect(found("再一个")).toEqual(["t21"]);
    expect(() =>
      db.exec(`INSERT INTO "HumanTaskTitleSearch"("HumanTaskTitleSearch") VALUES ('integrity-check')`),
    ).not.toThrow();
    db.close();
  });

  it("issue 14: after a rebuild of HumanTask (its triggers gone), the restore recounts the tasks and keeps counting", () => {
    const db = new Database(":memory:");
    db.exec(
      `CREATE TABLE "HumanTask" ("id" TEXT PRIMARY KEY, "queue" TEXT, "unitId" TEXT, "kind" TEXT, "requestType" TEXT, "status" TEXT)`,
    );
    db.exec(`CREATE TABLE "HumanTaskCount" ("queue" TEXT NOT NULL, "unitId" TEXT NOT NULL, "kind" TEXT NOT NULL,
      "requestType" TEXT NOT NULL, "status" TEXT NOT NULL, "tasks" INTEGER NOT NULL,
      PRIMARY KEY ("queue", "unitId", "kind", "requestType", "status"))`);
    const insert = db.prepare("INSERT INTO \"HumanTask\" VALUES (?, ?, ?, 'k', 'BINDING_REQUEST', ?)");
    // Rows written while no trigger counted them (as after a rebuild), and a stale count.
    insert.run("a", "UNIT", "u1", "OPEN");
    insert.run("b", "UNIT", "u1", "OPEN");
    insert.run("c", "PLATFORM_REVIEW", "u1", "OPEN");
    db.exec(`INSERT INTO "HumanTaskCount" VALUES ('UNIT', 'u1', 'k', 'BINDING_REQUEST', 'OPEN', 7)`);
    db.exec(TASK_COUNTS_RESTORE);
    insert.run("d", "UNIT", "u1", "CLAIMED");
    db.exec(`UPDATE "HumanTask" SET "status" = 'COMPLETED' WHERE "id" = 'a'`);
    db.exec(`DELETE FROM "HumanTask" WHERE "id" = 'c'`);
    const counts = db
      .prepare(
        'SELECT "queue", "unitId", "status", "tasks" FROM "HumanTaskCount" WHERE "tasks" <> 0 ORDER BY 1, 2, 3',
      )
      .all();
    expect(counts).toEqual([
      { queue: "UNIT", unitId: "u1", status: "CLAIMED", tasks: 1 },
      { queue: "UNIT", unitId: "u1", status: "COMPLETED", tasks: 1 },
      { queue: "UNIT", unitId: "u1", status: "OPEN", tasks: 1 },
    ]);
    db.close();
  });
});
