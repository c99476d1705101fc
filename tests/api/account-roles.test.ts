// 账号角色管理 and 角色绑定 (R9) on a real SQLite file: the role catalogue as data, grants and revocations
// by those the catalogue names in the account's unit or a superior unit (R7), in real-person sessions
// (R12), effective at once in every open session; R10 (业务互斥) both ways as one rule, checked in the
// transaction of the change, so a grant racing a title application ends with exactly one of them.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { fakeWorkflowStarts } from "../support/fake-workflow-starts.js";
import { createPerson, createUnit, passwordLogin, realPersonSession } from "../support/people.js";
import { type AppLike, ORIGIN, postJson } from "../support/registration.js";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>["app"];

beforeAll(async () => {
  database = await createTestDatabase();
  const built = createTestApp(database);
  app = built.app;
  // No Temporal here: an opened application's workflow start is recorded, not run (its push up
  // the chain is tested on the dev server, tests/workflows/title-application.test.ts).
  fakeWorkflowStarts(built.temporal);
});
afterAll(() => database.close());

type Session = { headers(extra?: Record<string, string>): Record<string, string> };
type Unit = Awaited<ReturnType<typeof createUnit>>;
type Person = Awaited<ReturnType<typeof createPerson>>;
let unit: Unit;
let admin: Person;
let handler: Person;
let member: Person;
let adminSession: Session;

beforeEach(async () => {
  unit = await createUnit(database.db);
  admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
  handler = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
  member = await createPerson(database.db, { unitId: unit.id });
  adminSession = await realPersonSession(database.db, admin.id);
});

const get = (session: Session, path: string, on: AppLike = app) =>
  on.request(`${ORIGIN}${path}`, { headers: session.headers() });
const remove = (session: Session, path: string) =>
  app.request(`${ORIGIN}${path}`, { method: "DELETE", headers: session.headers({ origin: ORIGIN }) });
const grant = (
  session: Session,
  body: { personId: string; unitId: string; role?: string; subsystem?: string },
  on: AppLike = app,
) =>
  postJson(
    on,
    "/api/role-bindings",
    { role: "TITLE_HANDLER", subsystem: "TITLE_REVIEW", ...body },
    session.headers(),
  );
const openApplication = (session: Session, on: AppLike = app) =>
  postJson(on, "/api/title-applications", { submissionId: randomUUID() }, session.headers());
/** An application opened before the push chain existed: no request number, path or workflow. */
const legacyApplication = (personId: string) =>
  database.db.titleApplication.create({ data: { personId, status: "IN_PROGRESS" } });
const errorOf = async (response: Response) => (await response.json()).error;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const incomingPath = (unitId: string) => `/api/units/${unitId}/binding-requests`;

async function subordinateOf(parent: Unit): Promise<Unit> {
  const child = await createUnit(database.db);
  return database.db.unit.update({ where: { id: child.id }, data: { parentUnitId: parent.id } });
}

describe("R9 the role catalogue is data", () => {
  it("R9 GET /api/roles lists every subsystem's roles with labels, granters and requirements", async () => {
    const response = await get(adminSession, "/api/roles");
    expect(response.status).toBe(200);
    const { data } = await response.json();
    expect(data).toContainEqual(
      expect.objectContaining({
        subsystem: "TITLE_REVIEW",
        role: "TITLE_HANDLER",
        labelZh: "职称经办",
        labelEn: "Title handler",
        grantableBy: ["UNIT_ADMIN"],
        requiresRealPerson: true,
        excludesTitleApplication: true,
      }),
    );
    expect(data).toContainEqual(expect.objectContaining({ role: "UNIT_ADMIN", grantableBy: [] }));
    expect(data.map((r: { sortOrder: number }) => r.sortOrder)).toEqual(
      [...data.map((r: { sortOrder: number }) => r.sortOrder)].sort((a, b) => a - b),
    );
  });

  it("R9 a role added to the catalogue appears in GET /api/roles and is granted without code changes", async () => {
    const role = `PROFILE_KEEPER_${Date.now()}`;
    await database.db.roleDefinition.create({
      data: {
        subsystem: "SYSCONFIG",
        role,
        labelZh: "单位信息维护员",
        labelEn: "Unit profile keeper",
        grantableBy: JSON.stringify(["UNIT_ADMIN"]),
        sortOrder: 30,
      },
    });
    const { data } = await (await get(adminSession, "/api/roles")).json();
    expect(data).toContainEqual(
      expect.objectContaining({ subsystem: "SYSCONFIG", role, labelZh: "单位信息维护员" }),
    );
    const response = await grant(adminSession, {
      personId: member.id,
      unitId: unit.id,
      subsystem: "SYSCONFIG",
      role,
    });
    expect(response.status).toBe(201);
    const roles = await (await get(adminSession, `/api/role-bindings?personId=${member.id}`)).json();
    expect(roles.data).toEqual([
      expect.objectContaining({ subsystem: "SYSCONFIG", role, unit: { id: unit.id, name: unit.name } }),
    ]);
    // Not excluding title applications (the row says so): the member may still apply (R10 reads the catalogue).
    expect((await openApplication(await realPersonSession(database.db, member.id))).status).toBe(201);
  });

  it("R9 a role the catalogue does not have is refused", async () => {
    const response = await grant(adminSession, {
      personId: member.id,
      unitId: unit.id,
      role: "NO_SUCH_ROLE",
    });
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toMatchObject({ code: "ROLE_NOT_FOUND", field: "role" });
  });
});

describe("R9 角色绑定: grant and revoke", () => {
  it("R9 R12 a granted handler role works at once in the member's open real-person session, and a revoked one stops at once (403)", async () => {
    const memberSession = await realPersonSession(database.db, member.id);
    const before = await get(memberSession, incomingPath(unit.id));
    expect(before.status).toBe(403);
    expect((await errorOf(before)).code).toBe("FORBIDDEN_ROLE");

    const granted = await grant(adminSession, { personId: member.id, unitId: unit.id });
    expect(granted.status).toBe(201);
    const { data: binding } = await granted.json();
    expect(binding).toMatchObject({
      personId: member.id,
      unit: { id: unit.id, name: unit.name },
      subsystem: "TITLE_REVIEW",
      role: "TITLE_HANDLER",
      grantedBy: { id: admin.id, name: admin.name },
    });
    // The same open session, no new login: 新进账号管理 works now.
    expect((await get(memberSession, incomingPath(unit.id))).status).toBe(200);
    // Granting again changes nothing.
    const again = await grant(adminSession, { personId: member.id, unitId: unit.id });
    expect(again.status).toBe(200);
    expect((await again.json()).data.id).toBe(binding.id);

    const listed = await (await get(adminSession, `/api/role-bindings?personId=${member.id}`)).json();
    expect(listed.data.map((r: { id: string }) => r.id)).toEqual([binding.id]);

    expect((await remove(adminSession, `/api/role-bindings/${binding.id}`)).status).toBe(204);
    const after = await get(memberSession, incomingPath(unit.id));
    expect(after.status).toBe(403);
    expect(await errorOf(after)).toMatchObject({
      code: "FORBIDDEN_ROLE",
      message: { "zh-CN": expect.any(String), en: expect.any(String) },
    });
    // Revoking again is not an error: the switch is off either way.
    expect((await remove(adminSession, `/api/role-bindings/${binding.id}`)).status).toBe(204);

    // R26: both changes are audited, with who and what.
    const events = await database.db.auditEvent.findMany({
      where: { targetType: "RoleBinding", targetId: binding.id },
      orderBy: { at: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual(["role.granted", "role.revoked"]);
    expect(events.every((e) => e.actorId === admin.id && e.unitId === unit.id)).toBe(true);
    expect(JSON.parse(events[0]!.after!)).toMatchObject({ personId: member.id, role: "TITLE_HANDLER" });
  });

  it("R12 a revoked handler's open page gets 403 for the unit's account list and decisions too", async () => {
    const handlerSession = await realPersonSession(database.db, handler.id);
    expect((await get(handlerSession, `/api/units/${unit.id}/accounts`)).status).toBe(200);
    const { data } = await (await get(adminSession, `/api/role-bindings?personId=${handler.id}`)).json();
    expect((await remove(adminSession, `/api/role-bindings/${data[0].id}`)).status).toBe(204);
    const list = await get(handlerSession, `/api/units/${unit.id}/accounts`);
    expect(list.status).toBe(403);
    const decide = await postJson(
      app,
      `${incomingPath(unit.id)}/decisions`,
      { requestIds: [crypto.randomUUID()], decision: "APPROVE" },
      handlerSession.headers(),
    );
    expect(decide.status).toBe(403);
  });

  it("R7 the superior unit's administrator grants and revokes in subordinate units at any depth", async () => {
    const child = await subordinateOf(unit);
    const grandchild = await subordinateOf(child);
    const childAdmin = await createPerson(database.db, { unitId: child.id, role: "UNIT_ADMIN" });
    const deep = await createPerson(database.db, { unitId: grandchild.id });
    const granted = await grant(adminSession, { personId: deep.id, unitId: grandchild.id });
    expect(granted.status).toBe(201);
    const { data } = await granted.json();
    expect(
      (await get(await realPersonSession(database.db, deep.id), incomingPath(grandchild.id))).status,
    ).toBe(200);
    // The child's administrator manages the grandchild too, and may revoke what the superior granted.
    const childSession = await realPersonSession(database.db, childAdmin.id);
    expect((await remove(childSession, `/api/role-bindings/${data.id}`)).status).toBe(204);
    // …but not upwards: the subordinate's administrator cannot grant in the superior unit.
    const upwards = await grant(childSession, { personId: member.id, unitId: unit.id });
    expect(upwards.status).toBe(403);
    expect((await errorOf(upwards)).code).toBe("FORBIDDEN_ROLE_GRANT");
  });

  it("R9 R12 a handler, a plain member, a password session and another unit's administrator are refused", async () => {
    const target = { personId: member.id, unitId: unit.id };
    const byHandler = await grant(await realPersonSession(database.db, handler.id), target);
    expect(byHandler.status).toBe(403);
    const handlerError = await errorOf(byHandler);
    expect(handlerError.code).toBe("FORBIDDEN_ROLE_GRANT");
    expect(handlerError.message["zh-CN"]).toContain("单位管理员");
    expect(handlerError.details).toMatchObject({ role: "TITLE_HANDLER", grantableBy: ["UNIT_ADMIN"] });

    const other = await createPerson(database.db, { unitId: unit.id });
    const byMember = await grant(await realPersonSession(database.db, other.id), target);
    expect((await errorOf(byMember)).code).toBe("FORBIDDEN_ROLE_GRANT");

    const byPassword = await grant(await passwordLogin(app, admin.idNumber), target);
    expect(byPassword.status).toBe(403);
    expect((await errorOf(byPassword)).code).toBe("REAL_PERSON_SESSION_REQUIRED");

    const otherUnit = await createUnit(database.db);
    const otherAdmin = await createPerson(database.db, { unitId: otherUnit.id, role: "UNIT_ADMIN" });
    const foreign = await grant(await realPersonSession(database.db, otherAdmin.id), target);
    expect((await errorOf(foreign)).code).toBe("FORBIDDEN_ROLE_GRANT");
    const foreignList = await get(
      await realPersonSession(database.db, otherAdmin.id),
      `/api/role-bindings?personId=${member.id}`,
    );
    expect((await errorOf(foreignList)).code).toBe("FORBIDDEN_UNIT_SCOPE");
    // Another unit's administrator cannot revoke either.
    const { data } = await (await get(adminSession, `/api/role-bindings?personId=${handler.id}`)).json();
    const revoke = await remove(
      await realPersonSession(database.db, otherAdmin.id),
      `/api/role-bindings/${data[0].id}`,
    );
    expect((await errorOf(revoke)).code).toBe("FORBIDDEN_ROLE_GRANT");
    expect(await database.db.roleBinding.count({ where: { personId: member.id, revokedAt: null } })).toBe(0);
  });

  it("R8 UNIT_ADMIN is neither granted nor revoked on the role page (succession only)", async () => {
    const granted = await grant(adminSession, {
      personId: member.id,
      unitId: unit.id,
      role: "UNIT_ADMIN",
      subsystem: "PORTAL",
    });
    expect(granted.status).toBe(409);
    const error = await errorOf(granted);
    expect(error.code).toBe("ROLE_NOT_GRANTABLE");
    expect(error.message["zh-CN"]).toContain("更换管理员");
    // Not even the superior unit's administrator revokes a subordinate's administrator here.
    const child = await subordinateOf(unit);
    const childAdmin = await createPerson(database.db, { unitId: child.id, role: "UNIT_ADMIN" });
    const adminBinding = await database.db.roleBinding.findFirstOrThrow({
      where: { personId: childAdmin.id, revokedAt: null },
    });
    const revoke = await remove(adminSession, `/api/role-bindings/${adminBinding.id}`);
    expect((await errorOf(revoke)).code).toBe("ROLE_NOT_GRANTABLE");
  });

  it("R9 nobody grants or revokes their own roles", async () => {
    const own = await grant(adminSession, { personId: admin.id, unitId: unit.id });
    expect((await errorOf(own)).code).toBe("CANNOT_CHANGE_OWN_ACCOUNT");
    // Not even through a superior unit: the child's administrator grants themselves nothing.
    const child = await subordinateOf(unit);
    const childAdmin = await createPerson(database.db, { unitId: child.id, role: "UNIT_ADMIN" });
    const handlerThere = await createPerson(database.db, { unitId: child.id, role: "TITLE_HANDLER" });
    const { data } = await (await get(adminSession, `/api/role-bindings?personId=${handlerThere.id}`)).json();
    const self = await remove(
      await realPersonSession(database.db, handlerThere.id),
      `/api/role-bindings/${data[0].id}`,
    );
    expect((await errorOf(self)).code).toBe("CANNOT_CHANGE_OWN_ACCOUNT");
    expect(childAdmin.id).toBeTruthy();
  });

  it("R9 a unit role is held only in the unit one is bound to", async () => {
    const unbound = await createPerson(database.db);
    const otherUnit = await createUnit(database.db);
    const elsewhere = await createPerson(database.db, { unitId: otherUnit.id });
    for (const person of [unbound, elsewhere]) {
      const response = await grant(adminSession, { personId: person.id, unitId: unit.id });
      expect((await errorOf(response)).code).toBe("ACCOUNT_NOT_IN_UNIT");
    }
    expect(
      await database.db.roleBinding.count({ where: { personId: { in: [unbound.id, elsewhere.id] } } }),
    ).toBe(0);
  });
});

describe("账号角色管理: the accounts of the unit and its subordinate units", () => {
  it("R7 R24 lists the accounts of the unit and every subordinate unit with unit, roles and status; searchable by full ID number or name", async () => {
    const child = await subordinateOf(unit);
    const grandchild = await subordinateOf(child);
    const childHandler = await createPerson(database.db, { unitId: child.id, role: "TITLE_HANDLER" });
    const deep = await createPerson(database.db, { unitId: grandchild.id });
    const outsider = await createPerson(database.db, { unitId: (await createUnit(database.db)).id });
    const path = `/api/units/${unit.id}/accounts?withSubordinates=true&pageSize=100`;
    const { data, total } = await (await get(adminSession, path)).json();
    expect(total).toBe(5);
    const ids = data.map((a: { personId: string }) => a.personId);
    expect(ids).toEqual(expect.arrayContaining([admin.id, handler.id, member.id, childHandler.id, deep.id]));
    expect(ids).not.toContain(outsider.id);
    expect(data.find((a: { personId: string }) => a.personId === childHandler.id)).toMatchObject({
      unit: { id: child.id, name: child.name },
      roles: ["TITLE_HANDLER"],
      status: "ENABLED",
    });
    // The manual's way to find the previous administrator: the full ID number.
    const byId = await (await get(adminSession, `${path}&q=${deep.idNumber}`)).json();
    expect(byId.data.map((a: { personId: string }) => a.personId)).toEqual([deep.id]);
    expect(byId.data[0].unit).toEqual({ id: grandchild.id, name: grandchild.name });
    const byName = await (
      await get(adminSession, `${path}&q=${encodeURIComponent(childHandler.name!)}`)
    ).json();
    expect(byName.data.map((a: { personId: string }) => a.personId)).toEqual([childHandler.id]);
    // Without the flag the list stays the unit's own (R24).
    expect((await (await get(adminSession, `/api/units/${unit.id}/accounts`)).json()).total).toBe(3);
  });

  it("R7 R24 a unit with more units below it than one SQL statement binds (a provincial HR department) lists them all, newest binding first", async () => {
    // 1,200 subordinates in one level: more than the 999 values SQLite binds in one `in` filter.
    const many = Array.from({ length: 1200 }, (_, i) => ({
      id: randomUUID(),
      name: `下级单位${i}号有限公司`,
      accountName: `many-${i}-${unit.id}`,
      passwordHash: "x",
      type: "ENTERPRISE" as const,
      origin: "SEED" as const,
      regionCode: unit.regionCode,
      parentUnitId: unit.id,
      contactName: "联系人",
      contactMobile: "13700000000",
    }));
    await database.db.unit.createMany({ data: many });
    const first = await createPerson(database.db, { unitId: many[0]!.id });
    const last = await createPerson(database.db, { unitId: many[1199]!.id });
    await database.db.binding.updateMany({
      where: { activePersonId: last.id },
      data: { startedAt: new Date(Date.now() + 60_000) },
    });
    const path = `/api/units/${unit.id}/accounts?withSubordinates=true&pageSize=2`;
    const page = await (await get(adminSession, path)).json();
    expect(page.total).toBe(5);
    expect(page.data[0]).toMatchObject({ personId: last.id, unit: { id: many[1199]!.id } });
    const disabled = await (await get(adminSession, `${path}&status=DISABLED`)).json();
    expect(disabled).toMatchObject({ data: [], total: 0, capped: [] });
    const byName = await (await get(adminSession, `${path}&q=${encodeURIComponent(first.name!)}`)).json();
    expect(byName.data.map((a: { personId: string }) => a.personId)).toEqual([first.id]);
  });

  it("R7 a subordinate's administrator sees only its own subtree; a handler who grants nothing is refused", async () => {
    const child = await subordinateOf(unit);
    const childAdmin = await createPerson(database.db, { unitId: child.id, role: "UNIT_ADMIN" });
    const childSession = await realPersonSession(database.db, childAdmin.id);
    const own = await (
      await get(childSession, `/api/units/${child.id}/accounts?withSubordinates=true`)
    ).json();
    expect(own.data.map((a: { personId: string }) => a.personId)).toEqual([childAdmin.id]);
    const upwards = await get(childSession, `/api/units/${unit.id}/accounts?withSubordinates=true`);
    expect((await errorOf(upwards)).code).toBe("FORBIDDEN_UNIT_SCOPE");
    const byHandler = await get(
      await realPersonSession(database.db, handler.id),
      `/api/units/${unit.id}/accounts?withSubordinates=true`,
    );
    expect((await errorOf(byHandler)).code).toBe("FORBIDDEN_ROLE_GRANT");
  });

  it("R18 the status switch of the role page is the unit's status route: the administrator disables and enables", async () => {
    const status = (value: string) =>
      postJson(
        app,
        `/api/units/${unit.id}/accounts/${member.id}/status`,
        { status: value },
        adminSession.headers(),
      );
    expect((await (await status("DISABLED")).json()).data).toMatchObject({
      status: "DISABLED",
      unit: { id: unit.id },
    });
    const listed = await (
      await get(adminSession, `/api/units/${unit.id}/accounts?withSubordinates=true&q=${member.idNumber}`)
    ).json();
    expect(listed.data[0].status).toBe("DISABLED");
    expect((await (await status("ENABLED")).json()).data.status).toBe("ENABLED");
  });
});

describe("职称申报 (title application)", () => {
  it("R31 a person opens one at their unit, with its path; one in progress at a time; a password session is enough", async () => {
    const session = await realPersonSession(database.db, member.id);
    const opened = await openApplication(session);
    expect(opened.status).toBe(201);
    const { data } = await opened.json();
    expect(data).toMatchObject({
      status: "IN_PROGRESS",
      requestNumber: expect.stringMatching(/^ZC/),
      unit: { id: unit.id, name: unit.name },
      steps: [{ position: 0, unit: { id: unit.id }, status: "PENDING" }],
      canWithdraw: true,
    });
    expect((await errorOf(await openApplication(session))).code).toBe("TITLE_APPLICATION_IN_PROGRESS");
    const list = await (await get(session, "/api/title-applications")).json();
    expect(list).toMatchObject({ total: 1, data: [{ id: data.id, status: "IN_PROGRESS" }] });
    const colleague = await createPerson(database.db, { unitId: unit.id });
    expect((await openApplication(await passwordLogin(app, colleague.idNumber))).status).toBe(201);
  });

  it("an application opened before the push chain (no request number, no workflow) still lists and withdraws; only its own", async () => {
    const session = await realPersonSession(database.db, member.id);
    const legacy = await legacyApplication(member.id);
    const list = await (await get(session, "/api/title-applications")).json();
    expect(list.data).toEqual([
      expect.objectContaining({
        id: legacy.id,
        requestNumber: null,
        steps: [],
        unit: null,
        canWithdraw: true,
      }),
    ]);
    const stranger = await realPersonSession(database.db, (await createPerson(database.db)).id);
    const foreign = await postJson(
      app,
      `/api/title-applications/${legacy.id}/withdraw`,
      {},
      stranger.headers(),
    );
    expect((await errorOf(foreign)).code).toBe("TITLE_APPLICATION_NOT_FOUND");
    const withdrawn = await postJson(
      app,
      `/api/title-applications/${legacy.id}/withdraw`,
      {},
      session.headers(),
    );
    expect((await withdrawn.json()).data).toMatchObject({ status: "WITHDRAWN", canWithdraw: false });
    const twice = await postJson(app, `/api/title-applications/${legacy.id}/withdraw`, {}, session.headers());
    expect((await errorOf(twice)).code).toBe("REQUEST_CLOSED");
  });
});

describe("R10 业务互斥, one rule both ways", () => {
  it("R10 a person with a title application in progress is not granted the handler role; once withdrawn, they are", async () => {
    const session = await realPersonSession(database.db, member.id);
    // Opened before the push chain: withdrawn here without a workflow (the workflow's withdrawal
    // and R10 are tested on the dev server, tests/workflows/title-application.test.ts).
    const application = await legacyApplication(member.id);
    const refused = await grant(adminSession, { personId: member.id, unitId: unit.id });
    expect(refused.status).toBe(409);
    const error = await errorOf(refused);
    expect(error.code).toBe("CANDIDATE_HAS_TITLE_APPLICATION");
    expect(error.message["zh-CN"]).toContain(member.name);
    expect(error.message["zh-CN"]).toContain("撤回");
    expect(error.details).toMatchObject({
      rule: "R10",
      role: "TITLE_HANDLER",
      applications: [{ id: application.id, openedAt: expect.any(String) }],
    });
    await postJson(app, `/api/title-applications/${application.id}/withdraw`, {}, session.headers());
    expect((await grant(adminSession, { personId: member.id, unitId: unit.id })).status).toBe(201);
  });

  it("R10 a handler cannot open a title application: the error names the unit and the administrator who can revoke", async () => {
    const refused = await openApplication(await realPersonSession(database.db, handler.id));
    expect(refused.status).toBe(409);
    const error = await errorOf(refused);
    expect(error.code).toBe("TITLE_APPLICATION_EXCLUDED_BY_ROLE");
    expect(error.message["zh-CN"]).toContain(unit.name);
    expect(error.message["zh-CN"]).toContain(admin.name);
    expect(error.message["zh-CN"]).toContain("职称经办");
    expect(error.details).toMatchObject({
      rule: "R10",
      roles: [
        {
          role: "TITLE_HANDLER",
          unitId: unit.id,
          unitName: unit.name,
          remedy: "REVOKE",
          contacts: [{ name: admin.name, role: "UNIT_ADMIN" }],
        },
      ],
    });
    expect(await database.db.titleApplication.count({ where: { personId: handler.id } })).toBe(0);
  });

  it("R10 an administrator cannot open a title application: the remedy is handing the office on", async () => {
    const error = await errorOf(await openApplication(adminSession));
    expect(error.code).toBe("TITLE_APPLICATION_EXCLUDED_BY_ROLE");
    expect(error.details.roles).toEqual([
      expect.objectContaining({ role: "UNIT_ADMIN", remedy: "HAND_OVER" }),
    ]);
    expect(error.message["zh-CN"]).toContain("单位基础信息管理");
  });

  it("R10 once the handler role is revoked, the former handler may apply", async () => {
    const handlerSession = await realPersonSession(database.db, handler.id);
    const { data } = await (await get(adminSession, `/api/role-bindings?personId=${handler.id}`)).json();
    await remove(adminSession, `/api/role-bindings/${data[0].id}`);
    expect((await openApplication(handlerSession)).status).toBe(201);
  });

  /** One round: the grant and the application start together; exactly one of them may succeed. */
  async function race(round: number, openIt: (cookie: string) => Promise<number>) {
    const person = await createPerson(database.db, { unitId: unit.id });
    const session = await realPersonSession(database.db, person.id);
    // One side or the other starts up to 2 ms later, so that either may get into its transaction first.
    const [grantDelay, applicationDelay] = round % 2 ? [round % 3, 0] : [0, round % 3];
    const [granted, applied] = await Promise.all([
      sleep(grantDelay).then(
        async () => (await grant(adminSession, { personId: person.id, unitId: unit.id })).status,
      ),
      sleep(applicationDelay).then(() => openIt(session.headers().cookie!)),
    ]);
    const statuses = [granted, applied].sort();
    expect(statuses, `round ${round}`).toEqual([201, 409]);
    const [roles, applications] = await Promise.all([
      database.db.roleBinding.count({ where: { personId: person.id, revokedAt: null } }),
      database.db.titleApplication.count({ where: { personId: person.id, status: "IN_PROGRESS" } }),
    ]);
    expect(roles + applications, `round ${round}`).toBe(1);
    return granted === 201 ? "grant" : "application";
  }

  it("R10 a grant racing a title application ends with exactly one of them (concurrent requests, 20 rounds)", async () => {
    for (let round = 0; round < 20; round++) {
      await race(round, async (cookie) => (await openApplication({ headers: () => ({ cookie }) })).status);
    }
  });

  it("R10 a grant racing a title application from another process ends with exactly one of them (20 rounds)", async () => {
    // A second API process on the same file: its own connection, serialized with ours by SQLite's
    // write lock (BEGIN IMMEDIATE) only.
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "tests/support/title-application-process.ts", database.url, database.dir],
      { stdio: ["pipe", "pipe", "inherit"] },
    );
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const nextLine = async () => {
      const { value, done } = await lines.next();
      if (done) throw new Error("the other process ended");
      return value as string;
    };
    try {
      expect(await nextLine()).toBe("ready");
      const winners = new Set<string>();
      for (let round = 0; round < 20; round++) {
        const winner = await race(round, async (cookie) => {
          child.stdin.write(`${JSON.stringify({ cookie })}\n`);
          return (JSON.parse(await nextLine()) as { status: number }).status;
        });
        winners.add(winner);
      }
      // Not asserted (timing decides), but worth seeing when the test is read: who won.
      expect(winners.size).toBeGreaterThanOrEqual(1);
    } finally {
      child.stdin.end();
      child.kill();
    }
  }, 90_000);
});

describe("R9 R10 refusals tell strangers nothing about a unit or a person", () => {
  it("R9 a stranger's refused grant or revocation names neither the unit nor its administrator", async () => {
    const stranger = await createPerson(database.db);
    const session = await realPersonSession(database.db, stranger.id);
    const granted = await grant(session, { personId: member.id, unitId: unit.id });
    const office = await grant(session, {
      personId: member.id,
      unitId: unit.id,
      role: "UNIT_ADMIN",
      subsystem: "PORTAL",
    });
    const adminBinding = await database.db.roleBinding.findFirstOrThrow({
      where: { personId: admin.id, role: "UNIT_ADMIN", revokedAt: null },
    });
    const revoked = await remove(session, `/api/role-bindings/${adminBinding.id}`);
    for (const response of [granted, office, revoked]) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      const text = JSON.stringify(await response.json());
      expect(text).not.toContain(unit.name);
      expect(text).not.toContain(`${admin.name!.slice(0, 1)}*`);
    }
  });

  it("R10 another unit's administrator learns nothing of a person's title application", async () => {
    const other = await createUnit(database.db);
    const applicant = await createPerson(database.db, { unitId: other.id });
    expect((await openApplication(await realPersonSession(database.db, applicant.id))).status).toBe(201);
    const refused = await grant(adminSession, { personId: applicant.id, unitId: unit.id });
    const body = await refused.json();
    expect(body.error.code).toBe("ACCOUNT_NOT_IN_UNIT");
    expect(JSON.stringify(body)).not.toContain(applicant.name!);
  });
});
