// The unit's accounts (统一门户子系统) on a real SQLite file: the list (R24), exit (R17),
// enable/disable (R18) and completing names (R19), each scoped to the unit and to real-person
// sessions (R12).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LIST_COUNT_LIMIT } from "../../api/routes/list-query.js";
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

type Session = { headers(extra?: Record<string, string>): Record<string, string> };
let unit: Awaited<ReturnType<typeof createUnit>>;
let admin: Awaited<ReturnType<typeof createPerson>>;
let handler: Awaited<ReturnType<typeof createPerson>>;
let member: Awaited<ReturnType<typeof createPerson>>;
let adminSession: Session;
let handlerSession: Session;

beforeEach(async () => {
  unit = await createUnit(database.db);
  admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
  handler = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
  member = await createPerson(database.db, { unitId: unit.id });
  adminSession = await realPersonSession(database.db, admin.id);
  handlerSession = await realPersonSession(database.db, handler.id);
});

const get = (session: Session, path: string) => app.request(path, { headers: session.headers() });
const accountsPath = () => `/api/units/${unit.id}/accounts`;
const setStatus = (session: Session, personId: string, status: string) =>
  postJson(app, `${accountsPath()}/${personId}/status`, { status }, session.headers());

describe("R24 the unit's account list", () => {
  it("R24 administrators and handlers list every account bound to the unit, masked", async () => {
    for (const session of [adminSession, handlerSession]) {
      const { data, total } = await (await get(session, accountsPath())).json();
      expect(total).toBe(3);
      const row = data.find((a: { personId: string }) => a.personId === member.id);
      expect(row.idNumberMasked).toMatch(/^\d{6}\*+\d{3}[\dX]$|^\d{3}\*+/);
      expect(row.idNumberMasked).not.toBe(member.idNumber);
      expect(row.mobileMasked).toContain("****");
      expect(JSON.stringify(data)).not.toContain(member.idNumber);
      expect(data.find((a: { personId: string }) => a.personId === admin.id).roles).toEqual(["UNIT_ADMIN"]);
    }
  });

  it("R24 searches by name or full ID number, and pages", async () => {
    const byName = await (
      await get(adminSession, `${accountsPath()}?q=${encodeURIComponent(member.name!)}`)
    ).json();
    expect(byName.data.map((a: { personId: string }) => a.personId)).toEqual([member.id]);
    const byId = await (await get(adminSession, `${accountsPath()}?q=${member.idNumber}`)).json();
    expect(byId.data.map((a: { personId: string }) => a.personId)).toEqual([member.id]);
    // The number names one person: someone bound elsewhere, or nobody, is not in this unit's list.
    const other = await createUnit(database.db);
    const outsider = await createPerson(database.db, { unitId: other.id });
    for (const idNumber of [outsider.idNumber, "110101199001010000"]) {
      const none = await (await get(adminSession, `${accountsPath()}?q=${idNumber}`)).json();
      expect(none).toEqual({ data: [], total: 0, countLimit: LIST_COUNT_LIMIT, capped: [] });
    }
    const page = await (await get(adminSession, `${accountsPath()}?pageSize=2&page=2`)).json();
    expect(page).toMatchObject({ total: 3 });
    expect(page.data).toHaveLength(1);
  });

  it("R24 filters by status and lists by binding time, newest first or oldest first", async () => {
    const people = [admin, handler, member];
    for (const [day, person] of people.entries()) {
      await database.db.binding.updateMany({
        where: { activePersonId: person.id },
        data: { startedAt: new Date(Date.UTC(2025, 0, 1 + day)) },
      });
    }
    await database.db.person.update({ where: { id: member.id }, data: { status: "DISABLED" } });
    try {
      const list = async (query: string) => {
        const body = await (await get(adminSession, `${accountsPath()}?${query}`)).json();
        return { ids: body.data.map((a: { personId: string }) => a.personId), total: body.total };
      };
      expect(await list("")).toEqual({ ids: [member.id, handler.id, admin.id], total: 3 });
      expect(await list("sort=boundAt&order=asc")).toEqual({
        ids: [admin.id, handler.id, member.id],
        total: 3,
      });
      expect(await list("status=DISABLED")).toEqual({ ids: [member.id], total: 1 });
      expect(await list("status=ENABLED&pageSize=1&page=2")).toEqual({ ids: [admin.id], total: 2 });
    } finally {
      await database.db.person.update({ where: { id: member.id }, data: { status: "ENABLED" } });
    }
  });

  it("R12 a password session is refused; R24 another unit's staff and plain members are refused", async () => {
    const password = await passwordLogin(app, admin.idNumber);
    const refused = await get(password, accountsPath());
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe("REAL_PERSON_SESSION_REQUIRED");
    const other = await createUnit(database.db);
    const otherAdmin = await createPerson(database.db, { unitId: other.id, role: "UNIT_ADMIN" });
    const foreign = await get(await realPersonSession(database.db, otherAdmin.id), accountsPath());
    expect((await foreign.json()).error.code).toBe("FORBIDDEN_UNIT_SCOPE");
    const plain = await get(await realPersonSession(database.db, member.id), accountsPath());
    expect((await plain.json()).error.code).toBe("FORBIDDEN_ROLE");
  });
});

describe("R17 exit", () => {
  it("R17 a handler exits a person: the binding and the person's unit roles end, with a reason", async () => {
    const leaving = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
    const response = await postJson(
      app,
      `${accountsPath()}/${leaving.id}/exit`,
      { reason: "已离职" },
      handlerSession.headers(),
    );
    expect(response.status).toBe(204);
    const binding = await database.db.binding.findFirstOrThrow({ where: { personId: leaving.id } });
    expect(binding).toMatchObject({ activePersonId: null, endReason: "EXITED", endedById: handler.id });
    const roles = await database.db.roleBinding.findMany({ where: { personId: leaving.id } });
    expect(roles.every((r) => r.revokedAt !== null && r.activeKey === null)).toBe(true);
    const audit = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "binding.exited", targetId: binding.id },
    });
    expect(audit.after).toContain("已离职");
    expect(
      await database.db.smsMessage.count({ where: { mobile: leaving.mobile, template: "ACCOUNT_EXITED" } }),
    ).toBe(1);
    const again = await postJson(
      app,
      `${accountsPath()}/${leaving.id}/exit`,
      { reason: "已离职" },
      handlerSession.headers(),
    );
    expect((await again.json()).error.code).toBe("ACCOUNT_NOT_IN_UNIT");
  });

  it("R17 a disabled account is enabled before it can be exited (R18: no unit could enable it after)", async () => {
    await setStatus(handlerSession, member.id, "DISABLED");
    const exit = await postJson(
      app,
      `${accountsPath()}/${member.id}/exit`,
      { reason: "已离职" },
      handlerSession.headers(),
    );
    expect((await exit.json()).error.code).toBe("CANNOT_EXIT_DISABLED");
    expect(
      await database.db.binding.count({ where: { personId: member.id, activePersonId: member.id } }),
    ).toBe(1);
  });

  it("R17 the administrator cannot be exited, a reason is required, nobody exits themselves", async () => {
    const adminExit = await postJson(
      app,
      `${accountsPath()}/${admin.id}/exit`,
      { reason: "测试" },
      handlerSession.headers(),
    );
    expect((await adminExit.json()).error.code).toBe("CANNOT_EXIT_ADMINISTRATOR");
    const noReason = await postJson(
      app,
      `${accountsPath()}/${member.id}/exit`,
      { reason: "" },
      handlerSession.headers(),
    );
    expect((await noReason.json()).error).toMatchObject({ code: "VALIDATION_FAILED", field: "reason" });
    const self = await postJson(
      app,
      `${accountsPath()}/${handler.id}/exit`,
      { reason: "测试" },
      handlerSession.headers(),
    );
    expect((await self.json()).error.code).toBe("CANNOT_CHANGE_OWN_ACCOUNT");
    expect(
      await database.db.binding.count({ where: { unitId: unit.id, activePersonId: { not: null } } }),
    ).toBe(3);
  });
});

describe("R18 enable and disable", () => {
  it("R18 a handler disables; the person's sessions end and they cannot log in; only the administrator re-enables", async () => {
    const memberSession = await passwordLogin(app, member.idNumber);
    expect((await get(memberSession, "/api/auth/me")).status).toBe(200);

    const disabled = await setStatus(handlerSession, member.id, "DISABLED");
    expect((await disabled.json()).data.status).toBe("DISABLED");
    expect((await get(memberSession, "/api/auth/me")).status).toBe(401);
    const login = await postJson(app, "/api/auth/login", { account: member.idNumber, password: PASSWORD });
    expect((await login.json()).error.code).toBe("AUTH_ACCOUNT_DISABLED");

    const byHandler = await setStatus(handlerSession, member.id, "ENABLED");
    expect(byHandler.status).toBe(403);
    expect((await byHandler.json()).error.code).toBe("ONLY_ADMIN_ENABLES");
    const byAdmin = await setStatus(adminSession, member.id, "ENABLED");
    expect((await byAdmin.json()).data.status).toBe("ENABLED");
    expect(
      (await postJson(app, "/api/auth/login", { account: member.idNumber, password: PASSWORD })).status,
    ).toBe(200);
    const audits = await database.db.auditEvent.findMany({
      where: { targetId: member.id, action: { startsWith: "person." } },
    });
    expect(audits.map((a) => a.action).sort()).toEqual(["person.disabled", "person.enabled"]);
  });

  it("issue 13.6: a disabled person's next request is answered ACCOUNT_DISABLED naming the unit; their login names it too", async () => {
    const memberSession = await passwordLogin(app, member.idNumber);
    await setStatus(handlerSession, member.id, "DISABLED");
    const me = await get(memberSession, "/api/auth/me");
    expect(me.status).toBe(401);
    const { error } = await me.json();
    expect(error.code).toBe("ACCOUNT_DISABLED");
    expect(error.message).toEqual({
      "zh-CN": `您的账号已被${unit.name}停用，已退出登录`,
      en: `Your account was disabled by ${unit.name}; you have been signed out`,
    });
    expect(error.details).toMatchObject({ rule: "R18", unitId: unit.id, unitName: unit.name });
    // Any route, not only /me: the end of the session is told wherever the console meets it.
    const list = await get(memberSession, "/api/me/requests");
    expect((await list.json()).error.code).toBe("ACCOUNT_DISABLED");
    const login = await postJson(app, "/api/auth/login", { account: member.idNumber, password: PASSWORD });
    expect(login.status).toBe(403);
    const refused = (await login.json()).error;
    expect(refused.code).toBe("AUTH_ACCOUNT_DISABLED");
    expect(refused.message["zh-CN"]).toBe(`您的账号已被${unit.name}停用，暂时不能登录`);
    // Once enabled, a stale cookie is just signed out (AUTH_REQUIRED), nothing more.
    await setStatus(adminSession, member.id, "ENABLED");
    expect((await (await get(memberSession, "/api/auth/me")).json()).error.code).toBe("AUTH_REQUIRED");
  });

  it("issue 13.6: disabling, enabling and exiting each send the person one SMS naming the unit", async () => {
    await setStatus(handlerSession, member.id, "DISABLED");
    // Asked again (a double click), nothing changes and nothing more is sent.
    await setStatus(handlerSession, member.id, "DISABLED");
    await setStatus(adminSession, member.id, "ENABLED");
    await postJson(
      app,
      `${accountsPath()}/${member.id}/exit`,
      { reason: "调离本单位" },
      handlerSession.headers(),
    );
    const messages = await database.db.smsMessage.findMany({
      where: { mobile: member.mobile },
      orderBy: { createdAt: "asc" },
    });
    expect(messages.map((m) => m.template)).toEqual([
      "ACCOUNT_DISABLED",
      "ACCOUNT_ENABLED",
      "ACCOUNT_EXITED",
    ]);
    expect(messages.map((m) => m.body)).toEqual([
      `【贵州人社】您的个人账号已被${unit.name}停用，暂时不能登录平台，如有疑问请联系该单位。`,
      `【贵州人社】您的个人账号已被${unit.name}重新启用，可以正常登录平台。`,
      `【贵州人社】您的个人账号已被${unit.name}办理退出该单位，在该单位的角色同时取消，如有疑问请联系该单位。原因：调离本单位。`,
    ]);
    expect(new Set(messages.map((m) => m.idempotencyKey)).size).toBe(3);
  });

  it("issue 13.6: the exit shows in the person's 我的申请: the unit, when, who (masked) and why", async () => {
    await postJson(
      app,
      `${accountsPath()}/${member.id}/exit`,
      { reason: "调离本单位" },
      handlerSession.headers(),
    );
    const memberSession = await passwordLogin(app, member.idNumber);
    const { data } = await (await get(memberSession, "/api/me/requests")).json();
    const exit = data.find((r: { type: string }) => r.type === "UNIT_EXIT");
    expect(exit).toMatchObject({
      unit: { id: unit.id, name: unit.name },
      reason: "调离本单位",
      exitedByName: expect.stringMatching(/^\p{Script=Han}\*+$/u),
    });
    expect(exit.exitedByName).not.toBe(handler.name);
    expect(Date.parse(exit.submittedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("R18 a handler cannot disable the administrator, nobody disables themselves", async () => {
    expect((await (await setStatus(handlerSession, admin.id, "DISABLED")).json()).error.code).toBe(
      "ONLY_ADMIN",
    );
    expect((await (await setStatus(adminSession, admin.id, "DISABLED")).json()).error.code).toBe(
      "CANNOT_CHANGE_OWN_ACCOUNT",
    );
  });
});

describe("R19 completing names", () => {
  it("R19 the administrator completes a missing name; a handler cannot; an existing name stays", async () => {
    const nameless = await createPerson(database.db, { unitId: unit.id, name: null });
    const listed = await (await get(adminSession, `${accountsPath()}?nameMissing=true`)).json();
    expect(listed.data.map((a: { personId: string }) => a.personId)).toEqual([nameless.id]);
    const path = `${accountsPath()}/${nameless.id}`;
    const patch = (session: Session, body: unknown) =>
      app.request(`http://localhost${path}`, {
        method: "PATCH",
        headers: session.headers({ "content-type": "application/json", origin: "http://localhost" }),
        body: JSON.stringify(body),
      });
    expect((await (await patch(handlerSession, { name: "补全" })).json()).error.code).toBe("FORBIDDEN_ROLE");
    expect((await (await patch(adminSession, { name: "1" })).json()).error).toMatchObject({
      code: "VALIDATION_FAILED",
      field: "name",
    });
    const completed = await patch(adminSession, { name: "补全姓名" });
    expect((await completed.json()).data.name).toBe("补全姓名");
    expect((await (await patch(adminSession, { name: "改名" })).json()).error.code).toBe(
      "PERSON_NAME_ALREADY_SET",
    );
  });
});
