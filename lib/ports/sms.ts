// SMS port. Every message goes through the SmsMessage outbox table first (keyed, so a retried
// send is stored once); the gateway adapter then delivers it and records the outcome there
// (SENT, or FAILED with our code and the vendor's). The dev adapter "delivers" by leaving it in
// the outbox, where the console's 短信发件箱 page shows it (development only, R28); the Aliyun
// adapter (sms-aliyun.ts) sends it.
import { randomUUID } from "node:crypto";
import type { Database } from "../database.js";
import type { NoticeSender } from "../notice-outbox.js";
import { enumValue } from "../sql-dialect.js";
import { renderSms, type SmsTemplate, smsParams } from "./sms-templates.js";

export type SmsRequest = {
  /** Stable key of this message, e.g. "UnitRegistration:<id>:approved". */
  idempotencyKey: string;
  mobile: string;
  template: SmsTemplate;
  params: Record<string, string>;
};

/** Why a vendor refused a message for good: sending it again cannot help (domain/errors.ts). */
export type SmsRefusalCode = "SMS_MOBILE_INVALID" | "SMS_TEMPLATE_REJECTED";

/**
 * The outcome of a send, recorded in the outbox. A refusal is an answer, not an exception: a notice
 * that cannot be delivered never stops the process that sends it, and a caller waiting for a code
 * turns it into its error.
 */
export type SmsDelivery =
  | { messageId: string; status: "SENT" }
  | { messageId: string; status: "FAILED"; code: SmsRefusalCode };

export interface SmsGateway {
  /**
   * Sends once per idempotency key: a message already SENT or FAILED is not sent again.
   * Throws AppError SMS_GATEWAY_THROTTLED or SMS_GATEWAY_UNAVAILABLE when the vendor throttles or
   * cannot be reached: retryable (activities retry with backoff; the API answers with retryAfterSeconds).
   */
  send(request: SmsRequest): Promise<SmsDelivery>;
  /**
   * Stores a notice for delivery and returns once it is stored (issue 14: a decision's answer must not
   * wait for the gateway); stored once per idempotency key, like send. The Aliyun adapter's sender
   * (lib/notice-outbox.ts) delivers it in the background, retrying until SENT or FAILED; the dev
   * adapter records it as sent at once. Throws only what storing it throws (the database).
   */
  queue(request: SmsRequest): Promise<{ messageId: string }>;
  /** The background sender of queued notices, when the adapter has one: the worker process starts it. */
  sender?: NoticeSender;
}

/** A message's outbox row as every adapter stores it first: its key, recipient and rendered text. */
export function smsRow(request: SmsRequest) {
  return {
    idempotencyKey: request.idempotencyKey,
    mobile: request.mobile,
    template: request.template,
    params: JSON.stringify(smsParams(request.params)),
    body: renderSms(request.template, request.params),
  };
}

/**
 * Stores a message in the outbox once per idempotency key: one raw INSERT … ON CONFLICT DO NOTHING
 * (issue 14: each decision's notice makes it; Prisma's `create` cost ~2× its CPU, and its unique
 * violation a thrown error). Returns the new row's id, or null when the key was stored before.
 */
export async function insertSmsMessage(
  db: Database,
  row: ReturnType<typeof smsRow> & {
    status: "QUEUED" | "SENT";
    sentAt?: Date;
    nextAttemptAt?: Date;
    attempts?: number;
  },
): Promise<string | null> {
  const id = randomUUID();
  const inserted = await db.$executeRaw`
    INSERT INTO "SmsMessage" ("id", "idempotencyKey", "mobile", "template", "params", "body", "status",
      "createdAt", "sentAt", "nextAttemptAt", "attempts")
    VALUES (${id}, ${row.idempotencyKey}, ${row.mobile}, ${row.template}, ${row.params}, ${row.body},
      ${enumValue(db, "SmsStatus", row.status)}, ${new Date()}, ${row.sentAt ?? null}, ${row.nextAttemptAt ?? null},
      ${row.attempts ?? 0})
    ON CONFLICT ("idempotencyKey") DO NOTHING`;
  return inserted > 0 ? id : null;
}

/** Dev adapter: records the message in the outbox as sent (a queued notice too, at once). */
export function createOutboxSmsGateway(db: Database): SmsGateway {
  const gateway: SmsGateway = {
    queue: (request) => gateway.send(request),
    async send(request) {
      // One INSERT the first time; a retried send meets the idempotency key and answers the message
      // already recorded (issue 14.2: an upsert costs a transaction of three statements).
      const id = await insertSmsMessage(db, { ...smsRow(request), status: "SENT", sentAt: new Date() });
      if (id) return { messageId: id, status: "SENT" };
      const sent = await db.smsMessage.findUniqueOrThrow({
        where: { idempotencyKey: request.idempotencyKey },
        select: { id: true },
      });
      return { messageId: sent.id, status: "SENT" };
    },
  };
  return gateway;
}
