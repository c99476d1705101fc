// Passwords are hashed with argon2id (memory-hard), parameters after the OWASP recommendation.
import { hash, verify } from "@node-rs/argon2";

/**
 * OWASP's Password Storage Cheat Sheet lists five argon2id settings of equal defence (m=46 MiB t=1,
 * 19 MiB t=2, 12 MiB t=3, 9 MiB t=4, 7 MiB t=5; p=1). 12 MiB, t=3 costs 4.6 ms of CPU per hash on
 * these machines where 19 MiB, t=2 cost 7.2 ms (issue 14: median of 6 × 20 hashes, interleaved; most
 * of the difference is allocating and first touching the larger memory), and every registration,
 * password change and login pays it. A stored hash names its own settings: older ones verify as before.
 * 2 = Algorithm.Argon2id (a const enum, which isolatedModules cannot inline).
 */
const options = { algorithm: 2 as const, memoryCost: 12_288, timeCost: 3, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/** How a hash made with today's settings begins (the PHC string names algorithm, version and settings). */
const CURRENT_SETTINGS = `$argon2id$v=19$m=${options.memoryCost},t=${options.timeCost},p=${options.parallelism}$`;

/**
 * A new hash of `password` when `stored` (which it matched) was made with other settings than today's,
 * else undefined: a successful login then stores it, so older hashes cost what new ones do — and an
 * unknown account's decoy check (today's settings) stays as long as a known account's check. An
 * unusable password (`!…`) is not a hash and is left alone.
 */
export async function upgradedHash(stored: string, password: string): Promise<string | undefined> {
  if (!stored.startsWith("$argon2") || stored.startsWith(CURRENT_SETTINGS)) return undefined;
  return hashPassword(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified when the account does not exist, so a wrong account costs as long as a wrong password.
let decoyHash: Promise<string> | undefined;
export async function verifyDecoy(password: string): Promise<false> {
  decoyHash ??= hashPassword("decoy-password-for-timing");
  await verifyPassword(await decoyHash, password);
  return false;
}
