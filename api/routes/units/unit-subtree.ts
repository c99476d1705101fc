// A unit and its subordinate units at any depth (Unit.parentUnitId), as a subquery: the scope of an
// administrator who may read their subordinates' records (R7, R26). A subquery rather than a list of
// ids (lib/unit-hierarchy.ts unitAndSubordinates): a provincial HR department's subtree can hold
// thousands of units, more than Prisma binds in one `in` filter on SQLite (999). The hierarchy
// never contains a cycle (R13); UNION would stop one anyway.
import { Prisma } from "../../../prisma/generated/client.js";

/** `SELECT "id" …` of the units in the subtrees under `rootUnitIds` (roots included). */
export function unitSubtreeSql(rootUnitIds: readonly string[]): Prisma.Sql {
  if (rootUnitIds.length === 0) return Prisma.sql`SELECT NULL AS "id" WHERE 0`;
  return Prisma.sql`WITH RECURSIVE "subtree"("id") AS (
      SELECT "id" FROM "Unit" WHERE "id" IN (${Prisma.join(rootUnitIds)})
      UNION
      SELECT "u"."id" FROM "Unit" "u" JOIN "subtree" "s" ON "u"."parentUnitId" = "s"."id"
    )
    SELECT "id" FROM "subtree"`;
}
