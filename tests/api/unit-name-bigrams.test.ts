// R16/R13 unit-name suggestions read the stored bigrams of the units' names (UnitNameBigram, kept
// by triggers on Unit: SQLite, or PostgreSQL with TEST_DATABASE=postgresql) instead of testing every
// unit's name (issue 14). The stored bigrams follow a unit's creation, renames and removal, and the
// suggestions are those of the previous function, which scored every active unit's name in SQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bigrams, rankUnitNames } from "../../domain/unit-name-suggestions.js";
import type { Database } from "../../lib/database.js";
import { containingPattern, likeIgnoringCase } from "../../lib/sql-dialect.js";
import { suggestUnits, type UnitSuggestion } from "../../lib/unit-suggestions.js";
import { Prisma } from "../../prisma/generated/client.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createUnit } from "../support/people.js";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** Every pair of adjacent characters of the name, ASCII letters lower-cased, distinct, sorted. */
const expectedBigrams = (name: string) => {
  const chars = [...name.replace(/[A-Z]/g, (c) => c.toLowerCase())];
  return [...new Set(chars.slice(1).map((c, i) => chars[i] + c))].sort();
};
const stored = async (unitId: string) =>
  (await database.db.unitNameBigram.findMany({ where: { unitId } }))
    .map((r) => ({ gram: r.gram, name: r.name, nameLength: r.nameLength }))
    .sort((a, b) => (a.gram < b.gram ? -1 : 1));
const expectedRows = (name: string, nameLength: number) =>
  expectedBigrams(name).map((gram) => ({ gram, name, nameLength }));

/**
 * The function before the stored bigrams (as of 258d9e2): every active unit's name scored in SQL by
 * the text's bigrams it contains, the 200 best ranked by rankUnitNames. Exact below 200 sharers.
 */
async function previousSuggestUnits(
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
  return ranked.flatMap((name) => candidates.filter((u) => u.name === name)).slice(0, limit);
}

describe("R16 the stored bigrams of the units' names", () => {
  it("R16 R20 a new unit, a rename and a removal keep a unit's bigrams right (case folded, spaces kept, length without spaces)", async () => {
    const unit = await createUnit(database.db, "贵州ABC 科技科技有限公司");
    expect(await stored(unit.id)).toEqual(expectedRows(unit.name, 13));
    await database.db.unit.update({ where: { id: unit.id }, data: { name: "遵义新名称Xy　公司" } });
    expect(await stored(unit.id)).toEqual(expectedRows("遵义新名称Xy　公司", 9));
    await database.db.unit.delete({ where: { id: unit.id } });
    expect(await stored(unit.id)).toEqual([]);
  });

  it("R16 R20 suggestions from the stored bigrams equal the previous function's: exact names, common bigrams, near misses", async () => {
    const names = [
      "水城区科技013300有限公司",
      "水城区科技013301有限公司",
      "水城区科枝013300有限公司",
      "水城区科技有限公司",
      "南明区科技001有限公司",
      "南明区科技002有限公司",
      "南明区料技001有限公司",
      "南明区科技0有限公司",
      "南明区科技01有限公司",
      "南明区科技（贵州）有限公司",
      "云岩区科技001有限公司",
      "云岩区科技",
      "科技",
      "科技有限公司",
      "南明区人力资源和社会保障局",
      "贵阳ABC软件有限公司",
      "贵阳abc软件有限公司",
      "贵阳abd软件有限公司",
      "贵阳 ABC 软件有限公司",
      "毕节市农业发展有限公司",
      "毕节市农业发展有限责任公司",
      ...Array.from({ length: 24 }, (_, i) => `遵义市第${i}科技有限公司`.padEnd(14 + (i % 5), "甲")),
    ];
    const units = [];
    for (const name of names) units.push(await createUnit(database.db, name));
    // An inactive unit is never offered; a renamed one is found by its former name too (R20).
    await database.db.unit.update({ where: { id: units[5]!.id }, data: { status: "DISABLED" } });
    await database.db.unit.update({
      where: { id: units[19]!.id },
      data: { name: "毕节市农业发展集团有限公司" },
    });
    await database.db.unitNameChange.create({
      data: { unitId: units[19]!.id, oldName: names[19]!, newName: "毕节市农业发展集团有限公司" },
    });
    const queries = [
      "水城区科技013300有限公司",
      "水城区科技013302有限公司",
      "南明区科技0",
      "南明区科技",
      "南明区料技002",
      "科技",
      "有限公司",
      "科技有限公司",
      "遵义市第1科技",
      "abc软件",
      "ABC软件",
      "ABD",
      "贵阳 ABC",
      "农业发展有限公司",
      "南",
      "无关名称",
    ];
    for (const q of queries)
      for (const limit of [8, 3])
        expect(await suggestUnits(database.db, q, { limit }), `${q} (${limit})`).toEqual(
          await previousSuggestUnits(database.db, q, { limit }),
        );
    // Both leave the excluded units out before choosing the best (R13: a unit's subtree).
    const exclude = Prisma.sql`SELECT "id" FROM "Unit" WHERE "name" LIKE '水城区%'`;
    for (const q of ["水城区科技013300有限公司", "科技", "南明区科技0"])
      expect(await suggestUnits(database.db, q, { limit: 10, exclude }), q).toEqual(
        await previousSuggestUnits(database.db, q, { limit: 10, exclude }),
      );
    // With the close names' read bounded to a few postings (as a province's common bigrams bound
    // it), the names containing the text still come complete and in order: they do not depend on
    // that read (the close names after them may differ). One character has no bigram: its read is
    // the bound.
    const bounds = { postings: 4, candidates: 2 };
    const containing = (q: string, list: UnitSuggestion[]) => list.filter((u) => u.name.includes(q));
    for (const q of queries.filter((q) => q.length > 1))
      for (const limit of [8, 3]) {
        const bounded = await suggestUnits(database.db, q, { limit, bounds });
        const previous = await previousSuggestUnits(database.db, q, { limit });
        expect(containing(q, bounded), `${q} (${limit}, bounded)`).toEqual(containing(q, previous));
      }
    for (const name of names.slice(0, 4))
      expect((await suggestUnits(database.db, name, { bounds }))[0]?.name, name).toBe(name);
    // The exact name comes first, for its own name, whatever its bigrams' commonness.
    expect((await suggestUnits(database.db, names[0]!))[0]?.name).toBe(names[0]);
    expect((await suggestUnits(database.db, "科技")).map((u) => u.name)).not.toContain(names[5]);
  });
});
