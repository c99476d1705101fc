// Issue 8, item 3 (and item 4's name clash): requests that race for one unique key, on a real
// SQLite file. The loser of each race gets the answer the winner's row means (its own retried
// submission, an open request, a name taken), never an internal error; request numbers come from
// a daily sequence and never clash, not even between two processes.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createUnitRegistrationActivities } from "../../activities/unit-registration.activities.js";
import { newRequestNumber } from "../../api/request-numbers.js";
import { chinaDateDigits } from "../../domain/china-time.js";
import { createDatabase, preparePragmas } from "../../lib/database.js";
import { importUnits } from "../../lib/import-units.js";
import { makeIdNumber, makeUscc, PROVINCIAL_HR_NAME, seedBaseline } from "../../prisma/seed/seed.js";
import { unitRegistrationWorkflowId } from "../../workflows/contracts.js";
import { cookieJar, createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { fakeWorkflowStarts } from "../support/fake-workflow-starts.js";
import { createPerson, createUnit, passwordLogin } from "../support/people.js";
import { postJson, registrationBody } from "../support/registration.js";
import { lastSmsCode, unitWithLogin } from "../support/unit-login.js";

let database: TestDatabase;
let built: ReturnType<typeof createTestApp>;
let people: Awaited<ReturnType<typeof seedBaseline>>;
let runs: ReturnType<typeof fakeWorkflowStarts>;
const SEED_PASSWORD = "Guizhou@2026";

beforeEach(async () => {
  database = await createTestDatabase();
  people = await seedBaseline(database.db, SEED_PASSWORD);
  built = createTestApp(database);
  runs = fakeWorkflowStarts(built.temporal);
});
afterEach(() => database.close());

/** The stored columns of a registration body, as the API writes them. */
const pick = (body: Awaited<ReturnType<typeof registrationBody>>) => ({
  submissionId: body.submissionId as string,
  unitName: body.unitName as string,
  unitType: "ENTERPRISE" as const,
  regionCode: body.regionCode as string,
  legalRepName: body.legalRepName as string,
  legalRepIdNumber: body.legalRepIdNumber as string,
  contactName: body.contactName as string,
  contactMobile: body.contactMobile as string,
  businessLicenceUploadId: body.businessLicenceUploadId as string,
  authorizationLetterUploadId: body.authorizationLetterUploadId as string,
});

const uscc = (n: number) => makeUscc("91", "520102", `MA6R${String(n).padStart(4, "0")}`);

async function errorOf(response: Response) {
  return (await response.json()).error as { code: string; field?: string; details?: unknown };
}

describe("Item 3: every unique-key race gets the right answer", () => {
  it("answers 20 concurrent retries of one registration (same submissionId) with one request", async () => {
    const body = await registrationBody(built.app, { uscc: uscc(1), unitName: "遵义并发示例科技有限公司" });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => postJson(built.app, "/api/registrations", body)),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(19).fill(200), 201]);
    const numbers = new Set(
      await Promise.all(responses.map(async (r) => (await r.json()).data.requestNumber)),
    );
    expect(numbers.size).toBe(1);
    expect(await database.db.unitRegistration.count({ where: { submissionId: body.submissionId } })).toBe(1);
    expect(await database.db.unitRegistration.count()).toBe(1);
  });

  it("answers 20 concurrent retries of one binding request (same submissionId) with one request", async () => {
    const unit = await createUnit(database.db);
    const person = await createPerson(database.db);
    const jar = await passwordLogin(built.app, person.idNumber);
    const body = { unitName: unit.name, pledgeAccepted: true, submissionId: randomUUID() };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => postJson(built.app, "/api/binding-requests", body, jar.headers())),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const numbers = new Set(
      await Promise.all(responses.map(async (r) => (await r.json()).data.requestNumber)),
    );
    expect(numbers.size).toBe(1);
    expect(await database.db.bindingRequest.count({ where: { personId: person.id } })).toBe(1);
  });

  it("answers concurrent binding requests with different submissionIds: one stored, the rest BINDING_REQUEST_OPEN", async () => {
    const unit = await createUnit(database.db);
    const person = await createPerson(database.db);
    const jar = await passwordLogin(built.app, person.idNumber);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        postJson(
          built.app,
          "/api/binding-requests",
          { unitName: unit.name, pledgeAccepted: true, submissionId: randomUUID() },
          jar.headers(),
        ),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    const stored = await database.db.bindingRequest.findFirstOrThrow({ where: { personId: person.id } });
    for (const refused of responses.filter((r) => r.status === 409)) {
      expect(await errorOf(refused)).toMatchObject({
        code: "BINDING_REQUEST_OPEN",
        details: { requestNumber: stored.requestNumber },
      });
    }
    expect(await database.db.bindingRequest.count({ where: { personId: person.id } })).toBe(1);
  });

  it("gives 500 parallel request numbers, from two database connections (processes), all distinct and in sequence", async () => {
    const other = createDatabase(database.url);
    await preparePragmas(other);
    try {
      const now = new Date("2026-11-30T01:00:00Z");
      const numbers = await Promise.all(
        Array.from({ length: 500 }, (_, i) => newRequestNumber(i % 2 ? other : database.db, "BD", now)),
      );
      expect(new Set(numbers).size).toBe(500);
      const day = chinaDateDigits(now);
      const expected = Array.from({ length: 500 }, (_, i) => `BD${day}${String(i + 1).padStart(6, "0")}`);
      expect([...numbers].sort()).toEqual(expected);
      // Each prefix and each China day counts on its own; the length stays that of DW20261130000001.
      expect(await newRequestNumber(database.db, "DW", now)).toBe(`DW${day}000001`);
      const nextDay = new Date("2026-11-30T16:00:00Z"); // 00:00 on 1 December in China
      expect(await newRequestNumber(other, "BD", nextDay)).toBe("BD20261201000001");
      // A request that is not stored gives its number back with its transaction.
      await expect(
        database.db.$transaction(async (tx) => {
          await newRequestNumber(tx, "BD", now);
          throw new Error("not stored");
        }),
      ).rejects.toThrow("not stored");
      expect(await newRequestNumber(database.db, "BD", now)).toBe(`BD${day}000501`);
    } finally {
      await other.$disconnect();
    }
  });

  it("item 4: refuses one of two concurrent registrations of one unit name with different USCCs", async () => {
    const name = "贵州同名并发示例有限公司";
    const [a, b] = await Promise.all([
      registrationBody(built.app, { uscc: uscc(2), unitName: name }),
      registrationBody(built.app, { uscc: uscc(3), unitName: name }),
    ]);
    const responses = await Promise.all([
      postJson(built.app, "/api/registrations", a),
      postJson(built.app, "/api/registrations", b),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = await errorOf(responses.find((r) => r.status === 409)!);
    expect(refused).toMatchObject({ code: "UNIT_NAME_IN_REGISTRATION", field: "unitName" });
    expect(await database.db.unitRegistration.count({ where: { unitName: name } })).toBe(1);
  });

  it("item 4: a name reserved by an open registration is refused, and free again once it is rejected", async () => {
    const name = "贵州名称保留示例有限公司";
    const first = await postJson(
      built.app,
      "/api/registrations",
      await registrationBody(built.app, { uscc: uscc(4), unitName: name }),
    );
    expect(first.status).toBe(201);
    const second = await registrationBody(built.app, { uscc: uscc(5), unitName: name });
    const refused = await postJson(built.app, "/api/registrations", second);
    expect(refused.status).toBe(409);
    const error = await errorOf(refused);
    expect(error).toMatchObject({ code: "UNIT_NAME_IN_REGISTRATION", field: "unitName" });
    // Same name and same USCC: that is R4's registration in progress.
    const sameUscc = await postJson(
      built.app,
      "/api/registrations",
      await registrationBody(built.app, { uscc: uscc(4), unitName: name }),
    );
    expect(await errorOf(sameUscc)).toMatchObject({ code: "REGISTRATION_IN_PROGRESS", field: "uscc" });

    const open = await database.db.unitRegistration.findUniqueOrThrow({ where: { openUnitName: name } });
    const activities = createUnitRegistrationActivities({ db: database.db, ports: built.ports });
    await activities.closeRegistration({ registrationId: open.id, status: "REJECTED", reason: "名称有误" });
    expect(await database.db.unitRegistration.findUniqueOrThrow({ where: { id: open.id } })).toMatchObject({
      openUnitName: null,
      openUscc: null,
    });
    const again = await postJson(built.app, "/api/registrations", second);
    expect(again.status).toBe(201);
  });

  it("item 4: a registration stored by an API that stopped before its workflow started does not hold its name forever", async () => {
    const orphan = async (n: number, unitName: string) => {
      const body = await registrationBody(built.app, { uscc: uscc(n), unitName });
      return database.db.unitRegistration.create({
        data: {
          ...pick(body),
          uscc: uscc(n),
          requestNumber: `DW20261127${String(900_000 + n)}`,
          openUnitName: unitName,
          passwordHash: "x",
          workflowId: unitRegistrationWorkflowId(uscc(n)),
          submittedAt: new Date(Date.now() - 60_000),
        },
      });
    };
    // Its workflow starts now, and the name stays reserved for it.
    const kept = await orphan(10, "贵州孤儿申请示例一有限公司");
    const refused = await postJson(
      built.app,
      "/api/registrations",
      await registrationBody(built.app, { uscc: uscc(11), unitName: kept.unitName }),
    );
    expect(await errorOf(refused)).toMatchObject({ code: "UNIT_NAME_IN_REGISTRATION" });
    expect(runs.get(kept.workflowId)?.memo).toEqual({ requestId: kept.id });
    // Its USCC's workflow belongs to another registration: it is dropped, and the name is free.
    const dropped = await orphan(12, "贵州孤儿申请示例二有限公司");
    runs.set(dropped.workflowId, { workflowId: dropped.workflowId, memo: { registrationId: "another" } });
    const accepted = await postJson(
      built.app,
      "/api/registrations",
      await registrationBody(built.app, { uscc: uscc(13), unitName: dropped.unitName }),
    );
    expect(accepted.status).toBe(201);
    expect(await database.db.unitRegistration.count({ where: { id: dropped.id } })).toBe(0);
  });

  it("answers two concurrent contact mobile changes of one unit: one started, the other CONTACT_MOBILE_CHANGE_IN_PROGRESS", async () => {
    const { unit, jar } = await unitWithLogin(built.app, database.db, {
      uscc: uscc(6),
      name: "贵阳手机变更并发示例有限公司",
      contactMobile: "13700006666",
    });
    const starts = [];
    for (const newMobile of ["13700007777", "13700008888"]) {
      const code = await postJson(
        built.app,
        `/api/units/${unit.id}/contact-mobile-change/code`,
        { newMobile },
        jar.headers(),
      );
      const body = {
        challengeId: (await code.json()).data.challengeId,
        code: await lastSmsCode(database.db, newMobile),
        method: "MANUAL_REVIEW",
        explanation: "法人出国，无法人脸识别",
      };
      starts.push(() =>
        postJson(built.app, `/api/units/${unit.id}/contact-mobile-change`, body, jar.headers()),
      );
    }
    const responses = await Promise.all(starts.map((start) => start()));
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await errorOf(responses.find((r) => r.status === 409)!)).toMatchObject({
      code: "CONTACT_MOBILE_CHANGE_IN_PROGRESS",
    });
    expect(await database.db.contactMobileChange.count({ where: { unitId: unit.id } })).toBe(1);
  });

  describe("R21 HR-department creation", () => {
    const hrBody = (n: number, name: string) => ({
      name,
      uscc: makeUscc("11", "520102", `0091${String(n).padStart(4, "0")}`),
      regionCode: "520102",
      contactName: "职称科",
      contactMobile: "13985009999",
      administrator: {
        idNumber: makeIdNumber("520102", "19830303", 400 + n),
        name: `管理${"甲乙丙丁"[n]}`,
        mobile: "13985008888",
      },
    });
    async function provincialSession() {
      const admin = people.find((p) => p.role === "UNIT_ADMIN" && p.unitName === PROVINCIAL_HR_NAME)!;
      const jar = cookieJar();
      const login = await postJson(built.app, "/api/auth/login", {
        account: admin.idNumber,
        password: SEED_PASSWORD,
      });
      jar.take(login);
      const person = await database.db.person.findUniqueOrThrow({ where: { idNumber: admin.idNumber } });
      await database.db.session.updateMany({
        where: { personId: person.id },
        data: { strength: "REAL_PERSON" },
      });
      return jar;
    }

    it("answers two concurrent creations of one name: one created, the other UNIT_NAME_TAKEN", async () => {
      const jar = await provincialSession();
      const name = "贵阳市南明区人力资源和社会保障局";
      const responses = await Promise.all([
        postJson(built.app, "/api/units/hr-departments", hrBody(1, name), jar.headers()),
        postJson(built.app, "/api/units/hr-departments", hrBody(2, name), jar.headers()),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(await errorOf(responses.find((r) => r.status === 409)!)).toMatchObject({
        code: "UNIT_NAME_TAKEN",
        field: "name",
      });
    });

    it("item 4: refuses a name reserved by an open registration with UNIT_NAME_IN_REGISTRATION", async () => {
      const name = "贵阳市云岩区人力资源和社会保障局";
      const registration = await postJson(
        built.app,
        "/api/registrations",
        await registrationBody(built.app, { uscc: uscc(7), unitName: name, unitType: "GOVERNMENT_AGENCY" }),
      );
      expect(registration.status).toBe(201);
      const jar = await provincialSession();
      const refused = await postJson(built.app, "/api/units/hr-departments", hrBody(3, name), jar.headers());
      expect(refused.status).toBe(409);
      expect(await errorOf(refused)).toMatchObject({ code: "UNIT_NAME_IN_REGISTRATION", field: "name" });
      expect(await database.db.unit.count({ where: { name } })).toBe(0);
    });
  });

  describe("R5 legacy unit import", () => {
    const header =
      "accountName,name,uscc,type,regionCode,contactName,contactMobile,legalRepName,legalRepIdNumber,initialPassword,registeredAt";
    const row = (account: string, name: string) =>
      `${account},${name},,ENTERPRISE,520102,老联系人,13611112222,,,Legacy#Pass1,2019-05-01`;

    it("imports each unit once when two imports of one file run at once, reporting the other as skipped", async () => {
      const csv = [
        header,
        row("gz_race_001", "贵阳并发导入示例一有限公司"),
        row("gz_race_002", "贵阳并发导入示例二有限公司"),
      ].join("\n");
      const [a, b] = await Promise.all([importUnits(database.db, csv), importUnits(database.db, csv)]);
      expect(a.imported + b.imported).toBe(2);
      expect(a.skipped.length + b.skipped.length).toBe(2);
      expect([...a.failed, ...b.failed]).toEqual([]);
      expect(await database.db.unit.count({ where: { origin: "IMPORTED" } })).toBe(2);
    });

    it("item 4: reports a row whose name an open registration reserves, with its request number", async () => {
      const name = "贵阳导入同名示例有限公司";
      const registration = await postJson(
        built.app,
        "/api/registrations",
        await registrationBody(built.app, { uscc: uscc(8), unitName: name }),
      );
      const { requestNumber } = (await registration.json()).data;
      const report = await importUnits(database.db, [header, row("gz_race_003", name)].join("\n"));
      expect(report.imported).toBe(0);
      expect(report.failed).toEqual([
        { line: 2, field: "name", message: expect.stringContaining(requestNumber) },
      ]);
    });
  });
});
