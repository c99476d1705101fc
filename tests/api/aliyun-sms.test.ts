// Issue 11 item 2, the real SMS adapter: Aliyun SMS through its SDK, pointed at a local stand-in of
// Aliyun's HTTP API that checks the V3 signature and the SendSms parameters. The outbox table stays
// the record of every message; the vendor's answers become our error codes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../domain/errors.js";
import { maskMobile } from "../../domain/masking.js";
import type { Logger } from "../../lib/logger.js";
import { createPorts } from "../../lib/ports/index.js";
import type { SmsRequest } from "../../lib/ports/sms.js";
import { SMS_TEMPLATES } from "../../lib/ports/sms-templates.js";
import {
  type AliyunSmsStandIn,
  aliyunSmsEnv,
  startAliyunSmsStandIn,
} from "../support/aliyun-sms-stand-in.js";
import { createTestApp, testConfig } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createUnit } from "../support/people.js";
import { postJson } from "../support/registration.js";

let database: TestDatabase;
let standIn: AliyunSmsStandIn;
let env: Record<string, string>;

beforeAll(async () => {
  [database, standIn] = await Promise.all([createTestDatabase(), startAliyunSmsStandIn()]);
  env = { ...aliyunSmsEnv(standIn, SMS_TEMPLATES), ALIYUN_SMS_TIMEOUT_MS: "500" };
});
afterAll(async () => {
  await standIn.close();
  await database.close();
});

const gateway = (overrides: Record<string, string> = {}) =>
  createPorts(testConfig(database, { env: { ...env, ...overrides } }), database.db).sms;

let counter = 0;
const newMobile = () => `1366600${String(1000 + ++counter).slice(-4)}`;
const codeMessage = (mobile: string): SmsRequest => ({
  idempotencyKey: `test:${mobile}:${++counter}`,
  mobile,
  template: "VERIFICATION_CODE",
  params: { code: "482913", minutes: "5" },
});
const row = (idempotencyKey: string) =>
  database.db.smsMessage.findUniqueOrThrow({ where: { idempotencyKey } });

async function thrown(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("Issue 11 item 2: the real SMS adapter (Aliyun)", () => {
  it("R28: sends through SendSms signed as Aliyun documents, with the kind's template code, and records SENT", async () => {
    const mobile = newMobile();
    const request = codeMessage(mobile);
    const delivery = await gateway().send(request);
    expect(delivery).toMatchObject({ status: "SENT" });
    const sent = standIn.received.at(-1)!;
    expect(sent).toEqual({
      phoneNumbers: mobile,
      signName: "贵州人社",
      templateCode: env.ALIYUN_SMS_TEMPLATE_VERIFICATION_CODE,
      templateParam: { code: "482913", minutes: "5" },
      outId: delivery.messageId,
      bizId: expect.any(String),
    });
    const stored = await row(request.idempotencyKey);
    expect(stored).toMatchObject({ id: delivery.messageId, status: "SENT", error: null, mobile });
    // Issue 13.5: Aliyun's BizId is kept, to find the message in the vendor's delivery records.
    expect(stored.vendorMessageId).toBe(sent.bizId);
    expect(stored.sentAt).not.toBeNull();
    expect(stored.body).toContain("482913");
    expect(standIn.refusals).toEqual([]);
  });

  it("issue 13.5: the vendor is sent the same parameters as the outbox body: a reason closed by one full stop", async () => {
    const mobile = newMobile();
    const request: SmsRequest = {
      idempotencyKey: `test:${mobile}:rejected`,
      mobile,
      template: "BINDING_REQUEST_REJECTED",
      params: {
        unitName: " 贵州省人才交流中心 ",
        requestNumber: "BD20261130000001",
        reason: "请核对工作单位。。",
      },
    };
    await gateway().send(request);
    const sent = standIn.received.at(-1)!;
    expect(sent.templateParam).toEqual({
      unitName: "贵州省人才交流中心",
      requestNumber: "BD20261130000001",
      reason: "请核对工作单位。",
    });
    expect((await row(request.idempotencyKey)).body).toBe(
      "【贵州人社】您绑定到贵州省人才交流中心的申请（申请编号BD20261130000001）未通过。原因：请核对工作单位。",
    );
  });

  it("R28: a message already sent is not sent again (the outbox key)", async () => {
    const request = codeMessage(newMobile());
    const first = await gateway().send(request);
    const before = standIn.received.length;
    expect(await gateway().send(request)).toEqual(first);
    expect(standIn.received.length).toBe(before);
  });

  it("R28: the stand-in refuses a request signed with another secret, which is retried, not lost", async () => {
    const request = codeMessage(newMobile());
    const error = await thrown(gateway({ ALIYUN_SMS_ACCESS_KEY_SECRET: "not-the-secret" }).send(request));
    expect(error.code).toBe("SMS_GATEWAY_UNAVAILABLE");
    expect(error.details).toMatchObject({ vendorCode: "SignatureDoesNotMatch" });
    expect(standIn.refusals.pop()).toMatch(/^SignatureDoesNotMatch/);
    expect(await row(request.idempotencyKey)).toMatchObject({ status: "QUEUED" });
    expect((await gateway().send(request)).status).toBe("SENT");
  });

  it("R28: a throttled answer (isv.BUSINESS_LIMIT_CONTROL) is SMS_GATEWAY_THROTTLED, retryable; the retry sends it", async () => {
    const mobile = newMobile();
    standIn.script(mobile, { code: "isv.BUSINESS_LIMIT_CONTROL", message: "触发小时级流控Permits:5" });
    const request = codeMessage(mobile);
    const error = await thrown(gateway().send(request));
    expect(error.code).toBe("SMS_GATEWAY_THROTTLED");
    expect(error.status).toBe(429);
    expect(error.details).toMatchObject({ vendorCode: "isv.BUSINESS_LIMIT_CONTROL", retryAfterSeconds: 60 });
    const queued = await row(request.idempotencyKey);
    expect(queued).toMatchObject({ status: "QUEUED", sentAt: null });
    expect(queued.error).toContain("isv.BUSINESS_LIMIT_CONTROL");
    // What an activity's retry (or the person's next try) does: the same outbox row goes out.
    const retried = await gateway().send(request);
    expect(retried).toEqual({ messageId: queued.id, status: "SENT" });
    expect(await row(request.idempotencyKey)).toMatchObject({ status: "SENT", error: null });
  });

  it("R28: a timeout is SMS_GATEWAY_UNAVAILABLE, retryable", async () => {
    const mobile = newMobile();
    standIn.script(mobile, { hangMs: 2000 });
    const request = codeMessage(mobile);
    const started = Date.now();
    const error = await thrown(gateway().send(request));
    expect(Date.now() - started).toBeLessThan(1900);
    expect(error.code).toBe("SMS_GATEWAY_UNAVAILABLE");
    expect(await row(request.idempotencyKey)).toMatchObject({ status: "QUEUED" });
  });

  it("R28: a refused mobile (isv.MOBILE_NUMBER_ILLEGAL) is FAILED with SMS_MOBILE_INVALID and never sent again", async () => {
    const mobile = newMobile();
    standIn.script(mobile, { code: "isv.MOBILE_NUMBER_ILLEGAL", message: "非法手机号" });
    const request = codeMessage(mobile);
    expect(await gateway().send(request)).toMatchObject({ status: "FAILED", code: "SMS_MOBILE_INVALID" });
    const failed = await row(request.idempotencyKey);
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toMatch(/^SMS_MOBILE_INVALID isv\.MOBILE_NUMBER_ILLEGAL/);
    const before = standIn.received.length;
    expect(await gateway().send(request)).toMatchObject({ status: "FAILED", code: "SMS_MOBILE_INVALID" });
    expect(standIn.received.length).toBe(before);
  });

  it("a vendor refusal that quotes the mobile is logged with the mobile masked", async () => {
    const mobile = newMobile();
    standIn.script(mobile, { code: "isv.MOBILE_NUMBER_ILLEGAL", message: `非法手机号 ${mobile}` });
    const logged: unknown[] = [];
    const logger = {
      warn: (entry: unknown) => logged.push(entry),
      info: () => undefined,
    } as unknown as Logger;
    const config = testConfig(database, { env });
    const sms = createPorts(config, database.db, logger).sms;
    expect(await sms.send(codeMessage(mobile))).toMatchObject({
      status: "FAILED",
      code: "SMS_MOBILE_INVALID",
    });
    expect(JSON.stringify(logged)).toContain(maskMobile(mobile));
    expect(JSON.stringify(logged)).not.toContain(mobile);
  });

  it("R28: a refused template (isv.SMS_TEMPLATE_ILLEGAL) or a kind without its template code is FAILED with SMS_TEMPLATE_REJECTED", async () => {
    const mobile = newMobile();
    standIn.script(mobile, { code: "isv.SMS_TEMPLATE_ILLEGAL", message: "模板不合法" });
    const refused = codeMessage(mobile);
    expect(await gateway().send(refused)).toMatchObject({ status: "FAILED", code: "SMS_TEMPLATE_REJECTED" });
    expect((await row(refused.idempotencyKey)).error).toContain("isv.SMS_TEMPLATE_ILLEGAL");

    const before = standIn.received.length;
    const unconfigured = codeMessage(newMobile());
    const withoutTemplate = gateway({ ALIYUN_SMS_TEMPLATE_VERIFICATION_CODE: "" });
    expect(await withoutTemplate.send(unconfigured)).toMatchObject({
      status: "FAILED",
      code: "SMS_TEMPLATE_REJECTED",
    });
    expect((await row(unconfigured.idempotencyKey)).error).toContain("ALIYUN_SMS_TEMPLATE_VERIFICATION_CODE");
    expect(standIn.received.length).toBe(before);
  });

  it("R28: a person asking for a code is told the vendor's answer: 429 throttled, 400 refused mobile, 200 and the code arrives", async () => {
    const built = createTestApp(database, { env });
    const throttled = newMobile();
    standIn.script(throttled, { code: "isv.BUSINESS_LIMIT_CONTROL" });
    const limited = await postJson(built.app, "/api/persons/registration-codes", { mobile: throttled });
    expect(limited.status).toBe(429);
    expect((await limited.json()).error).toMatchObject({
      code: "SMS_GATEWAY_THROTTLED",
      details: { retryAfterSeconds: 60 },
    });

    const refused = newMobile();
    standIn.script(refused, { code: "isv.MOBILE_NUMBER_ILLEGAL" });
    const invalid = await postJson(built.app, "/api/persons/registration-codes", { mobile: refused });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error.code).toBe("SMS_MOBILE_INVALID");

    const fine = newMobile();
    const ok = await postJson(built.app, "/api/persons/registration-codes", { mobile: fine });
    expect(ok.status).toBe(200);
    expect(standIn.lastCode(fine)).toMatch(/^\d{6}$/);
    await built.connection.close();
  });

  it("R22, R27: recovery and password reset answer a stranger the same when the vendor refuses or throttles", async () => {
    const built = createTestApp(database, { env });
    const unit = await createUnit(database.db);
    const contactMobile = newMobile();
    await database.db.unit.update({
      where: { id: unit.id },
      data: { contactMobile, legalRepIdNumber: "520102199003071236" },
    });
    standIn.script(
      contactMobile,
      { code: "isv.BUSINESS_LIMIT_CONTROL" },
      { code: "isv.MOBILE_NUMBER_ILLEGAL" },
    );
    const recovery = await postJson(built.app, "/api/units/account-recovery", {
      usccOrName: unit.uscc,
      legalRepIdNumber: "520102199003071236",
    });
    expect(recovery.status).toBe(202);
    const reset = await postJson(built.app, "/api/units/password-reset/code", { account: unit.accountName });
    expect(reset.status).toBe(200);
    const stranger = await postJson(built.app, "/api/units/password-reset/code", { account: "no-such-unit" });
    expect(stranger.status).toBe(200);
    // Both were tried (and recorded), neither was delivered.
    const messages = await database.db.smsMessage.findMany({ where: { mobile: contactMobile } });
    expect(messages.map((m) => m.status).sort()).toEqual(["FAILED", "QUEUED"]);
    await built.connection.close();
  });
});
