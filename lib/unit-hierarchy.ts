// The unit hierarchy (R13: superior and subordinate units) walked level by level: the chain of
// superiors of a unit, and every unit below one at any depth. The hierarchy never has a cycle (R13);
// a visited set keeps a corrupt one from looping all the same.
import type { Prisma, UnitType } from "../prisma/generated/client.js";

type UnitReader = Pick<Prisma.TransactionClient, "unit">;

/** The unit itself, then its superior, its superior's superior, … up to the top. */
export async function superiorChain(db: UnitReader, unitId: string): Promise<string[]> {
  const chain: string[] = [];
  let current: string | null = unitId;
  while (current && !chain.includes(current)) {
    chain.push(current);
    const unit: { parentUnitId: string | null } | null = await db.unit.findUnique({
      where: { id: current },
      select: { parentUnitId: true },
    });
    if (!unit) return chain.length > 1 ? chain : [];
    current = unit.parentUnitId;
  }
  return chain;
}

/** The unit itself and every unit below it, at any depth (one query per level). */
export async function unitAndSubordinates(db: UnitReader, unitId: string): Promise<string[]> {
  const seen = new Set([unitId]);
  let frontier = [unitId];
  while (frontier.length > 0) {
    const children = await db.unit.findMany({
      where: { parentUnitId: { in: frontier } },
      select: { id: true },
    });
    frontier = children.map((c) => c.id).filter((id) => !seen.has(id));
    for (const id of frontier) seen.add(id);
  }
  return [...seen];
}

/** A node of a push chain, as the console shows it. */
export type PushChainNode = { id: string; name: string; type: UnitType; regionName: string };

/**
 * The push chain (主管部门 / 上级推送节点, R31) of a unit: the unit itself, then each superior up to the
 * top, with name, type and region (superiorChain, then one query). Empty for an unknown unit.
 */
export async function pushChain(db: UnitReader, unitId: string): Promise<PushChainNode[]> {
  const ids = await superiorChain(db, unitId);
  const units = await db.unit.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, type: true, region: { select: { name: true } } },
  });
  return ids.flatMap((id) => {
    const unit = units.find((u) => u.id === id);
    return unit ? [{ id: unit.id, name: unit.name, type: unit.type, regionName: unit.region.name }] : [];
  });
}

/** Whether a push chain ends at an HR department (its top accepts title applications, R31). */
export const reachesHrDepartment = (chain: readonly { type: UnitType }[]): boolean =>
  chain.at(-1)?.type === "HR_DEPARTMENT";
