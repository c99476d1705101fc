// Issue 11 item 6, input at the boundary, on a real SQLite file: one normaliser for every string of
// every route (api/middleware/input-text.ts, api/fields.ts). Unpaired surrogates are refused with 400
// (before, they reached Prisma, whose query engine cannot read them: a 500), identifiers are read in
// NFKC (full-width digits and letters), names in NFC without invisible characters, and lengths count
// characters. The whole kind, on every operation, is tests/api/input-fuzz.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH } from "../../api/middleware/input-text.js";
import { seedBaseline } from "../../prisma/seed/seed.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { fakeWorkflowStarts } from "../support/fake-workflow-starts.js";
import { createPerson, createUnit, PASSWORD, realPersonSession } from "../support/people.js";
import { ORIGIN } from "../support/registration.js";

let database: TestDatabase;
let built: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedBaseline(database.db, "Guizhou@2026");
  built = createTestApp(database);
  fakeWorkflowStarts(built.temporal);
});
afterAll(async () => {
  await built?.health.stop();
  await database?.close();
});

/** Sends a raw JSON text: JSON.stringify would escape a lone surrogate the same way, but say so. */
const postRaw = (path: string, json: string, headers: Record<string, string> = {}) =>
  built.app.request(`${ORIGIN}/api${path}`, {
    method: "POST",
    headers: { origin: ORIGIN, "content-type": "application/json", ...headers },
    body: json,
  });

const toFullWidth = (ascii: string | null) =>
  (ascii ?? "").replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

async function administeredUnit(name?: string) {
  const unit = await createUnit(database.db, name);
  const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
  return { unit, admin, session: await realPersonSession(database.db, admin.id) };
}

describe("Issue 11 item 6: unpaired surrogates are refused with 400, naming the field", () => {
  it('{"account":"\\ud800"} on the login routes answers 400 VALIDATION_FAILED, not a 500', async () => {
    for (const path of ["/auth/login", "/auth/unit-login/code", "/units/account-recovery"]) {
      const body =
        path === "/units/account-recovery"
          ? '{"usccOrName":"\\ud800测试"}'
          : '{"account":"\\ud800","password":"Whatever#2026"}';
      const response = await postRaw(path, body);
      expect(response.status, path).toBe(400);
      const { error } = await response.json();
      expect(error, path).toMatchObject({
        code: "VALIDATION_FAILED",
        field: path === "/units/account-recovery" ? "usccOrName" : "account",
        requestId: expect.any(String),
      });
      expect(error.message["zh-CN"], path).toContain("代理项");
      expect(error.message.en, path).toContain("unpaired");
    }
  });

  it("a lone surrogate deep in a body, or in a key, is found and named", async () => {
    const { unit, session } = await administeredUnit();
    const response = await postRaw(
      `/units/${unit.id}/subordinates`,
      '{"administrator":{"name":"张\\udc00三"}}',
      session.headers(),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({
      code: "VALIDATION_FAILED",
      field: "administrator.name",
    });
    const key = await postRaw("/auth/login", '{"\\ud800":1}');
    expect(key.status).toBe(400);
    expect((await key.json()).error.code).toBe("VALIDATION_FAILED");
  });
});

describe("Issue 11 item 6: identifiers in NFKC (full-width digits and letters become ASCII)", () => {
  it("a person logs in with the ID number typed in full-width characters", async () => {
    const person = await createPerson(database.db);
    const response = await postRaw(
      "/auth/login",
      JSON.stringify({ account: toFullWidth(person.idNumber), password: PASSWORD }),
    );
    expect(response.status).toBe(200);
    expect((await response.json()).data.person).toMatchObject({ id: person.id });
  });

  it("a full-width USCC finds the unit in account recovery (R22): the account name is sent", async () => {
    const unit = await createUnit(database.db);
    const legalRepIdNumber = (await createPerson(database.db)).idNumber;
    const contactMobile = "13700000123";
    await database.db.unit.update({ where: { id: unit.id }, data: { legalRepIdNumber, contactMobile } });
    const response = await postRaw(
      "/units/account-recovery",
      JSON.stringify({ usccOrName: toFullWidth(unit.uscc), legalRepIdNumber: toFullWidth(legalRepIdNumber) }),
    );
    expect(response.status).toBe(202);
    const sent = await database.db.smsMessage.findMany({
      where: { mobile: contactMobile, template: "UNIT_ACCOUNT_RECOVERY" },
    });
    expect(sent).toHaveLength(1);
  });
});

describe("Issue 11 item 6: names in NFC, without control or format characters", () => {
  it("a unit name differing only by U+200B (or a bidi override, NUL, a line break) is refused", async () => {
    const { unit, session } = await administeredUnit();
    const other = await createUnit(database.db);
    for (const invisible of ["\u200b", "\u202e", "\u0000", "\n", "\u00ad"]) {
      const name = `${other.name.slice(0, 2)}${invisible}${other.name.slice(2)}`;
      const response = await postRaw(`/units/${unit.id}/rename`, JSON.stringify({ name }), session.headers());
      expect(response.status, JSON.stringify(invisible)).toBe(400);
      const { error } = await response.json();
      expect(error, JSON.stringify(invisible)).toMatchObject({ code: "VALIDATION_FAILED", field: "name" });
      expect(error.message.en).toContain("invisible");
    }
    expect((await database.db.unit.findUniqueOrThrow({ where: { id: unit.id } })).name).toBe(unit.name);
  });

  it("a decomposed spelling of a taken name is the same name (NFC): UNIT_NAME_TAKEN", async () => {
    const composed = "贵阳Café测试咨询有限公司";
    await createUnit(database.db, composed);
    const { unit, session } = await administeredUnit();
    const response = await postRaw(
      `/units/${unit.id}/rename`,
      JSON.stringify({ name: composed.normalize("NFD") }),
      session.headers(),
    );
    expect(response.status).toBe(409);
    expect((await response.json()).error).toMatchObject({ code: "UNIT_NAME_TAKEN", field: "name" });
  });

  it("full-width brackets of a name are kept (names are not NFKC)", async () => {
    const { unit, session } = await administeredUnit();
    const name = "贵阳市测试实业有限公司（观山湖分公司）";
    const response = await postRaw(`/units/${unit.id}/rename`, JSON.stringify({ name }), session.headers());
    expect(response.status).toBe(200);
    expect((await database.db.unit.findUniqueOrThrow({ where: { id: unit.id } })).name).toBe(name);
  });
});

describe("Issue 11 item 6: length limits count characters (code points)", () => {
  it("a unit name of 100 characters outside the BMP (200 UTF-16 units) is accepted; 101 are refused", async () => {
    const { unit, session } = await administeredUnit();
    // U+20000.. (CJK Extension B): one character each, two UTF-16 units.
    const rare = (n: number) =>
      Array.from({ length: n }, (_, i) => String.fromCodePoint(0x20000 + i)).join("");
    const tooLong = await postRaw(
      `/units/${unit.id}/rename`,
      JSON.stringify({ name: rare(101) }),
      session.headers(),
    );
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).error).toMatchObject({ code: "VALIDATION_FAILED", field: "name" });
    const longest = await postRaw(
      `/units/${unit.id}/rename`,
      JSON.stringify({ name: rare(100) }),
      session.headers(),
    );
    expect(longest.status).toBe(200);
  });
});

describe("Bad input never answers 500: a JSON body nested past MAX_JSON_DEPTH is refused with 400", () => {
  const objectsNested = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
  const arraysNested = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;

  it("5,000 levels of objects and 100,000 of arrays, to an anonymous route and a signed-in one", async () => {
    const { unit, session } = await administeredUnit();
    for (const [path, headers] of [
      ["/auth/login", {}],
      [`/units/${unit.id}/subordinates`, session.headers()],
    ] as const) {
      for (const body of [objectsNested(5_000), arraysNested(100_000), `{"account":${arraysNested(40)}}`]) {
        const response = await postRaw(path, body, headers);
        expect(response.status, path).toBe(400);
        const { error } = await response.json();
        expect(error, path).toMatchObject({
          code: "VALIDATION_FAILED",
          details: [{ field: "", code: "nesting_too_deep" }],
          requestId: expect.any(String),
        });
        expect(error.message["zh-CN"]).toContain(`超过 ${MAX_JSON_DEPTH} 层`);
        expect(error.message.en).toContain(`${MAX_JSON_DEPTH} levels`);
      }
    }
  });

  it("a body exactly MAX_JSON_DEPTH levels deep passes the boundary to the route's own validation", async () => {
    const response = await postRaw("/auth/login", objectsNested(MAX_JSON_DEPTH));
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.details).not.toContainEqual(expect.objectContaining({ code: "nesting_too_deep" }));
  });
});
