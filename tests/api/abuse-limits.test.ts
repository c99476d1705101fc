// Issue 11 item 4, abuse limits: each test runs the attack and shows it failing. Requests carry a
// client address the way the Node server hands it over (the incoming socket), so "from elsewhere"
// and "behind one shared address" are real addresses to the limiter.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "../../lib/passwords.js";
import { makeIdNumber, makeUscc, seedRegions } from "../../prisma/seed/seed.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import {
  MATCHING,
  PDF_BYTES,
  postJson,
  postJsonFrom,
  registrationBody,
  upload,
} from "../support/registration.js";
import { unitWithLogin } from "../support/unit-login.js";

const PASSWORD = "Correct#Horse9";
const MOBILE = "13685009902";
let database: TestDatabase;
let idNumber: string;

beforeEach(async () => {
  database = await createTestDatabase();
  await seedRegions(database.db);
  idNumber = makeIdNumber("520102", "19900307", 123);
  await database.db.person.create({
    data: { idNumber, name: "测试员", mobile: MOBILE, passwordHash: await hashPassword(PASSWORD) },
  });
});
afterEach(() => database.close());

type App = ReturnType<typeof createTestApp>["app"];

const login = (app: App, address: string, account: string, password: string) =>
  postJsonFrom(app, address, "/api/auth/login", { account, password });

/** A self-registered enterprise unit with the test password. */
async function createUnit(uscc: string, contactMobile: string) {
  return database.db.unit.create({
    data: {
      uscc,
      name: `贵州测试${uscc.slice(-6)}有限公司`,
      accountName: uscc,
      passwordHash: await hashPassword(PASSWORD),
      type: "ENTERPRISE",
      origin: "SELF_REGISTERED",
      regionCode: "520102",
      contactName: "李联系",
      contactMobile,
    },
  });
}

/** Moves every recorded login try back in time, as if the person had waited that long. */
async function wait(seconds: number) {
  const attempts = await database.db.loginAttempt.findMany();
  for (const attempt of attempts) {
    await database.db.loginAttempt.update({
      where: { id: attempt.id },
      data: { at: new Date(attempt.at.getTime() - seconds * 1000) },
    });
  }
}

describe("issue 11.4: a limit counts the resolved account, not the typed text", () => {
  it("the same mobile written five ways shares one failure budget with the ID number", async () => {
    const { app } = createTestApp(database);
    const spellings = ["136 8500 9902", "+8613685009902", "0086 13685009902", "86-136-8500-9902", MOBILE];
    for (const account of spellings) {
      expect((await login(app, "10.0.0.66", account, "Wrong#Guess1")).status).toBe(401);
    }
    for (const account of ["+86 136 8500 9902", idNumber.toLowerCase()]) {
      const blocked = await login(app, "10.0.0.66", account, PASSWORD);
      expect(blocked.status).toBe(429);
      const { error } = await blocked.json();
      expect(error.code).toBe("AUTH_THROTTLED");
      expect(error.details.retryAfterSeconds).toBeGreaterThan(0);
    }
  });

  it("spellings of an unknown mobile share one budget too (no account to resolve)", async () => {
    const { app } = createTestApp(database);
    const spellings = [
      "139 0000 1111",
      "+8613900001111",
      "0086 13900001111",
      "86 139-0000-1111",
      "13900001111",
    ];
    for (const account of spellings) {
      expect((await login(app, "10.0.0.66", account, "Wrong#Guess1")).status).toBe(401);
    }
    expect((await login(app, "10.0.0.66", "+86-139-0000-1111", "Wrong#Guess1")).status).toBe(429);
  });

  it("unit login: the USCC in any case counts against the unit", async () => {
    const uscc = makeUscc("91", "520102", "MA6DK1B2");
    await createUnit(uscc, "13700001234");
    const { app } = createTestApp(database);
    for (const account of [uscc.toLowerCase(), ` ${uscc} `, uscc, uscc.toLowerCase(), uscc]) {
      const r = await postJsonFrom(app, "10.0.0.66", "/api/auth/unit-login/code", {
        account,
        password: "Wrong#1x",
      });
      expect(r.status).toBe(401);
    }
    const right = await postJsonFrom(app, "10.0.0.66", "/api/auth/unit-login/code", {
      account: uscc,
      password: PASSWORD,
    });
    expect(right.status).toBe(429);
  });
});

describe("issue 11.4: SMS codes count the canonical mobile", () => {
  it("registration codes to one mobile written five ways share the mobile's hourly budget", async () => {
    const { app } = createTestApp(database);
    const spellings = [
      "139 0000 2222",
      "+8613900002222",
      "0086 13900002222",
      "86-139-0000-2222",
      "13900002222",
    ];
    for (const [i, mobile] of spellings.entries()) {
      const r = await postJsonFrom(app, `10.0.3.${i}`, "/api/persons/registration-codes", { mobile });
      expect(r.status).toBe(200);
    }
    const sixth = await postJsonFrom(app, "10.0.3.9", "/api/persons/registration-codes", {
      mobile: "+86 139 0000 2222",
    });
    expect(sixth.status).toBe(429);
    expect((await sixth.json()).error.code).toBe("SMS_SEND_LIMIT");
    expect(await database.db.smsCode.count({ where: { mobile: "13900002222" } })).toBe(5);
  });
});

describe("issue 11.4: failures by strangers do not lock the owner out", () => {
  it("a correct password after 5 failures from elsewhere still gets in; the stranger's address is locked", async () => {
    const { app } = createTestApp(database);
    for (let i = 0; i < 5; i++) {
      expect((await login(app, "10.0.0.66", idNumber, `Wrong#Guess${i}`)).status).toBe(401);
    }
    expect((await login(app, "10.0.0.66", idNumber, PASSWORD)).status).toBe(429);
    expect((await login(app, "10.0.0.7", idNumber, PASSWORD)).status).toBe(200);
  });

  it("failures from many addresses only delay the account, doubling, and the owner gets in after the delay", async () => {
    const { app } = createTestApp(database);
    // Five free failures, then the sixth (from yet another address) starts a 1-second delay.
    for (let i = 0; i < 6; i++) {
      expect((await login(app, `10.0.1.${i}`, MOBILE, `Wrong#Guess${i}`)).status).toBe(401);
    }
    const delayed = await login(app, "10.0.0.7", idNumber, PASSWORD);
    expect(delayed.status).toBe(429);
    expect((await delayed.json()).error.details.retryAfterSeconds).toBe(1);
    await wait(1);
    expect((await login(app, "10.0.1.9", MOBILE, "Wrong#Again")).status).toBe(401);
    const longer = await login(app, "10.0.1.10", MOBILE, "Wrong#Again");
    expect((await longer.json()).error.details.retryAfterSeconds).toBe(2);
    await wait(2);
    expect((await login(app, "10.0.0.7", idNumber, PASSWORD)).status).toBe(200);
  });

  it("20 failures behind one shared address (政务外网 NAT) do not block everyone behind it", async () => {
    const { app } = createTestApp(database);
    const nat = "59.215.0.1";
    for (let i = 0; i < 20; i++) {
      const other = makeIdNumber("520102", "19800101", 200 + i);
      expect((await login(app, nat, other, "Wrong#Guess1")).status).toBe(401);
    }
    expect((await login(app, nat, idNumber, PASSWORD)).status).toBe(200);
    // Beyond that, the address is slowed one more second per failure, never locked.
    expect((await login(app, nat, makeIdNumber("520102", "19800101", 300), "Wrong#Guess1")).status).toBe(401);
    const slowed = await login(app, nat, idNumber, PASSWORD);
    expect(slowed.status).toBe(429);
    expect((await slowed.json()).error.details.retryAfterSeconds).toBe(1);
    await wait(1);
    expect((await login(app, nat, idNumber, PASSWORD)).status).toBe(200);
  });
});

describe("issue 11.4: logins behind one shared address (政务外网 NAT) at the same moment", () => {
  it("25 colleagues logging in at once from one address all get in: tries in flight are not failures of the address", async () => {
    const { app } = createTestApp(database);
    const passwordHash = await hashPassword(PASSWORD);
    const colleagues = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        database.db.person.create({
          data: {
            idNumber: makeIdNumber("520102", "19850101", 200 + i),
            name: "同事",
            mobile: `1370000${String(i).padStart(4, "0")}`,
            passwordHash,
          },
        }),
      ),
    );
    const answers = await Promise.all(
      colleagues.map((person) => login(app, "10.20.0.1", person.idNumber, PASSWORD)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(colleagues.map(() => 200));
  });
});

describe("issue 11.4: nobody can use up a unit's SMS budget anonymously", () => {
  it("anonymous password-reset requests use up only the reset budget: the unit still gets its login code", async () => {
    const uscc = makeUscc("91", "520102", "MA6DK1B2");
    const unit = await createUnit(uscc, "13700001234");
    const { app } = createTestApp(database);
    // From many addresses, more reset requests than the mobile's hourly budget (5).
    for (let i = 0; i < 8; i++) {
      const r = await postJsonFrom(app, `10.0.2.${i}`, "/api/units/password-reset/code", { account: uscc });
      expect(r.status).toBe(200);
    }
    const resets = await database.db.smsCode.count({
      where: { subjectId: unit.id, purpose: "PASSWORD_RESET" },
    });
    expect(resets).toBe(5);
    const code = await postJsonFrom(app, "10.0.0.7", "/api/auth/unit-login/code", {
      account: uscc,
      password: PASSWORD,
    });
    expect(code.status).toBe(200);
    expect(await database.db.smsCode.count({ where: { subjectId: unit.id, purpose: "UNIT_LOGIN" } })).toBe(1);
  });

  it("anonymous password-reset requests are limited per client address, answering the same", async () => {
    const { app } = createTestApp(database, { env: { SMS_MAX_PER_ADDRESS_PER_HOUR: "3" } });
    const units = [];
    for (let i = 0; i < 4; i++) {
      const uscc = makeUscc("91", "520102", `MA6DK1B${i}`);
      units.push({ uscc, unit: await createUnit(uscc, `1370000123${i}`) });
    }
    const answers = [];
    for (const { uscc } of units) {
      const r = await postJsonFrom(app, "10.0.0.66", "/api/units/password-reset/code", { account: uscc });
      answers.push({ status: r.status, keys: Object.keys((await r.json()).data) });
    }
    // The fourth got the same answer, but no SMS: the address had used its budget.
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    const sent = await database.db.smsCode.findMany({ where: { purpose: "PASSWORD_RESET" } });
    expect(sent.map((c) => c.subjectId).sort()).toEqual(
      units
        .slice(0, 3)
        .map((u) => u.unit.id)
        .sort(),
    );
    expect(sent.every((c) => c.ipAddress === "10.0.0.66")).toBe(true);
    // Another address is not held back by the first one's use.
    await postJsonFrom(app, "10.0.0.7", "/api/units/password-reset/code", { account: units[3]!.uscc });
    expect(await database.db.smsCode.count({ where: { subjectId: units[3]!.unit.id } })).toBe(1);
  });
});

describe("issue 11.4: registrations are limited per mobile, notices counting", () => {
  it("a unit registration is refused while its contact mobile has had its messages for the hour; nothing is created", async () => {
    const { app } = createTestApp(database);
    const victim = "13688880000";
    // Five notices this hour (e.g. from registrations a stranger submitted naming this number).
    for (let i = 0; i < 5; i++) {
      await database.db.smsMessage.create({
        data: { idempotencyKey: `flood:${i}`, mobile: victim, template: "T", params: "{}", body: "…" },
      });
    }
    const refused = await postJson(
      app,
      "/api/registrations",
      await registrationBody(app, { contactMobile: "+86 136 8888 0000" }),
    );
    expect(refused.status).toBe(429);
    const { error } = await refused.json();
    expect(error).toMatchObject({ code: "SMS_SEND_LIMIT", field: "contactMobile" });
    expect(error.details.retryAfterSeconds).toBeGreaterThan(3000);
    const asLegalRep = await postJson(
      app,
      "/api/registrations",
      await registrationBody(app, { legalRepMobile: victim }),
    );
    expect((await asLegalRep.json()).error).toMatchObject({
      code: "SMS_SEND_LIMIT",
      field: "legalRepMobile",
    });
    expect(await database.db.unitRegistration.count()).toBe(0);
    // Another number is not held back (the test has no Temporal, so it stops at starting the workflow).
    const other = await postJson(app, "/api/registrations", await registrationBody(app));
    expect((await other.json()).error.code).not.toBe("SMS_SEND_LIMIT");
  });

  it("two mobiles each within the hour's budget pass, though together they had more messages than one may", async () => {
    const { app } = createTestApp(database);
    const [contact, legalRep] = ["13688881111", "13688882222"];
    const notices = async (mobile: string, count: number) => {
      for (let i = 0; i < count; i++) {
        await database.db.smsMessage.create({
          data: { idempotencyKey: randomUUID(), mobile, template: "T", params: "{}", body: "…" },
        });
      }
    };
    // Three notices each: six in all, over one mobile's five an hour, which the one-read shortcut
    // (the day's messages to both) cannot pass; each mobile's own count then decides.
    await notices(contact, 3);
    await notices(legalRep, 3);
    const mobiles = { contactMobile: contact, legalRepMobile: legalRep };
    const answer = await postJson(app, "/api/registrations", await registrationBody(app, mobiles));
    expect((await answer.json()).error.code).not.toBe("SMS_SEND_LIMIT");
    // Two more to the contact mobile spend its hour: refused on that field (the first registration,
    // stored without a workflow here, is removed so that its USCC is free again).
    await database.db.unitRegistration.deleteMany();
    await notices(contact, 2);
    const refused = await postJson(app, "/api/registrations", await registrationBody(app, mobiles));
    expect((await refused.json()).error).toMatchObject({ code: "SMS_SEND_LIMIT", field: "contactMobile" });
  });
});

describe("issue 11.4: uploads that no request uses are deleted after a configurable time", () => {
  it("an old unused upload is deleted with its file by the next upload; one a registration names, and a new one, stay", async () => {
    const { app, ports } = createTestApp(database, { env: { UPLOAD_UNUSED_RETENTION_SECONDS: "3600" } });
    const body = await registrationBody(app);
    const [licence, letter] = [
      body.businessLicenceUploadId as string,
      body.authorizationLetterUploadId as string,
    ];
    const orphan = (await (await upload(app, "BUSINESS_LICENCE", "旧执照.pdf", PDF_BYTES)).json()).data.id;
    await database.db.unitRegistration.create({
      data: {
        requestNumber: "DW-TEST-1",
        uscc: MATCHING.uscc,
        unitName: MATCHING.unitName,
        unitType: "ENTERPRISE",
        regionCode: MATCHING.regionCode,
        legalRepName: MATCHING.legalRepName,
        legalRepIdNumber: MATCHING.legalRepIdNumber,
        contactName: "张联系",
        contactMobile: "13688889999",
        submissionId: "s-1",
        passwordHash: "x",
        businessLicenceUploadId: licence,
        authorizationLetterUploadId: letter,
        workflowId: "w-1",
      },
    });
    // Two hours old: beyond the hour the configuration keeps unused uploads.
    const old = new Date(Date.now() - 2 * 3_600_000);
    await database.db.upload.updateMany({
      where: { id: { in: [licence, letter, orphan] } },
      data: { createdAt: old },
    });
    const orphanKey = (await database.db.upload.findUniqueOrThrow({ where: { id: orphan } })).storageKey;

    const fresh = (await (await upload(app, "BUSINESS_LICENCE", "新执照.pdf", PDF_BYTES)).json()).data.id;
    const left = await database.db.upload.findMany({ select: { id: true } });
    expect(left.map((u) => u.id).sort()).toEqual([licence, letter, fresh].sort());
    await expect(ports.fileStorage.get(orphanKey)).rejects.toThrow(/ENOENT/);
  });
});

describe("issue 11.4: a unit login cannot probe who is registered through the first-administrator designation", () => {
  it("after 5 refused designations the unit login is held back (DESIGNATION_THROTTLED), even for an eligible person", async () => {
    const { app } = createTestApp(database);
    const { unit, jar } = await unitWithLogin(app, database.db, {
      uscc: makeUscc("91", "520102", "MA6DK1B2"),
      name: "贵州测试指定有限公司",
      contactMobile: "13700005555",
    });
    const designate = (body: unknown) =>
      postJson(app, `/api/units/${unit.id}/first-administrator`, body, jar.headers());
    for (let i = 0; i < 5; i++) {
      const guess = await designate({ idNumber: makeIdNumber("520102", "19800101", 400 + i), name: "张三" });
      expect((await guess.json()).error.code).toBe("PERSON_NOT_FOUND");
    }
    const held = await designate({ idNumber, name: "测试员" });
    expect(held.status).toBe(429);
    const { error } = await held.json();
    expect(error.code).toBe("DESIGNATION_THROTTLED");
    expect(error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(await database.db.roleBinding.count()).toBe(0);
  });
});

describe("issue 11.4: an SMS code takes SMS_CODE_MAX_ATTEMPTS guesses, however they are sent", () => {
  it("forty wrong guesses of a password-reset code sent at the same moment: five are weighed, the rest refused, and the right code is then refused too (no unit taken over)", async () => {
    const uscc = makeUscc("91", "520102", "MA6DK1C7");
    const unit = await createUnit(uscc, "13700005678");
    const { app } = createTestApp(database);
    const asked = await postJsonFrom(app, "10.0.3.1", "/api/units/password-reset/code", { account: uscc });
    const { challengeId } = (await asked.json()).data;
    const sent = await database.db.smsMessage.findFirstOrThrow({ where: { mobile: unit.contactMobile } });
    const code = /(\d{6})/.exec(sent.body)![1]!;
    const wrong = (i: number) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0");
    const answers = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const answer = await postJsonFrom(app, `10.0.3.${i + 2}`, "/api/units/password-reset", {
          challengeId,
          code: wrong(i),
          newPassword: "Taken#Over2026",
        });
        return (await answer.json()).error?.code as string;
      }),
    );
    // Five were weighed (the last of them, and those that read the count after it, say "too many").
    expect(answers.filter((answer) => answer === "SMS_CODE_INVALID").length).toBeLessThanOrEqual(4);
    expect(answers.every((a) => a === "SMS_CODE_INVALID" || a === "SMS_CODE_TOO_MANY_ATTEMPTS")).toBe(true);
    expect((await database.db.smsCode.findUniqueOrThrow({ where: { id: challengeId } })).attempts).toBe(5);
    const right = await postJsonFrom(app, "10.0.3.99", "/api/units/password-reset", {
      challengeId,
      code,
      newPassword: "Taken#Over2026",
    });
    expect((await right.json()).error.code).toBe("SMS_CODE_TOO_MANY_ATTEMPTS");
    expect((await database.db.unit.findUniqueOrThrow({ where: { id: unit.id } })).passwordHash).toBe(
      unit.passwordHash,
    );
  });
});

describe("issue 11.4: the login limiter holds against guesses sent at the same moment", () => {
  it("thirty wrong passwords for one account sent at once from one address: five are weighed, the rest are throttled", async () => {
    const { app } = createTestApp(database);
    const answers = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const answer = await login(app, "203.0.113.77", idNumber, `Wrong#Guess${i}`);
        return (await answer.json()).error?.code as string;
      }),
    );
    expect(answers.filter((answer) => answer === "AUTH_INVALID_CREDENTIALS")).toHaveLength(5);
    expect(answers.filter((answer) => answer === "AUTH_THROTTLED")).toHaveLength(25);
  });
});

describe("issue 11.4: a mobile's SMS budget holds against requests sent at the same moment", () => {
  it("twenty registration-code requests for one mobile sent at once from twenty addresses send the hour's five codes, no more", async () => {
    const { app, config } = createTestApp(database);
    const victim = "13688881111";
    const answers = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const answer = await postJsonFrom(app, `203.0.113.${i + 1}`, "/api/persons/registration-codes", {
          mobile: victim,
        });
        return answer.status;
      }),
    );
    expect(config.smsCodes.maxPerHour).toBe(5);
    expect(answers.filter((status) => status === 200)).toHaveLength(5);
    expect(answers.filter((status) => status === 429)).toHaveLength(15);
    expect(await database.db.smsMessage.count({ where: { mobile: victim } })).toBe(5);
  });
});
