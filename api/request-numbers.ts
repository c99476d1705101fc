// Request numbers people quote on the phone: a type prefix (DW unit registration, BD binding, GK
// affiliation 归口, ZC title application 职称), the China-time date and the day's sequence number,
// six digits: DW20261130000001. The counter is
// advanced and read in one statement, so two requests (or two processes on the same database)
// never get the same number; call it in the transaction that stores the request, and a request
// that is not stored gives its number back.
import { chinaDateDigits } from "../domain/china-time.js";
import type { Prisma } from "../prisma/generated/client.js";

export type RequestNumberPrefix = "DW" | "BD" | "GK" | "ZC";

export async function newRequestNumber(
  db: Pick<Prisma.TransactionClient, "$queryRaw">,
  prefix: RequestNumberPrefix,
  now = new Date(),
): Promise<string> {
  const day = chinaDateDigits(now);
  const [row] = await db.$queryRaw<{ last: number | bigint }[]>`
    INSERT INTO "RequestNumberSequence" ("prefix", "day", "last") VALUES (${prefix}, ${day}, 1)
    ON CONFLICT ("prefix", "day") DO UPDATE SET "last" = "RequestNumberSequence"."last" + 1
    RETURNING "last"`;
  if (!row) throw new Error("request number sequence returned no row");
  // Beyond 999 999 requests of one type in a day the number grows a digit; it never repeats.
  return `${prefix}${day}${String(row.last).padStart(6, "0")}`;
}
