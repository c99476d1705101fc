// Unit login (R5, R6), the first administrator (R8, R10), account recovery (R22), password reset
// (R27), HR-department creation (R21) and the workbench's task scope, on a real SQLite file.
import { hash } from "@node-rs/argon2";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "../../lib/passwords.js";
import {
  bindWithRole,
  makeIdNumber,
  makeUscc,
  PROVINCIAL_HR_NAME,
  seedBaseline,
} from "../../prisma/seed/seed.js";
import { cookieJar, createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { ORIGIN, postJson } from "../support/registration.js";

const UNIT_PASSWORD = "Unit#Pass2026";
const SEED_PASSWORD = "Guizhou@2026";
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>["app"];
let people: Awaited<ReturnType<typeof seedBaseline>>;
let unitId: string;
const USCC = makeUscc("91", "520102", "MA6DK1B2");

beforeEach(async () => {
  database = await createTestDatabase();
  people = await seedBaseline(database.db, SEED_PASSWORD);
  app = createTestApp(database).app;
  const unit = await database.db.unit.create({
    data: {
      name: "贵阳测试示例有限公司",
      uscc: USCC,
      accountName: USCC,
      passwordHash: await hashPassword(UNIT_PASSWORD),
      type: "ENTERPRISE",
      origin: "SELF_REGISTERED",
      regionCode: "520102",
      legalRepName: "王法人",
      legalRepIdNumber: makeIdNumber("520102", "19700101", 111),
      contactName: "李联系",
      contactMobile: "13700001111",
      affiliationRequired: true,
    },
  });
  unitId = unit.id;
});
afterEach(() => database.close());

async function lastCode(mobile: string) {
  const message = await database.db.smsMessage.findFirstOrThrow({
    where: { mobile },
    orderBy: { createdAt: "desc" },
  });
  return /验证码为(\d{6})/.exec(message.body)![1]!;
}

async function unitLogin(account = USCC.toLowerCase(), password = UNIT_PASSWORD) {
  const step1 = await postJson(app, "/api/auth/unit-login/code", { account, password });
  expect(step1.status).toBe(200);
  const { data } = await step1.json();
  expect(data.mobileMasked).toBe("137****1111");
  const jar = cookieJar();
  const step2 = await postJson(app, "/api/auth/unit-login", {
    challengeId: data.challengeId,
    code: await lastCode("13700001111"),
  });
  expect(step2.status).toBe(200);
  jar.take(step2);
  return { jar, me: (await step2.json()).data };
}

async function personLogin(idNumber: string, strength: "PASSWORD" | "REAL_PERSON" = "PASSWORD") {
  const jar = cookieJar();
  const response = await postJson(app, "/api/auth/login", { account: idNumber, password: SEED_PASSWORD });
  expect(response.status).toBe(200);
  jar.take(response);
  if (strength === "REAL_PERSON") {
    // The QR path is covered by the workflow tests; here the session is raised directly.
    const person = await database.db.person.findUniqueOrThrow({ where: { idNumber } });
    await database.db.session.updateMany({
      where: { personId: person.id },
      data: { strength: "REAL_PERSON" },
    });
  }
  return jar;
}

const personWith = (role: string, unitName = PROVINCIAL_HR_NAME) =>
  people.find((p) => p.role === role && p.unitName === unitName)!;

async function newPerson(name: string, sequence: number) {
  const idNumber = makeIdNumber("520103", "19920202", sequence);
  const person = await database.db.person.create({
    data: { idNumber, name, mobile: "13900002222", passwordHash: await hashPassword(SEED_PASSWORD) },
  });
  return { ...person, idNumber };
}

describe("R5 unit login", () => {
  it("logs in with USCC + password + SMS code and gets a UNIT session", async () => {
    const { me, jar } = await unitLogin();
    expect(me).toMatchObject({ kind: "UNIT", unit: { id: unitId }, roles: [] });
    const again = await app.request("/api/auth/me", { headers: jar.headers() });
    expect((await again.json()).data.kind).toBe("UNIT");
  });

  it("answers the same for an unknown account and a wrong password, and sends no code", async () => {
    const wrong = await postJson(app, "/api/auth/unit-login/code", {
      account: USCC,
      password: "Wrong#Pass1",
    });
    const unknown = await postJson(app, "/api/auth/unit-login/code", {
      account: "no-such-unit",
      password: UNIT_PASSWORD,
    });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect((await response.json()).error).toMatchObject({
        code: "AUTH_INVALID_CREDENTIALS",
        field: "password",
      });
    }
    expect(await database.db.smsMessage.count({ where: { mobile: "13700001111" } })).toBe(0);
  });

  it("refuses a wrong SMS code, then the right one works once", async () => {
    const step1 = await (
      await postJson(app, "/api/auth/unit-login/code", { account: USCC, password: UNIT_PASSWORD })
    ).json();
    const code = await lastCode("13700001111");
    const wrong = await postJson(app, "/api/auth/unit-login", {
      challengeId: step1.data.challengeId,
      code: code === "123456" ? "654321" : "123456",
    });
    expect((await wrong.json()).error).toMatchObject({ code: "SMS_CODE_INVALID", field: "code" });
    const right = await postJson(app, "/api/auth/unit-login", { challengeId: step1.data.challengeId, code });
    expect(right.status).toBe(200);
    const replay = await postJson(app, "/api/auth/unit-login", { challengeId: step1.data.challengeId, code });
    expect((await replay.json()).error.code).toBe("SMS_CODE_EXPIRED");
  });

  it("R5 a unit login with a hash of the former argon2id setting stores one of today's", async () => {
    const former = await hash(UNIT_PASSWORD, {
      algorithm: 2,
      memoryCost: 19_456,
      timeCost: 2,
      parallelism: 1,
    });
    await database.db.unit.update({ where: { id: unitId }, data: { passwordHash: former } });
    await unitLogin();
    const { passwordHash } = await database.db.unit.findUniqueOrThrow({ where: { id: unitId } });
    expect(passwordHash).toMatch(/^\$argon2id\$v=19\$m=12288,t=3,p=1\$/);
    await unitLogin();
  });

  it("R5 keeps a legacy unit's custom account name", async () => {
    await database.db.unit.update({ where: { id: unitId }, data: { accountName: "gy_test_2019" } });
    const { me } = await unitLogin("gy_test_2019");
    expect(me.unit.id).toBe(unitId);
  });
});

describe("R6 what a unit login may do", () => {
  it("R6 refuses review work and other units to a unit login", async () => {
    const { jar } = await unitLogin();
    const tasks = await app.request("/api/tasks", { headers: jar.headers() });
    expect(tasks.status).toBe(403);
    expect((await tasks.json()).error.code).toBe("UNIT_SESSION_NOT_ALLOWED");
    const province = await database.db.unit.findUniqueOrThrow({ where: { name: PROVINCIAL_HR_NAME } });
    expect((await app.request(`/api/units/${province.id}/profile`, { headers: jar.headers() })).status).toBe(
      404,
    );
  });

  it("R6 maintains the unit's basic facts, audited, but cannot make it an HR department", async () => {
    const { jar } = await unitLogin();
    const patch = (body: unknown) =>
      app.request(`http://localhost/api/units/${unitId}/profile`, {
        method: "PATCH",
        headers: jar.headers({ "content-type": "application/json", origin: "http://localhost" }),
        body: JSON.stringify(body),
      });
    const ok = await patch({ contactName: "赵新联系", type: "PUBLIC_INSTITUTION" });
    expect(ok.status).toBe(200);
    expect((await ok.json()).data).toMatchObject({
      contactName: "赵新联系",
      type: "PUBLIC_INSTITUTION",
      affiliationRequired: true,
    });
    const audit = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "unit.profile-updated" },
    });
    expect(JSON.parse(audit.before!)).toMatchObject({ contactName: "李联系" });
    expect(JSON.parse(audit.after!)).toMatchObject({ contactName: "赵新联系" });
    const refused = await patch({ type: "HR_DEPARTMENT" });
    expect((await refused.json()).error).toMatchObject({ code: "UNIT_TYPE_NOT_ALLOWED", field: "type" });
  });
});

describe("R8 the first administrator", () => {
  const designate = (jar: ReturnType<typeof cookieJar>, body: unknown) =>
    postJson(app, `/api/units/${unitId}/first-administrator`, body, jar.headers());

  it("R8 designates an unbound person, binds them and grants UNIT_ADMIN", async () => {
    const { jar } = await unitLogin();
    const candidate = await newPerson("陈管理", 301);
    const response = await designate(jar, { idNumber: candidate.idNumber, name: "陈管理" });
    expect(response.status).toBe(200);
    expect((await response.json()).data.administrator).toMatchObject({ name: "陈管理" });
    expect(await database.db.binding.findUnique({ where: { activePersonId: candidate.id } })).toMatchObject({
      unitId,
    });
    const second = await newPerson("周第二", 302);
    const again = await designate(jar, { idNumber: second.idNumber, name: "周第二" });
    expect((await again.json()).error.code).toBe("ADMIN_ALREADY_DESIGNATED");
  });

  it("R8 refuses a person bound to another unit, an unknown person or a wrong name", async () => {
    const { jar } = await unitLogin();
    const elsewhere = personWith("PLATFORM_REVIEWER");
    const bound = await designate(jar, { idNumber: elsewhere.idNumber, name: elsewhere.name });
    expect((await bound.json()).error).toMatchObject({
      code: "CANDIDATE_BOUND_ELSEWHERE",
      field: "idNumber",
    });
    const unknown = await designate(jar, {
      idNumber: makeIdNumber("520102", "19990909", 999),
      name: "无此人",
    });
    expect((await unknown.json()).error.code).toBe("PERSON_NOT_FOUND");
    const candidate = await newPerson("陈管理", 303);
    const wrongName = await designate(jar, { idNumber: candidate.idNumber, name: "陈管里" });
    expect((await wrongName.json()).error.code).toBe("PERSON_NOT_FOUND");
  });

  it("issue 13.3: a first administrator designated with the wrong name is told the name does not match, in the same answer as an unknown ID number (issue 11.4)", async () => {
    const { jar } = await unitLogin();
    const candidate = await newPerson("陈管理", 305);
    const wrongName = await designate(jar, { idNumber: candidate.idNumber, name: "陈管里" });
    expect(wrongName.status).toBe(404);
    const { error } = await wrongName.json();
    expect(error).toMatchObject({ code: "PERSON_NOT_FOUND", field: "idNumber" });
    expect(error.message["zh-CN"]).toMatch(/^证件号码与姓名不匹配/);
    expect(error.message["zh-CN"]).not.toContain("先完成个人注册");
    expect(error.message.en).toMatch(/^The ID number and the name do not match/);
    // The next step starts with the name; registering is only the case when both are right.
    expect(error.details.remedy["zh-CN"]).toMatch(/^请核对姓名和证件号码/);
    expect(error.details.remedy["zh-CN"]).toContain("两项都无误时");
    const unknown = await designate(jar, {
      idNumber: makeIdNumber("520102", "19990909", 998),
      name: "陈管里",
    });
    expect(unknown.status).toBe(404);
    const unknownError = (await unknown.json()).error;
    // Uniform: nothing but the request id tells the two apart.
    const { requestId: _a, ...same } = error;
    const { requestId: _b, ...sameUnknown } = unknownError;
    expect(sameUnknown).toEqual(same);
  });

  it("R10 refuses a person with a title application in progress", async () => {
    const { jar } = await unitLogin();
    const candidate = await newPerson("申报人", 304);
    await database.db.titleApplication.create({ data: { personId: candidate.id, status: "IN_PROGRESS" } });
    const response = await designate(jar, { idNumber: candidate.idNumber, name: "申报人" });
    expect((await response.json()).error.code).toBe("CANDIDATE_HAS_TITLE_APPLICATION");
  });

  it("R7 lets exactly one of two concurrent designations win", async () => {
    const { jar } = await unitLogin();
    const [a, b] = [await newPerson("甲管理", 305), await newPerson("乙管理", 306)];
    const responses = await Promise.all([
      designate(jar, { idNumber: a.idNumber, name: "甲管理" }),
      designate(jar, { idNumber: b.idNumber, name: "乙管理" }),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(
      await database.db.roleBinding.count({ where: { unitId, role: "UNIT_ADMIN", revokedAt: null } }),
    ).toBe(1);
  });

  it("R6 refuses the designation to a person session", async () => {
    const jar = await personLogin(personWith("PLATFORM_OPERATOR").idNumber, "REAL_PERSON");
    const candidate = await newPerson("陈管理", 307);
    const response = await designate(jar, { idNumber: candidate.idNumber, name: "陈管理" });
    expect(response.status).toBe(403);
  });
});

describe("R22 account recovery and R27 password reset", () => {
  const legalRepIdNumber = makeIdNumber("520102", "19700101", 111);

  it("R22 sends the account name when USCC and legal representative match, and nothing otherwise", async () => {
    const miss = await postJson(app, "/api/units/account-recovery", {
      usccOrName: USCC,
      legalRepIdNumber: makeIdNumber("520102", "19700101", 112),
    });
    expect(miss.status).toBe(202);
    expect(await database.db.smsMessage.count()).toBe(0);
    const hit = await postJson(app, "/api/units/account-recovery", {
      usccOrName: "贵阳测试示例有限公司",
      legalRepIdNumber,
    });
    expect(hit.status).toBe(202);
    const sms = await database.db.smsMessage.findFirstOrThrow({ where: { mobile: "13700001111" } });
    expect(sms.body).toContain(USCC);
    expect(await database.db.unit.findUniqueOrThrow({ where: { id: unitId } })).toMatchObject({
      accountName: USCC,
    });
  });

  it("R27 resets the password with the SMS code and ends the unit's sessions", async () => {
    const { jar } = await unitLogin();
    const { data } = await (await postJson(app, "/api/units/password-reset/code", { account: USCC })).json();
    const code = await lastCode("13700001111");
    const weak = await postJson(app, "/api/units/password-reset", {
      challengeId: data.challengeId,
      code,
      newPassword: "short",
    });
    expect((await weak.json()).error.field).toBe("newPassword");
    const reset = await postJson(app, "/api/units/password-reset", {
      challengeId: data.challengeId,
      code,
      newPassword: "New#Unit2027",
    });
    expect(reset.status).toBe(204);
    expect((await app.request("/api/auth/me", { headers: jar.headers() })).status).toBe(401);
    const old = await postJson(app, "/api/auth/unit-login/code", { account: USCC, password: UNIT_PASSWORD });
    expect(old.status).toBe(401);
    const fresh = await postJson(app, "/api/auth/unit-login/code", {
      account: USCC,
      password: "New#Unit2027",
    });
    expect(fresh.status).toBe(200);
    // Issue 13.7: the contact mobile is told of the change, once (its key is the consumed code).
    const notices = await database.db.smsMessage.findMany({
      where: { mobile: "13700001111", template: "UNIT_PASSWORD_CHANGED" },
    });
    expect(notices).toHaveLength(1);
    expect(notices[0]!.idempotencyKey).toBe(`SmsCode:${data.challengeId}:password-changed`);
    expect(notices[0]!.body).toMatch(
      /^【贵州人社】.+的单位登录密码已于\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）修改，原有登录已全部退出。/,
    );
  });

  it("R27 gives a challenge for an unknown account too, which never verifies", async () => {
    const { data } = await (
      await postJson(app, "/api/units/password-reset/code", { account: "nobody" })
    ).json();
    expect(data.challengeId).toMatch(/^[0-9a-f-]{36}$/);
    const response = await postJson(app, "/api/units/password-reset", {
      challengeId: data.challengeId,
      code: "123456",
      newPassword: "New#Unit2027",
    });
    expect((await response.json()).error.code).toBe("SMS_CODE_INVALID");
  });
});

describe("R21 HR-department units", () => {
  const body = () => ({
    name: "贵阳市南明区人力资源和社会保障局",
    uscc: makeUscc("11", "520102", "00915001"),
    regionCode: "520102",
    contactName: "南明职称科",
    contactMobile: "13985009999",
    administrator: {
      idNumber: makeIdNumber("520102", "19830303", 401),
      name: "南明管理",
      mobile: "13985008888",
    },
  });

  it("R21 lets the provincial HR administrator in a real-person session create one with its administrator", async () => {
    const jar = await personLogin(personWith("UNIT_ADMIN").idNumber, "REAL_PERSON");
    const response = await postJson(app, "/api/units/hr-departments", body(), jar.headers());
    expect(response.status).toBe(201);
    const { data } = await response.json();
    expect(data).toMatchObject({ type: "HR_DEPARTMENT", administrator: { name: "南明管理" } });
    expect(data.parentUnit.name).toBe(PROVINCIAL_HR_NAME);
    const sms = await database.db.smsMessage.findFirstOrThrow({ where: { mobile: "13985008888" } });
    expect(sms.body).toContain("单位管理员");
  });

  it("R8 R18 refuses a disabled candidate for the new department's administrator, as every path to the office does", async () => {
    await database.db.person.create({
      data: {
        idNumber: body().administrator.idNumber,
        name: "南明管理",
        mobile: "13985008888",
        passwordHash: await hashPassword(SEED_PASSWORD),
        status: "DISABLED",
      },
    });
    const jar = await personLogin(personWith("UNIT_ADMIN").idNumber, "REAL_PERSON");
    const refused = await postJson(app, "/api/units/hr-departments", body(), jar.headers());
    expect((await refused.json()).error.code).toBe("CANDIDATE_DISABLED");
    expect(await database.db.unit.count({ where: { name: body().name } })).toBe(0);
  });

  it("R8 an HR department's administrator cannot move the department's region (its jurisdiction)", async () => {
    const jar = await personLogin(personWith("UNIT_ADMIN").idNumber, "REAL_PERSON");
    const created = (await (await postJson(app, "/api/units/hr-departments", body(), jar.headers())).json())
      .data;
    const admin = await database.db.person.findUniqueOrThrow({
      where: { idNumber: body().administrator.idNumber },
    });
    await database.db.person.update({
      where: { id: admin.id },
      data: { passwordHash: await hashPassword(SEED_PASSWORD) },
    });
    const hrAdmin = await personLogin(admin.idNumber, "REAL_PERSON");
    const moved = await app.request(`${ORIGIN}/api/units/${created.id}`, {
      method: "PATCH",
      headers: hrAdmin.headers({ "content-type": "application/json", origin: ORIGIN }),
      body: JSON.stringify({ regionCode: "520302" }),
    });
    expect((await moved.json()).error).toMatchObject({ code: "VALIDATION_FAILED", field: "regionCode" });
    expect((await database.db.unit.findUniqueOrThrow({ where: { id: created.id } })).regionCode).toBe(
      "520102",
    );
  });

  it("R12 refuses it in a password session, and R21 refuses a prefecture's administrator", async () => {
    const password = await personLogin(personWith("UNIT_ADMIN").idNumber);
    const refused = await postJson(app, "/api/units/hr-departments", body(), password.headers());
    expect((await refused.json()).error.code).toBe("REAL_PERSON_SESSION_REQUIRED");
    const prefecture = people.find((p) => p.role === "UNIT_ADMIN" && p.unitName.startsWith("贵阳市"))!;
    const jar = await personLogin(prefecture.idNumber, "REAL_PERSON");
    const notProvincial = await postJson(app, "/api/units/hr-departments", body(), jar.headers());
    expect((await notProvincial.json()).error.code).toBe("FORBIDDEN_ROLE");
    expect(await database.db.unit.count({ where: { name: body().name } })).toBe(0);
  });
});

describe("workbench scope", () => {
  async function task(
    queue: "PLATFORM_REVIEW" | "PLATFORM_SUPERVISOR" | "UNIT",
    title: string,
    dueInMs = 86_400_000,
  ) {
    return database.db.humanTask.create({
      data: {
        workflowId: `wf-${title}`,
        kind: "unitRegistrationReview",
        requestType: "UNIT_REGISTRATION",
        requestId: `req-${title}`,
        queue,
        unitId: queue === "UNIT" ? unitId : null,
        title,
        dueAt: new Date(Date.now() + dueInMs),
      },
    });
  }

  it("shows reviewers the review queue, supervisors also the escalated queue, overdue first", async () => {
    await task("PLATFORM_REVIEW", "later");
    await task("PLATFORM_REVIEW", "overdue", -60_000);
    await task("PLATFORM_SUPERVISOR", "escalated");
    await task("UNIT", "unit-task");
    const reviewer = await personLogin(personWith("PLATFORM_REVIEWER").idNumber);
    const list = await (await app.request("/api/tasks", { headers: reviewer.headers() })).json();
    expect(list.data.map((t: { title: string }) => t.title)).toEqual(["overdue", "later"]);
    expect(list.data[0].overdue).toBe(true);
    const supervisor = await personLogin(personWith("PLATFORM_SUPERVISOR").idNumber);
    const all = await (await app.request("/api/tasks", { headers: supervisor.headers() })).json();
    expect(all.total).toBe(3);
    const overdue = await (
      await app.request("/api/tasks?overdue=true", { headers: supervisor.headers() })
    ).json();
    expect(overdue.data.map((t: { title: string }) => t.title)).toEqual(["overdue"]);
  });

  it("lets exactly one of two reviewers claim a task, and only the claimer release it", async () => {
    const row = await task("PLATFORM_REVIEW", "contested");
    const a = await personLogin(personWith("PLATFORM_REVIEWER").idNumber);
    // A second reviewer (a supervisor could take the task over: see the task-state walk).
    const second = await newPerson("审核员乙", 309);
    const province = await database.db.unit.findUniqueOrThrow({ where: { name: PROVINCIAL_HR_NAME } });
    await bindWithRole(database.db, second.id, province.id, {
      role: "PLATFORM_REVIEWER",
      subsystem: "PLATFORM",
    });
    const b = await personLogin(second.idNumber);
    const results = await Promise.all([
      postJson(app, `/api/tasks/${row.id}/claim`, {}, a.headers()),
      postJson(app, `/api/tasks/${row.id}/claim`, {}, b.headers()),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results[0]!.status === 200 ? a : b;
    const loser = winner === a ? b : a;
    expect((await postJson(app, `/api/tasks/${row.id}/release`, {}, loser.headers())).status).toBe(409);
    const released = await postJson(app, `/api/tasks/${row.id}/release`, {}, winner.headers());
    expect((await released.json()).data).toMatchObject({ status: "OPEN", assignee: null });
    const mine = await (await app.request("/api/tasks?mine=true", { headers: winner.headers() })).json();
    expect(mine.total).toBe(0);
  });

  it("R12 shows a unit's tasks to its administrator only in a real-person session", async () => {
    await task("UNIT", "unit-task");
    const admin = await newPerson("单位管理", 308);
    await database.db.binding.create({ data: { personId: admin.id, unitId, activePersonId: admin.id } });
    await database.db.roleBinding.create({
      data: {
        personId: admin.id,
        unitId,
        role: "UNIT_ADMIN",
        subsystem: "PORTAL",
        activeKey: "k",
        exclusiveKey: `UNIT_ADMIN:${unitId}`,
      },
    });
    const passwordSession = await personLogin(admin.idNumber);
    expect(
      (await (await app.request("/api/tasks", { headers: passwordSession.headers() })).json()).total,
    ).toBe(0);
    const realPerson = await personLogin(admin.idNumber, "REAL_PERSON");
    expect((await (await app.request("/api/tasks", { headers: realPerson.headers() })).json()).total).toBe(1);
  });
});
