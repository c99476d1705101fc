// The one login limiter (password login and unit login): failures are recorded against the resolved
// subject (see loginSubject) and the client address, and domain/login-throttle.ts decides whether the
// next try may go ahead now. Refusals are AUTH_THROTTLED with details.retryAfterSeconds.
import { AppError } from "../../../domain/errors.js";
import { validateIdNumber } from "../../../domain/id-number.js";
import { type LoginFailureCounts, loginGate } from "../../../domain/login-throttle.js";
import { normalizeMobile } from "../../../domain/mobile.js";
import type { Config } from "../../../lib/config.js";
import type { Database } from "../../../lib/database.js";
import { limitedAddress } from "../../../lib/networks.js";
import type { Prisma } from "../../../prisma/generated/client.js";

/**
 * The key a login's failures count against: the account's id when the account exists, otherwise the
 * canonical form of what was typed (an ID number upper-cased, a mobile as its 11 digits), so every
 * spelling of one account shares one budget.
 */
export function loginSubject(
  kind: "PERSON" | "UNIT",
  account: { id: string } | null | undefined,
  typed: string,
): string {
  if (account) return `${kind}:${account.id}`;
  const trimmed = typed.trim();
  const id = validateIdNumber(trimmed);
  if (id.ok) return `${kind}?ID:${id.value}`;
  const mobile = normalizeMobile(trimmed);
  if (mobile.ok) return `${kind}?MOBILE:${mobile.value}`;
  return `${kind}?${trimmed.toUpperCase()}`;
}

type Window = { where: Prisma.LoginAttemptWhereInput; resetBySuccess: boolean };

/** Failures in the window (after the last success, where one resets), and the newest one's time. */
async function failuresIn(db: Pick<Database, "loginAttempt">, since: Date, window: Window) {
  let from = since;
  if (window.resetBySuccess) {
    const success = await db.loginAttempt.findFirst({
      where: { ...window.where, succeeded: true, at: { gte: since } },
      orderBy: { at: "desc" },
    });
    if (success) from = success.at;
  }
  const where = { ...window.where, succeeded: false, at: { gte: from } };
  const [count, last] = await Promise.all([
    db.loginAttempt.count({ where }),
    db.loginAttempt.findFirst({ where, orderBy: { at: "desc" } }),
  ]);
  return { where, count, lastAt: last?.at.getTime() ?? 0 };
}

/** How a login try ended, for the limiter: a failure, a success (resets this pair's count) or neither. */
export type LoginTryOutcome = "FAILED" | "SUCCEEDED" | "NOT_COUNTED";

/**
 * Admits one login try of this subject from this client address, or throws AUTH_THROTTLED (429,
 * details.retryAfterSeconds; `code` names another refusal for guesses that are not logins). The
 * address is counted as lib/networks.ts limitedAddress (an IPv6 client by its /64). Locked after
 * LOGIN_MAX_FAILURES_PER_ACCOUNT failures from this address, delayed (not locked) by failures from
 * elsewhere or by a busy shared address. The admitted try is recorded as a failure in the same
 * transaction as the gate, so tries sent at the same moment each see the ones before them; call the
 * answer with the try's outcome once it is known.
 */
export async function admitLoginTry(
  db: Database,
  config: Config,
  subject: string,
  clientAddress: string,
  code: "AUTH_THROTTLED" | "DESIGNATION_THROTTLED" = "AUTH_THROTTLED",
): Promise<(outcome: LoginTryOutcome) => Promise<void>> {
  const ipAddress = limitedAddress(clientAddress);
  // The try is stored before it is weighed, under a pending address: the account's budgets count it
  // at once (parallel guesses at one account stay within its budget), while the shared address's
  // budget counts only finished failures — colleagues behind one NAT logging in at the same moment
  // are not tries that failed.
  const attempt = await db.$transaction(async (tx) => {
    await assertLoginAllowed(tx, config, subject, ipAddress, code);
    return tx.loginAttempt.create({
      data: { account: subject, ipAddress: pendingAddress(ipAddress), succeeded: false },
    });
  });
  return async (outcome) => {
    if (outcome === "NOT_COUNTED") {
      await db.loginAttempt.delete({ where: { id: attempt.id } });
      return;
    }
    await db.loginAttempt.update({
      where: { id: attempt.id },
      data: { ipAddress, succeeded: outcome === "SUCCEEDED" },
    });
  };
}

/** Where a try not yet weighed is stored: it counts for its account, not yet for the address. */
const pendingAddress = (ipAddress: string) => `pending:${ipAddress}`;

/** Throws `code` when this subject may not try from this (limited) address now. */
async function assertLoginAllowed(
  db: Pick<Database, "loginAttempt">,
  config: Config,
  subject: string,
  ipAddress: string,
  code: "AUTH_THROTTLED" | "DESIGNATION_THROTTLED",
) {
  const now = Date.now();
  const windowSeconds = config.throttle.windowMinutes * 60;
  const since = new Date(now - windowSeconds * 1000);
  const [pair, bySubject, byAddress] = await Promise.all([
    failuresIn(db, since, {
      where: { account: subject, ipAddress: { in: [ipAddress, pendingAddress(ipAddress)] } },
      resetBySuccess: true,
    }),
    failuresIn(db, since, { where: { account: subject }, resetBySuccess: true }),
    // One person's success behind a shared address says nothing about the others' failures.
    failuresIn(db, since, { where: { ipAddress }, resetBySuccess: false }),
  ]);
  const counts: LoginFailureCounts = {
    subjectAtAddress: pair.count,
    subject: bySubject.count,
    address: byAddress.count,
  };
  const gate = loginGate(counts, { ...config.throttle, windowSeconds });
  let waitMs: number;
  if (gate.kind === "LOCKED") {
    // Open again once enough of this pair's failures have left the window.
    const leaving = await db.loginAttempt.findFirst({
      where: pair.where,
      orderBy: { at: "asc" },
      skip: pair.count - config.throttle.maxPerAccount,
    });
    waitMs = (leaving?.at.getTime() ?? now) + windowSeconds * 1000 - now;
  } else {
    waitMs = Math.max(
      bySubject.lastAt + gate.subjectSeconds * 1000 - now,
      byAddress.lastAt + gate.addressSeconds * 1000 - now,
    );
  }
  if (waitMs > 0) {
    throw new AppError(code, {
      details: { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) },
    });
  }
}

/**
 * Runs `work`, a designation of an administrator by ID number and name (R8), as one guess of
 * `subject` under the login limiter: each refusal tells whether the ID number and name belong to
 * someone and where they are bound, so a designator gets as few refusals as a login gets failures
 * (issue 11.4), and then DESIGNATION_THROTTLED (429, details.retryAfterSeconds) whatever it asks. A
 * refusal (4xx) counts; a designation made or checked, or a failure of ours (5xx), does not.
 */
export async function asDesignationGuess<T>(
  db: Database,
  config: Config,
  subject: string,
  clientAddress: string,
  work: () => Promise<T>,
): Promise<T> {
  const settle = await admitLoginTry(db, config, subject, clientAddress, "DESIGNATION_THROTTLED");
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await settle(error instanceof AppError && error.status < 500 ? "FAILED" : "NOT_COUNTED");
    throw error;
  }
  await settle("NOT_COUNTED");
  return result;
}
