// R13 stored ancestry (UnitAncestor) on a real database (SQLite, or PostgreSQL with
// TEST_DATABASE=postgresql): kept by the database in the transaction of every write of
// Unit.parentUnitId — whoever writes it — a move carrying the whole subtree, a cycle refused; and
// the account list read through it (R7, R24): a subtree's active bindings stored in list order
// (BindingAncestor, kept by triggers) follow moves, status changes and ended bindings, and the
// total stops at the count limit, saying so.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIST_COUNT_LIMIT } from "../../api/routes/list-query.js";
import { superiorChain, unitAndSubordinates } from "../../lib/unit-hierarchy.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createPerson, createUnit, realPersonSession } from "../support/people.js";
import { ORIGIN } from "../support/registration.js";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>["app"];

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database).app;
});
afterAll(() => database.close());

type Unit = Awaited<ReturnType<typeof createUnit>>;

async function under(parent: Unit | null): Promise<Unit> {
  const unit = await createUnit(database.db);
  return parent
    ? database.db.unit.update({ where: { id: unit.id }, data: { parentUnitId: parent.id } })
    : unit;
}

/** Every stored ancestry row of the units, as "ancestor>unit@depth", sorted. */
async function ancestry(units: Unit[]): Promise<string[]> {
  const names = new Map(units.map((u, i) => [u.id, String.fromCharCode(65 + i)]));
  const rows = await database.db.unitAncestor.findMany({ where: { unitId: { in: units.map((u) => u.id) } } });
  return rows.map((r) => `${names.get(r.ancestorId) ?? "?"}>${names.get(r.unitId)}@${r.depth}`).sort();
}

describe("R13 the stored ancestry", () => {
  it("R13 a new unit, a change of superior (the whole subtree moves), leaving a superior and a removal keep the ancestry right", async () => {
    const a = await under(null);
    const b = await under(a);
    const c = await under(b);
    const d = await under(c);
    const e = await under(null);
    const all = [a, b, c, d, e];
    expect(await ancestry(all)).toEqual(
      [
        "A>A@0",
        "A>B@1",
        "A>C@2",
        "A>D@3",
        "B>B@0",
        "B>C@1",
        "B>D@2",
        "C>C@0",
        "C>D@1",
        "D>D@0",
        "E>E@0",
      ].sort(),
    );
    // C (with D below it) moves under E, in a transaction as the affiliation approval does.
    await database.db.$transaction(async (tx) => {
      await tx.unit.update({ where: { id: c.id }, data: { parentUnitId: e.id } });
    });
    expect(await superiorChain(database.db, d.id)).toEqual([d.id, c.id, e.id]);
    expect((await unitAndSubordinates(database.db, a.id)).sort()).toEqual([a.id, b.id].sort());
    expect((await unitAndSubordinates(database.db, e.id)).sort()).toEqual([e.id, c.id, d.id].sort());
    expect(await ancestry(all)).toEqual(
      ["A>A@0", "A>B@1", "B>B@0", "C>C@0", "C>D@1", "D>D@0", "E>C@1", "E>D@2", "E>E@0"].sort(),
    );
    // Setting the same superior again changes nothing; leaving it makes C a top with D below.
    await database.db.unit.update({ where: { id: c.id }, data: { parentUnitId: e.id } });
    await database.db.unit.update({ where: { id: c.id }, data: { parentUnitId: null } });
    expect(await superiorChain(database.db, d.id)).toEqual([d.id, c.id]);
    expect(await unitAndSubordinates(database.db, e.id)).toEqual([e.id]);
    // A unit removed (a test's clean-up, an aborted import) takes its rows with it.
    await database.db.unit.delete({ where: { id: d.id } });
    expect(
      await database.db.unitAncestor.count({ where: { OR: [{ unitId: d.id }, { ancestorId: d.id }] } }),
    ).toBe(0);
  });

  it("R13 a write that would close a cycle is refused by the database and changes nothing", async () => {
    const top = await under(null);
    const middle = await under(top);
    const bottom = await under(middle);
    const before = await ancestry([top, middle, bottom]);
    for (const below of [bottom, middle, top]) {
      await expect(
        database.db.unit.update({ where: { id: top.id }, data: { parentUnitId: below.id } }),
      ).rejects.toThrow();
    }
    expect((await database.db.unit.findUniqueOrThrow({ where: { id: top.id } })).parentUnitId).toBeNull();
    expect(await ancestry([top, middle, bottom])).toEqual(before);
  });
});

describe("R7 the subordinate units list read through the stored names", () => {
  it("R7 R13 R20 the unit first, then its subordinates by name in both orders, searched and paged, following renames and moves", async () => {
    const root = await createUnit(database.db, `祖${randomUUID().slice(0, 8)}单位`);
    const admin = await createPerson(database.db, { unitId: root.id, role: "UNIT_ADMIN" });
    const session = await realPersonSession(database.db, admin.id);
    const named = async (name: string, parent: Unit) =>
      database.db.unit.update({
        where: { id: (await createUnit(database.db, `${name}${randomUUID().slice(0, 8)}`)).id },
        data: { parentUnitId: parent.id },
      });
    const b = await named("乙", root);
    const c = await named("丙", b);
    const d = await named("丁", root);
    const elsewhere = await named("戊", await under(null));
    const list = async (query = "") => {
      const response = await app.request(`${ORIGIN}/api/units/${root.id}/subordinates?${query}`, {
        headers: session.headers(),
      });
      const body = await response.json();
      expect(response.status, JSON.stringify(body)).toBe(200);
      return [String(body.total), ...body.data.map((u: { id: string }) => u.id)];
    };
    const byName = (...units: Unit[]) => units.sort((x, y) => (x.name < y.name ? -1 : 1)).map((u) => u.id);
    expect(await list()).toEqual(["4", root.id, ...byName(b, c, d)]);
    expect(await list("sort=name&order=desc")).toEqual(["4", root.id, ...byName(b, c, d).reverse()]);
    expect(await list("pageSize=2&page=2")).toEqual(["4", ...byName(b, c, d).slice(1)]);
    expect(await list("pageSize=1&page=3")).toEqual(["4", byName(b, c, d)[1]]);
    expect(await list(`q=${encodeURIComponent("丙")}`)).toEqual(["1", c.id]);
    expect(await list(`q=${c.uscc}`)).toEqual(["1", c.id]);
    expect(await list(`q=${encodeURIComponent(root.name)}`)).toEqual(["1", root.id]);
    // A rename (R20) moves the unit in the name order and the search; a move (R13) carries the subtree.
    const renamed = await database.db.unit.update({ where: { id: c.id }, data: { name: `甲${c.name}` } });
    expect(await list()).toEqual(["4", root.id, ...byName(b, renamed, d)]);
    expect(await list(`q=${encodeURIComponent("甲丙")}`)).toEqual(["1", c.id]);
    await database.db.unit.update({ where: { id: b.id }, data: { parentUnitId: elsewhere.id } });
    expect(await list()).toEqual(["2", root.id, d.id]);
    await database.db.unit.update({ where: { id: elsewhere.id }, data: { parentUnitId: d.id } });
    expect(await list()).toEqual(["5", root.id, ...byName(b, renamed, d, elsewhere)]);
    const rows = await database.db.unitAncestor.findMany({ where: { unitId: c.id } });
    expect(rows.map((r) => r.unitName)).toEqual(rows.map(() => renamed.name));
  });
});

/**
 * The stored subtree bindings (BindingAncestor), as "ancestor>binding@start/person/status/nameMissing/name",
 * sorted,
 * and the same rows recomputed from the bindings, the ancestry and the people: the triggers keep
 * the first equal to the second.
 */
async function storedSubtreeBindings(): Promise<string[]> {
  const rows = await database.db.bindingAncestor.findMany();
  return rows
    .map(
      (r) =>
        `${r.ancestorId}>${r.bindingId}@${r.startedAt.toISOString()}/${r.activePersonId}/${r.personStatus}/${r.personNameMissing}/${r.personName}`,
    )
    .sort();
}
async function recomputedSubtreeBindings(): Promise<string[]> {
  const bindings = await database.db.binding.findMany({
    where: { activePersonId: { not: null } },
    include: { person: { select: { status: true, name: true } } },
  });
  const ancestry = await database.db.unitAncestor.findMany();
  return bindings
    .flatMap((b) =>
      ancestry
        .filter((a) => a.unitId === b.unitId)
        .map(
          (a) =>
            `${a.ancestorId}>${b.id}@${b.startedAt.toISOString()}/${b.activePersonId}/${b.person.status}/${!b.person.name}/${b.person.name}`,
        ),
    )
    .sort();
}

describe("R24 the account list read through the stored ancestry", () => {
  it("R7 R24 R13 R17 R18 a subtree lists its accounts in both orders with the person filters, following moves, status changes and ended bindings", async () => {
    const root = await under(null);
    const child = await under(root);
    const grandchild = await under(child);
    const admin = await createPerson(database.db, { unitId: root.id, role: "UNIT_ADMIN" });
    const session = await realPersonSession(database.db, admin.id);
    const members = [];
    for (const [i, unit] of [child, grandchild, child, grandchild, root].entries()) {
      const person = await createPerson(database.db, { unitId: unit.id, name: i === 3 ? null : undefined });
      await database.db.binding.updateMany({
        where: { activePersonId: person.id },
        data: { startedAt: new Date(Date.UTC(2025, 0, 1 + i)) },
      });
      members.push(person);
    }
    await database.db.person.update({ where: { id: members[1]!.id }, data: { status: "DISABLED" } });
    const outsider = await createPerson(database.db, { unitId: (await under(null)).id });
    const views = async () => {
      const out: Record<string, string[]> = {};
      for (const query of ["", "&order=asc", "&status=DISABLED", "&nameMissing=true", "&pageSize=2&page=2"]) {
        const response = await app.request(
          `${ORIGIN}/api/units/${root.id}/accounts?withSubordinates=true${query}`,
          { headers: session.headers() },
        );
        const body = await response.json();
        expect(response.status, JSON.stringify(body)).toBe(200);
        expect(body).toMatchObject({ countLimit: LIST_COUNT_LIMIT, capped: [] });
        out[query || "default"] = [
          String(body.total),
          ...body.data.map((a: { personId: string }) => a.personId),
        ];
      }
      return out;
    };
    const listed = await views();
    const [m0, m1, m2, m3, m4] = members.map((m) => m.id);
    expect(listed).toEqual({
      default: ["6", admin.id, m4, m3, m2, m1, m0],
      "&order=asc": ["6", m0, m1, m2, m3, m4, admin.id],
      "&status=DISABLED": ["1", m1],
      "&nameMissing=true": ["1", m3],
      "&pageSize=2&page=2": ["6", m3, m2],
    });
    expect(Object.values(listed).flat()).not.toContain(outsider.id);
    expect(await storedSubtreeBindings()).toEqual(await recomputedSubtreeBindings());
    // The grandchild (m1, m3) moves under another unit and back: the list follows both moves.
    const other = await under(null);
    await database.db.unit.update({ where: { id: grandchild.id }, data: { parentUnitId: other.id } });
    expect((await views()).default).toEqual(["4", admin.id, m4, m2, m0]);
    expect(await storedSubtreeBindings()).toEqual(await recomputedSubtreeBindings());
    await database.db.unit.update({ where: { id: grandchild.id }, data: { parentUnitId: child.id } });
    expect(await views()).toEqual(listed);
    // Enabled again (R18), m1 leaves the disabled filter; an ended binding (R17) leaves the list.
    await database.db.person.update({ where: { id: m1! }, data: { status: "ENABLED" } });
    expect((await views())["&status=DISABLED"]).toEqual(["0"]);
    // Its name completed (R19), m3 leaves the missing-name filter.
    await database.db.person.update({ where: { id: m3! }, data: { name: "补全姓名" } });
    expect((await views())["&nameMissing=true"]).toEqual(["0"]);
    // The name search reads the stored names (no probe of each person): it follows a completed
    // name and a changed one.
    const search = async (q: string) => {
      const response = await app.request(
        `${ORIGIN}/api/units/${root.id}/accounts?withSubordinates=true&q=${encodeURIComponent(q)}`,
        { headers: session.headers() },
      );
      const body = await response.json();
      return [String(body.total), ...body.data.map((a: { personId: string }) => a.personId)];
    };
    expect(await search("补全")).toEqual(["1", m3]);
    await database.db.person.update({ where: { id: m3! }, data: { name: "改过姓名" } });
    expect(await search("补全")).toEqual(["0"]);
    expect(await search("改过")).toEqual(["1", m3]);
    expect(await storedSubtreeBindings()).toEqual(await recomputedSubtreeBindings());
    await database.db.binding.updateMany({
      where: { activePersonId: m2! },
      data: { activePersonId: null, endedAt: new Date(), endReason: "EXITED" },
    });
    expect((await views()).default).toEqual(["5", admin.id, m4, m3, m1, m0]);
    expect(await storedSubtreeBindings()).toEqual(await recomputedSubtreeBindings());
  });

  it("R24 R18 R19 a unit's own list filtered by status or missing name reads its stored bindings when it has no subordinates: the same accounts in the same order as from its members", async () => {
    const unit = await under(null);
    const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
    const session = await realPersonSession(database.db, admin.id);
    const members = [];
    for (let i = 0; i < 6; i++) {
      const person = await createPerson(database.db, { unitId: unit.id, name: i === 4 ? null : undefined });
      // Two pairs bound at the same moment: the order's ties (person, then binding) show too.
      await database.db.binding.updateMany({
        where: { activePersonId: person.id },
        data: { startedAt: new Date(Date.UTC(2025, 0, 1 + Math.floor(i / 2))) },
      });
      if (i % 3 !== 0)
        await database.db.person.update({ where: { id: person.id }, data: { status: "DISABLED" } });
      members.push(person);
    }
    const lists = async () => {
      const out: Record<string, unknown[]> = {};
      for (const query of [
        "status=DISABLED",
        "status=ENABLED",
        "status=DISABLED&order=asc",
        "status=ENABLED&pageSize=1&page=2",
        "nameMissing=true",
        "nameMissing=true&status=DISABLED",
      ]) {
        const body = await (
          await app.request(`${ORIGIN}/api/units/${unit.id}/accounts?${query}`, {
            headers: session.headers(),
          })
        ).json();
        out[query] = [body.total, ...body.data.map((a: { personId: string }) => a.personId)];
      }
      return out;
    };
    const leaf = await lists();
    expect(leaf["status=DISABLED"]).toHaveLength(1 + 4);
    expect(leaf["nameMissing=true"]).toEqual([1, members[4]!.id]);
    expect(leaf["nameMissing=true&status=DISABLED"]).toEqual([1, members[4]!.id]);
    expect(leaf["status=ENABLED"]).toEqual([3, admin.id, ...[members[3]!.id, members[0]!.id]]);
    // With a subordinate (no members of its own) the list reads the unit's members instead.
    await under(unit);
    expect(await lists()).toEqual(leaf);
  });

  it("R24 the account list counts up to the limit and says when it stopped (shown as 10,000+)", async () => {
    const unit = await under(null);
    const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
    const session = await realPersonSession(database.db, admin.id);
    const persons = Array.from({ length: LIST_COUNT_LIMIT + 1 }, (_, i) => ({
      id: randomUUID(),
      idNumber: `CAP${unit.id.slice(0, 8)}${String(i).padStart(7, "0")}`,
      name: `计数${i}`,
      mobile: "13900000000",
      passwordHash: "x",
      status: i < 3 ? ("DISABLED" as const) : ("ENABLED" as const),
    }));
    await database.db.person.createMany({ data: persons });
    await database.db.binding.createMany({
      data: persons.map((p) => ({ personId: p.id, unitId: unit.id, activePersonId: p.id })),
    });
    const list = async (query: string) =>
      (
        await app.request(`${ORIGIN}/api/units/${unit.id}/accounts?pageSize=5${query}`, {
          headers: session.headers(),
        })
      ).json();
    for (const query of ["", "&withSubordinates=true"]) {
      const capped = await list(query);
      expect(capped).toMatchObject({
        total: LIST_COUNT_LIMIT,
        countLimit: LIST_COUNT_LIMIT,
        capped: ["total"],
      });
      expect(capped.data).toHaveLength(5);
      const disabled = await list(`${query}&status=DISABLED`);
      expect(disabled).toMatchObject({ total: 3, capped: [] });
    }
  });
});
