// R15 personal registration and R12 QR login, on the real Temporal dev server: the API on a real
// SQLite file, the worker, and the simulated mobile app's routes.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { makeIdNumber } from "../../prisma/seed/seed.js";
import { cookieJar, createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { recordHistory } from "../support/histories.js";
import { createPerson, createUnit, PASSWORD, passwordLogin, qrLogin } from "../support/people.js";
import { postJson } from "../support/registration.js";
import { type RunningWorker, startTestWorker } from "../support/worker.js";

let database: TestDatabase;
let worker: RunningWorker;
let built: ReturnType<typeof createTestApp>;
/** Same worker and task queue, but QR codes that expire after 2 s. */
let shortLived: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  const address = inject("temporalAddress");
  const env = { TEMPORAL_TASK_QUEUE: `persons-${randomUUID()}`, REAL_PERSON_CHECK_TTL_SECONDS: "20" };
  built = createTestApp(database, { temporalAddress: address, env });
  shortLived = createTestApp(database, {
    temporalAddress: address,
    env: { ...env, REAL_PERSON_CHECK_TTL_SECONDS: "2", QR_LOGIN_TTL_SECONDS: "2" },
  });
  worker = await startTestWorker({ database, config: built.config, ports: built.ports });
});
afterAll(async () => {
  await worker.stop();
  await database.close();
});

const tokenOf = (url: string) => url.split("/").pop()!;
let counter = 0;
const newIdNumber = () => makeIdNumber("520103", "19920315", 300 + ++counter);
const newMobile = () => `1355500${String(1000 + ++counter).slice(-4)}`;

async function lastCode(mobile: string) {
  const message = await database.db.smsMessage.findFirstOrThrow({
    where: { mobile, template: "VERIFICATION_CODE" },
    orderBy: { createdAt: "desc" },
  });
  return /验证码为(\d{6})/.exec(message.body)![1]!;
}

async function register(overrides: Record<string, unknown> = {}, app = built.app) {
  const mobile = (overrides.mobile as string) ?? newMobile();
  const sent = await postJson(app, "/api/persons/registration-codes", { mobile });
  expect(sent.status).toBe(200);
  const { codeId } = (await sent.json()).data;
  return postJson(app, "/api/persons/registrations", {
    name: "林晓",
    idNumber: newIdNumber(),
    mobile,
    codeId,
    code: await lastCode(mobile),
    password: PASSWORD,
    ...overrides,
  });
}

async function registrationStatus(id: string) {
  return (await (await built.app.request(`/api/persons/registrations/${id}`)).json()).data.status;
}

describe("R15 personal registration", () => {
  it("R15 creates the account only after the registrant's face check passes on the mobile app", async () => {
    const idNumber = newIdNumber();
    const response = await register({ idNumber });
    expect(response.status).toBe(201);
    const { data } = await response.json();
    expect(data).toMatchObject({ status: "AWAITING_REAL_PERSON_AUTH", checkStatus: "PENDING" });
    expect(await database.db.person.findUnique({ where: { idNumber } })).toBeNull();

    const token = tokenOf(data.qrUrl);
    const shown = await (await built.app.request(`/api/real-person-checks/${token}`)).json();
    expect(shown.data).toMatchObject({ purpose: "PERSON_REGISTRATION", subjectNameMasked: "林*" });
    expect((await postJson(built.app, `/api/mobile/checks/${token}/scan`, {})).status).toBe(200);
    expect((await postJson(built.app, `/api/mobile/checks/${token}/face`, { passed: true })).status).toBe(
      200,
    );

    await expect
      .poll(() => registrationStatus(data.id), { timeout: 15_000, interval: 200 })
      .toBe("REGISTERED");
    const person = await database.db.person.findUniqueOrThrow({ where: { idNumber } });
    expect(person.realPersonVerifiedAt).not.toBeNull();
    const registration = await database.db.personRegistration.findUniqueOrThrow({ where: { id: data.id } });
    expect(registration.passwordHash).toBeNull();
    // The password chosen at registration works.
    await passwordLogin(built.app, idNumber);
    const sms = await database.db.smsMessage.findFirst({
      where: { template: "PERSON_REGISTERED", mobile: person.mobile },
    });
    expect(sms?.body).toContain("注册成功");
    const handle = built.temporal.workflow.getHandle(`PersonRegistration:${data.id}`);
    expect(await handle.result()).toBe("REGISTERED");
    await recordHistory(handle, "person-registration-registered");
  });

  it("R15 creates nothing when the face check fails", async () => {
    const idNumber = newIdNumber();
    const { data } = await (await register({ idNumber })).json();
    await postJson(built.app, `/api/mobile/checks/${tokenOf(data.qrUrl)}/face`, { passed: false });
    await expect.poll(() => registrationStatus(data.id), { timeout: 15_000, interval: 200 }).toBe("FAILED");
    expect(await database.db.person.findUnique({ where: { idNumber } })).toBeNull();
  });

  it("issue 13.6: after a failed face check the registrant retries it with the verified mobile, no new SMS code; once per failure", async () => {
    const idNumber = newIdNumber();
    const mobile = newMobile();
    const { data } = await (await register({ idNumber, mobile })).json();
    expect(data.retryUntil).toBeNull();
    await postJson(built.app, `/api/mobile/checks/${tokenOf(data.qrUrl)}/face`, { passed: false });
    await expect.poll(() => registrationStatus(data.id), { timeout: 15_000, interval: 200 }).toBe("FAILED");
    const failed = (await (await built.app.request(`/api/persons/registrations/${data.id}`)).json()).data;
    // The SMS code's validity (SMS_CODE_TTL_SECONDS), counted from the failure.
    const closedAt = (await database.db.personRegistration.findUniqueOrThrow({ where: { id: data.id } }))
      .closedAt!;
    expect(Date.parse(failed.retryUntil)).toBe(closedAt.getTime() + built.config.smsCodes.ttlSeconds * 1000);
    const codesBefore = await database.db.smsMessage.count({
      where: { mobile, template: "VERIFICATION_CODE" },
    });

    const retried = await postJson(built.app, `/api/persons/registrations/${data.id}/face-check-retry`, {
      password: PASSWORD,
    });
    expect(retried.status).toBe(201);
    const again = (await retried.json()).data;
    expect(again).toMatchObject({
      status: "AWAITING_REAL_PERSON_AUTH",
      checkStatus: "PENDING",
      retryUntil: null,
    });
    expect(again.id).not.toBe(data.id);
    expect(again.qrUrl).not.toBe(data.qrUrl);
    // The failed registration is retried once: a second retry of it is refused.
    const twice = await postJson(built.app, `/api/persons/registrations/${data.id}/face-check-retry`, {
      password: PASSWORD,
    });
    expect(twice.status).toBe(409);
    expect((await twice.json()).error.code).toBe("FACE_CHECK_RETRY_NOT_AVAILABLE");
    expect(
      (await (await built.app.request(`/api/persons/registrations/${data.id}`)).json()).data.retryUntil,
    ).toBeNull();

    await postJson(built.app, `/api/mobile/checks/${tokenOf(again.qrUrl)}/face`, { passed: true });
    await expect
      .poll(() => registrationStatus(again.id), { timeout: 15_000, interval: 200 })
      .toBe("REGISTERED");
    const person = await database.db.person.findUniqueOrThrow({ where: { idNumber } });
    expect(person).toMatchObject({ name: "林晓", mobile });
    await passwordLogin(built.app, idNumber);
    expect(await database.db.smsMessage.count({ where: { mobile, template: "VERIFICATION_CODE" } })).toBe(
      codesBefore,
    );
  });

  it("issue 13.6: no retry while the check is open, after it passed, or once the code's validity has passed", async () => {
    const { data } = await (await register()).json();
    const open = await postJson(built.app, `/api/persons/registrations/${data.id}/face-check-retry`, {
      password: PASSWORD,
    });
    expect((await open.json()).error.code).toBe("FACE_CHECK_RETRY_NOT_AVAILABLE");
    await postJson(built.app, `/api/mobile/checks/${tokenOf(data.qrUrl)}/face`, { passed: false });
    await expect.poll(() => registrationStatus(data.id), { timeout: 15_000, interval: 200 }).toBe("FAILED");
    // The failure is older than the code's validity.
    await database.db.personRegistration.update({
      where: { id: data.id },
      data: { closedAt: new Date(Date.now() - built.config.smsCodes.ttlSeconds * 1000 - 1000) },
    });
    const late = await postJson(built.app, `/api/persons/registrations/${data.id}/face-check-retry`, {
      password: PASSWORD,
    });
    expect(late.status).toBe(409);
    expect((await late.json()).error.code).toBe("FACE_CHECK_RETRY_NOT_AVAILABLE");
    const weak = await postJson(built.app, `/api/persons/registrations/${data.id}/face-check-retry`, {
      password: "short",
    });
    expect((await weak.json()).error.field).toBe("password");
  });

  it("R15 lets the face check expire without an account", async () => {
    const idNumber = newIdNumber();
    const response = await register({ idNumber }, shortLived.app);
    const { data } = await response.json();
    await expect.poll(() => registrationStatus(data.id), { timeout: 15_000, interval: 250 }).toBe("EXPIRED");
    expect(await database.db.person.findUnique({ where: { idNumber } })).toBeNull();
  });

  it("R15 refuses an ID number that is already registered: log in instead; nothing is created", async () => {
    const existing = await createPerson(database.db);
    const before = await database.db.personRegistration.count();
    const response = await register({ idNumber: existing.idNumber });
    expect(response.status).toBe(409);
    const { error } = await response.json();
    expect(error).toMatchObject({ code: "PERSON_ALREADY_REGISTERED", field: "idNumber" });
    expect(error.message["zh-CN"]).toContain("登录");
    expect(await database.db.personRegistration.count()).toBe(before);
  });

  it("R15 names the field of each bad input: ID number, mobile, weak password, wrong SMS code", async () => {
    const before = await database.db.personRegistration.count();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ idNumber: "520103199203153001" }, "VALIDATION_FAILED", "idNumber"],
      [{ password: "password1" }, "VALIDATION_FAILED", "password"],
      [{ code: "000000" }, "SMS_CODE_INVALID", "code"],
    ];
    for (const [override, code, field] of cases) {
      const { error } = await (await register(override)).json();
      expect(error, JSON.stringify(override)).toMatchObject({ code, field });
    }
    const badMobile = await postJson(built.app, "/api/persons/registration-codes", { mobile: "1234" });
    expect((await badMobile.json()).error).toMatchObject({ code: "VALIDATION_FAILED", field: "mobile" });
    const weak = await (await register({ password: "abc" })).json();
    expect(weak.error.message["zh-CN"]).toContain("大写字母");
    expect(await database.db.personRegistration.count()).toBe(before);
  });

  it("R15 refuses an expired SMS code", async () => {
    const mobile = newMobile();
    const { data } = await (await postJson(built.app, "/api/persons/registration-codes", { mobile })).json();
    await database.db.smsCode.update({
      where: { id: data.codeId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const response = await register({ mobile, codeId: data.codeId, code: await lastCode(mobile) });
    expect((await response.json()).error).toMatchObject({ code: "SMS_CODE_EXPIRED", field: "code" });
  });
});

describe("R12 QR login", () => {
  it("R12 QR login gives a REAL_PERSON session; the login page's event stream sees the scan and the confirmation", async () => {
    const person = await createPerson(database.db, { name: "扫码登录" });
    const browser = cookieJar();
    const issued = await postJson(
      built.app,
      "/api/auth/qr-challenges",
      {},
      { "user-agent": "Mozilla/5.0 Chrome/131" },
    );
    browser.take(issued);
    const { data: challenge } = await issued.json();
    expect(challenge.status).toBe("PENDING");
    const token = tokenOf(challenge.qrUrl);

    const stream = await built.app.request(`/api/auth/qr-challenges/${challenge.challengeId}/events`, {
      headers: browser.headers(),
    });
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    const { events, finished } = readEvents(stream);

    const scan = await postJson(built.app, `/api/mobile/checks/${token}/scan`, { idNumber: person.idNumber });
    // The phone shows where the login is from; whose account it is only after the face check (issue 11.4).
    expect((await scan.json()).data).toMatchObject({
      purpose: "QR_LOGIN",
      status: "SCANNED",
      subjectNameMasked: null,
      origin: { userAgent: "Mozilla/5.0 Chrome/131" },
    });
    // The login page learns of the scan (within a second) before the face check completes.
    await expect
      .poll(() => events.map((e) => e.status), { timeout: 2_000, interval: 50 })
      .toContain("SCANNED");
    await postJson(built.app, `/api/mobile/checks/${token}/face`, {
      passed: true,
      idNumber: person.idNumber,
    });
    const seen = await finished;
    expect(seen.map((e) => e.status)).toEqual(["PENDING", "SCANNED", "PASSED"]);
    expect(seen[1]!.scannedByMasked).toBeNull();
    expect(seen[2]!.scannedByMasked).toBe("扫***");

    const exchanged = await postJson(
      built.app,
      `/api/auth/qr-challenges/${challenge.challengeId}/session`,
      {},
      browser.headers(),
    );
    expect(exchanged.status).toBe(200);
    browser.take(exchanged);
    expect((await exchanged.json()).data).toMatchObject({
      strength: "REAL_PERSON",
      person: { id: person.id },
    });
    const me = await (await built.app.request("/api/auth/me", { headers: browser.headers() })).json();
    expect(me.data.strength).toBe("REAL_PERSON");

    // Replayed: the challenge is used.
    const replay = await postJson(
      built.app,
      `/api/auth/qr-challenges/${challenge.challengeId}/session`,
      {},
      browser.headers(),
    );
    expect((await replay.json()).error.code).toBe("QR_CHALLENGE_USED");
  });

  it("R12 only the browser that showed the QR code can use it", async () => {
    const person = await createPerson(database.db);
    const shower = cookieJar();
    const issued = await postJson(built.app, "/api/auth/qr-challenges", {});
    shower.take(issued);
    const { data: challenge } = await issued.json();
    const token = tokenOf(challenge.qrUrl);
    await postJson(built.app, `/api/mobile/checks/${token}/scan`, { idNumber: person.idNumber });
    await postJson(built.app, `/api/mobile/checks/${token}/face`, {
      passed: true,
      idNumber: person.idNumber,
    });
    const stranger = await postJson(
      built.app,
      `/api/auth/qr-challenges/${challenge.challengeId}/session`,
      {},
    );
    expect(stranger.status).toBe(404);
    expect(stranger.headers.get("set-cookie")).toBeNull();
  });

  it("R12 refuses an expired QR challenge, and a challenge not yet confirmed", async () => {
    const person = await createPerson(database.db);
    const browser = cookieJar();
    const issued = await postJson(shortLived.app, "/api/auth/qr-challenges", {});
    browser.take(issued);
    const { data: challenge } = await issued.json();
    const pending = await postJson(
      shortLived.app,
      `/api/auth/qr-challenges/${challenge.challengeId}/session`,
      {},
      browser.headers(),
    );
    expect((await pending.json()).error.code).toBe("QR_CHALLENGE_PENDING");
    await expect
      .poll(
        async () =>
          (
            await (
              await shortLived.app.request(`/api/auth/qr-challenges/${challenge.challengeId}`, {
                headers: browser.headers(),
              })
            ).json()
          ).data.status,
        { timeout: 10_000, interval: 250 },
      )
      .toBe("EXPIRED");
    const late = await postJson(shortLived.app, `/api/mobile/checks/${tokenOf(challenge.qrUrl)}/scan`, {
      idNumber: person.idNumber,
    });
    expect(late.status).toBe(409);
    const expired = await postJson(
      shortLived.app,
      `/api/auth/qr-challenges/${challenge.challengeId}/session`,
      {},
      browser.headers(),
    );
    expect(expired.status).toBe(410);
    expect((await expired.json()).error.code).toBe("QR_CHALLENGE_EXPIRED");
  });

  it("R12 a failed face check does not log in", async () => {
    const person = await createPerson(database.db);
    const browser = cookieJar();
    const issued = await postJson(built.app, "/api/auth/qr-challenges", {});
    browser.take(issued);
    const { data: challenge } = await issued.json();
    const token = tokenOf(challenge.qrUrl);
    await postJson(built.app, `/api/mobile/checks/${token}/scan`, { idNumber: person.idNumber });
    await postJson(built.app, `/api/mobile/checks/${token}/face`, {
      passed: false,
      idNumber: person.idNumber,
    });
    const response = await postJson(
      built.app,
      `/api/auth/qr-challenges/${challenge.challengeId}/session`,
      {},
      browser.headers(),
    );
    expect((await response.json()).error.code).toBe("QR_CHALLENGE_FAILED");
  });

  it("R12 only the phone that scanned a login code can confirm it", async () => {
    const [scanner, other] = [await createPerson(database.db), await createPerson(database.db)];
    const { data: challenge } = await (await postJson(built.app, "/api/auth/qr-challenges", {})).json();
    const token = tokenOf(challenge.qrUrl);
    await postJson(built.app, `/api/mobile/checks/${token}/scan`, { idNumber: scanner.idNumber });
    const hijack = await postJson(built.app, `/api/mobile/checks/${token}/face`, {
      passed: true,
      idNumber: other.idNumber,
    });
    expect((await hijack.json()).error.code).toBe("QR_CHALLENGE_OTHER_PHONE");
    const rescan = await postJson(built.app, `/api/mobile/checks/${token}/scan`, {
      idNumber: other.idNumber,
    });
    expect((await rescan.json()).error.code).toBe("QR_CHALLENGE_OTHER_PHONE");
    const check = await database.db.realPersonCheck.findFirstOrThrow({ where: { token } });
    expect(check.subjectIdNumber).toBe(scanner.idNumber);
    expect(check.personId).toBeNull();
  });

  it("issue 11.4: the QR scan answers the same for unknown, disabled and registered ID numbers, one ID number per challenge, until the face check", async () => {
    const registered = await createPerson(database.db);
    const disabled = await createPerson(database.db);
    await database.db.person.update({ where: { id: disabled.id }, data: { status: "DISABLED" } });
    const unknown = newIdNumber();
    const answers: unknown[] = [];
    const tokens: string[] = [];
    for (const idNumber of [unknown, disabled.idNumber, registered.idNumber]) {
      const { data: challenge } = await (await postJson(built.app, "/api/auth/qr-challenges", {})).json();
      const token = tokenOf(challenge.qrUrl);
      tokens.push(token);
      const scan = await postJson(built.app, `/api/mobile/checks/${token}/scan`, { idNumber });
      const { data } = await scan.json();
      answers.push({
        httpStatus: scan.status,
        ...data,
        expiresAt: undefined,
        qrUrl: undefined,
        origin: undefined,
      });
      // A second guess on the same challenge is refused whatever it names.
      const guess = await postJson(built.app, `/api/mobile/checks/${token}/scan`, {
        idNumber: newIdNumber(),
      });
      expect((await guess.json()).error.code).toBe("QR_CHALLENGE_OTHER_PHONE");
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[1]).toEqual(answers[2]);
    expect(answers[0]).toMatchObject({ httpStatus: 200, status: "SCANNED", subjectNameMasked: null });
    // After the face check the app may say why there is no login.
    const face = (i: number, idNumber: string) =>
      postJson(built.app, `/api/mobile/checks/${tokens[i]}/face`, { passed: true, idNumber });
    expect((await (await face(0, unknown)).json()).error).toMatchObject({
      code: "PERSON_NOT_REGISTERED",
      field: "idNumber",
    });
    expect((await (await face(1, disabled.idNumber)).json()).error.code).toBe("AUTH_ACCOUNT_DISABLED");
    expect((await face(2, registered.idNumber)).status).toBe(200);
  });

  it("R18 a disabled person can log in neither by password nor by QR code", async () => {
    const unit = await createUnit(database.db);
    const person = await createPerson(database.db, { unitId: unit.id });
    await database.db.person.update({ where: { id: person.id }, data: { status: "DISABLED" } });
    const byPassword = await postJson(built.app, "/api/auth/login", {
      account: person.idNumber,
      password: PASSWORD,
    });
    expect((await byPassword.json()).error.code).toBe("AUTH_ACCOUNT_DISABLED");
    await expect(qrLogin(built.app, person.idNumber)).rejects.toThrow(/AUTH_ACCOUNT_DISABLED/);
  });
});

type ChallengeEvent = { status: string; scannedByMasked: string | null };

/** Collects `status` events as they arrive; `finished` settles when a final one arrives or the stream ends. */
function readEvents(response: Response): { events: ChallengeEvent[]; finished: Promise<ChallengeEvent[]> } {
  const events: ChallengeEvent[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const finished = (async () => {
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return events;
      buffer += value;
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const data = buffer
          .slice(0, end)
          .split("\n")
          .find((line) => line.startsWith("data:"));
        buffer = buffer.slice(end + 2);
        if (!data) continue;
        const event = JSON.parse(data.slice(5)) as ChallengeEvent;
        events.push(event);
        if (["PASSED", "FAILED", "EXPIRED"].includes(event.status)) {
          await reader.cancel();
          return events;
        }
      }
    }
  })();
  return { events, finished };
}
