// Issue 13 item 1 on a real SQLite file: a person whose ID number is a residence permit or a permanent
// residence ID card logs in with it, is found by it and can be designated by it, like a resident ID.
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../lib/passwords.js";
import { bindWithRole } from "../../prisma/seed/seed.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createPerson, createUnit, PASSWORD, passwordLogin, realPersonSession } from "../support/people.js";
import { postJson } from "../support/registration.js";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>["app"];

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database).app;
});
afterAll(() => database.close());

const DOCUMENTS = [
  ["Taiwan residence permit", "830000199001011007", "林台生"],
  ["Hong Kong residence permit", "810000198512311011", "陈港生"],
  ["2023 permanent residence ID", "952840198503121002", "JOHN SMITH"],
  ["2017 permanent residence ID", "USA520850312001", "MARY O'NEIL"],
] as const;

let mobiles = 0;

async function personWith(idNumber: string, name: string, unitId?: string) {
  const person = await database.db.person.create({
    data: {
      idNumber,
      name,
      mobile: `137${String(++mobiles).padStart(8, "0")}`,
      passwordHash: await hashPassword(PASSWORD),
    },
  });
  if (unitId) await bindWithRole(database.db, person.id, unitId);
  return person;
}

describe("issue 13.1: every accepted identity document works where an ID number is used", () => {
  it.each(DOCUMENTS)(
    "issue 13.1: a person with a %s logs in with its number, typed in any case",
    async (_, idNumber, name) => {
      await personWith(idNumber, name);
      await passwordLogin(app, idNumber);
      // The account is read like the number: upper-case, full-width characters folded.
      await passwordLogin(app, idNumber.toLowerCase());
    },
  );

  it("issue 13.1: a unit's account list finds a member by a permanent residence number typed in lower case", async () => {
    const unit = await createUnit(database.db);
    const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
    const session = await realPersonSession(database.db, admin.id);
    const member = await personWith("USA520850312002", "PETER PAN", unit.id);
    const response = await app.request(`/api/units/${unit.id}/accounts?q=usa520850312002`, {
      headers: session.headers(),
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.data.map((row: { personId: string }) => row.personId)).toEqual([member.id]);
    expect(body.data[0].idNumberMasked).toBe("USA********2002");
  });

  it("issue 13.1: a unit login designates a first administrator by a 2017 permanent residence number and the Latin name typed in lower case", async () => {
    const unit = await createUnit(database.db);
    const person = await personWith("GBR520790101003", "MARY JANE");
    const token = randomBytes(32).toString("base64url");
    await database.db.session.create({
      data: {
        id: createHash("sha256").update(token).digest("hex"),
        kind: "UNIT",
        unitId: unit.id,
        strength: "PASSWORD",
        absoluteExpiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    const response = await postJson(
      app,
      `/api/units/${unit.id}/first-administrator`,
      { idNumber: "gbr520790101003", name: " mary  jane " },
      { cookie: `zc_session=${token}` },
    );
    expect(response.status, await response.clone().text()).toBe(200);
    const binding = await database.db.roleBinding.findFirst({
      where: { personId: person.id, unitId: unit.id },
    });
    expect(binding?.role).toBe("UNIT_ADMIN");
  });
});
