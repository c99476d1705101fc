// A unit and its subordinate units at any depth, as a subquery: the scope of an administrator who
// may read their subordinates' records (R7, R26). Read from the stored ancestry (UnitAncestor, kept
// by the database with every write of Unit.parentUnitId): one index range per root instead of a
// recursive walk of the hierarchy. A subquery rather than a list of ids: a provincial HR
// department's subtree holds every unit of the province, more than Prisma binds in one `in` filter
// on SQLite (999).
import { NO_ROWS, NULL_TEXT } from "../../../lib/sql-dialect.js";
import { Prisma } from "../../../prisma/generated/client.js";

/**
 * `SELECT "id" …` of the units in the subtrees under `rootUnitIds` (roots included); a unit under
 * two of the roots comes twice (the result is meant for `IN (…)`).
 */
export function unitSubtreeSql(rootUnitIds: readonly string[]): Prisma.Sql {
  if (rootUnitIds.length === 0) return Prisma.sql`SELECT ${NULL_TEXT} AS "id" WHERE ${NO_ROWS}`;
  return Prisma.sql`SELECT "unitId" AS "id" FROM "UnitAncestor" WHERE "ancestorId" IN (${Prisma.join(rootUnitIds)})`;
}

/**
 * `SELECT "id", "parentUnitId", "name"` of the units and every unit above them (the units
 * included): the paths of a few units (search results) in one query instead of one per level each.
 */
export function unitsAndSuperiorsSql(unitIds: readonly string[]): Prisma.Sql {
  if (unitIds.length === 0)
    return Prisma.sql`SELECT ${NULL_TEXT} AS "id", ${NULL_TEXT} AS "parentUnitId", ${NULL_TEXT} AS "name" WHERE ${NO_ROWS}`;
  return Prisma.sql`SELECT "u"."id", "u"."parentUnitId", "u"."name" FROM "Unit" "u"
    WHERE "u"."id" IN (SELECT "ancestorId" FROM "UnitAncestor" WHERE "unitId" IN (${Prisma.join(unitIds)}))`;
}
