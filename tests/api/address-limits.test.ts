// Issue 11.4: anonymous actions are limited per client address (registrations, uploads, account
// recovery, QR scans), counted in the database so that every API process shares the count; addresses
// in TRUSTED_NETWORKS are not limited. Each test runs the flood and shows it stopped, with the client
// address given the way the Node server hands it over (the incoming socket).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeIdNumber, seedRegions } from "../../prisma/seed/seed.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { fromAddress, ORIGIN, PDF_BYTES, postJsonFrom, registrationBody } from "../support/registration.js";

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
  await seedRegions(database.db);
});
afterEach(() => database.close());

type App = ReturnType<typeof createTestApp>["app"];

function uploadFrom(app: App, address: string) {
  const form = new FormData();
  form.set("kind", "BUSINESS_LICENCE");
  form.set("file", new File([PDF_BYTES.slice()], "营业执照.pdf", { type: "application/pdf" }));
  const init = { method: "POST", body: form, headers: { origin: ORIGIN } };
  return app.request(`${ORIGIN}/api/uploads`, init, fromAddress(address));
}

async function expectAddressLimited(response: Response, action: string) {
  expect(response.status).toBe(429);
  const { error } = await response.json();
  expect(error.code).toBe("ADDRESS_RATE_LIMITED");
  expect(error.details).toMatchObject({ action });
  expect(error.details.retryAfterSeconds).toBeGreaterThan(0);
  expect(error.message["zh-CN"]).toMatch(/.+过多，请 \d+ 分钟后再试/);
}

describe("issue 11.4: uploads are limited per client address", () => {
  it("the third upload in the hour from one address is refused; another address and a trusted network are not held back", async () => {
    const { app } = createTestApp(database, {
      env: { UPLOADS_PER_ADDRESS_PER_HOUR: "2", TRUSTED_NETWORKS: "10.80.0.0/16" },
    });
    for (let i = 0; i < 2; i++) expect((await uploadFrom(app, "203.0.113.5")).status).toBe(201);
    await expectAddressLimited(await uploadFrom(app, "203.0.113.5"), "UPLOAD");
    expect(await database.db.upload.count()).toBe(2);
    expect((await uploadFrom(app, "203.0.113.6")).status).toBe(201);
    // A government network's NAT puts a whole office behind one address: not limited.
    for (let i = 0; i < 4; i++) expect((await uploadFrom(app, "10.80.3.4")).status).toBe(201);
  });

  it("the count lives in the database: a second API process on the same database sees it", async () => {
    const env = { UPLOADS_PER_ADDRESS_PER_HOUR: "2" };
    const first = createTestApp(database, { env }).app;
    const second = createTestApp(database, { env }).app;
    expect((await uploadFrom(first, "203.0.113.5")).status).toBe(201);
    expect((await uploadFrom(second, "203.0.113.5")).status).toBe(201);
    await expectAddressLimited(await uploadFrom(first, "203.0.113.5"), "UPLOAD");
  });
});

describe("issue 11.4: registrations are limited per client address", () => {
  it("a new unit registration over the address's hourly number is refused and stores nothing; a retry of a stored one is not counted", async () => {
    const { app } = createTestApp(database, { env: { REGISTRATIONS_PER_ADDRESS_PER_HOUR: "1" } });
    const body = await registrationBody(app);
    // The test has no Temporal: the first is stored, then its workflow cannot start (answered 503).
    const first = await postJsonFrom(app, "203.0.113.9", "/api/registrations", body);
    expect(first.status).not.toBe(429);
    expect(await database.db.unitRegistration.count()).toBe(1);
    const retry = await postJsonFrom(app, "203.0.113.9", "/api/registrations", body);
    expect(retry.status).not.toBe(429);
    const another = await registrationBody(app, { uscc: "91520102MA6DMEXQ5G" });
    await expectAddressLimited(
      await postJsonFrom(app, "203.0.113.9", "/api/registrations", another),
      "REGISTRATION",
    );
    expect(await database.db.unitRegistration.count()).toBe(1);
  });

  it("personal registrations count against the same allowance, before the SMS code is looked at", async () => {
    const { app } = createTestApp(database, { env: { REGISTRATIONS_PER_ADDRESS_PER_HOUR: "2" } });
    const body = {
      codeId: "00000000-0000-4000-8000-000000000000",
      code: "123456",
      mobile: "13688880001",
      name: "王测试",
      idNumber: makeIdNumber("520102", "19900307", 123),
      password: "Person#Pass2026",
    };
    for (let i = 0; i < 2; i++) {
      // Validated, then refused for the unknown code: counted all the same.
      const refused = await postJsonFrom(app, "203.0.113.10", "/api/persons/registrations", body);
      expect(refused.status).toBeLessThan(500);
      expect((await refused.json()).error.code).toMatch(/^SMS_CODE/);
    }
    await expectAddressLimited(
      await postJsonFrom(app, "203.0.113.10", "/api/persons/registrations", body),
      "REGISTRATION",
    );
  });
});

describe("issue 11.4: account recovery is limited per client address", () => {
  it("over the hourly number every request is refused the same, whether or not the unit exists", async () => {
    const { app } = createTestApp(database, { env: { ACCOUNT_RECOVERIES_PER_ADDRESS_PER_HOUR: "2" } });
    const ask = (usccOrName: string) =>
      postJsonFrom(app, "203.0.113.11", "/api/units/account-recovery", {
        usccOrName,
        legalRepIdNumber: "520112197103087933",
      });
    expect((await ask("91520201526150783T")).status).toBe(202);
    expect((await ask("贵州不存在的公司")).status).toBe(202);
    await expectAddressLimited(await ask("91520201526150783T"), "ACCOUNT_RECOVERY");
    await expectAddressLimited(await ask("贵州不存在的公司"), "ACCOUNT_RECOVERY");
  });
});

describe("issue 11.4: the QR-scan route is limited per scanner address", () => {
  it("guessing tokens stops after the minute's number, with one answer for every guess", async () => {
    const { app } = createTestApp(database, { env: { QR_SCANS_PER_ADDRESS_PER_MINUTE: "3" } });
    const scan = (token: string) => postJsonFrom(app, "198.51.100.7", `/api/mobile/checks/${token}/scan`, {});
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await scan(`guess-${i}`.padEnd(32, "x"))).status);
    expect(answers.every((status) => status !== 429 && status < 500)).toBe(true);
    await expectAddressLimited(await scan("guess-4".padEnd(32, "x")), "QR_SCAN");
    // Another phone is not held back.
    expect(
      (await postJsonFrom(app, "198.51.100.8", `/api/mobile/checks/${"y".repeat(32)}/scan`, {})).status,
    ).not.toBe(429);
  });
});

describe("issue 11.4: the registration-status code cannot be used to guess which mobile a request has", () => {
  const lookup = (app: App, address: string, requestNumber: string, contactMobile: string) =>
    postJsonFrom(app, address, "/api/registrations/access-code", { requestNumber, contactMobile });

  it("lookups are limited per client address", async () => {
    const { app } = createTestApp(database, { env: { STATUS_LOOKUPS_PER_ADDRESS_PER_HOUR: "3" } });
    for (let i = 0; i < 3; i++) {
      const miss = await lookup(app, "203.0.113.20", `DW2026113000000${i}`, "13688880000");
      expect((await miss.json()).error.code).toBe("REGISTRATION_ACCESS_NOT_FOUND");
    }
    await expectAddressLimited(
      await lookup(app, "203.0.113.20", "DW20261130000009", "13688880009"),
      "STATUS_LOOKUP",
    );
  });

  it("past a request number's guesses from any addresses every answer is the same 202, and the applicant still gets the code (R29)", async () => {
    const { app } = createTestApp(database, { env: { STATUS_LOOKUPS_PER_REQUEST_PER_HOUR: "2" } });
    const body = await registrationBody(app);
    await postJsonFrom(app, "203.0.113.30", "/api/registrations", body);
    const { requestNumber, contactMobile } = await database.db.unitRegistration.findFirstOrThrow();
    // Two guesses from two addresses are told the truth…
    for (const address of ["203.0.113.31", "203.0.113.32"]) {
      const miss = await lookup(app, address, requestNumber, "13688880001");
      expect((await miss.json()).error.code).toBe("REGISTRATION_ACCESS_NOT_FOUND");
    }
    // …then a wrong mobile and the right one get the same answer, from anywhere.
    const wrong = await lookup(app, "203.0.113.33", requestNumber, "13688880002");
    const right = await lookup(app, "203.0.113.34", requestNumber, contactMobile);
    expect([wrong.status, right.status]).toEqual([202, 202]);
    // Only the applicant's mobile received a code.
    const codes = await database.db.smsCode.findMany({ where: { purpose: "REQUEST_STATUS" } });
    expect(codes.map((code) => code.mobile)).toEqual([contactMobile]);
    // An unknown number past its guesses answers the same.
    for (let i = 0; i < 2; i++) await lookup(app, "203.0.113.35", "DW20261130999999", "13688880003");
    expect((await lookup(app, "203.0.113.36", "DW20261130999999", "13688880003")).status).toBe(202);
  });
});

describe("issue 11.4: one client is one budget, however its address is written", () => {
  it("an IPv4 address and its IPv4-mapped IPv6 spelling share one allowance", async () => {
    const { app } = createTestApp(database, { env: { UPLOADS_PER_ADDRESS_PER_HOUR: "2" } });
    expect((await uploadFrom(app, "203.0.113.5")).status).toBe(201);
    expect((await uploadFrom(app, "::ffff:203.0.113.5")).status).toBe(201);
    await expectAddressLimited(await uploadFrom(app, "::FFFF:cb00:7105"), "UPLOAD");
    await expectAddressLimited(await uploadFrom(app, "203.0.113.5"), "UPLOAD");
  });

  it("every address of one IPv6 /64 (one subscriber's network) shares one allowance; another /64 does not", async () => {
    const { app } = createTestApp(database, { env: { ACCOUNT_RECOVERIES_PER_ADDRESS_PER_HOUR: "2" } });
    const ask = (address: string) =>
      postJsonFrom(app, address, "/api/units/account-recovery", {
        usccOrName: "贵州不存在的公司",
        legalRepIdNumber: "520112197103087933",
      });
    expect((await ask("2001:db8:5:7::1")).status).toBe(202);
    expect((await ask("2001:db8:5:7:a:b:c:d")).status).toBe(202);
    await expectAddressLimited(await ask("2001:0db8:0005:0007:ffff::9"), "ACCOUNT_RECOVERY");
    expect((await ask("2001:db8:5:8::1")).status).toBe(202);
  });

  it("the login limiter counts one /64 as one address: rotating addresses inside it does not reset the lock", async () => {
    const { app } = createTestApp(database, { env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: "3" } });
    const idNumber = makeIdNumber("520102", "19900307", 321);
    const tryFrom = async (address: string, i: number) =>
      (
        await postJsonFrom(app, address, "/api/auth/login", {
          account: idNumber,
          password: `Wrong#Pass${i}`,
        })
      ).status;
    for (let i = 1; i <= 3; i++) expect(await tryFrom(`2001:db8:9:9::${i}`, i)).toBe(401);
    // A fourth address in the same /64 is the same client: locked ...
    expect(await tryFrom("2001:db8:9:9::4", 4)).toBe(429);
    // ... while another subscriber's network is not locked out by those failures (R12: strangers).
    expect(await tryFrom("2001:db8:9:a::1", 5)).toBe(401);
  });
});
