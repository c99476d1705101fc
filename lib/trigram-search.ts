// Text search through trigram indexes: `%text%` of 3 or more characters is looked up in an index of
// the column's trigrams instead of being tested on every row (issue 14). SQLite: the FTS5 trigram
// table of the task titles (prisma/migrations/…_task_search); PostgreSQL: pg_trgm GIN indexes on
// the task titles and the unit names (its migrations …_task_search, …_unit_name_trigrams).
import { Prisma } from "../prisma/generated/client.js";
import { type Database, databaseDialect } from "./database.js";

/**
 * Whether a trigram index serves `%q%`: 3 or more characters, and none that LIKE reads specially
 * (`%`, `_`, and the backslash PostgreSQL's LIKE escapes with), which the FTS5 LIKE cannot escape:
 * such text is tested on the rows as before, with the same meaning on either path.
 */
export function trigramSearchable(q: string): boolean {
  return [...q].length >= 3 && !/[%_\\]/.test(q);
}

/** At most this many rows found through a trigram index stand for a search's match by their ids. */
export const MATCH_LIMIT = 500;

/** The columns with a trigram index, per table (PostgreSQL). */
const INDEXED = { HumanTask: "title", Unit: "name" } as const;

/**
 * The ids of the rows of `table` whose indexed column (INDEXED) contains `q` case-insensitively
 * (for Latin letters, as the lists' `contains` matches), found through its trigram index: at most
 * MATCH_LIMIT, or null when more match, when no index serves `q` (`trigramSearchable`), or on SQLite
 * for a table without one (Unit: its lists walk the name index instead).
 */
export async function trigramMatches(
  db: Database,
  table: keyof typeof INDEXED,
  q: string,
): Promise<string[] | null> {
  if (!trigramSearchable(q)) return null;
  const take = MATCH_LIMIT + 1;
  let rows: { id: string }[];
  if (databaseDialect(db) === "sqlite") {
    if (table !== "HumanTask") return null;
    rows = await db.$queryRaw<{ id: string }[]>`
      SELECT t."id" FROM "HumanTaskTitleSearch" s JOIN "HumanTask" t ON t."rowid" = s."rowid"
      WHERE s."title" LIKE ${`%${q}%`} LIMIT ${take}`;
  } else {
    // No ORDER BY: the ids only filter, and sorting them would read every match.
    rows = await db.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM ${Prisma.raw(`"${table}"`)} WHERE ${Prisma.raw(`"${INDEXED[table]}"`)} ILIKE ${`%${q}%`}
      LIMIT ${take}`;
  }
  return rows.length > MATCH_LIMIT ? null : rows.map((r) => r.id);
}
