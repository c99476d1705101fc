// Request numbers people quote on the phone: a type prefix (DW unit registration, BD binding),
// the China-time date and six random digits. Unique in the database; a clash fails the insert.
import { randomInt } from "node:crypto";

export function newRequestNumber(prefix: "DW" | "BD", now = new Date()): string {
  const day = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll("-", "");
  return `${prefix}${day}${String(randomInt(0, 1_000_000)).padStart(6, "0")}`;
}
