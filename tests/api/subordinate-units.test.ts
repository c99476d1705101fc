// R11 直接创建下级单位 on a real SQLite file, the API served on a real socket so that the client
// address is what production sees (the peer, or X-Forwarded-For only from TRUSTED_PROXIES): allowed
// from a trusted network directly or through a trusted proxy, refused from anywhere else (a forged
// X-Forwarded-For included), the unit types that may, who may, and the first administrator's standing
// (R8, the same use case as HR-department creation).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIdNumber, makeUscc, seedBaseline } from "../../prisma/seed/seed.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createPerson, createUnit, realPersonSession } from "../support/people.js";
import { type ServedApp, serveApp } from "../support/served-app.js";

let database: TestDatabase;
let people: Awaited<ReturnType<typeof seedBaseline>>;
const served: ServedApp[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedBaseline(database.db, "Guizhou@2026");
});
afterAll(async () => {
  for (const app of served) await app.close();
  await database.close();
});

/** The API with these networks, on a socket of its own (the tests' peer is always 127.0.0.1). */
async function api(env: { TRUSTED_NETWORKS?: string; TRUSTED_PROXIES?: string }) {
  const app = await serveApp(createTestApp(database, { env }).app);
  served.push(app);
  return app;
}

type Session = Awaited<ReturnType<typeof realPersonSession>>;

/** A unit of the type with a handler (real-person session) and, if asked, under a superior with an administrator. */
async function staffed(type: "PUBLIC_INSTITUTION" | "ENTERPRISE" = "PUBLIC_INSTITUTION") {
  const superior = await createUnit(database.db);
  const superiorAdmin = await createPerson(database.db, { unitId: superior.id, role: "UNIT_ADMIN" });
  const unit = await createUnit(database.db);
  await database.db.unit.update({ where: { id: unit.id }, data: { type, parentUnitId: superior.id } });
  const handler = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
  return {
    unit,
    superior,
    handler,
    session: await realPersonSession(database.db, handler.id),
    superiorSession: await realPersonSession(database.db, superiorAdmin.id),
  };
}

const DIGITS = "零一二三四五六七八九";
const han = (n: number) => [...String(n)].map((d) => DIGITS[Number(d)]).join("");
let sequence = 0;

/** A new subordinate's facts, unique per call; the administrator a person not registered yet. */
function newUnit(overrides: Record<string, unknown> = {}) {
  const n = ++sequence;
  return {
    name: `示例下级事业单位${han(n)}`,
    uscc: makeUscc("12", "520102", `MB${String(n).padStart(6, "0")}`),
    type: "PUBLIC_INSTITUTION",
    regionCode: "520102",
    contactName: "下级联系人",
    contactMobile: `1398500${String(n).padStart(4, "0")}`,
    administrator: {
      idNumber: makeIdNumber("520102", "19770707", 700 + n),
      name: `新管理员${han(n)}`,
      mobile: `1398600${String(n).padStart(4, "0")}`,
    },
    ...overrides,
  };
}

const post = (app: ServedApp, session: Session, unitId: string, body: unknown, headers = {}) =>
  app.request(`/units/${unitId}/subordinates`, { body, headers: session.headers(headers) });

async function creationCheck(app: ServedApp, session: Session, unitId: string, headers = {}) {
  const response = await app.request(`/units/${unitId}/subordinate-creation`, {
    headers: session.headers(headers),
  });
  expect(response.status).toBe(200);
  return (await response.json()).data;
}

const unitsNamed = (name: string) => database.db.unit.count({ where: { name } });

describe("R11 a subordinate unit created directly from a trusted network", () => {
  it("R11 a public institution's handler creates one: affiliated at once, its first administrator bound, audited, both told by SMS", async () => {
    const app = await api({ TRUSTED_NETWORKS: "127.0.0.1/32" });
    const { unit, handler, session } = await staffed();
    expect(await creationCheck(app, session, unit.id)).toEqual({
      allowed: true,
      clientAddress: "127.0.0.1",
      reason: null,
    });
    const body = newUnit();
    const response = await post(app, session, unit.id, body);
    expect(response.status, await response.clone().text()).toBe(201);
    const { data } = await response.json();
    expect(data).toMatchObject({
      name: body.name,
      uscc: body.uscc,
      accountName: body.uscc,
      type: "PUBLIC_INSTITUTION",
      parentUnit: { id: unit.id, name: unit.name },
      affiliationRequired: false,
      administrator: { name: body.administrator.name },
    });
    expect(data.pushChain.map((n: { id: string }) => n.id).slice(0, 2)).toEqual([data.id, unit.id]);

    const created = await database.db.unit.findUniqueOrThrow({ where: { id: data.id } });
    expect(created).toMatchObject({
      origin: "CREATED_BY_SUPERIOR",
      parentUnitId: unit.id,
      regionCode: "520102",
    });
    // No usable unit password: the unit sets one itself with a code to its contact mobile (R27).
    expect(created.passwordHash.startsWith("!")).toBe(true);
    const admin = await database.db.person.findUniqueOrThrow({
      where: { idNumber: body.administrator.idNumber },
      include: { bindings: true, roleBindings: true },
    });
    expect(admin.bindings.map((b) => [b.unitId, b.activePersonId])).toEqual([[created.id, admin.id]]);
    expect(admin.roleBindings).toEqual([
      expect.objectContaining({
        role: "UNIT_ADMIN",
        unitId: created.id,
        grantedById: handler.id,
        revokedAt: null,
      }),
    ]);

    const audit = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "unit.subordinate-created", targetId: created.id },
    });
    expect(audit).toMatchObject({
      actorId: handler.id,
      unitId: created.id,
      ipAddress: "127.0.0.1",
      sessionStrength: "REAL_PERSON",
    });
    expect(JSON.parse(audit.after!)).toMatchObject({
      parentUnitId: unit.id,
      origin: "CREATED_BY_SUPERIOR",
      administratorId: admin.id,
    });

    const toContact = await database.db.smsMessage.findMany({ where: { mobile: body.contactMobile } });
    expect(toContact.map((m) => m.template)).toEqual(["SUBORDINATE_UNIT_CREATED"]);
    expect(toContact[0]!.body).toContain(unit.name);
    const toAdmin = await database.db.smsMessage.findMany({ where: { mobile: body.administrator.mobile } });
    expect(toAdmin.map((m) => m.template)).toEqual(["UNIT_ADMIN_DESIGNATED"]);
  });

  it("R11 behind a trusted reverse proxy, the intranet address it forwards is the client's", async () => {
    const app = await api({ TRUSTED_NETWORKS: "10.20.0.0/16", TRUSTED_PROXIES: "127.0.0.1" });
    const { unit, session } = await staffed();
    const forwarded = { "x-forwarded-for": "10.20.3.4" };
    expect(await creationCheck(app, session, unit.id, forwarded)).toEqual({
      allowed: true,
      clientAddress: "10.20.3.4",
      reason: null,
    });
    const response = await post(app, session, unit.id, newUnit(), forwarded);
    expect(response.status).toBe(201);
    const audit = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "unit.subordinate-created", targetId: (await response.json()).data.id },
    });
    expect(audit.ipAddress).toBe("10.20.3.4");
  });

  it("R11 refused from any other network, saying which address was seen and where it would work; nothing is created", async () => {
    const app = await api({ TRUSTED_NETWORKS: "10.20.0.0/16", TRUSTED_PROXIES: "127.0.0.1" });
    const { unit, session } = await staffed();
    for (const [headers, seen] of [
      [{}, "127.0.0.1"],
      // Through the trusted proxy, but from the internet.
      [{ "x-forwarded-for": "202.96.1.1" }, "202.96.1.1"],
    ] as const) {
      expect(await creationCheck(app, session, unit.id, headers)).toEqual({
        allowed: false,
        clientAddress: seen,
        reason: "UNTRUSTED_NETWORK",
      });
      const body = newUnit();
      const response = await post(app, session, unit.id, body, headers);
      expect(response.status).toBe(403);
      const { error } = await response.json();
      expect(error.code).toBe("UNTRUSTED_NETWORK");
      expect(error.details).toMatchObject({ rule: "R11", clientAddress: seen });
      expect(error.details.remedy["zh-CN"]).toMatch(/政务外网.*人社内网/);
      expect(error.details.remedy["zh-CN"]).toContain(seen);
      expect(error.details.remedy.en).toContain(seen);
      expect(await unitsNamed(body.name)).toBe(0);
    }
  });

  it("R11 a forged X-Forwarded-For from a peer that is no trusted proxy changes nothing", async () => {
    for (const proxies of ["", "10.99.0.1"]) {
      const app = await api({ TRUSTED_NETWORKS: "10.20.0.0/16", TRUSTED_PROXIES: proxies });
      const { unit, session } = await staffed();
      const forged = { "x-forwarded-for": "10.20.3.4" };
      expect(await creationCheck(app, session, unit.id, forged)).toMatchObject({
        allowed: false,
        clientAddress: "127.0.0.1",
      });
      const body = newUnit();
      const response = await post(app, session, unit.id, body, forged);
      expect((await response.json()).error).toMatchObject({
        code: "UNTRUSTED_NETWORK",
        details: { clientAddress: "127.0.0.1" },
      });
      expect(await unitsNamed(body.name)).toBe(0);
    }
  });

  it("R11 with no trusted network configured, nobody creates subordinate units directly", async () => {
    const app = await api({});
    const { unit, session } = await staffed();
    expect((await creationCheck(app, session, unit.id)).reason).toBe("UNTRUSTED_NETWORK");
  });
});

describe("R11 which units, and who", () => {
  it("R11 an enterprise's handler may not: the unit type, with what to do instead", async () => {
    const app = await api({ TRUSTED_NETWORKS: "127.0.0.1" });
    const { unit, session } = await staffed("ENTERPRISE");
    expect((await creationCheck(app, session, unit.id)).reason).toBe("UNIT_TYPE_NOT_ALLOWED");
    const body = newUnit();
    const response = await post(app, session, unit.id, body);
    expect(response.status).toBe(403);
    const { error } = await response.json();
    expect(error.code).toBe("SUBORDINATE_CREATION_NOT_ALLOWED");
    expect(error.details).toMatchObject({ rule: "R11", unitType: "ENTERPRISE" });
    expect(error.details.remedy["zh-CN"]).toContain("关联");
    expect(await unitsNamed(body.name)).toBe(0);
  });

  it("R11 an HR department's administrator may; R21 but never an HR department under it", async () => {
    const app = await api({ TRUSTED_NETWORKS: "127.0.0.1" });
    const seeded = people.find((p) => p.role === "UNIT_ADMIN" && p.unitName.startsWith("贵阳市"))!;
    const admin = await database.db.person.findUniqueOrThrow({
      where: { idNumber: seeded.idNumber },
      include: { roleBindings: { where: { revokedAt: null } } },
    });
    const hrUnitId = admin.roleBindings[0]!.unitId;
    const session = await realPersonSession(database.db, admin.id);
    const refused = await post(app, session, hrUnitId, newUnit({ type: "HR_DEPARTMENT" }));
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatchObject({ code: "UNIT_TYPE_NOT_ALLOWED", field: "type" });
    const body = newUnit({ type: "GOVERNMENT_AGENCY", regionCode: "520100" });
    const response = await post(app, session, hrUnitId, body);
    expect(response.status).toBe(201);
    expect((await response.json()).data).toMatchObject({
      type: "GOVERNMENT_AGENCY",
      parentUnit: { id: hrUnitId },
    });
  });

  it("R11 R12 only the unit's own administrator or handlers, in a real-person session", async () => {
    const app = await api({ TRUSTED_NETWORKS: "127.0.0.1" });
    const { unit, handler, superiorSession } = await staffed();
    // The superior's administrator sees the unit but does not decide for it.
    expect((await creationCheck(app, superiorSession, unit.id)).reason).toBe("NOT_A_DECIDER");
    const bySuperior = await post(app, superiorSession, unit.id, newUnit());
    const { error } = await bySuperior.json();
    expect(error).toMatchObject({ code: "FORBIDDEN_UNIT_SCOPE", details: { rule: "R11" } });
    expect(error.details.remedy["zh-CN"]).toContain(unit.name);
    // A stranger is not even told the unit exists.
    const stranger = await staffed();
    const byStranger = await app.request(`/units/${unit.id}/subordinate-creation`, {
      headers: stranger.session.headers(),
    });
    expect((await byStranger.json()).error.code).toBe("UNIT_NOT_FOUND");
    expect((await post(app, stranger.session, unit.id, newUnit())).status).toBe(404);
    // The handler's own password session.
    const login = await app.request("/auth/login", {
      body: { account: handler.idNumber, password: "Person#2026" },
    });
    const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
    const byPassword = await app.request(`/units/${unit.id}/subordinates`, {
      body: newUnit(),
      headers: { cookie },
    });
    expect((await byPassword.json()).error.code).toBe("REAL_PERSON_SESSION_REQUIRED");
  });
});

describe("R8 the first administrator of a subordinate unit has the standing every path to the office requires", () => {
  let app: ServedApp;
  let parent: Awaited<ReturnType<typeof staffed>>;
  beforeAll(async () => {
    app = await api({ TRUSTED_NETWORKS: "127.0.0.1" });
    parent = await staffed();
  });

  async function refused(administrator: { idNumber: string; name: string }, code: string, status: number) {
    const body = newUnit();
    const response = await post(app, parent.session, parent.unit.id, {
      ...body,
      administrator: { ...administrator, mobile: "13985009999" },
    });
    expect(response.status).toBe(status);
    const { error } = await response.json();
    expect(error).toMatchObject({ code, field: "administrator.idNumber" });
    expect(error.details.remedy).toEqual({ "zh-CN": expect.any(String), en: expect.any(String) });
    expect(await unitsNamed(body.name)).toBe(0);
    return error;
  }

  it("R8 a registered person bound to no unit becomes its administrator, told on their own mobile", async () => {
    const person = await createPerson(database.db, { name: "张已注册" });
    const body = newUnit({
      administrator: { idNumber: person.idNumber, name: "张已注册", mobile: "13985009999" },
    });
    const response = await post(app, parent.session, parent.unit.id, body);
    expect(response.status).toBe(201);
    const { data } = await response.json();
    expect(await database.db.binding.findUnique({ where: { activePersonId: person.id } })).toMatchObject({
      unitId: data.id,
    });
    expect(
      await database.db.smsMessage.count({
        where: { mobile: person.mobile, template: "UNIT_ADMIN_DESIGNATED" },
      }),
    ).toBe(1);
    expect(await database.db.smsMessage.count({ where: { mobile: "13985009999" } })).toBe(0);
  });

  it("R8 an ID number whose personal account bears another name", async () => {
    const person = await createPerson(database.db, { name: "李本名" });
    await refused({ idNumber: person.idNumber, name: "李别名" }, "PERSON_NOT_FOUND", 404);
  });

  it("R8 bound to another unit", async () => {
    const elsewhere = await createPerson(database.db, {
      name: "王在职",
      unitId: (await createUnit(database.db)).id,
    });
    const error = await refused(
      { idNumber: elsewhere.idNumber, name: "王在职" },
      "CANDIDATE_BOUND_ELSEWHERE",
      409,
    );
    expect(error.details.rule).toBe("R8");
  });

  it("R18 disabled", async () => {
    const disabled = await createPerson(database.db, { name: "赵停用" });
    await database.db.person.update({ where: { id: disabled.id }, data: { status: "DISABLED" } });
    const error = await refused({ idNumber: disabled.idNumber, name: "赵停用" }, "CANDIDATE_DISABLED", 409);
    expect(error.details.rule).toBe("R18");
  });

  it("R16 a binding request to another unit waiting", async () => {
    const mover = await createPerson(database.db, { name: "钱待绑" });
    await database.db.bindingRequest.create({
      data: {
        requestNumber: `BDTEST${mover.id.slice(0, 8)}`,
        personId: mover.id,
        unitId: (await createUnit(database.db)).id,
        openPersonId: mover.id,
        pledgeAcceptedAt: new Date(),
        workflowId: `BindingRequest:${mover.id}`,
      },
    });
    await refused({ idNumber: mover.idNumber, name: "钱待绑" }, "CANDIDATE_BINDING_REQUEST_OPEN", 409);
  });

  it("R10 a title application in progress", async () => {
    const applicant = await createPerson(database.db, { name: "孙申报" });
    await database.db.titleApplication.create({ data: { personId: applicant.id, status: "IN_PROGRESS" } });
    await refused({ idNumber: applicant.idNumber, name: "孙申报" }, "CANDIDATE_HAS_TITLE_APPLICATION", 409);
    expect(await database.db.binding.count({ where: { personId: applicant.id } })).toBe(0);
  });

  it("R4 a USCC or a name another unit holds", async () => {
    const taken = await createUnit(database.db);
    const byUscc = await post(app, parent.session, parent.unit.id, newUnit({ uscc: taken.uscc }));
    expect((await byUscc.json()).error).toMatchObject({ code: "USCC_TAKEN", field: "uscc" });
    const byName = await post(app, parent.session, parent.unit.id, newUnit({ name: taken.name }));
    expect((await byName.json()).error).toMatchObject({ code: "UNIT_NAME_TAKEN", field: "name" });
  });
});
