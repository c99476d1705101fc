// Login throttling rules (R12 abuse limits). Failures are counted against the resolved subject
// (the account id, or the canonical form of what was typed), never the raw text, so spellings of
// one mobile share one budget. Failures by strangers never lock the owner out: the hard limit is
// per (subject, address); across all addresses a subject only gets a growing delay, and so does a
// shared address (a NAT in front of a whole office) across all its accounts.

/** Counts of recent failures (since the last success, within the window) that decide the next try. */
export interface LoginFailureCounts {
  /** Failures for this subject from this address. */
  subjectAtAddress: number;
  /** Failures for this subject from every address. */
  subject: number;
  /** Failures from this address for every subject. */
  address: number;
}

/** Limits, from configuration (LOGIN_MAX_FAILURES_PER_ACCOUNT / _PER_ADDRESS, the window in seconds). */
export interface LoginLimits {
  maxPerAccount: number;
  maxPerAddress: number;
  windowSeconds: number;
}

/** What the next login try must respect. */
export type LoginGate =
  /** Refused until the window moves on (this subject from this address). */
  | { kind: "LOCKED" }
  /** Allowed once this many seconds have passed since the last counted failure (0: now). */
  | { kind: "DELAY"; subjectSeconds: number; addressSeconds: number };

/**
 * The gate for the next try. Beyond its free failures, a subject waits 1, 2, 4 … seconds after
 * its last failure (doubling, capped at the window); a shared address waits one more second per
 * failure beyond its free ones (growing slowly, capped the same), so nobody behind it is blocked.
 */
export function loginGate(counts: LoginFailureCounts, limits: LoginLimits): LoginGate {
  if (counts.subjectAtAddress >= limits.maxPerAccount) return { kind: "LOCKED" };
  const cap = limits.windowSeconds;
  const subjectOver = counts.subject - limits.maxPerAccount;
  const addressOver = counts.address - limits.maxPerAddress;
  return {
    kind: "DELAY",
    subjectSeconds: subjectOver > 0 ? Math.min(2 ** (subjectOver - 1), cap) : 0,
    addressSeconds: addressOver > 0 ? Math.min(addressOver, cap) : 0,
  };
}
