// Issue 14: a unit registration's password may be hashed before the registration is submitted (the
// console sends it when the applicant leaves the password step), so the submission does not wait for
// argon2's ~10 ms of CPU. The hash waits in PreparedPassword under a random id, for one registration.
import { randomUUID } from "node:crypto";
import { AppError } from "../../../domain/errors.js";
import type { Database } from "../../../lib/database.js";
import { hashPassword } from "../../../lib/passwords.js";
import { Prisma } from "../../../prisma/generated/client.js";

/** How long a prepared password waits for its registration (ms); the console prepares another after. */
export const PREPARED_PASSWORD_TTL_MS = 60 * 60 * 1000;

const notFound = () => new AppError("PREPARED_PASSWORD_NOT_FOUND", { field: "password" });

/**
 * Hashes `password` (R15 is checked by the route) and keeps the hash for one registration: answers its
 * id and expiry. Each call first deletes the expired ones, so abandoned forms leave nothing behind.
 */
export async function preparePassword(
  db: Database,
  password: string,
): Promise<{ id: string; expiresAt: Date }> {
  const now = new Date();
  const [passwordHash] = await Promise.all([
    hashPassword(password),
    db.preparedPassword.deleteMany({ where: { expiresAt: { lte: now } } }),
  ]);
  return db.preparedPassword.create({
    data: { id: randomUUID(), passwordHash, expiresAt: new Date(now.getTime() + PREPARED_PASSWORD_TTL_MS) },
    select: { id: true, expiresAt: true },
  });
}

/**
 * Uses the prepared password up and answers its hash, inside the transaction that stores its
 * registration (one statement: the delete returns the row). PREPARED_PASSWORD_NOT_FOUND (field
 * password) when it is unknown, expired, or used (by a concurrent registration too: the transaction
 * then rolls back).
 */
export async function consumePreparedPassword(tx: Prisma.TransactionClient, id: string): Promise<string> {
  try {
    const used = await tx.preparedPassword.delete({
      where: { id, expiresAt: { gt: new Date() } },
      select: { passwordHash: true },
    });
    return used.passwordHash;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") throw notFound();
    throw error;
  }
}
