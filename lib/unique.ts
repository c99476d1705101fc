// Unique-key races. Two requests can both pass a "does it exist yet?" check; the database's unique
// index then lets exactly one write through and fails the other with Prisma's P2002 (P2010 for a
// raw statement). The loser asks which key it hit, so it can answer what the winner's row means (its own retried submission,
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
  /**
   * Driver adapters' shape: the key's columns (better-sqlite3), or the name of its index (pg, as
   * Prisma names it: `<Model>_<column>_…_key`) and its table.
   */
  driverAdapterError?: {
    cause?: { kind?: string; constraint?: { fields?: string[]; index?: string }; table?: string };
  };
};

/** The columns of a unique index named the way Prisma names them, `<table>_<column>_…_key`. */
function indexColumns(index: string | undefined, table: string | undefined): string[] | undefined {
  if (!index || !table || !index.startsWith(`${table}_`) || !index.endsWith("_key")) return undefined;
  return index.slice(table.length + 1, -"_key".length).split("_");
}

/**
 * The unique key a write hit, or undefined when the error is anything else: a model statement's
 * P2002, or a raw statement's P2010 whose driver adapter reports a unique violation (the hot writes
 * are raw, issue 14; their callers' clash explanations read the same key).
 */
export function uniqueViolation(error: unknown): UniqueViolation | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  const meta = (error.meta ?? {}) as P2002Meta;
  const cause = meta.driverAdapterError?.cause;
  const raw = error.code === "P2010" && cause?.kind === "UniqueConstraintViolation";
  if (error.code !== "P2002" && !raw) return undefined;
  const target = typeof meta.target === "string" ? [meta.target] : meta.target;
  return {
    model: meta.modelName ?? cause?.table,
    // PostgreSQL names mixed-case columns quoted ("openUnitId"); SQLite bare.
    fields: (
      cause?.constraint?.fields ??
      indexColumns(cause?.constraint?.index, cause?.table ?? meta.modelName) ??
      target ??
      []
    ).map((f) => f.replace(/^"|"$/g, "")),
  };
}

/** Whether the error is a unique violation of a key that includes one of these columns. */
export function hitUniqueKey(error: unknown, ...fields: string[]): boolean {
  return uniqueViolation(error)?.fields.some((field) => fields.includes(field)) ?? false;
}
