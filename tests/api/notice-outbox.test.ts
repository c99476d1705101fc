// Issue 14: the notice outbox. A request workflow's notice is stored by its step (ports.sms.queue)
// and delivered by the worker's background sender (lib/notice-outbox.ts): sent once per key, retried
// with backoff until SENT or FAILED, never sent by two processes at once, and sent after a crash of
// the process that stored it.
import { spawn } from "node:child_process";
import type { AddressInfo } from "node:net";
import { createServer, type Socket } from "node:net";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../../lib/database.js";
import { noticeBackoffMs } from "../../lib/notice-outbox.js";
import { createPorts } from "../../lib/ports/index.js";
import type { SmsGateway, SmsRequest } from "../../lib/ports/sms.js";
import { renderSms, SMS_TEMPLATES, smsParams } from "../../lib/ports/sms-templates.js";
import {
  type AliyunSmsStandIn,
  aliyunSmsEnv,
  startAliyunSmsStandIn,
} from "../support/aliyun-sms-stand-in.js";
import { testConfig } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

let database: TestDatabase;
let standIn: AliyunSmsStandIn;
let env: Record<string, string>;
const started: SmsGateway[] = [];

beforeAll(async () => {
  [database, standIn] = await Promise.all([createTestDatabase(), startAliyunSmsStandIn()]);
  env = { ...aliyunSmsEnv(standIn, SMS_TEMPLATES), ALIYUN_SMS_TIMEOUT_MS: "1000" };
});
afterAll(async () => {
  await Promise.all(started.map((gateway) => gateway.sender?.stop()));
  await standIn.close();
  await database.close();
});

/** The Aliyun adapter of one worker process on `db` (its sender not polling unless `start`). */
function gateway(db: Database = database.db, start = false, overrides: Record<string, string> = {}) {
  const sms = createPorts(testConfig(database, { env: { ...env, ...overrides } }), db).sms;
  started.push(sms);
  if (start) sms.sender?.start();
  return sms;
}

let counter = 0;
const newMobile = () => `1367700${String(1000 + ++counter).slice(-4)}`;
const notice = (mobile: string): SmsRequest => ({
  idempotencyKey: `BindingRequest:test-${mobile}-${++counter}:APPROVED`,
  mobile,
  template: "BINDING_REQUEST_APPROVED",
  params: { unitName: "测试单位有限公司", requestNumber: "BR20261201000001", reason: "" },
});
const row = (idempotencyKey: string) =>
  database.db.smsMessage.findUniqueOrThrow({ where: { idempotencyKey } });
const sentTo = (mobile: string) => standIn.received.filter((m) => m.phoneNumbers === mobile);

describe("issue 14: request notices go through the outbox's background sender", () => {
  it("issue 14: queue answers once the notice is stored, before the gateway; the notice is then sent once", async () => {
    const mobile = newMobile();
    const request = notice(mobile);
    standIn.script(mobile, { hangMs: 800 });
    const sms = gateway();
    const startedAt = Date.now();
    await sms.queue(request);
    expect(Date.now() - startedAt).toBeLessThan(800);
    expect(await row(request.idempotencyKey)).toMatchObject({ status: "QUEUED", attempts: 1 });
    await expect.poll(async () => (await row(request.idempotencyKey)).status).toBe("SENT");
    // A retried step stores nothing twice and sends nothing again.
    await sms.queue(request);
    await sms.sender?.stop();
    expect(await database.db.smsMessage.count({ where: { idempotencyKey: request.idempotencyKey } })).toBe(1);
    expect(await row(request.idempotencyKey)).toMatchObject({ status: "SENT", nextAttemptAt: null });
  });

  it("issue 14: a gateway outage is retried with backoff until sent; a refusal is final", async () => {
    const mobile = newMobile();
    const request = notice(mobile);
    standIn.script(mobile, { code: "ServiceUnavailable", message: "down" });
    const sms = gateway(database.db, true);
    await sms.queue(request);
    await expect.poll(async () => (await row(request.idempotencyKey)).error).toMatch(/ServiceUnavailable/);
    await expect.poll(async () => (await row(request.idempotencyKey)).status).toBe("SENT");
    expect(await row(request.idempotencyKey)).toMatchObject({
      attempts: 2,
      nextAttemptAt: null,
      error: null,
    });
    expect(sentTo(mobile)).toHaveLength(1);

    const refused = notice("1234");
    await sms.queue(refused);
    await expect.poll(async () => (await row(refused.idempotencyKey)).status).toBe("FAILED");
    expect(await row(refused.idempotencyKey)).toMatchObject({ nextAttemptAt: null, attempts: 1 });
    expect(noticeBackoffMs(1)).toBe(1000);
    expect(noticeBackoffMs(20)).toBe(60_000);
  });

  it("issue 14: a throttled notice is retried with the same backoff as an outage", async () => {
    const mobile = newMobile();
    const request = notice(mobile);
    standIn.script(mobile, { code: "isv.BUSINESS_LIMIT_CONTROL", message: "触发分钟级流控" });
    const sms = gateway(database.db, true);
    await sms.queue(request);
    await expect.poll(async () => (await row(request.idempotencyKey)).error).toMatch(/BUSINESS_LIMIT/);
    await expect.poll(async () => (await row(request.idempotencyKey)).status).toBe("SENT");
    expect(sentTo(mobile)).toHaveLength(1);
  });

  it("issue 14: two worker processes' senders never send one notice twice (20 due notices, both polling)", async () => {
    const mobiles = Array.from({ length: 20 }, newMobile);
    const requests = mobiles.map(notice);
    const past = new Date(Date.now() - 1000);
    // Notices left due (a claim that lapsed, a retry's backoff over): both senders find them all.
    await database.db.smsMessage.createMany({
      data: requests.map((request) => ({
        idempotencyKey: request.idempotencyKey,
        mobile: request.mobile,
        template: request.template,
        params: JSON.stringify(smsParams(request.params)),
        body: renderSms(request.template, request.params),
        status: "QUEUED" as const,
        nextAttemptAt: past,
        attempts: 1,
      })),
    });
    const other = createDatabase(database.url);
    try {
      gateway(database.db, true);
      gateway(other, true);
      await expect
        .poll(
          async () =>
            database.db.smsMessage.count({
              where: { idempotencyKey: { in: requests.map((r) => r.idempotencyKey) }, status: "SENT" },
            }),
          { timeout: 20_000 },
        )
        .toBe(20);
      for (const mobile of mobiles) expect(sentTo(mobile)).toHaveLength(1);
    } finally {
      await Promise.all(started.map((g) => g.sender?.stop()));
      await other.$disconnect();
    }
  }, 40_000);

  it("issue 14: a notice stored by a worker killed (kill -9) before delivering it is sent once by the next worker, when the dead one's claim lapses", async () => {
    // A gateway that takes the connection and never answers: the dead worker's delivery never ends.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const mobile = newMobile();
    const request = notice(mobile);
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "tests/support/notice-outbox-process.ts",
        database.url,
        `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
        JSON.stringify(request),
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      expect((await lines.next()).value).toBe("stored");
      child.kill("SIGKILL");
      const storedAt = Date.now();
      const stored = await row(request.idempotencyKey);
      expect(stored).toMatchObject({ status: "QUEUED", attempts: 1 });

      gateway(database.db, true);
      await expect
        .poll(async () => (await row(request.idempotencyKey)).status, { timeout: 20_000, interval: 200 })
        .toBe("SENT");
      // Not before the dead worker's claim lapsed (its lease: 2 × 1 s timeout + 5 s).
      expect(Date.now() - storedAt).toBeGreaterThan(5_000);
      expect(sentTo(mobile)).toHaveLength(1);
      expect(await row(request.idempotencyKey)).toMatchObject({ attempts: 2, nextAttemptAt: null });
    } finally {
      child.kill("SIGKILL");
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  }, 40_000);

  it("issue 14: a code sent by its caller (send) is never taken by the notice sender", async () => {
    const mobile = newMobile();
    standIn.script(mobile, { code: "ServiceUnavailable", message: "down" });
    const sms = gateway(database.db, true);
    const code: SmsRequest = {
      idempotencyKey: `code:${mobile}`,
      mobile,
      template: "VERIFICATION_CODE",
      params: { code: "482913", minutes: "5" },
    };
    await expect(sms.send(code)).rejects.toMatchObject({ code: "SMS_GATEWAY_UNAVAILABLE" });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await row(code.idempotencyKey)).toMatchObject({ status: "QUEUED", nextAttemptAt: null });
    expect(sentTo(mobile)).toEqual([]);
  });
});
