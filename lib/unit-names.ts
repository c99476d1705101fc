// R20: a renamed unit keeps its former names (UnitNameChange). Whoever looks a unit up by its exact
// name (a binding request, R16; account recovery, R22) finds it by its current name and, as long as no
// other unit bears that name now, by a former one too: people keep typing the name they know.
import type { Prisma, Unit } from "../prisma/generated/client.js";
import type { Database } from "./database.js";

type Reader = Prisma.TransactionClient | Database;

export type UnitByName =
  | { match: "CURRENT"; unit: Unit }
  /** `name` is a former name of exactly one unit: that unit, under its current name. */
  | { match: "FORMER"; unit: Unit; formerName: string }
  /** `name` is a former name of several units: the person must choose by a current name. */
  | { match: "AMBIGUOUS"; units: Unit[] }
  | { match: "NONE" };

/** The unit named `name` now, or the one that was named so before (whatever its status: callers decide). */
export async function findUnitByName(db: Reader, name: string): Promise<UnitByName> {
  const current = await db.unit.findUnique({ where: { name } });
  if (current) return { match: "CURRENT", unit: current };
  const renamed = await db.unitNameChange.findMany({
    where: { oldName: name },
    select: { unit: true },
    distinct: ["unitId"],
  });
  const units = renamed.map((r) => r.unit);
  if (units.length === 0) return { match: "NONE" };
  if (units.length > 1) return { match: "AMBIGUOUS", units };
  return { match: "FORMER", unit: units[0]!, formerName: name };
}
