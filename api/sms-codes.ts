// One-time SMS codes: 6 digits, stored hashed, valid a few minutes, a few attempts each, and a
// limited number of sends per mobile and purpose per hour and per day (and per client address for
// anonymous senders). A code the SMS vendor refuses or cannot take now is an error for the person
// waiting for it (SMS_MOBILE_INVALID, SMS_TEMPLATE_REJECTED, SMS_GATEWAY_THROTTLED,
// SMS_GATEWAY_UNAVAILABLE).
import { createHash, randomInt } from "node:crypto";
import { AppError, type ErrorCode } from "../domain/errors.js";
import type { Config } from "../lib/config.js";
import type { Database } from "../lib/database.js";
import { limitedAddress } from "../lib/networks.js";
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

/** One budget: at most `max` sends within `windowMs`, counted by `count` since a time. */
interface SendBudget {
  windowMs: number;
  max: number;
  count: (since: Date) => Promise<number>;
  /** When the `skip`-th oldest send in the window (0-based) was made. */
  nthOldest: (since: Date, skip: number) => Promise<Date | undefined>;
}

/** Milliseconds until every budget allows one more send (0: now). */
async function waitForBudget(budgets: SendBudget[], now: number): Promise<number> {
  let waitMs = 0;
  for (const budget of budgets) {
    const since = new Date(now - budget.windowMs);
    const count = await budget.count(since);
    if (count < budget.max) continue;
    // Sending is possible again once enough of the sends in the window have left it.
    const leaving = await budget.nthOldest(since, count - budget.max);
    waitMs = Math.max(waitMs, (leaving?.getTime() ?? now) + budget.windowMs - now);
  }
  return waitMs;
}

const sendLimit = (waitMs: number, field?: string) => {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
  return new AppError("SMS_SEND_LIMIT", {
    field,
    message: field
      ? {
          "zh-CN": `该手机号近期收到的短信过多，请 ${minutes} 分钟后再提交`,
          en: `Too many messages sent to this mobile; submit again in ${minutes} minute${minutes === 1 ? "" : "s"}`,
        }
      : {
          "zh-CN": `验证码发送过于频繁，请 ${minutes} 分钟后再试`,
          en: `Too many codes sent; try again in ${minutes} minute${minutes === 1 ? "" : "s"}`,
        },
    details: { retryAfterSeconds: Math.ceil(waitMs / 1000) },
  });
};

/**
 * Issue 11.4: a request that will send notices to a mobile nobody proved (a unit registration's
 * contact and legal representative mobiles) is refused while that mobile has had its hourly or daily
 * number of messages (SMS_MAX_PER_MOBILE_PER_HOUR / _PER_DAY), notices and codes alike, so strangers
 * cannot flood a number through the forms. Throws SMS_SEND_LIMIT on the field, with retryAfterSeconds.
 */
export async function assertNoticeBudget(
  deps: { db: Database; config: Config },
  mobiles: { field: string; mobile: string }[],
): Promise<void> {
  const { db, config } = deps;
  const now = Date.now();
  const windows = [
    { windowMs: 3_600_000, max: config.smsCodes.maxPerHour },
    { windowMs: 86_400_000, max: config.smsCodes.maxPerDay },
  ];
  // Issue 14: one statement in the usual case instead of two per mobile. The messages to all of them
  // in the widest window bound each mobile's count in every window; below every maximum, all have room.
  const widest = Math.max(...windows.map((w) => w.windowMs));
  const inWidest = await db.smsMessage.count({
    where: { mobile: { in: mobiles.map((m) => m.mobile) }, createdAt: { gte: new Date(now - widest) } },
  });
  if (inWidest < Math.min(...windows.map((w) => w.max))) return;
  for (const { field, mobile } of mobiles) {
    const inWindow = (since: Date) => ({ mobile, createdAt: { gte: since } });
    const waitMs = await waitForBudget(
      windows.map((window) => ({
        ...window,
        count: (since) => db.smsMessage.count({ where: inWindow(since) }),
        nthOldest: async (since, skip) =>
          (await db.smsMessage.findFirst({ where: inWindow(since), orderBy: { createdAt: "asc" }, skip }))
            ?.createdAt,
      })),
      now,
    );
    if (waitMs > 0) throw sendLimit(waitMs, field);
  }
}

export async function issueSmsCode(
  deps: { db: Database; sms: SmsGateway; config: Config },
  input: { mobile: string; purpose: SmsCodePurpose; subjectId?: string; ipAddress?: string },
): Promise<{ codeId: string }> {
  const { db, sms, config } = deps;
  const now = Date.now();
  // One client however its address is written (an IPv6 client by its /64).
  const ipAddress = input.ipAddress ? limitedAddress(input.ipAddress) : null;
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
    ...(ipAddress
      ? [
          {
            where: { ipAddress },
            windowMs: 3_600_000,
            max: config.smsCodes.maxPerAddressPerHour,
          },
        ]
      : []),
  ];
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  // The budgets are counted in the transaction that stores the code: requests sent at the same moment
  // each see the codes before them, so none of them gets past a spent budget.
  const row = await db.$transaction(async (tx) => {
    const waitMs = await waitForBudget(
      limits.map((limit) => ({
        windowMs: limit.windowMs,
        max: limit.max,
        count: (since) => tx.smsCode.count({ where: { ...limit.where, createdAt: { gte: since } } }),
        nthOldest: async (since, skip) =>
          (
            await tx.smsCode.findFirst({
              where: { ...limit.where, createdAt: { gte: since } },
              orderBy: { createdAt: "asc" },
              skip,
            })
          )?.createdAt,
      })),
      now,
    );
    if (waitMs > 0) throw sendLimit(waitMs);
    const created = await tx.smsCode.create({
      data: {
        mobile: input.mobile,
        purpose: input.purpose,
        subjectId: input.subjectId ?? null,
        ipAddress,
        codeHash: "",
        expiresAt: new Date(now + config.smsCodes.ttlSeconds * 1000),
      },
    });
    return tx.smsCode.update({ where: { id: created.id }, data: { codeHash: hashCode(created.id, code) } });
  });
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

/**
 * Consumes the code or throws the specific reason; every try counts, at most SMS_CODE_MAX_ATTEMPTS
 * however many are sent at once (each claims its attempt before the code is compared).
 */
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
  // Each guess claims one of the code's attempts before it is weighed, in one conditional update:
  // guesses sent at the same moment cannot all read the same count and all be weighed.
  const claimed = await db.smsCode.updateMany({
    where: { id: row.id, attempts: { lt: config.smsCodes.maxAttempts } },
    data: { attempts: { increment: 1 } },
  });
  if (claimed.count === 0) throw new AppError("SMS_CODE_TOO_MANY_ATTEMPTS", { field: "code" });
  if (row.codeHash !== hashCode(row.id, input.code.trim())) {
    const after = await db.smsCode.findUnique({ where: { id: row.id }, select: { attempts: true } });
    const last = (after?.attempts ?? config.smsCodes.maxAttempts) >= config.smsCodes.maxAttempts;
    throw new AppError(last ? "SMS_CODE_TOO_MANY_ATTEMPTS" : "SMS_CODE_INVALID", { field: "code" });
  }
  // Conditional update: two concurrent uses of one code cannot both succeed.
  const { count } = await db.smsCode.updateMany({
    where: { id: row.id, consumedAt: null },
    data: { consumedAt: new Date() },
  });
  if (count !== 1) throw new AppError("SMS_CODE_EXPIRED", { field: "code" });
}
