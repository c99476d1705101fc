// Issue 11 item 3, the real real-person adapter: Tencent Cloud FaceID through its SDK, pointed at a
// local stand-in of Tencent's HTTP API, on the real Temporal dev server with the worker and a real
// SQLite file. SMS go through the real Aliyun adapter and its stand-in: the production combination.
// The QR code opens our /face-check page, which sends the person to the vendor; the workflow
// fetches the verdict from the vendor; nothing a browser posts can decide it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SMS_TEMPLATES } from "../../lib/ports/sms-templates.js";
import { makeIdNumber } from "../../prisma/seed/seed.js";
import { realPersonCheckWorkflowId } from "../../workflows/contracts.js";
import {
  type AliyunSmsStandIn,
  aliyunSmsEnv,
  startAliyunSmsStandIn,
} from "../support/aliyun-sms-stand-in.js";
import { cookieJar, createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { recordHistory } from "../support/histories.js";
import { createPerson, PASSWORD, passwordLogin } from "../support/people.js";
import { postJson } from "../support/registration.js";
import {
  type StandInSession,
  startTencentFaceIdStandIn,
  TEST_LOGIN_RULE_ID,
  TEST_RULE_ID,
  type TencentFaceIdStandIn,
  tencentFaceIdEnv,
} from "../support/tencent-faceid-stand-in.js";
import { type RunningWorker, startTestWorker } from "../support/worker.js";

let database: TestDatabase;
let faceId: TencentFaceIdStandIn;
let sms: AliyunSmsStandIn;
let worker: RunningWorker;
let built: ReturnType<typeof createTestApp>;
/** Same worker and task queue, but checks that expire after 3 s. */
let shortLived: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  [database, faceId, sms] = await Promise.all([
    createTestDatabase(),
    startTencentFaceIdStandIn(),
    startAliyunSmsStandIn(),
  ]);
  const address = inject("temporalAddress");
  const env = {
    ...tencentFaceIdEnv(faceId),
    ...aliyunSmsEnv(sms, SMS_TEMPLATES),
    TEMPORAL_TASK_QUEUE: `faceid-${randomUUID()}`,
    REAL_PERSON_CHECK_TTL_SECONDS: "30",
    QR_LOGIN_TTL_SECONDS: "30",
  };
  built = createTestApp(database, { temporalAddress: address, env });
  shortLived = createTestApp(database, {
    temporalAddress: address,
    env: { ...env, REAL_PERSON_CHECK_TTL_SECONDS: "3" },
  });
  worker = await startTestWorker({ database, config: built.config, ports: built.ports });
});
afterAll(async () => {
  await worker?.stop();
  await Promise.all([faceId?.close(), sms?.close()]);
  await database?.close();
});

const tokenOf = (url: string) => url.split("/").pop()!;
let counter = 0;
const newIdNumber = () => makeIdNumber("520103", "19930412", 400 + ++counter);
const newMobile = () => `1357700${String(1000 + ++counter).slice(-4)}`;

async function register(idNumber = newIdNumber(), mobile = newMobile(), app = built.app) {
  const sent = await postJson(app, "/api/persons/registration-codes", { mobile });
  expect(sent.status).toBe(200);
  const { codeId } = (await sent.json()).data;
  const response = await postJson(app, "/api/persons/registrations", {
    name: "林晓",
    idNumber,
    mobile,
    codeId,
    code: sms.lastCode(mobile),
    password: PASSWORD,
  });
  expect(response.status).toBe(201);
  const { data } = await response.json();
  return { ...data, idNumber, mobile, token: tokenOf(data.qrUrl) } as {
    id: string;
    qrUrl: string;
    token: string;
    idNumber: string;
    mobile: string;
  };
}

const checkOf = async (token: string) =>
  (await (await built.app.request(`/api/real-person-checks/${token}`)).json()).data as {
    status: string;
    qrUrl: string;
  };
const registrationStatus = async (id: string) =>
  (await (await built.app.request(`/api/persons/registrations/${id}`)).json()).data.status;
const goToVendor = (token: string, app = built.app) =>
  postJson(app, `/api/real-person-checks/${token}/vendor-session`, {});

/** The person opens the check's page and is sent to the vendor: the vendor's session. */
async function visitVendor(token: string): Promise<{ url: string; session: StandInSession }> {
  const response = await goToVendor(token);
  expect(response.status).toBe(200);
  const { url } = (await response.json()).data;
  return { url, session: faceId.sessionFor(token)! };
}

async function verdictEvent(checkId: string) {
  const event = await database.db.auditEvent.findFirst({
    where: { action: "realPersonCheck.verdict", targetId: checkId },
  });
  return event ? (JSON.parse(event.after ?? "{}") as Record<string, unknown>) : null;
}

const checkIdOf = async (token: string) =>
  (await database.db.realPersonCheck.findUniqueOrThrow({ where: { token } })).id;

describe("Issue 11 item 3: face checks on Tencent FaceID", () => {
  it("R15, R28: the QR code opens our page, the person goes to the vendor, the server fetches PASSED and the account is created", async () => {
    const registration = await register();
    const page = `${built.config.publicUrl}/face-check/${registration.token}`;
    expect(registration.qrUrl).toBe(page);
    expect(await checkOf(registration.token)).toMatchObject({ status: "PENDING", qrUrl: page });

    const { url, session } = await visitVendor(registration.token);
    expect(url).toBe(`${faceId.endpoint}/h5/detect?token=${session.bizToken}`);
    // The vendor checks the person the registration names, and sends them back to our page.
    expect(session).toMatchObject({
      ruleId: TEST_RULE_ID,
      idCard: registration.idNumber,
      name: "林晓",
      redirectUrl: page,
    });
    await expect.poll(async () => (await checkOf(registration.token)).status).toBe("SCANNED");
    // Issue 13.5: the vendor's BizToken is on the check as soon as the session opens.
    const opened = await database.db.realPersonCheck.findFirstOrThrow({
      where: { id: await checkIdOf(registration.token) },
    });
    expect(opened.vendorReference).toBe(session.bizToken);
    // A second visit while the session is fresh goes to the same session.
    const again = await (await goToVendor(registration.token)).json();
    expect(again.data.url).toBe(url);
    expect(faceId.sessions.filter((s) => s.redirectUrl === page)).toHaveLength(1);

    // The welcome SMS is throttled once: the activity retries it with backoff.
    sms.script(registration.mobile, { code: "isv.BUSINESS_LIMIT_CONTROL", message: "触发分钟级流控" });
    faceId.finish(session, { passed: true });
    await expect
      .poll(() => registrationStatus(registration.id), { timeout: 15_000, interval: 200 })
      .toBe("REGISTERED");
    const checkId = await checkIdOf(registration.token);
    const verdict = await verdictEvent(checkId);
    expect(verdict).toEqual({
      purpose: "PERSON_REGISTRATION",
      outcome: "PASSED",
      vendor: "tencent-faceid",
      vendorReference: session.bizToken,
      vendorCode: "0",
    });
    await expect
      .poll(
        async () =>
          (
            await database.db.smsMessage.findFirst({
              where: { mobile: registration.mobile, template: "PERSON_REGISTERED" },
            })
          )?.status,
        { timeout: 15_000, interval: 250 },
      )
      .toBe("SENT");
    expect(sms.received.map((m) => m.templateCode)).toContain(
      built.config.aliyunSms?.templates.PERSON_REGISTERED,
    );
    // Only text was asked for (the stand-in refuses InfoType other than "1"), and nothing was refused.
    expect(faceId.refusals).toEqual([]);
    expect(sms.refusals).toEqual([]);
    const handle = built.temporal.workflow.getHandle(realPersonCheckWorkflowId(checkId));
    expect(await handle.result()).toBe("PASSED");
    await recordHistory(handle, "real-person-check-vendor-passed");
  });

  it("R28: a verdict posted by a browser is not taken: the simulated app's routes do not exist", async () => {
    const registration = await register();
    const posted = await postJson(built.app, `/api/mobile/checks/${registration.token}/face`, {
      passed: true,
    });
    expect(posted.status).toBe(404);
    expect((await posted.json()).error.code).toBe("ROUTE_NOT_FOUND");
    const { session } = await visitVendor(registration.token);
    const again = await postJson(built.app, `/api/mobile/checks/${registration.token}/face`, {
      passed: true,
    });
    expect(again.status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await checkOf(registration.token)).status).toBe("SCANNED");
    expect(session.fetched).toBeGreaterThan(0);
    expect(await registrationStatus(registration.id)).toBe("AWAITING_REAL_PERSON_AUTH");
  });

  it("R15: the vendor's failed face check (ErrCode 1003) fails the check; no account", async () => {
    const registration = await register();
    const { session } = await visitVendor(registration.token);
    faceId.finish(session, { passed: false, errCode: 1003 });
    await expect
      .poll(() => registrationStatus(registration.id), { timeout: 15_000, interval: 200 })
      .toBe("FAILED");
    expect(await database.db.person.findUnique({ where: { idNumber: registration.idNumber } })).toBeNull();
    expect(await verdictEvent(await checkIdOf(registration.token))).toMatchObject({
      outcome: "FAILED",
      vendorCode: "1003",
      vendorReference: session.bizToken,
    });
    const check = await database.db.realPersonCheck.findUniqueOrThrow({
      where: { id: await checkIdOf(registration.token) },
    });
    expect(check).toMatchObject({ status: "FAILED", vendorReference: session.bizToken });
  });

  it("R15: a passed face check of someone else than the person named fails the check", async () => {
    const registration = await register();
    const { session } = await visitVendor(registration.token);
    faceId.finish(session, { passed: true, as: { idCard: newIdNumber(), name: "别人" } });
    await expect
      .poll(() => registrationStatus(registration.id), { timeout: 15_000, interval: 200 })
      .toBe("FAILED");
    expect(await verdictEvent(await checkIdOf(registration.token))).toMatchObject({
      outcome: "FAILED",
      reason: "IDENTITY_MISMATCH",
    });
  });

  it("R15: the check expires when the person never finishes on the vendor's page", async () => {
    const registration = await register(newIdNumber(), newMobile(), shortLived.app);
    const response = await goToVendor(registration.token, shortLived.app);
    expect(response.status).toBe(200);
    await expect
      .poll(() => registrationStatus(registration.id), { timeout: 15_000, interval: 250 })
      .toBe("EXPIRED");
    expect((await checkOf(registration.token)).status).toBe("EXPIRED");
    expect(faceId.sessionFor(registration.token)!.fetched).toBeGreaterThan(1);
    expect(await verdictEvent(await checkIdOf(registration.token))).toBeNull();
    const late = await goToVendor(registration.token);
    expect(late.status).toBe(409);
    expect((await late.json()).error.code).toBe("REAL_PERSON_CHECK_CLOSED");
  });

  it("R15: a vendor session that ends without a verdict leaves the check open; the next visit opens a new one", async () => {
    const registration = await register();
    const first = await visitVendor(registration.token);
    faceId.expire(first.session);
    // The workflow learns the session is gone, then waits for the person's next visit.
    await expect.poll(() => first.session.fetched, { timeout: 10_000 }).toBeGreaterThan(0);
    let second = first;
    const nextVisit = async () => {
      second = await visitVendor(registration.token);
      return second.session.bizToken;
    };
    await expect.poll(nextVisit, { timeout: 10_000 }).not.toBe(first.session.bizToken);
    faceId.finish(second.session, { passed: true });
    await expect
      .poll(() => registrationStatus(registration.id), { timeout: 15_000, interval: 200 })
      .toBe("REGISTERED");
    expect(await verdictEvent(await checkIdOf(registration.token))).toMatchObject({
      vendorReference: second.session.bizToken,
    });
    // Issue 13.5: the check names the session that gave the verdict, not the one that ended.
    const check = await database.db.realPersonCheck.findUniqueOrThrow({
      where: { id: await checkIdOf(registration.token) },
    });
    expect(check.vendorReference).toBe(second.session.bizToken);
  });

  it("R15: a vendor that does not answer for a while is asked again; its outage is not a verdict", async () => {
    const registration = await register();
    const { session } = await visitVendor(registration.token);
    faceId.failNext(
      "GetDetectInfoEnhanced",
      { code: "InternalError", message: "内部错误" },
      { code: "RequestLimitExceeded", message: "请求的次数超过了频率限制" },
    );
    faceId.finish(session, { passed: true });
    await expect
      .poll(() => registrationStatus(registration.id), { timeout: 15_000, interval: 200 })
      .toBe("REGISTERED");
  });

  it("R28: the vendor down (an error, then a timeout) when the person starts: 503 REAL_PERSON_VENDOR_UNAVAILABLE; the check stays open", async () => {
    const registration = await register();
    faceId.failNext("DetectAuth", { code: "InternalError", message: "内部错误" }, { hangMs: 1500 });
    const down = await goToVendor(registration.token);
    expect(down.status).toBe(503);
    expect((await down.json()).error.code).toBe("REAL_PERSON_VENDOR_UNAVAILABLE");
    expect((await checkOf(registration.token)).status).toBe("PENDING");
    const { session } = await visitVendor(registration.token);
    expect(session.idCard).toBe(registration.idNumber);
  });

  it("R12: a QR login through the vendor logs in the person the vendor verified", async () => {
    const person = await createPerson(database.db, { name: "扫码人" });
    const jar = cookieJar();
    const issued = await postJson(built.app, "/api/auth/qr-challenges", {});
    jar.take(issued);
    const { data: challenge } = await issued.json();
    expect(challenge.qrUrl).toMatch(/\/face-check\//);
    const { session } = await visitVendor(tokenOf(challenge.qrUrl));
    // Nobody is named yet: the login flow lets the person give their identity on the vendor's page.
    expect(session).toMatchObject({ ruleId: TEST_LOGIN_RULE_ID, idCard: undefined, name: undefined });
    faceId.finish(session, { passed: true, as: { idCard: person.idNumber, name: "扫码人" } });
    const status = async () =>
      (
        await (
          await built.app.request(`/api/auth/qr-challenges/${challenge.challengeId}`, {
            headers: jar.headers(),
          })
        ).json()
      ).data;
    await expect.poll(async () => (await status()).status, { timeout: 15_000, interval: 200 }).toBe("PASSED");
    expect((await status()).scannedByMasked).toBe("扫**");
    const exchanged = await postJson(
      built.app,
      `/api/auth/qr-challenges/${challenge.challengeId}/session`,
      {},
      jar.headers(),
    );
    expect(exchanged.status).toBe(200);
    expect((await exchanged.json()).data).toMatchObject({
      strength: "REAL_PERSON",
      person: { id: person.id },
    });
  });

  it("R12: a QR login verified for an ID number without an account fails", async () => {
    const jar = cookieJar();
    const issued = await postJson(built.app, "/api/auth/qr-challenges", {});
    jar.take(issued);
    const { data: challenge } = await issued.json();
    const { session } = await visitVendor(tokenOf(challenge.qrUrl));
    faceId.finish(session, { passed: true, as: { idCard: newIdNumber(), name: "无账号" } });
    await expect
      .poll(async () => (await checkOf(tokenOf(challenge.qrUrl))).status, { timeout: 15_000, interval: 200 })
      .toBe("FAILED");
    const exchanged = await postJson(
      built.app,
      `/api/auth/qr-challenges/${challenge.challengeId}/session`,
      {},
      jar.headers(),
    );
    expect((await exchanged.json()).error.code).toBe("QR_CHALLENGE_FAILED");
    expect(await verdictEvent(await checkIdOf(tokenOf(challenge.qrUrl)))).toMatchObject({
      purpose: "QR_LOGIN",
      outcome: "FAILED",
      reason: "PERSON_NOT_REGISTERED",
    });
  });

  it("R12: a step-up through the vendor checks the logged-in person and raises only after the server's verdict", async () => {
    const person = await createPerson(database.db, { name: "实人认证" });
    const jar = await passwordLogin(built.app, person.idNumber);
    const started = await postJson(built.app, "/api/auth/step-up", {}, jar.headers());
    expect(started.status).toBe(201);
    const { data: stepUp } = await started.json();
    const { session } = await visitVendor(tokenOf(stepUp.qrUrl));
    expect(session).toMatchObject({ idCard: person.idNumber, name: "实人认证" });
    const progress = async () =>
      (
        await (
          await built.app.request(`/api/auth/step-up/${stepUp.checkId}`, { headers: jar.headers() })
        ).json()
      ).data;
    expect((await progress()).strength).toBe("PASSWORD");
    faceId.finish(session, { passed: true });
    await expect
      .poll(async () => (await progress()).strength, { timeout: 15_000, interval: 200 })
      .toBe("REAL_PERSON");
  });
});
