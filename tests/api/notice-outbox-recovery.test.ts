// The notice outbox's sender under an upgrade, a shutdown and a burst (issue 14; defects found in
// review, each test failing on 3311ee8).
import { afterEach, describe, expect, it } from "vitest";
import type { Database } from "../../lib/database.js";
import { createNoticeSender } from "../../lib/notice-outbox.js";
import { createPorts } from "../../lib/ports/index.js";
import type { SmsRequest } from "../../lib/ports/sms.js";
import { renderSms, SMS_TEMPLATES, smsParams } from "../../lib/ports/sms-templates.js";
import {
  type AliyunSmsStandIn,
  aliyunSmsEnv,
  startAliyunSmsStandIn,
} from "../support/aliyun-sms-stand-in.js";
import { testConfig } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A database stand-in for the sender alone: `findMany` answers `due()`, every claim succeeds. */
function outboxDb(due: () => Promise<{ id: string; attempts: number }[]>) {
  return {
    smsMessage: { findMany: due, updateMany: async () => ({ count: 1 }) },
  } as unknown as Database;
}

describe("issue 14: the notice sender", () => {
  let database: TestDatabase | undefined;
  let standIn: AliyunSmsStandIn | undefined;
  afterEach(async () => {
    await standIn?.close();
    await database?.close();
  });

  it("a notice stored QUEUED by the former send (no claim time), its step retried after the upgrade, is sent once", async () => {
    [database, standIn] = await Promise.all([createTestDatabase(), startAliyunSmsStandIn()]);
    const mobile = "13677009999";
    const request: SmsRequest = {
      idempotencyKey: "BindingRequest:pre-upgrade:APPROVED",
      mobile,
      template: "BINDING_REQUEST_APPROVED",
      params: { unitName: "测试单位有限公司", requestNumber: "BD20261201000001", reason: "" },
    };
    // What the former send() left after a throttled answer: QUEUED, nextAttemptAt null.
    await database.db.smsMessage.create({
      data: {
        idempotencyKey: request.idempotencyKey,
        mobile,
        template: request.template,
        params: JSON.stringify(smsParams(request.params)),
        body: renderSms(request.template, request.params),
        status: "QUEUED",
        error: "isv.BUSINESS_LIMIT_CONTROL: throttled",
      },
    });
    const env = { ...aliyunSmsEnv(standIn, SMS_TEMPLATES), ALIYUN_SMS_TIMEOUT_MS: "1000" };
    const { sms } = createPorts(testConfig(database, { env }), database.db);
    sms.sender?.start();
    await sms.queue(request);
    await expect
      .poll(
        async () =>
          (
            await database!.db.smsMessage.findUniqueOrThrow({
              where: { idempotencyKey: request.idempotencyKey },
            })
          ).status,
        { timeout: 10_000 },
      )
      .toBe("SENT");
    await sms.sender?.stop();
    expect(standIn.received.filter((m) => m.phoneNumbers === mobile)).toHaveLength(1);
  });

  it("stop() waits for the deliveries of a poll under way (they would run after the worker's database is closed)", async () => {
    let polled!: () => void;
    const polling = new Promise<void>((resolve) => (polled = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let stopped = false;
    let deliveredAfterStop = false;
    const sender = createNoticeSender({
      db: outboxDb(async () => {
        polled();
        await released;
        return [{ id: "m1", attempts: 0 }];
      }),
      leaseMs: 10_000,
      pollMs: 10,
      async deliver() {
        if (stopped) deliveredAfterStop = true;
        await sleep(50);
      },
    });
    sender.start();
    await polling;
    const stopping = sender.stop().then(() => {
      stopped = true;
    });
    await sleep(20);
    release();
    await stopping;
    await sleep(100);
    expect(deliveredAfterStop).toBe(false);
  });

  it("due rows (retries, a dead worker's claims) are polled while new notices keep a slow gateway busy", async () => {
    let polls = 0;
    const sender = createNoticeSender({
      db: outboxDb(async () => {
        polls++;
        return [];
      }),
      leaseMs: 10_000,
      pollMs: 20,
      // A 300 ms gateway and ~30 new notices a second: more than `batch` (8) of them in flight.
      deliver: () => sleep(300),
    });
    sender.start();
    let n = 0;
    const feed = setInterval(() => sender.deliverClaimed(`new-${n++}`), 33);
    await sleep(500);
    const before = polls;
    await sleep(1500);
    clearInterval(feed);
    await sender.stop();
    expect(polls - before).toBeGreaterThan(0);
  });
});
