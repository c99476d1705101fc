// Issue 14.3: the raw SQL runs on SQLite and PostgreSQL alike (`npm test` runs this file on SQLite,
// `npm run test:postgres` on PostgreSQL); and the one safe write path keeps concurrent
// read-then-write transactions serializable on both.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDatabase, databaseDialect, isSerializationFailure } from "../../lib/database.js";
import { isPostgresUrl } from "../../lib/database-url.js";
import { containingPattern, countOf, likeIgnoringCase, NO_ROWS, NULL_TEXT } from "../../lib/sql-dialect.js";
import { Prisma } from "../../prisma/generated/client.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createUnit } from "../support/people.js";

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.close());

describe("issue 14.3: one SQL for both databases", () => {
  it("the client talks to the database its URL names", () => {
    expect(databaseDialect(database.db)).toBe(isPostgresUrl(database.url) ? "postgresql" : "sqlite");
  });

  it("likeIgnoringCase matches a part in any ASCII case and takes %, _ and \\ literally", async () => {
    const db = database.db;
    for (const name of ["Acme 100% Tools", "acme tools", "Zeta_Works", "ZetaXWorks", "back\\slash 贵州"]) {
      await createUnit(db, name);
    }
    const matching = async (text: string) => {
      const rows = await db.$queryRaw<{ name: string }[]>`SELECT "name" FROM "Unit"
        WHERE ${likeIgnoringCase(Prisma.sql`"name"`, containingPattern(text))} ORDER BY "name"`;
      return rows.map((r) => r.name);
    };
    expect(await matching("ACME")).toEqual(["Acme 100% Tools", "acme tools"]);
    expect(await matching("100%")).toEqual(["Acme 100% Tools"]);
    expect(await matching("a_w")).toEqual(["Zeta_Works"]);
    expect(await matching("k\\s")).toEqual(["back\\slash 贵州"]);
    expect(await matching("贵州")).toEqual(["back\\slash 贵州"]);
    // Without ASCII letters the pattern is compared unfolded: the same rows, whatever the case around.
    expect(await matching("0% ")).toEqual(["Acme 100% Tools"]);
    expect(await matching(" 贵")).toEqual(["back\\slash 贵州"]);
  });

  it("NO_ROWS and NULL_TEXT make an empty, typed subquery; COUNT(*) reads as a number", async () => {
    const db = database.db;
    await createUnit(db, "One");
    const none = await db.$queryRaw<{ id: string }[]>`SELECT ${NULL_TEXT} AS "id" WHERE ${NO_ROWS}`;
    expect(none).toEqual([]);
    const [row] = await db.$queryRaw<{ total: number | bigint }[]>`
      SELECT COUNT(*) AS "total" FROM "Unit" WHERE "id" NOT IN (SELECT ${NULL_TEXT} AS "id" WHERE ${NO_ROWS})`;
    expect(countOf(row?.total)).toBe(1);
  });

  it("Prisma's contains ignores ASCII case on both databases, as SQLite's LIKE does", async () => {
    await createUnit(database.db, "Guizhou Mining Co");
    const found = await database.db.unit.findMany({ where: { name: { contains: "mining" } } });
    expect(found.map((u) => u.name)).toEqual(["Guizhou Mining Co"]);
  });

  it("text sorts by code point on both (C collation on PostgreSQL)", async () => {
    for (const name of ["b unit", "B unit", "贵阳", "a unit", "Z unit"]) await createUnit(database.db, name);
    const rows = await database.db.$queryRaw<{ name: string }[]>`SELECT "name" FROM "Unit" ORDER BY "name"`;
    expect(rows.map((r) => r.name)).toEqual(["B unit", "Z unit", "a unit", "b unit", "贵阳"]);
  });
});

describe("issue 14.3: text no database column can hold", () => {
  it("NUL in a path, a query parameter or a JSON string is refused as VALIDATION_FAILED, never a database error", async () => {
    const { app } = createTestApp(database);
    const origin = "http://localhost:3000";
    const refused = async (response: Response, field: string) => {
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body.error.code).toBe("VALIDATION_FAILED");
      expect(body.error.details).toEqual([{ field, code: "nul_character" }]);
    };
    await refused(await app.request(`${origin}/api/title-applications/%00`), "");
    await refused(await app.request(`${origin}/api/units?q=a%00b`), "q");
    const login = await app.request(`${origin}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin },
      body: JSON.stringify({ account: "a\u0000b", password: "x" }),
    });
    await refused(login, "account");
  });
});

describe("issue 14.3: the one safe write path under concurrency", () => {
  it("concurrent read-then-write transactions from two processes' clients all land (serializable, retried)", async () => {
    const other = createDatabase(database.url);
    try {
      const unit = await createUnit(database.db, "Counter");
      // Each transaction reads the name's counter and writes it back incremented: lost updates
      // would show as a total below the number of transactions.
      const increment = (db: typeof database.db) =>
        db.$transaction(async (tx) => {
          const current = await tx.unit.findUniqueOrThrow({ where: { id: unit.id } });
          const n = Number(current.name.split(" ")[1] ?? 0);
          await tx.unit.update({ where: { id: unit.id }, data: { name: `Counter ${n + 1}` } });
        });
      await Promise.all(Array.from({ length: 8 }, (_, i) => increment(i % 2 ? other : database.db)));
      const after = await database.db.unit.findUniqueOrThrow({ where: { id: unit.id } });
      expect(after.name).toBe("Counter 8");
    } finally {
      await other.$disconnect();
    }
  });

  it("recognises PostgreSQL's serialization failures and deadlocks however they are reported", () => {
    expect(isSerializationFailure({ code: "P2034" })).toBe(true);
    expect(isSerializationFailure({ code: "P2010", meta: { code: "40P01" } })).toBe(true);
    expect(isSerializationFailure({ cause: { originalCode: "40001" } })).toBe(true);
    expect(isSerializationFailure({ code: "P2002" })).toBe(false);
    expect(isSerializationFailure(new Error("x"))).toBe(false);
  });
});
