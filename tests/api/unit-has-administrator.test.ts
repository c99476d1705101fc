// Unit.hasAdministrator, kept by triggers on RoleBinding (R7: one active administrator per unit), on
// a real database (SQLite, or PostgreSQL with TEST_DATABASE=postgresql): the units list's
// withoutAdministrator filter (R8) reads it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseDialect } from "../../lib/database.js";
import { seedBaseline } from "../../prisma/seed/seed.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createPerson, createUnit, realPersonSession } from "../support/people.js";

let database: TestDatabase;
let built: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedBaseline(database.db, "Guizhou@2026");
  built = createTestApp(database);
});
afterAll(() => database.close());

const administered = async (unitId: string) =>
  (await database.db.unit.findUniqueOrThrow({ where: { id: unitId } })).hasAdministrator;

describe("R7 R8 Unit.hasAdministrator follows every write of the unit's administrator bindings", () => {
  it("R7 is set by a grant, cleared by a revocation or a removal, and follows a binding moved to another unit", async () => {
    const db = database.db;
    const [unit, other] = [await createUnit(db), await createUnit(db)];
    expect(await administered(unit.id)).toBe(false);
    const first = await createPerson(db, { unitId: unit.id, role: "UNIT_ADMIN" });
    expect(await administered(unit.id)).toBe(true);
    // Another role of the unit changes nothing.
    const handler = await createPerson(db, { unitId: unit.id, role: "TITLE_HANDLER" });
    await db.roleBinding.updateMany({ where: { personId: handler.id }, data: { revokedAt: new Date() } });
    expect(await administered(unit.id)).toBe(true);
    // Succession: the old binding revoked, then the new one granted.
    const binding = await db.roleBinding.findFirstOrThrow({
      where: { personId: first.id, role: "UNIT_ADMIN" },
    });
    await db.roleBinding.update({
      where: { id: binding.id },
      data: { revokedAt: new Date(), exclusiveKey: null },
    });
    expect(await administered(unit.id)).toBe(false);
    const second = await createPerson(db, { unitId: unit.id, role: "UNIT_ADMIN" });
    expect(await administered(unit.id)).toBe(true);
    // A binding moved to another unit: the first loses its administrator, the other gains one.
    const current = await db.roleBinding.findFirstOrThrow({
      where: { personId: second.id, role: "UNIT_ADMIN" },
    });
    await db.roleBinding.update({
      where: { id: current.id },
      data: { unitId: other.id, exclusiveKey: `UNIT_ADMIN:${other.id}` },
    });
    expect([await administered(unit.id), await administered(other.id)]).toEqual([false, true]);
    await db.roleBinding.delete({ where: { id: current.id } });
    expect(await administered(other.id)).toBe(false);
  });

  it("issue 14: on PostgreSQL a grant to a unit already marked leaves its row as it was (no dead version for VACUUM, as db:import loads them)", async (t) => {
    const db = database.db;
    if (databaseDialect(db) !== "postgresql") t.skip();
    const unit = await createUnit(db);
    await db.unit.update({ where: { id: unit.id }, data: { hasAdministrator: true } });
    const version = async () =>
      (
        await db.$queryRaw<{ xmin: string }[]>`SELECT xmin::text AS xmin FROM "Unit" WHERE "id" = ${unit.id}`
      )[0]!.xmin;
    const before = await version();
    await createPerson(db, { unitId: unit.id, role: "UNIT_ADMIN" });
    expect(await version()).toBe(before);
    expect(await administered(unit.id)).toBe(true);
  });

  it("R8 the units list's withoutAdministrator lists exactly the units without an active administrator", async () => {
    const db = database.db;
    const orphan = await createUnit(db);
    const run = await createUnit(db);
    await createPerson(db, { unitId: run.id, role: "UNIT_ADMIN" });
    const operator = await db.roleBinding.findFirstOrThrow({
      where: { role: "UNIT_ADMIN", unit: { name: "贵州省人力资源和社会保障厅" } },
    });
    const session = await realPersonSession(db, operator.personId);
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const response = await built.app.request(
        `/api/units?withoutAdministrator=true&pageSize=100&page=${page}`,
        {
          headers: session.headers(),
        },
      );
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        data: { id: string; administrator: unknown }[];
        total: number;
      };
      expect(body.data.every((u) => u.administrator === null)).toBe(true);
      ids.push(...body.data.map((u) => u.id));
      if (ids.length >= body.total) break;
    }
    const without = await db.unit.findMany({
      where: { roleBindings: { none: { role: "UNIT_ADMIN", revokedAt: null } } },
      select: { id: true },
      orderBy: { name: "asc" },
    });
    expect(ids).toEqual(without.map((u) => u.id));
    expect(ids).toContain(orphan.id);
    expect(ids).not.toContain(run.id);
  });
});
