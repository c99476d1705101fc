// R8 更换管理员 on a real SQLite file: every path (a: the current administrator, b: the administrator
// of the nearest superior unit that has one, c: the administrator of the region's HR department,
// d: the unit login), every reason a candidate is refused with, the race of two designations for one
// unit, the SMS notices and the audit rows. Administrators act in real-person sessions only (R12).

import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../domain/authorization.js";
import { maskName } from "../../domain/masking.js";
import { grantRole } from "../../lib/memberships.js";
import { makeIdNumber, seedBaseline } from "../../prisma/seed/seed.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import {
  createPerson as createTestPerson,
  createUnit,
  passwordLogin,
  realPersonSession,
} from "../support/people.js";
import { postJson } from "../support/registration.js";

let database: TestDatabase;
let built: ReturnType<typeof createTestApp>;
let people: Awaited<ReturnType<typeof seedBaseline>>;

beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedBaseline(database.db, "Guizhou@2026");
  built = createTestApp(database);
});
afterAll(() => database.close());

// The API takes names of Chinese characters or letters only: the test people get such names.
let named = 0;
const hanName = () => `候选${[...String(++named)].map((d) => "零一二三四五六七八九"[Number(d)]).join("")}`;
const createPerson = (
  db: Parameters<typeof createTestPerson>[0],
  options: Parameters<typeof createTestPerson>[1] = {},
) => createTestPerson(db, { name: hanName(), ...options });

type Session = { headers(extra?: Record<string, string>): Record<string, string> };
type Person = Awaited<ReturnType<typeof createPerson>>;

const GUIYANG_HR = "贵阳市人力资源和社会保障局";

/** A unit in 南明区 (520102), with an administrator unless told otherwise, and a superior if given. */
async function unitWith(options: { admin?: boolean; parentUnitId?: string } = {}) {
  const unit = await createUnit(database.db);
  if (options.parentUnitId) {
    await database.db.unit.update({ where: { id: unit.id }, data: { parentUnitId: options.parentUnitId } });
  }
  const admin =
    options.admin === false ? null : await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
  return { unit, admin, session: admin ? await realPersonSession(database.db, admin.id) : null };
}

const seededAdmin = (unitName: string) =>
  people.find((p) => p.role === "UNIT_ADMIN" && p.unitName === unitName)!;

async function sessionOfSeeded(unitName: string) {
  const person = await database.db.person.findUniqueOrThrow({
    where: { idNumber: seededAdmin(unitName).idNumber },
  });
  return realPersonSession(database.db, person.id);
}

/** A unit login session (R5), as the unit-login route establishes it. */
async function unitSession(unitId: string): Promise<Session> {
  const token = randomBytes(32).toString("base64url");
  await database.db.session.create({
    data: {
      id: createHash("sha256").update(token).digest("hex"),
      kind: "UNIT",
      unitId,
      strength: "PASSWORD",
      absoluteExpiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  return { headers: (extra = {}) => ({ cookie: `zc_session=${token}`, ...extra }) };
}

const designate = (session: Session, unitId: string, candidate: Pick<Person, "idNumber" | "name">) =>
  postJson(
    built.app,
    `/api/units/${unitId}/admin-succession`,
    { idNumber: candidate.idNumber, name: candidate.name },
    session.headers(),
  );

const check = (session: Session, unitId: string, candidate: Pick<Person, "idNumber" | "name">) =>
  postJson(
    built.app,
    `/api/units/${unitId}/admin-succession/check`,
    { idNumber: candidate.idNumber, name: candidate.name },
    session.headers(),
  );

const activeRoles = async (personId: string, unitId: string) =>
  (await database.db.roleBinding.findMany({ where: { personId, unitId, revokedAt: null } })).map(
    (r) => r.role,
  );

const administratorOf = async (unitId: string) =>
  (await database.db.roleBinding.findUnique({ where: { exclusiveKey: `UNIT_ADMIN:${unitId}` } }))?.personId ??
  null;

const smsTo = (mobile: string, template: string) =>
  database.db.smsMessage.findMany({ where: { mobile, template } });

describe("R8 path a: the current administrator designates the next one", () => {
  it("R8 a member of the unit becomes administrator; the former one loses the office and every other role, stays bound, and both get an SMS", async () => {
    const { unit, admin, session } = await unitWith();
    // A role the former administrator held besides the office: it goes too (R8: nothing kept unless granted).
    await grantRole(database.db, {
      personId: admin!.id,
      unitId: unit.id,
      role: "TITLE_HANDLER",
      subsystem: "TITLE_REVIEW",
    });
    const member = await createPerson(database.db, { unitId: unit.id });
    const response = await designate(session!, unit.id, member);
    expect(response.status).toBe(200);
    const { data } = await response.json();
    expect(data).toMatchObject({
      path: "CURRENT_ADMIN",
      unit: { id: unit.id, name: unit.name },
      administrator: { name: member.name },
      formerAdministrator: { name: admin!.name },
      boundNow: false,
    });
    expect(data.formerAdministrator.revokedRoles.sort()).toEqual(["TITLE_HANDLER", "UNIT_ADMIN"]);
    expect(data.administrator.idNumberMasked).not.toBe(member.idNumber);
    expect(await administratorOf(unit.id)).toBe(member.id);
    expect(await activeRoles(admin!.id, unit.id)).toEqual([]);
    expect(await database.db.binding.findUnique({ where: { activePersonId: admin!.id } })).toMatchObject({
      unitId: unit.id,
    });
    const designated = await smsTo(member.mobile, "UNIT_ADMIN_DESIGNATED");
    expect(designated).toHaveLength(1);
    expect(designated[0]!.body).toContain(`您已被指定为${unit.name}的单位管理员`);
    const replaced = await smsTo(admin!.mobile, "UNIT_ADMIN_REPLACED");
    expect(replaced).toHaveLength(1);
    expect(replaced[0]!.body).toContain(`您已不再担任${unit.name}的单位管理员`);
    const audit = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "unit.administrator-designated", unitId: unit.id },
    });
    expect(audit).toMatchObject({ actorType: "PERSON", actorId: admin!.id, sessionStrength: "REAL_PERSON" });
    expect(JSON.parse(audit.before!)).toEqual({
      administratorId: admin!.id,
      roles: expect.arrayContaining(["PORTAL:UNIT_ADMIN", "TITLE_REVIEW:TITLE_HANDLER"]),
    });
    expect(JSON.parse(audit.after!)).toMatchObject({
      administratorId: member.id,
      path: "CURRENT_ADMIN",
      boundBefore: true,
    });
  });

  it("R8 a person bound to no unit is bound to the unit in the same transaction", async () => {
    const { unit, session } = await unitWith();
    const unbound = await createPerson(database.db);
    const response = await designate(session!, unit.id, unbound);
    expect(response.status).toBe(200);
    expect((await response.json()).data.boundNow).toBe(true);
    const binding = await database.db.binding.findUniqueOrThrow({ where: { activePersonId: unbound.id } });
    expect(binding.unitId).toBe(unit.id);
    expect(await activeRoles(unbound.id, unit.id)).toEqual(["UNIT_ADMIN"]);
    const audit = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "unit.administrator-designated", unitId: unit.id },
    });
    expect(JSON.parse(audit.after!)).toMatchObject({ administratorId: unbound.id, boundBefore: false });
  });

  it("R7 the former administrator can do no administrator work afterwards", async () => {
    const { unit, admin, session } = await unitWith();
    const member = await createPerson(database.db, { unitId: unit.id });
    expect((await designate(session!, unit.id, member)).status).toBe(200);
    const again = await designate(session!, unit.id, admin!);
    expect(again.status).toBe(403);
    expect((await again.json()).error.code).toBe("FORBIDDEN_ROLE");
    const list = await built.app.request(`/api/units/${unit.id}/subordinates`, {
      headers: session!.headers(),
    });
    expect(list.status).toBe(403);
  });

  it("R8 the check runs every rule and writes nothing", async () => {
    const { unit, admin, session } = await unitWith();
    const unbound = await createPerson(database.db);
    const response = await check(session!, unit.id, unbound);
    expect(response.status).toBe(200);
    expect((await response.json()).data).toMatchObject({
      path: "CURRENT_ADMIN",
      boundNow: true,
      administrator: { name: unbound.name },
      formerAdministrator: { name: admin!.name, revokedRoles: ["UNIT_ADMIN"] },
    });
    expect(await administratorOf(unit.id)).toBe(admin!.id);
    expect(await database.db.binding.findUnique({ where: { activePersonId: unbound.id } })).toBeNull();
    expect(await database.db.smsMessage.count({ where: { mobile: unbound.mobile } })).toBe(0);
    expect(await database.db.auditEvent.count({ where: { unitId: unit.id } })).toBe(0);
  });

  it("R8 a failing SMS gateway does not undo the designation", async () => {
    const { unit, session } = await unitWith();
    const member = await createPerson(database.db, { unitId: unit.id });
    const send = built.ports.sms.send;
    built.ports.sms.send = async () => {
      throw new Error("gateway down");
    };
    try {
      expect((await designate(session!, unit.id, member)).status).toBe(200);
    } finally {
      built.ports.sms.send = send;
    }
    expect(await administratorOf(unit.id)).toBe(member.id);
  });
});

describe("R8 path b: the superior unit's administrator designates for a unit without one", () => {
  it("R8 designates for a subordinate unit that has no administrator; only the new administrator is told", async () => {
    const superior = await unitWith();
    const { unit } = await unitWith({ admin: false, parentUnitId: superior.unit.id });
    const candidate = await createPerson(database.db);
    const response = await designate(superior.session!, unit.id, candidate);
    expect(response.status).toBe(200);
    expect((await response.json()).data).toMatchObject({
      path: "SUPERIOR_ADMIN",
      formerAdministrator: null,
      boundNow: true,
    });
    expect(await administratorOf(unit.id)).toBe(candidate.id);
    expect(await activeRoles(superior.admin!.id, superior.unit.id)).toEqual(["UNIT_ADMIN"]);
    expect(await smsTo(candidate.mobile, "UNIT_ADMIN_DESIGNATED")).toHaveLength(1);
    const audit = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "unit.administrator-designated", unitId: unit.id },
    });
    expect(audit.actorId).toBe(superior.admin!.id);
    expect(JSON.parse(audit.before!)).toEqual({ administratorId: null, roles: [] });
    expect(JSON.parse(audit.after!)).toMatchObject({ path: "SUPERIOR_ADMIN" });
  });

  it("R8 the nearest superior that has an administrator designates, at any depth", async () => {
    const top = await unitWith();
    const middle = await unitWith({ admin: false, parentUnitId: top.unit.id });
    const { unit } = await unitWith({ admin: false, parentUnitId: middle.unit.id });
    const candidate = await createPerson(database.db);
    const response = await designate(top.session!, unit.id, candidate);
    expect((await response.json()).data.path).toBe("SUPERIOR_ADMIN");
  });

  it("R8 a subordinate unit that has an administrator is that administrator's to hand on", async () => {
    const superior = await unitWith();
    const { unit, admin } = await unitWith({ parentUnitId: superior.unit.id });
    const candidate = await createPerson(database.db);
    const response = await designate(superior.session!, unit.id, candidate);
    expect(response.status).toBe(409);
    const { error } = await response.json();
    expect(error.code).toBe("ADMIN_ALREADY_DESIGNATED");
    expect(error.details.authority).toMatchObject({
      kind: "CURRENT_ADMIN",
      administratorName: maskName(admin!.name),
    });
    expect(error.details.remedy["zh-CN"]).toContain("只能由现任管理员办理");
    expect(await administratorOf(unit.id)).toBe(admin!.id);
  });

  it("R8 the administrator of an unrelated unit does not even see the unit", async () => {
    const { unit } = await unitWith({ admin: false });
    const stranger = await unitWith();
    const response = await designate(stranger.session!, unit.id, await createPerson(database.db));
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("UNIT_NOT_FOUND");
  });
});

describe("R8 path c: the HR department of the unit's region designates for a unit with neither", () => {
  it("R8 the prefecture's HR-department administrator designates for a unit of a county in it", async () => {
    const { unit } = await unitWith({ admin: false });
    const candidate = await createPerson(database.db);
    const response = await designate(await sessionOfSeeded(GUIYANG_HR), unit.id, candidate);
    expect(response.status).toBe(200);
    expect((await response.json()).data).toMatchObject({ path: "REGIONAL_HR_ADMIN", boundNow: true });
    expect(await administratorOf(unit.id)).toBe(candidate.id);
  });

  it("R8 another region's HR department is told whose it is; the provincial one too", async () => {
    const { unit } = await unitWith({ admin: false });
    const other = people.find((p) => p.role === "UNIT_ADMIN" && p.unitName.startsWith("遵义市"))!;
    for (const unitName of [other.unitName, "贵州省人力资源和社会保障厅"]) {
      const response = await designate(
        await sessionOfSeeded(unitName),
        unit.id,
        await createPerson(database.db),
      );
      expect(response.status).toBe(403);
      const { error } = await response.json();
      expect(error.code).toBe("SUCCESSION_NOT_AUTHORIZED");
      expect(error.details.authority).toMatchObject({
        kind: "REGIONAL_HR_ADMIN",
        unit: { name: GUIYANG_HR },
      });
      expect(error.details.remedy["zh-CN"]).toContain(`请所在统筹区的人社部门${GUIYANG_HR}的管理员指定`);
    }
    expect(await administratorOf(unit.id)).toBeNull();
  });

  it("R8 a county's own HR department, once it has an administrator, is the nearer one", async () => {
    const county = await createUnit(database.db, "贵阳市南明区人力资源和社会保障局测试");
    await database.db.unit.update({ where: { id: county.id }, data: { type: "HR_DEPARTMENT" } });
    const { unit } = await unitWith({ admin: false });
    const countyAdmin = await createPerson(database.db, { unitId: county.id, role: "UNIT_ADMIN" });
    const refused = await designate(
      await sessionOfSeeded(GUIYANG_HR),
      unit.id,
      await createPerson(database.db),
    );
    expect((await refused.json()).error.details.authority.unit.name).toBe(county.name);
    const response = await designate(
      await realPersonSession(database.db, countyAdmin.id),
      unit.id,
      await createPerson(database.db),
    );
    expect((await response.json()).data.path).toBe("REGIONAL_HR_ADMIN");
    // Later tests expect the prefecture to be the region's HR department again.
    await database.db.unit.update({ where: { id: county.id }, data: { status: "DISABLED" } });
  });
});

describe("R8 path d: the unit login designates the first administrator", () => {
  it("R8 runs the same rules, notifies the new administrator and audits the unit as actor", async () => {
    const { unit } = await unitWith({ admin: false });
    const session = await unitSession(unit.id);
    const candidate = await createPerson(database.db);
    const response = await postJson(
      built.app,
      `/api/units/${unit.id}/first-administrator`,
      { idNumber: candidate.idNumber, name: candidate.name },
      session.headers(),
    );
    expect(response.status).toBe(200);
    expect((await response.json()).data.administrator).toMatchObject({ name: candidate.name });
    expect(await smsTo(candidate.mobile, "UNIT_ADMIN_DESIGNATED")).toHaveLength(1);
    const audit = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "unit.administrator-designated", unitId: unit.id },
    });
    expect(audit).toMatchObject({ actorType: "UNIT", actorId: unit.id });
    expect(JSON.parse(audit.after!)).toMatchObject({ path: "UNIT_LOGIN", boundBefore: false });
    const handler = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
    const conflict = await postJson(
      built.app,
      `/api/units/${unit.id}/first-administrator`,
      { idNumber: handler.idNumber, name: handler.name },
      session.headers(),
    );
    expect((await conflict.json()).error.code).toBe("ADMIN_ALREADY_DESIGNATED");
  });
});

describe("R8 a candidate is refused with the exact reason and what would make it possible", () => {
  async function expectRefused(
    response: Response,
    code: string,
    status: number,
    unitId: string,
    adminId: string | null,
  ) {
    expect(response.status).toBe(status);
    const { error } = await response.json();
    expect(error).toMatchObject({ code, field: "idNumber" });
    expect(error.message).toEqual({ "zh-CN": expect.any(String), en: expect.any(String) });
    expect(await administratorOf(unitId)).toBe(adminId);
    return error;
  }

  it("R8 not a registered person (unknown ID number, or a name that does not match)", async () => {
    const { unit, admin, session } = await unitWith();
    const unknown = { idNumber: makeIdNumber("520102", "19990909", 998), name: "无此人" };
    const error = await expectRefused(
      await designate(session!, unit.id, unknown),
      "PERSON_NOT_FOUND",
      404,
      unit.id,
      admin!.id,
    );
    expect(error.details.remedy["zh-CN"]).toContain("个人注册");
    const member = await createPerson(database.db, { unitId: unit.id });
    await expectRefused(
      await designate(session!, unit.id, { idNumber: member.idNumber, name: "错误姓名" }),
      "PERSON_NOT_FOUND",
      404,
      unit.id,
      admin!.id,
    );
  });

  it("R8 bound to another unit", async () => {
    const { unit, admin, session } = await unitWith();
    const other = await createUnit(database.db);
    const elsewhere = await createPerson(database.db, { unitId: other.id });
    const error = await expectRefused(
      await designate(session!, unit.id, elsewhere),
      "CANDIDATE_BOUND_ELSEWHERE",
      409,
      unit.id,
      admin!.id,
    );
    expect(error.details.remedy).toEqual({
      "zh-CN": expect.stringContaining("退出"),
      en: expect.any(String),
    });
  });

  it("R7 holds a conflicting role: a title handler (title business), or another unit's administrator", async () => {
    const { unit, admin, session } = await unitWith();
    const handler = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
    const error = await expectRefused(
      await designate(session!, unit.id, handler),
      "CANDIDATE_HOLDS_CONFLICTING_ROLE",
      409,
      unit.id,
      admin!.id,
    );
    expect(error.details.roles).toEqual([
      { role: "TITLE_HANDLER", subsystem: "TITLE_REVIEW", unitId: unit.id },
    ]);
    expect(error.details.remedy["zh-CN"]).toContain("账号角色管理");
    expect(await activeRoles(handler.id, unit.id)).toEqual(["TITLE_HANDLER"]);
  });

  it("R10 has a title application in progress", async () => {
    const { unit, admin, session } = await unitWith();
    const applicant = await createPerson(database.db, { unitId: unit.id });
    await database.db.titleApplication.create({ data: { personId: applicant.id, status: "IN_PROGRESS" } });
    await expectRefused(
      await designate(session!, unit.id, applicant),
      "CANDIDATE_HAS_TITLE_APPLICATION",
      409,
      unit.id,
      admin!.id,
    );
    expect(await activeRoles(admin!.id, unit.id)).toEqual(["UNIT_ADMIN"]);
  });

  it("R18 is disabled", async () => {
    const { unit, admin, session } = await unitWith();
    const disabled = await createPerson(database.db, { unitId: unit.id });
    await database.db.person.update({ where: { id: disabled.id }, data: { status: "DISABLED" } });
    const error = await expectRefused(
      await designate(session!, unit.id, disabled),
      "CANDIDATE_DISABLED",
      409,
      unit.id,
      admin!.id,
    );
    expect(error.details.remedy["zh-CN"]).toContain("启用");
  });

  it("R16 has a binding request to another unit waiting (its acceptance would take the office away)", async () => {
    const { unit, admin, session } = await unitWith();
    const other = await createUnit(database.db);
    const mover = await createPerson(database.db);
    await database.db.bindingRequest.create({
      data: {
        requestNumber: `BDTEST${mover.id.slice(0, 8)}`,
        personId: mover.id,
        unitId: other.id,
        openPersonId: mover.id,
        pledgeAcceptedAt: new Date(),
        workflowId: `BindingRequest:${mover.id}`,
      },
    });
    const error = await expectRefused(
      await designate(session!, unit.id, mover),
      "CANDIDATE_BINDING_REQUEST_OPEN",
      409,
      unit.id,
      admin!.id,
    );
    expect(error.details.remedy["zh-CN"]).toContain("撤回");
    expect(JSON.stringify(error)).not.toContain(other.name);
  });

  it("R8 is the administrator already", async () => {
    const { unit, admin, session } = await unitWith();
    await expectRefused(
      await designate(session!, unit.id, admin!),
      "CANDIDATE_IS_CURRENT_ADMIN",
      409,
      unit.id,
      admin!.id,
    );
  });

  it("R8 the check gives the same refusals", async () => {
    const { unit, admin, session } = await unitWith();
    const handler = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
    await expectRefused(
      await check(session!, unit.id, handler),
      "CANDIDATE_HOLDS_CONFLICTING_ROLE",
      409,
      unit.id,
      admin!.id,
    );
  });
});

describe("R7 exactly one administrator per unit, even when designations race", () => {
  it("R7 two designations by the current administrator at once: one wins, the other is told the office changed", async () => {
    const { unit, session } = await unitWith();
    const [first, second] = [await createPerson(database.db), await createPerson(database.db)];
    const responses = await Promise.all([
      designate(session!, unit.id, first),
      designate(session!, unit.id, second),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = responses.find((r) => r.status === 409)!;
    expect((await loser.json()).error.code).toBe("ADMIN_CHANGED");
    expect(
      await database.db.roleBinding.count({
        where: { unitId: unit.id, role: "UNIT_ADMIN", revokedAt: null },
      }),
    ).toBe(1);
    const winner = (await administratorOf(unit.id))!;
    const loserPerson = winner === first.id ? second : first;
    // The loser's candidate was not bound to the unit either: its transaction rolled back whole.
    expect(await database.db.binding.findUnique({ where: { activePersonId: loserPerson.id } })).toBeNull();
  });

  it("R7 the superior's administrator and the unit login at once: one wins", async () => {
    const superior = await unitWith();
    const { unit } = await unitWith({ admin: false, parentUnitId: superior.unit.id });
    const login = await unitSession(unit.id);
    const [a, b] = [await createPerson(database.db), await createPerson(database.db)];
    const responses = await Promise.all([
      designate(superior.session!, unit.id, a),
      postJson(
        built.app,
        `/api/units/${unit.id}/first-administrator`,
        { idNumber: b.idNumber, name: b.name },
        login.headers(),
      ),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = responses.find((r) => r.status === 409)!;
    expect((await loser.json()).error.code).toBe("ADMIN_ALREADY_DESIGNATED");
    expect(
      await database.db.roleBinding.count({
        where: { unitId: unit.id, role: "UNIT_ADMIN", revokedAt: null },
      }),
    ).toBe(1);
  });
});

describe("R12 admin succession needs the administrator in a real-person session", () => {
  it("R12 refuses a password session and a handler", async () => {
    const { unit, admin } = await unitWith();
    const candidate = await createPerson(database.db, { unitId: unit.id });
    const password = await passwordLogin(built.app, admin!.idNumber);
    const refused = await designate(password, unit.id, candidate);
    expect((await refused.json()).error.code).toBe("REAL_PERSON_SESSION_REQUIRED");
    const handler = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" as Role });
    const byHandler = await designate(await realPersonSession(database.db, handler.id), unit.id, candidate);
    expect((await byHandler.json()).error.code).toBe("FORBIDDEN_ROLE");
    expect(await administratorOf(unit.id)).toBe(admin!.id);
  });
});

describe("issue 11.4: an administrator cannot probe who is registered through R8's check or designation", () => {
  it("after 5 refusals (checks or designations) the administrator is held back with DESIGNATION_THROTTLED, even for an eligible person; a check that passes is not counted", async () => {
    const { unit, session } = await unitWith();
    const member = await createPerson(database.db, { unitId: unit.id });
    // A check that passes is what a designator does before designating: it is not a guess.
    for (let i = 0; i < 6; i++) expect((await check(session!, unit.id, member)).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      const guess = { idNumber: makeIdNumber("520102", "19800101", 600 + i), name: "张三" };
      const refused = await (i % 2 ? designate : check)(session!, unit.id, guess);
      expect((await refused.json()).error.code).toBe("PERSON_NOT_FOUND");
    }
    for (const ask of [check, designate]) {
      const held = await ask(session!, unit.id, member);
      expect(held.status).toBe(429);
      const { error } = await held.json();
      expect(error.code).toBe("DESIGNATION_THROTTLED");
      expect(error.details.retryAfterSeconds).toBeGreaterThan(0);
    }
    expect(await administratorOf(unit.id)).not.toBe(member.id);
  });
});
