// Unit names offered while someone types (R16 binding requests, R13 the superior of an affiliation
// request): the request still names one exact unit. Pure ranking in domain/unit-name-suggestions.ts.
import { bigrams, rankUnitNames } from "../domain/unit-name-suggestions.js";
import { Prisma } from "../prisma/generated/client.js";
import type { Database } from "./database.js";
import { containingPattern, likeIgnoringCase } from "./sql-dialect.js";

export type UnitSuggestion = {
  id: string;
  /** The matched name: the current one, or a former one (R20) when `formerName`. */
  name: string;
  formerName: boolean;
  currentName: string;
};

/**
 * Active units whose current or former name (R20) resembles `text`, best first, at most `limit`.
 * Candidates share at least one bigram with the typed text; the database orders them by how many
 * they share, so common ones ("有限", "公司") do not crowd out the close names before ranking. Former
 * names that no unit bears now are candidates too, marked with the unit's current name.
 * `exclude`: a subquery of unit ids never offered (e.g. a unit and its subordinates).
 */
export async function suggestUnits(
  db: Database,
  text: string,
  options: { limit?: number; exclude?: Prisma.Sql } = {},
): Promise<UnitSuggestion[]> {
  const { limit = 8, exclude } = options;
  const grams = [...new Set(bigrams(text))].slice(0, 16);
  if (grams.length === 0) return [];
  const score = (column: Prisma.Sql) =>
    Prisma.join(
      grams.map(
        (g) => Prisma.sql`(CASE WHEN ${likeIgnoringCase(column, containingPattern(g))} THEN 1 ELSE 0 END)`,
      ),
      " + ",
    );
  const excluded = (column: Prisma.Sql) =>
    exclude ? Prisma.sql`AND ${column} NOT IN (${exclude})` : Prisma.empty;
  // Former names are read from the renames (CROSS JOIN keeps SQLite from walking every unit to
  // look up its renames: a province has tens of thousands of units and few renames). A unit that
  // left the same name twice comes twice: deduplicated here, not by a DISTINCT (a sort per request).
  const [current, former] = await Promise.all([
    db.$queryRaw<{ id: string; name: string }[]>`
      SELECT "id", "name" FROM "Unit"
      WHERE "status" = 'ACTIVE' AND (${score(Prisma.sql`"name"`)}) > 0 ${excluded(Prisma.sql`"id"`)}
      ORDER BY ${score(Prisma.sql`"name"`)} DESC
      LIMIT 200`,
    db.$queryRaw<{ id: string; name: string; oldName: string }[]>`
      SELECT "u"."id", "u"."name", "c"."oldName" FROM "UnitNameChange" "c"
      CROSS JOIN "Unit" "u"
      WHERE "u"."id" = "c"."unitId" AND "u"."status" = 'ACTIVE' AND (${score(Prisma.sql`"c"."oldName"`)}) > 0
        AND "c"."oldName" NOT IN (SELECT "name" FROM "Unit") ${excluded(Prisma.sql`"u"."id"`)}
      LIMIT 50`,
  ]);
  const candidates: UnitSuggestion[] = [
    ...current.map((u) => ({ id: u.id, name: u.name, formerName: false, currentName: u.name })),
    ...former
      .filter((u, i) => former.findIndex((o) => o.id === u.id && o.oldName === u.oldName) === i)
      .map((u) => ({ id: u.id, name: u.oldName, formerName: true, currentName: u.name })),
  ];
  const ranked = rankUnitNames(text, [...new Set(candidates.map((u) => u.name))], limit);
  // Two units may once have borne the same name: each is offered with its current name.
  return ranked.flatMap((name) => candidates.filter((u) => u.name === name)).slice(0, limit);
}
