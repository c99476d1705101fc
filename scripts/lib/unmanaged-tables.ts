// Tables the SQLite migrations create by hand, outside the Prisma schema: `prisma migrate diff`
// finds them in the migrated database, not in the schema, and proposes to drop them.

/** The workbench's title search: an FTS5 table and the shadow tables FTS5 keeps beside it. */
export const UNMANAGED_TABLE_PREFIXES = ["HumanTaskTitleSearch"] as const;

const unmanaged = (table: string) => UNMANAGED_TABLE_PREFIXES.some((prefix) => table.startsWith(prefix));

/**
 * `prisma migrate diff --script` output without the steps that drop an unmanaged table. The diff is
 * a list of steps, each a `-- Comment` line and its statements, separated by blank lines.
 */
export function withoutUnmanagedDrops(sql: string): string {
  return sql
    .split(/\n\s*\n/)
    .filter((step) => {
      const dropped = /DROP TABLE "([^"]+)"/.exec(step);
      return !dropped || !unmanaged(dropped[1]!);
    })
    .join("\n\n")
    .trim();
}

/**
 * The title search's triggers and index again, for a migration that rebuilds HumanTask (SQLite
 * redefines a table by copying it: the old table's triggers go with it, and the copy numbers its
 * rows anew, while the FTS5 index is keyed by rowid). As in migration 20261201232647_task_search.
 */
export const TITLE_SEARCH_RESTORE = `-- The workbench's title search after HumanTask was rebuilt (scripts/lib/unmanaged-tables.ts).
CREATE TRIGGER "HumanTaskTitleSearch_insert" AFTER INSERT ON "HumanTask" BEGIN
  INSERT INTO "HumanTaskTitleSearch"("rowid", "title") VALUES (new."rowid", new."title");
END;
CREATE TRIGGER "HumanTaskTitleSearch_delete" AFTER DELETE ON "HumanTask" BEGIN
  INSERT INTO "HumanTaskTitleSearch"("HumanTaskTitleSearch", "rowid", "title") VALUES ('delete', old."rowid", old."title");
END;
CREATE TRIGGER "HumanTaskTitleSearch_update" AFTER UPDATE OF "title" ON "HumanTask" BEGIN
  INSERT INTO "HumanTaskTitleSearch"("HumanTaskTitleSearch", "rowid", "title") VALUES ('delete', old."rowid", old."title");
  INSERT INTO "HumanTaskTitleSearch"("rowid", "title") VALUES (new."rowid", new."title");
END;
INSERT INTO "HumanTaskTitleSearch"("HumanTaskTitleSearch") VALUES ('rebuild');`;

/**
 * The kept task counts' triggers again, and the counts, for a migration that rebuilds HumanTask (its
 * triggers go with the old table). As in migration 20261202060726_human_task_counts.
 */
export const TASK_COUNTS_RESTORE = `-- The kept task counts after HumanTask was rebuilt (scripts/lib/unmanaged-tables.ts).
DELETE FROM "HumanTaskCount";
INSERT INTO "HumanTaskCount" ("queue", "unitId", "kind", "requestType", "status", "tasks")
SELECT "queue", CASE WHEN "queue" = 'UNIT' THEN coalesce("unitId", '') ELSE '' END, "kind", "requestType", "status", count(*)
FROM "HumanTask" GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER "HumanTaskCount_insert" AFTER INSERT ON "HumanTask" BEGIN
  INSERT INTO "HumanTaskCount" ("queue", "unitId", "kind", "requestType", "status", "tasks")
  VALUES (NEW."queue", CASE WHEN NEW."queue" = 'UNIT' THEN coalesce(NEW."unitId", '') ELSE '' END, NEW."kind", NEW."requestType", NEW."status", 1)
  ON CONFLICT ("queue", "unitId", "kind", "requestType", "status") DO UPDATE SET "tasks" = "tasks" + 1;
END;

CREATE TRIGGER "HumanTaskCount_delete" AFTER DELETE ON "HumanTask" BEGIN
  UPDATE "HumanTaskCount" SET "tasks" = "tasks" - 1
  WHERE "queue" = OLD."queue" AND "unitId" = CASE WHEN OLD."queue" = 'UNIT' THEN coalesce(OLD."unitId", '') ELSE '' END
    AND "kind" = OLD."kind" AND "requestType" = OLD."requestType" AND "status" = OLD."status";
END;

CREATE TRIGGER "HumanTaskCount_update" AFTER UPDATE OF "queue", "unitId", "kind", "requestType", "status" ON "HumanTask"
WHEN OLD."queue" IS NOT NEW."queue" OR OLD."unitId" IS NOT NEW."unitId" OR OLD."kind" IS NOT NEW."kind"
  OR OLD."requestType" IS NOT NEW."requestType" OR OLD."status" IS NOT NEW."status"
BEGIN
  UPDATE "HumanTaskCount" SET "tasks" = "tasks" - 1
  WHERE "queue" = OLD."queue" AND "unitId" = CASE WHEN OLD."queue" = 'UNIT' THEN coalesce(OLD."unitId", '') ELSE '' END
    AND "kind" = OLD."kind" AND "requestType" = OLD."requestType" AND "status" = OLD."status";
  INSERT INTO "HumanTaskCount" ("queue", "unitId", "kind", "requestType", "status", "tasks")
  VALUES (NEW."queue", CASE WHEN NEW."queue" = 'UNIT' THEN coalesce(NEW."unitId", '') ELSE '' END, NEW."kind", NEW."requestType", NEW."status", 1)
  ON CONFLICT ("queue", "unitId", "kind", "requestType", "status") DO UPDATE SET "tasks" = "tasks" + 1;
END;`;

/**
 * The next SQLite migration from a `migrate diff --script` output: without the unmanaged tables'
 * drops, and with TITLE_SEARCH_RESTORE and TASK_COUNTS_RESTORE appended when it rebuilds HumanTask.
 */
export function nextMigrationSql(diff: string): string {
  const sql = withoutUnmanagedDrops(diff);
  return /^DROP TABLE "HumanTask";$/m.test(sql)
    ? `${sql}\n\n${TITLE_SEARCH_RESTORE}\n\n${TASK_COUNTS_RESTORE}`
    : sql;
}
