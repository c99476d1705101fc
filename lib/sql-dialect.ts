// The raw SQL the code writes runs on SQLite and on PostgreSQL alike. Where the two differ, the
// difference is settled here, once:
// - LIKE: SQLite's ignores ASCII case, PostgreSQL's does not. `likeIgnoringCase` compares both
//   sides in lower case: the same on both for ASCII (PostgreSQL's C.UTF-8 character classes fold
//   other letters too, SQLite's lower() does not).
// - `WHERE 0`: PostgreSQL wants a boolean; `NO_ROWS` is false on both.
// - a bare NULL column has no type on PostgreSQL (Prisma's pg adapter cannot read it): cast it.
// - COUNT(*) is an integer on SQLite and a bigint on PostgreSQL: `countOf` reads either.
// - an enum column is text on SQLite and a type of its own on PostgreSQL, which takes a quoted
//   constant ('OPEN') as it is but a bound value only cast: `enumValue`.
// Everything else the raw queries use (WITH RECURSIVE, ON CONFLICT … RETURNING, ||, COALESCE,
// CASE, LIMIT/OFFSET, double-quoted identifiers) is the same SQL on both.
import { Prisma } from "../prisma/generated/client.js";
import { type Database, databaseDialect } from "./database.js";

/** `text` for LIKE … ESCAPE '\', its own %, _ and \ taken literally. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** `%text%`: a LIKE pattern of any value containing `text`. */
export function containingPattern(text: string): string {
  return `%${likeLiteral(text)}%`;
}

/**
 * `column LIKE pattern ESCAPE '\'`, ignoring ASCII case, on SQLite and PostgreSQL alike. A pattern
 * without ASCII letters (a Chinese name, digits) matches the same with or without folding, so it is
 * compared as is: lower-casing every row's value is about half the cost of a scan of names.
 */
export function likeIgnoringCase(column: Prisma.Sql, pattern: string): Prisma.Sql {
  if (!/[A-Za-z]/.test(pattern)) return Prisma.sql`${column} LIKE ${pattern} ESCAPE '\\'`;
  return Prisma.sql`LOWER(${column}) LIKE LOWER(${pattern}) ESCAPE '\\'`;
}

/** A condition no row meets (`WHERE 0` is SQLite-only). */
export const NO_ROWS = Prisma.sql`1 = 0`;

/** A typed NULL column value (`NULL AS "x"` has no type on PostgreSQL). */
export const NULL_TEXT = Prisma.sql`CAST(NULL AS TEXT)`;

/** A COUNT(*) as a number: SQLite returns a number, PostgreSQL a bigint. */
export function countOf(value: number | bigint | null | undefined): number {
  return Number(value ?? 0);
}

/**
 * `value` bound for a column of the schema's enum `type` (e.g. "RequestType") in `db`'s dialect:
 * cast to the enum on PostgreSQL, which refuses a text parameter there; as is on SQLite.
 */
export function enumValue(db: Database | Prisma.TransactionClient, type: string, value: string): Prisma.Sql {
  return databaseDialect(db) === "postgresql"
    ? Prisma.sql`CAST(${value} AS ${Prisma.raw(`"${type}"`)})`
    : Prisma.sql`${value}`;
}
