// Unit names offered while someone types (R16 binding requests, R13 the superior of an affiliation
// request): the request still names one exact unit. Pure ranking in domain/unit-name-suggestions.ts.
import { bigrams, rankUnitNames } from "../domain/unit-name-suggestions.js";
import { Prisma } from "../prisma/generated/client.js";
import type { Database } from "./database.js";
import { containingPattern, countOf, likeIgnoringCase } from "./sql-dialect.js";

export type UnitSuggestion = {
  id: string;
  /** The matched name: the current one, or a former one (R20) when `formerName`. */
  name: string;
  formerName: boolean;
  currentName: string;
};

/**
 * Postings (units per bigram) read for the close names that do not contain the typed text, over all
 * of its bigrams, the rarest first: bounds the read whatever the province's size.
 */
const POSTINGS_BUDGET = 2000;
/** Units (by current name) handed to the ranking besides the names containing the text. */
const CANDIDATES = 200;

type Bounds = { postings: number; candidates: number };

/** Lower-cases ASCII letters only, as SQL LOWER() does on SQLite and on PostgreSQL's C ctype. */
const foldAscii = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

type Row = { id: string; name: string };

/**
 * Active units whose current or former name (R20) resembles `text`, best first, at most `limit`
 * (the order of rankUnitNames). Reads the stored bigrams of the current names (UnitNameBigram, kept
 * by triggers on Unit), never every unit:
 * - names containing the text (ranked first, the shorter first): from the postings of its rarest
 *   bigram, every one, in the index's (name length, name) order, each tested for containing the
 *   text, so the read stops after `limit` of them: exact, however common the name's other bigrams;
 * - close names: the units in the postings of its rarest bigrams (POSTINGS_BUDGET in all), each
 *   scored here, the CANDIDATES best kept. A bigram carried by thousands of names says little;
 *   the close names share the rarer ones.
 * Former names that no unit bears now are candidates too (few: read from the renames), marked with
 * the unit's current name. `exclude`: a subquery of unit ids never offered (e.g. a unit and its
 * subordinates), applied before the best are chosen: then every active unit's name is scored in
 * SQL as before the stored bigrams (excludedScan), since the subquery would be evaluated for each
 * postings read (an HR department's exclusion, every unit that is not one: 24-28 -> 38-75 ms CPU
 * on the kept province database when applied to the postings).
 */
export async function suggestUnits(
  db: Database,
  text: string,
  options: {
    limit?: number;
    exclude?: Prisma.Sql;
    /** The bounds on the close names' read (tests shrink them to make them bite on a few units). */
    bounds?: Bounds;
  } = {},
): Promise<UnitSuggestion[]> {
  const { limit = 8, exclude, bounds = { postings: POSTINGS_BUDGET, candidates: CANDIDATES } } = options;
  const query = text.trim();
  const grams = [...new Set(bigrams(query))].slice(0, 16);
  if (grams.length === 0) return [];
  const excluded = (column: Prisma.Sql) =>
    exclude ? Prisma.sql`AND ${column} NOT IN (${exclude})` : Prisma.empty;
  // Former names are read from the renames (CROSS JOIN keeps SQLite from walking every unit to
  // look up its renames: a province has tens of thousands of units and few renames), each name
  // looked up in the unique name index (PostgreSQL hashed every unit's name for a NOT IN). A unit that
  // left the same name twice comes twice: deduplicated here, not by a DISTINCT (a sort per request).
  const [current, former] = await Promise.all([
    exclude
      ? excludedScan(db, grams, exclude)
      : [...query].length < 2
        ? namesWithCharacter(db, query, bounds)
        : currentNames(db, query, grams, limit, bounds),
    db.$queryRaw<{ id: string; name: string; oldName: string }[]>`
      SELECT "u"."id", "u"."name", "c"."oldName" FROM "UnitNameChange" "c"
      CROSS JOIN "Unit" "u"
      WHERE "u"."id" = "c"."unitId" AND "u"."status" = 'ACTIVE' AND (${scoreOf(Prisma.sql`"c"."oldName"`, grams)}) > 0
        AND NOT EXISTS (SELECT 1 FROM "Unit" "n" WHERE "n"."name" = "c"."oldName") ${excluded(Prisma.sql`"u"."id"`)}
      LIMIT 50`,
  ]);
  const seen = new Set<string>();
  const candidates: UnitSuggestion[] = [
    ...current.map((u) => ({ id: u.id, name: u.name, formerName: false, currentName: u.name })),
    ...former.map((u) => ({ id: u.id, name: u.oldName, formerName: true, currentName: u.name })),
  ].filter((u) => {
    const key = `${u.id}\u0000${u.formerName}\u0000${u.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const ranked = rankUnitNames(query, [...new Set(candidates.map((u) => u.name))], limit);
  // Two units may once have borne the same name: each is offered with its current name.
  return ranked.flatMap((name) => candidates.filter((u) => u.name === name)).slice(0, limit);
}

/**
 * Active units not in `exclude` whose name shares a bigram of the text, the CANDIDATES sharing the
 * most (scored by LIKE over every active unit's name, as before the stored bigrams).
 */
function excludedScan(db: Database, grams: string[], exclude: Prisma.Sql): Promise<Row[]> {
  const score = scoreOf(Prisma.sql`"name"`, grams);
  return db.$queryRaw<Row[]>`
    SELECT "id", "name" FROM "Unit"
    WHERE "status" = 'ACTIVE' AND (${score}) > 0 AND "id" NOT IN (${exclude})
    ORDER BY ${score} DESC
    LIMIT ${CANDIDATES}`;
}

/** Active units whose current name contains or shares bigrams with `query` (see suggestUnits). */
async function currentNames(
  db: Database,
  query: string,
  grams: string[],
  limit: number,
  bounds: Bounds,
): Promise<Row[]> {
  // A containing name holds every bigram of the text as typed (spaces included), the folded ones
  // among the stored; the close names are matched on the text's bigrams without spaces (bigrams()).
  const chars = [...query];
  const typed = [...new Set(chars.slice(1).map((c, i) => foldAscii(chars[i]! + c)))];
  const fuzzy = [...new Set(grams.map(foldAscii))];
  const all = [...new Set([...typed, ...fuzzy])];
  // How many units carry each bigram, counted up to the postings budget + 1 (index entries only).
  const counts = await db.$queryRaw<{ i: number | bigint; n: number | bigint }[]>`${Prisma.join(
    all.map(
      (g, i) => Prisma.sql`SELECT ${Prisma.raw(String(i))} AS "i", COUNT(*) AS "n" FROM (
        SELECT 1 AS "x" FROM "UnitNameBigram" WHERE "gram" = ${g} LIMIT ${bounds.postings + 1}
      ) ${Prisma.raw(`"c${i}"`)}`,
    ),
    " UNION ALL ",
  )}`;
  const carriers = new Map(counts.map((c) => [all[countOf(c.i)]!, countOf(c.n)]));
  const rarest = (list: string[]) => [...list].sort((a, b) => carriers.get(a)! - carriers.get(b)!);
  const [containing, close] = await Promise.all([
    containingNames(db, query, rarest(typed)[0]!, limit),
    closeNames(db, query, rarest(fuzzy), carriers, bounds),
  ]);
  return [...containing, ...close];
}

/**
 * The first `limit` active units whose current name contains `query` (case as typed, as
 * rankUnitNames tests it), in the ranking's order (name length without spaces, then code point):
 * one index range of the stored bigrams of `gram`, a bigram of the text, read in that order.
 */
function containingNames(db: Database, query: string, gram: string, limit: number): Promise<Row[]> {
  // replace() is case-sensitive on both databases (LIKE is not on SQLite): the name contains the
  // text exactly when removing it changes the name.
  return db.$queryRaw<Row[]>`
    SELECT "b"."unitId" AS "id", "b"."name" FROM "UnitNameBigram" "b"
    CROSS JOIN "Unit" "u"
    WHERE "b"."gram" = ${gram} AND replace("b"."name", ${query}, '') <> "b"."name"
      AND "u"."id" = "b"."unitId" AND "u"."status" = 'ACTIVE'
    ORDER BY "b"."nameLength", "b"."name"
    LIMIT ${limit}`;
}

/**
 * Up to CANDIDATES active units among the postings of `grams` (rarest first), read while the
 * POSTINGS_BUDGET lasts (the rarest one at least, up to the budget), the best by rankUnitNames:
 * every unit read is scored (the names come from the index entries), so a close name sharing the
 * text's common bigrams too (digits, 有限公司) is not lost among equals of the rare ones.
 */
async function closeNames(
  db: Database,
  query: string,
  grams: string[],
  carriers: Map<string, number>,
  bounds: Bounds,
): Promise<Row[]> {
  const read: string[] = [];
  let budget = bounds.postings;
  for (const g of grams) {
    const n = carriers.get(g)!;
    if (n === 0) continue;
    if (read.length > 0 && n > budget) break;
    read.push(g);
    budget -= n;
  }
  if (read.length === 0) return [];
  const postings = await db.$queryRaw<Row[]>`${Prisma.join(
    read.map(
      (g, i) => Prisma.sql`SELECT "id", "name" FROM (
        SELECT "b"."unitId" AS "id", "b"."name" FROM "UnitNameBigram" "b"
        WHERE "b"."gram" = ${g} LIMIT ${bounds.postings}
      ) ${Prisma.raw(`"p${i}"`)}`,
    ),
    " UNION ALL ",
  )}`;
  const unitsNamed = new Map<string, Set<string>>();
  for (const { id, name } of postings) {
    const ids = unitsNamed.get(name) ?? new Set<string>();
    ids.add(id);
    unitsNamed.set(name, ids);
  }
  const ranked = rankUnitNames(query, [...unitsNamed.keys()], unitsNamed.size).flatMap((name) =>
    [...unitsNamed.get(name)!].map((id) => ({ id, name })),
  );
  // Inactive units have bigrams too: read on down the ranking until CANDIDATES active ones.
  const found: Row[] = [];
  for (let from = 0; from < ranked.length && found.length < bounds.candidates; from += bounds.candidates) {
    const batch = ranked.slice(from, from + bounds.candidates);
    const active = new Set(
      (
        await db.$queryRaw<{ id: string }[]>`
          SELECT "id" FROM "Unit" WHERE "id" IN (${Prisma.join(batch.map((r) => r.id))}) AND "status" = 'ACTIVE'`
      ).map((r) => r.id),
    );
    for (const row of batch) if (active.has(row.id) && found.length < bounds.candidates) found.push(row);
  }
  return found;
}

/**
 * One character has no bigram: active units whose name contains it, the first CANDIDATES the
 * database finds (a rare query; the ranking puts them in order, and one more character narrows).
 */
function namesWithCharacter(db: Database, character: string, bounds: Bounds): Promise<Row[]> {
  return db.$queryRaw<Row[]>`
    SELECT "id", "name" FROM "Unit"
    WHERE "status" = 'ACTIVE' AND ${likeIgnoringCase(Prisma.sql`"name"`, containingPattern(character))}
    LIMIT ${bounds.candidates}`;
}

/** How many of `grams` the column contains (SQL), as a sum of LIKE tests. */
function scoreOf(column: Prisma.Sql, grams: string[]): Prisma.Sql {
  return Prisma.join(
    grams.map(
      (g) => Prisma.sql`(CASE WHEN ${likeIgnoringCase(column, containingPattern(g))} THEN 1 ELSE 0 END)`,
    ),
    " + ",
  );
}
