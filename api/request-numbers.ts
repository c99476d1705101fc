// Request numbers people quote on the phone: a type prefix (DW unit registration, BD binding),
// the China-time date and six random digits. Unique in the database; a clash fails the insert.
import { randomInt } from "node:crypto";
import { chinaDateDigits } from "../domain/china-time.js";

export function newRequestNumber(prefix: "DW" | "BD", now = new Date()): string {
  return `${prefix}${chinaDateDigits(now)}${String(randomInt(0, 1_000_000)).padStart(6, "0")}`;
}
