// One-time SMS codes: 6 digits, stored hashed, valid a few minutes, a few attempts each, and a
// limited number of sends per mobile and purpose per hour and per day (and per client address for
// anonymous senders). A code the SMS vendor refuses or cannot take now is an error for the person
// waiting for it (SMS_MOBILE_INVALID, SMS_TEMPLATE_REJECTED, SMS_GATEWAY_THROTTLED,
// SMS_GATEWAY_UNAVAILABLE).
import { createHash, randomInt } from "node:crypto";
import { AppError, type ErrorCode } from "../domain/errors.js";
import type { Config } from "../lib/config.js";
import type { Database } from "../lib/database.js";
import type { SmsGateway } from "../lib/ports/sms.js";
import type { Prisma, SmsCodePurpose } from "../prisma/generated/client.js";

/** Why a code or notice was not sent: our own limit, or the vendor's answer. */
const NOT_SENT: readonly ErrorCode[] = [
  "SMS_SEND_LIMIT",
  "SMS_GATEWAY_THROTTLED",
  "SMS_GATEWAY_UNAVAILABLE",
  "SMS_MOBILE_INVALID",
  "SMS_TEMPLATE_REJECTED",
];

/**
 * The SMS was not sent, for a reason a stranger must not learn from routes that answer the same
 * whether an account exists (password reset, account recovery).
 */
export const isSmsNotSent = (error: unknown): boolean =>
  error instanceof AppError && NOT_SENT.includes(error.code);

const hashCode = (codeId: string, code: string) =>
  createHash("sha256").update(`${codeId}:${code}`).digest("hex");

export async function issueSmsCode(
  deps: { db: Database; sms: SmsGateway; config: Config },
  input: { mobile: string; purpose: SmsCodePurpose; subjectId?: string; ipAddress?: string },
): Promise<{ codeId: string }> {
  const { db, sms, config } = deps;
  const now = Date.now();
  const limits: { where: Prisma.SmsCodeWhereInput; windowMs: number; max: number }[] = [
    // A budget per purpose: anonymous password-reset requests cannot use up a unit's login codes.
    {
      where: { mobile: input.mobile, purpose: input.purpose },
      windowMs: 3_600_000,
      max: config.smsCodes.maxPerHour,
    },
    {
      where: { mobile: input.mobile, purpose: input.purpose },
      windowMs: 86_400_000,
      max: config.smsCodes.maxPerDay,
    },
    ...(input.ipAddress
      ? [
          {
            where: { ipAddress: input.ipAddress },
            windowMs: 3_600_000,
            max: config.smsCodes.maxPerAddressPerHour,
          },
        ]
      : []),
  ];
  let waitMs = 0;
  for (const limit of limits) {
    const inWindow = { ...limit.where, createdAt: { gte: new Date(now - limit.windowMs) } };
    const count = await db.smsCode.count({ where: inWindow });
    if (count < limit.max) continue;
    // Sending is possible again once enough of the codes in the window have left it.
    const leaving = await db.smsCode.findFirst({
      where: inWindow,
      orderBy: { createdAt: "asc" },
      skip: count - limit.max,
    });
    waitMs = Math.max(waitMs, (leaving?.createdAt.getTime() ?? now) + limit.windowMs - now);
  }
  if (waitMs > 0) {
    const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
    throw new AppError("SMS_SEND_LIMIT", {
      message: {
        "zh-CN": `验证码发送过于频繁，请 ${minutes} 分钟后再试`,
        en: `Too many codes sent; try again in ${minutes} minute${minutes === 1 ? "" : "s"}`,
      },
      details: { retryAfterSeconds: Math.ceil(waitMs / 1000) },
    });
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const row = await db.smsCode.create({
    data: {
      mobile: input.mobile,
      purpose: input.purpose,
      subjectId: input.subjectId ?? null,
      ipAddress: input.ipAddress ?? null,
      codeHash: "",
      expiresAt: new Date(now + config.smsCodes.ttlSeconds * 1000),
    },
  });
  await db.smsCode.update({ where: { id: row.id }, data: { codeHash: hashCode(row.id, code) } });
  const delivery = await sms.send({
    idempotencyKey: `SmsCode:${row.id}`,
    mobile: input.mobile,
    template: "VERIFICATION_CODE",
    params: { code, minutes: String(Math.round(config.smsCodes.ttlSeconds / 60)) },
  });
  // The vendor refused the message for good: the person waiting for it is told why.
  if (delivery.status === "FAILED") throw new AppError(delivery.code);
  return { codeId: row.id };
}

/** Consumes the code or throws the specific reason; every wrong try counts. */
export async function consumeSmsCode(
  deps: { db: Database; config: Config },
  input: { codeId: string; purpose: SmsCodePurpose; code: string; subjectId?: string },
): Promise<void> {
  const { db, config } = deps;
  const row = await db.smsCode.findUnique({ where: { id: input.codeId } });
  const matchesRequest =
    row &&
    row.purpose === input.purpose &&
    (input.subjectId === undefined || row.subjectId === input.subjectId);
  if (!row || !matchesRequest) throw new AppError("SMS_CODE_INVALID", { field: "code" });
  if (row.consumedAt || row.expiresAt <= new Date())
    throw new AppError("SMS_CODE_EXPIRED", { field: "code" });
  if (row.attempts >= config.smsCodes.maxAttempts)
    throw new AppError("SMS_CODE_TOO_MANY_ATTEMPTS", { field: "code" });
  if (row.codeHash !== hashCode(row.id, input.code.trim())) {
    await db.smsCode.update({ where: { id: row.id }, data: { attempts: { increment: 1 } } });
    const last = row.attempts + 1 >= config.smsCodes.maxAttempts;
    throw new AppError(last ? "SMS_CODE_TOO_MANY_ATTEMPTS" : "SMS_CODE_INVALID", { field: "code" });
  }
  // Conditional update: two concurrent uses of one code cannot both succeed.
  const { count } = await db.smsCode.updateMany({
    where: { id: row.id, consumedAt: null },
    data: { consumedAt: new Date() },
  });
  if (count !== 1) throw new AppError("SMS_CODE_EXPIRED", { field: "code" });
}
