// A unit and its subordinate units at any depth (Unit.parentUnitId), as a subquery: the scope of an
// administrator who may read their subordinates' records (R7, R26). A subquery rather than a list of
// ids (lib/unit-hierarchy.ts unitAndSubordinates): a provincial HR department's subtree can hold
// thousands of units, more than Prisma binds in one `in` filter on SQLite (999). The hierarchy
// never contains a cycle (R13); UNION would stop one anyway.
import { NO_ROWS, NULL_TEXT } from "../../../lib/sql-dialect.js";
import { Prisma } from "../../../prisma/generated/client.js";

/** `SELECT "id" …` of the units in the subtrees under `rootUnitIds` (roots included). */
export function unitSubtreeSql(rootUnitIds: readonly string[]): Prisma.Sql {
  if (rootUnitIds.length === 0) return Prisma.sql`SELECT ${NULL_TEXT} AS "id" WHERE ${NO_ROWS}`;
  return Prisma.sql`WITH RECURSIVE "subtree"("id") AS (
      SELECT "id" FROM "Unit" WHERE "id" IN (${Prisma.join(rootUnitIds)})
      UNION
      SELECT "u"."id" FROM "Unit" "u" JOIN "subtree" "s" ON "u"."parentUnitId" = "s"."id"
    )
    SELECT "id" FROM "subtree"`;
}

/**
 * `SELECT "id", "parentUnitId", "name"` of the units and every unit above them (the units
 * included): the paths of a few units (search results) in one query instead of one per level each.
 */
export function unitsAndSuperiorsSql(unitIds: readonly string[]): Prisma.Sql {
  if (unitIds.length === 0)
    return Prisma.sql`SELECT ${NULL_TEXT} AS "id", ${NULL_TEXT} AS "parentUnitId", ${NULL_TEXT} AS "name" WHERE ${NO_ROWS}`;
  return Prisma.sql`WITH RECURSIVE "up"("id") AS (
      SELECT "id" FROM "Unit" WHERE "id" IN (${Prisma.join(unitIds)})
      UNION
      SELECT "u"."parentUnitId" FROM "Unit" "u" JOIN "up" ON "u"."id" = "up"."id"
      WHERE "u"."parentUnitId" IS NOT NULL
    )
    SELECT "u"."id", "u"."parentUnitId", "u"."name" FROM "up" JOIN "Unit" "u" ON "u"."id" = "up"."id"`;
}
