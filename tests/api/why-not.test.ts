// "Why can't I" (issue 9 item 5) on a real SQLite file: every refusal a console user can meet for an
// authorization or business rule carries an Explanation in `details` (domain/errors.ts): the rule, a
// remedy in zh-CN and en, and the people who can help with masked names: the unit's administrator,
// the superior unit's or the regional HR department's administrator for a unit without one (R8),
// whoever claimed a task. GET /api/explanations answers the same texts before the console disables a
// control. A stranger to a unit learns neither its name nor its people.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPLAINED_REFUSALS } from "../../domain/errors.js";
import { maskName } from "../../domain/masking.js";
import { explainRefusal } from "../../lib/explanations.js";
import { seedBaseline } from "../../prisma/seed/seed.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createPerson, createUnit, PASSWORD, passwordLogin, realPersonSession } from "../support/people.js";
import { ORIGIN, postJson } from "../support/registration.js";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>["app"];
let people: Awaited<ReturnType<typeof seedBaseline>>;

beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedBaseline(database.db, "Guizhou@2026");
  app = createTestApp(database).app;
});
afterAll(() => database.close());

type Session = { headers(extra?: Record<string, string>): Record<string, string> };
type Person = Awaited<ReturnType<typeof createPerson>>;

const GUIYANG_HR = "贵阳市人力资源和社会保障局";

const get = (session: Session, path: string) =>
  app.request(`${ORIGIN}${path}`, { headers: session.headers() });

type Explained = {
  code: string;
  message: { "zh-CN": string; en: string };
  details: {
    rule?: string;
    remedy: { "zh-CN": string; en: string };
    contacts?: {
      role: string;
      roleLabel: { "zh-CN": string; en: string };
      name: string | null;
      unitName: string;
    }[];
  };
};

/** The refusal, checked to carry a remedy in both languages (and the code and status expected). */
async function refusal(response: Response, code: string, status: number): Promise<Explained> {
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(status);
  const error = body.error as Explained;
  expect(error.code).toBe(code);
  expect(error.details.remedy).toEqual({ "zh-CN": expect.any(String), en: expect.any(String) });
  expect(error.details.remedy["zh-CN"].length).toBeGreaterThan(4);
  expect(error.details.remedy.en.length).toBeGreaterThan(4);
  return error;
}

/** A unit with an administrator, a handler and a plain member, all with Chinese names. */
async function staffedUnit(options: { parentUnitId?: string; admin?: boolean } = {}) {
  const unit = await createUnit(database.db);
  if (options.parentUnitId) {
    await database.db.unit.update({ where: { id: unit.id }, data: { parentUnitId: options.parentUnitId } });
  }
  const admin =
    options.admin === false
      ? null
      : await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN", name: "周杰伦" });
  const handler = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER", name: "吴迪" });
  const member = await createPerson(database.db, { unitId: unit.id, name: "郑爽" });
  return { unit, admin, handler, member };
}

const session = (person: Person) => realPersonSession(database.db, person.id);

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

const adminContact = (unitName: string) =>
  expect.objectContaining({ role: "UNIT_ADMIN", name: maskName("周杰伦"), unitName });

describe("the authorization gate's refusals say what would make the action possible", () => {
  it("R9 FORBIDDEN_ROLE on a unit-staff route names the role and the unit's administrator (masked) who grants it", async () => {
    const { unit, member } = await staffedUnit();
    const error = await refusal(
      await get(await session(member), `/api/units/${unit.id}/accounts`),
      "FORBIDDEN_ROLE",
      403,
    );
    expect(error.details.rule).toBe("R9");
    expect(error.details.remedy["zh-CN"]).toContain("职称经办");
    expect(error.details.remedy["zh-CN"]).toContain(`请联系单位管理员${maskName("周杰伦")}授予`);
    expect(error.details.remedy.en).toContain(maskName("周杰伦"));
    expect(error.details.contacts).toEqual([adminContact(unit.name)]);
    expect(JSON.stringify(error)).not.toContain("周杰伦");
  });

  it("R8 FORBIDDEN_ROLE in a unit without an administrator: ask the superior unit's administrator to designate one", async () => {
    const superior = await staffedUnit();
    const { unit, member } = await staffedUnit({ parentUnitId: superior.unit.id, admin: false });
    const error = await refusal(
      await get(await session(member), `/api/units/${unit.id}/accounts`),
      "FORBIDDEN_ROLE",
      403,
    );
    expect(error.details.remedy["zh-CN"]).toContain(
      `该单位尚无管理员：请上级单位${superior.unit.name}的管理员指定`,
    );
    expect(error.details.remedy["zh-CN"]).toContain(maskName("周杰伦"));
    expect(error.details.contacts).toEqual([adminContact(superior.unit.name)]);
  });

  it("R8 a unit with neither: the administrator of the region's HR department designates", async () => {
    const { unit, member } = await staffedUnit({ admin: false });
    const error = await refusal(
      await get(await session(member), `/api/units/${unit.id}/accounts`),
      "FORBIDDEN_ROLE",
      403,
    );
    expect(error.details.remedy["zh-CN"]).toContain(`请所在统筹区的人社部门${GUIYANG_HR}的管理员指定`);
    const hrAdmin = people.find((p) => p.role === "UNIT_ADMIN" && p.unitName === GUIYANG_HR)!;
    expect(error.details.contacts).toEqual([
      expect.objectContaining({ role: "UNIT_ADMIN", name: maskName(hrAdmin.name), unitName: GUIYANG_HR }),
    ]);
  });

  it("R9 a person bound to no unit is told to bind first", async () => {
    const loner = await createPerson(database.db, { name: "钱多" });
    const { unit } = await staffedUnit();
    const error = await refusal(
      await get(await session(loner), `/api/units/${unit.id}/accounts`),
      "FORBIDDEN_ROLE",
      403,
    );
    expect(error.details.remedy["zh-CN"]).toContain("绑定");
    expect(error.details.contacts ?? []).toEqual([]);
  });

  it("R12 REAL_PERSON_SESSION_REQUIRED: raise the session with the QR step-up", async () => {
    const { unit, admin } = await staffedUnit();
    const error = await refusal(
      await get(await passwordLogin(app, admin!.idNumber), `/api/units/${unit.id}/accounts`),
      "REAL_PERSON_SESSION_REQUIRED",
      403,
    );
    expect(error.details.rule).toBe("R12");
    expect(error.details.remedy["zh-CN"]).toContain("扫描二维码");
    expect(error.details.remedy.en).toContain("QR code");
  });

  it("R6 UNIT_SESSION_NOT_ALLOWED: log in personally; the unit's administrator is named", async () => {
    const { unit } = await staffedUnit();
    const error = await refusal(
      await get(await unitSession(unit.id), "/api/title-applications"),
      "UNIT_SESSION_NOT_ALLOWED",
      403,
    );
    expect(error.details.rule).toBe("R6");
    expect(error.details.remedy["zh-CN"]).toContain("个人账号");
    expect(error.details.contacts).toEqual([adminContact(unit.name)]);
  });

  it("R7 FORBIDDEN_UNIT_SCOPE for another unit tells the rule, but not that unit's name or people", async () => {
    const own = await staffedUnit();
    const other = await staffedUnit();
    const error = await refusal(
      await get(await session(own.handler), `/api/units/${other.unit.id}/accounts`),
      "FORBIDDEN_UNIT_SCOPE",
      403,
    );
    expect(error.details.rule).toBe("R7");
    expect(error.details.contacts ?? []).toEqual([]);
    expect(JSON.stringify(error)).not.toContain(other.unit.name);
  });
});

describe("business rules' refusals name the rule and who can help", () => {
  it("R10 a handler cannot apply: the remedy names the administrator (masked) who revokes the role", async () => {
    const { unit, handler } = await staffedUnit();
    const error = await refusal(
      await postJson(
        app,
        "/api/title-applications",
        { submissionId: randomUUID() },
        (await session(handler)).headers(),
      ),
      "TITLE_APPLICATION_EXCLUDED_BY_ROLE",
      409,
    );
    expect(error.details.rule).toBe("R10");
    expect(error.details.remedy["zh-CN"]).toContain("账号角色管理");
    expect(error.details.remedy.en).toContain("revoke");
    expect(error.details.contacts).toEqual([adminContact(unit.name)]);
  });

  it("R10 a person with an application in progress is not granted a handler role: until it ends", async () => {
    const { unit, admin, member } = await staffedUnit();
    await database.db.titleApplication.create({ data: { personId: member.id, status: "IN_PROGRESS" } });
    const error = await refusal(
      await postJson(
        app,
        "/api/role-bindings",
        { personId: member.id, unitId: unit.id, subsystem: "TITLE_REVIEW", role: "TITLE_HANDLER" },
        (await session(admin!)).headers(),
      ),
      "CANDIDATE_HAS_TITLE_APPLICATION",
      409,
    );
    expect(error.details.rule).toBe("R10");
    expect(error.details.remedy["zh-CN"]).toContain("撤回");
  });

  it("R9 FORBIDDEN_ROLE_GRANT names who grants the role; in a unit without an administrator, the superior's", async () => {
    const { unit, handler, member } = await staffedUnit();
    const grant = { personId: member.id, unitId: unit.id, subsystem: "TITLE_REVIEW", role: "TITLE_HANDLER" };
    const error = await refusal(
      await postJson(app, "/api/role-bindings", grant, (await session(handler)).headers()),
      "FORBIDDEN_ROLE_GRANT",
      403,
    );
    expect(error.details.rule).toBe("R9");
    expect(error.details.contacts).toEqual([adminContact(unit.name)]);
    expect(error.details.remedy["zh-CN"]).toContain(`请联系单位管理员${maskName("周杰伦")}办理`);

    const orphan = await staffedUnit({ admin: false });
    const noGranter = await refusal(
      await postJson(
        app,
        "/api/role-bindings",
        { ...grant, personId: orphan.member.id, unitId: orphan.unit.id },
        (await session(orphan.handler)).headers(),
      ),
      "FORBIDDEN_ROLE_GRANT",
      403,
    );
    expect(noGranter.details.remedy["zh-CN"]).toContain("该单位尚无管理员");
    expect(noGranter.details.contacts).toEqual([expect.objectContaining({ unitName: GUIYANG_HR })]);
  });

  it("R8 ROLE_NOT_GRANTABLE: the administrator is handed on by the current one, who is named", async () => {
    const { unit, admin, member } = await staffedUnit();
    const error = await refusal(
      await postJson(
        app,
        "/api/role-bindings",
        { personId: member.id, unitId: unit.id, subsystem: "PORTAL", role: "UNIT_ADMIN" },
        (await session(admin!)).headers(),
      ),
      "ROLE_NOT_GRANTABLE",
      409,
    );
    expect(error.details.rule).toBe("R8");
    expect(error.details.contacts).toEqual([adminContact(unit.name)]);
  });

  it("R8 SUCCESSION_NOT_AUTHORIZED names who designates, masked", async () => {
    // A unit of 南明区 without administrator or superior: 贵阳市's HR department designates, not the province.
    const { unit } = await staffedUnit({ admin: false });
    const provincial = people.find(
      (p) => p.role === "UNIT_ADMIN" && p.unitName === "贵州省人力资源和社会保障厅",
    )!;
    const provincialAdmin = await database.db.person.findUniqueOrThrow({
      where: { idNumber: provincial.idNumber },
    });
    const candidate = await createPerson(database.db, { name: "王五" });
    const error = await refusal(
      await postJson(
        app,
        `/api/units/${unit.id}/admin-succession`,
        { idNumber: candidate.idNumber, name: candidate.name },
        (await session(provincialAdmin)).headers(),
      ),
      "SUCCESSION_NOT_AUTHORIZED",
      403,
    );
    const hrAdmin = people.find((p) => p.role === "UNIT_ADMIN" && p.unitName === GUIYANG_HR)!;
    expect(error.details.rule).toBe("R8");
    expect(error.details.contacts).toEqual([
      expect.objectContaining({ role: "UNIT_ADMIN", name: maskName(hrAdmin.name), unitName: GUIYANG_HR }),
    ]);
    expect(error.details.remedy["zh-CN"]).toContain(maskName(hrAdmin.name));
    expect(error.details.remedy["zh-CN"]).not.toContain(hrAdmin.name);
  });

  it("R18 only the administrator re-enables a disabled account: the handler is told whom to ask", async () => {
    const { unit, handler, member } = await staffedUnit();
    await database.db.person.update({ where: { id: member.id }, data: { status: "DISABLED" } });
    const error = await refusal(
      await postJson(
        app,
        `/api/units/${unit.id}/accounts/${member.id}/status`,
        { status: "ENABLED" },
        (await session(handler)).headers(),
      ),
      "ONLY_ADMIN_ENABLES",
      403,
    );
    expect(error.details.rule).toBe("R18");
    expect(error.details.remedy["zh-CN"]).toContain(`请联系单位管理员${maskName("周杰伦")}启用`);
    expect(error.details.contacts).toEqual([adminContact(unit.name)]);
  });

  it("R17 R18 exit refusals: a disabled account is enabled first, the administrator hands the office on first, nobody exits themselves", async () => {
    const { unit, admin, handler, member } = await staffedUnit();
    const handlerSession = await session(handler);
    const exit = (personId: string, by: Session) =>
      postJson(
        app,
        `/api/units/${unit.id}/accounts/${personId}/exit`,
        { reason: "调离本单位" },
        by.headers(),
      );
    await database.db.person.update({ where: { id: member.id }, data: { status: "DISABLED" } });
    const disabled = await refusal(await exit(member.id, handlerSession), "CANNOT_EXIT_DISABLED", 409);
    expect(disabled.details.rule).toBe("R18");
    expect(disabled.details.contacts).toEqual([adminContact(unit.name)]);
    const office = await refusal(await exit(admin!.id, handlerSession), "CANNOT_EXIT_ADMINISTRATOR", 409);
    expect(office.details.rule).toBe("R8");
    expect(office.details.remedy["zh-CN"]).toContain("更换管理员");
    const own = await refusal(await exit(handler.id, handlerSession), "CANNOT_CHANGE_OWN_ACCOUNT", 409);
    expect(own.details.contacts).toEqual([adminContact(unit.name)]);
  });

  it("a task claimed by someone else names them (masked) and what to do", async () => {
    const { unit, admin, handler } = await staffedUnit();
    const task = await database.db.humanTask.create({
      data: {
        workflowId: `wf-why-${unit.id}`,
        kind: "bindingRequestReview",
        requestType: "BINDING_REQUEST",
        requestId: `req-why-${unit.id}`,
        queue: "UNIT",
        unitId: unit.id,
        title: "why-not task",
        status: "CLAIMED",
        assigneeId: handler.id,
      },
    });
    const error = await refusal(
      await postJson(app, `/api/tasks/${task.id}/claim`, {}, (await session(admin!)).headers()),
      "TASK_CLAIMED_BY_OTHER",
      409,
    );
    expect(error.details.remedy["zh-CN"]).toContain(maskName("吴迪"));
    expect(error.details.contacts).toEqual([
      expect.objectContaining({ role: "TASK_ASSIGNEE", name: maskName("吴迪"), unitName: unit.name }),
    ]);
  });

  it("R8 an administrator asking to join another unit hands the office on first", async () => {
    const { admin } = await staffedUnit();
    const other = await staffedUnit();
    const error = await refusal(
      await postJson(
        app,
        "/api/binding-requests",
        { unitName: other.unit.name, pledgeAccepted: true, submissionId: crypto.randomUUID() },
        (await session(admin!)).headers(),
      ),
      "ADMIN_MUST_HAND_OVER",
      409,
    );
    expect(error.details.rule).toBe("R8");
  });

  it("R18 a disabled account's login is told to ask the unit's administrator", async () => {
    const { member } = await staffedUnit();
    await database.db.person.update({ where: { id: member.id }, data: { status: "DISABLED" } });
    const error = await refusal(
      await postJson(app, "/api/auth/login", { account: member.idNumber, password: PASSWORD }),
      "AUTH_ACCOUNT_DISABLED",
      403,
    );
    expect(error.details.rule).toBe("R18");
  });

  it("every explained code has a remedy in both languages, whoever asks", async () => {
    const { unit, handler } = await staffedUnit();
    const handlerActor = {
      kind: "PERSON" as const,
      personId: handler.id,
      strength: "REAL_PERSON" as const,
      roles: [{ role: "TITLE_HANDLER" as const, subsystem: "TITLE_REVIEW" as const, unitId: unit.id }],
      unitId: unit.id,
    };
    for (const actor of [null, handlerActor]) {
      for (const code of EXPLAINED_REFUSALS) {
        const { remedy } = await explainRefusal(database.db, code, { actor, unitId: unit.id });
        expect(remedy["zh-CN"], code).toMatch(/\S{4}/);
        expect(remedy.en, code).toMatch(/\w{4}/);
      }
    }
  });
});

describe("GET /api/explanations: the same texts before the console disables a control", () => {
  it("R18 a handler's disabled 启用 says what the refusal would say", async () => {
    const { unit, handler, member } = await staffedUnit();
    const handlerSession = await session(handler);
    const response = await get(
      handlerSession,
      `/api/explanations?codes=ONLY_ADMIN_ENABLES&unitId=${unit.id}`,
    );
    expect(response.status).toBe(200);
    const { data } = await response.json();
    await database.db.person.update({ where: { id: member.id }, data: { status: "DISABLED" } });
    const refused = await postJson(
      app,
      `/api/units/${unit.id}/accounts/${member.id}/status`,
      { status: "ENABLED" },
      handlerSession.headers(),
    );
    const { error } = await refused.json();
    expect(data).toEqual([
      { code: "ONLY_ADMIN_ENABLES", message: error.message, details: expect.objectContaining(error.details) },
    ]);
  });

  it("R10 the title application's exclusion is answered only to those who hold an excluding role", async () => {
    const { unit, handler, member } = await staffedUnit();
    const ask = async (person: Person) =>
      (
        await (
          await get(await session(person), "/api/explanations?codes=TITLE_APPLICATION_EXCLUDED_BY_ROLE")
        ).json()
      ).data;
    const [excluded] = await ask(handler);
    expect(excluded.code).toBe("TITLE_APPLICATION_EXCLUDED_BY_ROLE");
    expect(excluded.message["zh-CN"]).toContain(unit.name);
    expect(excluded.details.contacts).toEqual([adminContact(unit.name)]);
    expect(await ask(member)).toEqual([]);
  });

  it("R8 the administrator's disabled role switch names who hands the office on", async () => {
    const { unit, admin } = await staffedUnit();
    const { data } = await (
      await get(await session(admin!), `/api/explanations?codes=ROLE_NOT_GRANTABLE&unitId=${unit.id}`)
    ).json();
    expect(data[0].details).toMatchObject({ rule: "R8", contacts: [adminContact(unit.name)] });
    expect(data[0].details.remedy["zh-CN"]).toContain("只能由现任管理员办理");
  });

  it("a stranger learns nothing about a unit's people; unknown codes are refused", async () => {
    const { unit } = await staffedUnit();
    const stranger = await staffedUnit();
    const { data } = await (
      await get(
        await session(stranger.handler),
        `/api/explanations?codes=ONLY_ADMIN_ENABLES&unitId=${unit.id}`,
      )
    ).json();
    expect(data[0].details.contacts).toEqual([]);
    expect(JSON.stringify(data)).not.toContain(unit.name);
    const unknown = await get(await session(stranger.handler), "/api/explanations?codes=NOT_A_CODE");
    expect(unknown.status).toBe(400);
  });
});
