// The unit hierarchy (R13: superior and subordinate units): the chain of superiors of a unit, every
// unit below one at any depth, the HR departments that answer for a region (R8, R31), and the push
// chain of title applications (R31). Chains and subtrees are read from the stored ancestry
// (UnitAncestor: each unit with itself and every unit above it), which the database keeps in the
// transaction of every write of Unit.parentUnitId (triggers of the unit_ancestry migration): no
// writer can forget it, a change of superior moves the whole subtree's rows, and a write that would
// close a cycle fails on the table's primary key.
import type { Prisma, UnitType } from "../prisma/generated/client.js";

type UnitReader = Pick<Prisma.TransactionClient, "unit" | "unitAncestor">;

/** The unit itself, then its superior, its superior's superior, … up to the top; empty for an unknown unit. */
export async function superiorChain(db: UnitReader, unitId: string): Promise<string[]> {
  const rows = await db.unitAncestor.findMany({
    where: { unitId },
    orderBy: { depth: "asc" },
    select: { ancestorId: true },
  });
  return rows.map((r) => r.ancestorId);
}

/** The unit itself and every unit below it, at any depth (one index range of the stored ancestry). */
export async function unitAndSubordinates(db: UnitReader, unitId: string): Promise<string[]> {
  const rows = await db.unitAncestor.findMany({ where: { ancestorId: unitId }, select: { unitId: true } });
  return rows.map((r) => r.unitId);
}

type HierarchyReader = Pick<Prisma.TransactionClient, "unit" | "unitAncestor" | "region">;

/** An HR department (人社部门) that answers for a region. */
export type RegionalHrDepartment = { id: string; name: string; regionCode: string };

/**
 * The active HR departments that answer for a region (统筹区), nearest first: those of the region
 * itself, then of each region above it (county → prefecture → province, `Region.parentCode`), the
 * longest registered first within one region; `excludeUnitIds` are left out. One lookup for both
 * uses: R8 takes the first that has an administrator (a unit without a superior gets its
 * administrator from there), R31 the first (it receives the title applications of a chain whose
 * top is not an HR department). A unit in 南明区 answers to 南明区人社局 when one exists, else to
 * 贵阳市人社局, else to the provincial department.
 */
export async function regionalHrDepartments(
  db: HierarchyReader,
  regionCode: string,
  excludeUnitIds: readonly string[] = [],
): Promise<RegionalHrDepartment[]> {
  const regions: string[] = [];
  let code: string | null = regionCode;
  while (code && !regions.includes(code)) {
    regions.push(code);
    const region: { parentCode: string | null } | null = await db.region.findUnique({
      where: { code },
      select: { parentCode: true },
    });
    code = region?.parentCode ?? null;
  }
  const departments = await db.unit.findMany({
    where: {
      type: "HR_DEPARTMENT",
      status: "ACTIVE",
      regionCode: { in: regions },
      ...(excludeUnitIds.length > 0 ? { id: { notIn: [...excludeUnitIds] } } : {}),
    },
    select: { id: true, name: true, regionCode: true },
    orderBy: [{ registeredAt: "asc" }, { id: "asc" }],
  });
  return regions.flatMap((region) => departments.filter((d) => d.regionCode === region));
}

/**
 * A unit of a push chain. `implicit`: not a superior but the HR department of the top's region,
 * which receives the title applications of a chain whose top is not an HR department (R31).
 */
export type PushChainLink = { unitId: string; implicit: boolean };

/**
 * The push chain (主管部门 / 上级推送节点, R31) of a unit as unit ids: the unit itself, each superior up
 * to the top, and, when the top is not an HR department (a unit that has not affiliated, or a
 * hierarchy that stops short), the regional HR department of the top (regionalHrDepartments, the
 * nearest not on the chain) as the implicit last node: the applications travel "up to the HR
 * department" until the top affiliates. No implicit node when no region above the top has an
 * active HR department. Empty for an unknown unit.
 */
export async function pushChainLinks(db: HierarchyReader, unitId: string): Promise<PushChainLink[]> {
  const ids = await superiorChain(db, unitId);
  const links = ids.map((id) => ({ unitId: id, implicit: false }));
  const topId = ids.at(-1);
  if (!topId) return links;
  const top = await db.unit.findUnique({ where: { id: topId }, select: { type: true, regionCode: true } });
  if (!top || top.type === "HR_DEPARTMENT") return links;
  const [regional] = await regionalHrDepartments(db, top.regionCode, ids);
  return regional ? [...links, { unitId: regional.id, implicit: true }] : links;
}

/**
 * A node of a push chain, as the console shows it; `implicit: true` only on the regional HR
 * department that follows a top that is not an HR department (pushChainLinks).
 */
export type PushChainNode = {
  id: string;
  name: string;
  type: UnitType;
  regionName: string;
  implicit?: true;
};

/**
 * The push chain (R31) of a unit with name, type and region of each node (pushChainLinks, then one
 * query): the unit, each superior up to the top, and the implicit regional HR department when the
 * top is not one. Empty for an unknown unit.
 */
export async function pushChain(db: HierarchyReader, unitId: string): Promise<PushChainNode[]> {
  const links = await pushChainLinks(db, unitId);
  const units = await db.unit.findMany({
    where: { id: { in: links.map((l) => l.unitId) } },
    select: { id: true, name: true, type: true, region: { select: { name: true } } },
  });
  return links.flatMap(({ unitId: id, implicit }) => {
    const unit = units.find((u) => u.id === id);
    if (!unit) return [];
    const node = { id: unit.id, name: unit.name, type: unit.type, regionName: unit.region.name };
    return [implicit ? { ...node, implicit: true as const } : node];
  });
}

/**
 * Whether a push chain ends at an HR department, where title applications are accepted (R31): its
 * top is one, or the implicit regional HR department follows a top that is not one.
 */
export const reachesHrDepartment = (chain: readonly { type: UnitType }[]): boolean =>
  chain.at(-1)?.type === "HR_DEPARTMENT";
