// Unique-key races. Two requests can both pass a "does it exist yet?" check; the database's unique
// index then lets exactly one write through and fails the other with Prisma's P2002. The loser
// asks which key it hit, so it can answer what the winner's row means (its own retried submission,
// an open request, a name taken) instead of an internal error.
import { Prisma } from "../prisma/generated/client.js";

export type UniqueViolation = {
  /** The model whose write failed, when Prisma says. */
  model?: string;
  /** The columns of the unique key that was hit, e.g. ["openPersonId"]; empty when unknown. */
  fields: string[];
};

type P2002Meta = {
  modelName?: string;
  /** The Rust query engine's shape. */
  target?: string[] | string;
  /** Driver adapters' shape (better-sqlite3, pg): the key's columns. */
  driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } };
};

/** The unique key a write hit, or undefined when the error is anything else. */
export function uniqueViolation(error: unknown): UniqueViolation | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return undefined;
  const meta = (error.meta ?? {}) as P2002Meta;
  const target = typeof meta.target === "string" ? [meta.target] : meta.target;
  return {
    model: meta.modelName,
    // PostgreSQL names mixed-case columns quoted ("openUnitId"); SQLite bare.
    fields: (meta.driverAdapterError?.cause?.constraint?.fields ?? target ?? []).map((f) =>
      f.replace(/^"|"$/g, ""),
    ),
  };
}

/** Whether the error is a unique violation of a key that includes one of these columns. */
export function hitUniqueKey(error: unknown, ...fields: string[]): boolean {
  return uniqueViolation(error)?.fields.some((field) => fields.includes(field)) ?? false;
}
