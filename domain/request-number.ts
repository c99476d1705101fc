// Request numbers as people type them (R25): a type prefix (DW unit registration, BD binding, GK
// affiliation, ZC title application), the China-time date of submission (YYYYMMDD) and the day's
// sequence number of six or more digits: DW20261130000001. Shared by the console (a field error as
// soon as the number is typed) and the API (the same check before any lookup), issue 13 item 4.
import { chinaDateDigits } from "./china-time.js";

export const REQUEST_NUMBER_PREFIXES = ["DW", "BD", "GK", "ZC"] as const;
export type RequestNumberPrefix = (typeof REQUEST_NUMBER_PREFIXES)[number];

/** Why a typed request number cannot be one: its shape, its type prefix, or its date. */
export type RequestNumberProblem =
  /** Not two letters, eight digits and six or more digits (e.g. a digit left out). */
  | "FORMAT"
  /** A request number of another type than the page expects (a binding's BD… on the registration page). */
  | "PREFIX"
  /** The date part is no real day, or lies in the future. */
  | "DATE";

const SHAPE = /^([A-Z]{2})(\d{4})(\d{2})(\d{2})\d{6,}$/;

/**
 * Null when `value` (already upper-cased and trimmed, NFKC) can be a request number of `prefix`
 * issued by `today` (China time), else the problem.
 */
export function checkRequestNumber(
  value: string,
  prefix: RequestNumberPrefix,
  today: Date = new Date(),
): RequestNumberProblem | null {
  const match = SHAPE.exec(value);
  if (!match) return "FORMAT";
  const [, typed, year, month, day] = match as unknown as [string, string, string, string, string];
  if (typed !== prefix) return "PREFIX";
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const real =
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day);
  if (!real || `${year}${month}${day}` > chinaDateDigits(today)) return "DATE";
  return null;
}
