// Who may look at which units. A unit login sees its own unit (R6); administrators and
// handlers their units; platform staff and HR-department administrators every unit (they
// create HR departments and stand in for missing administrators, R8, R21).
import { type Actor, REAL_PERSON_ROLES } from "../../../domain/authorization.js";
import { AppError } from "../../../domain/errors.js";
import type { Database } from "../../../lib/database.js";
import { superiorChain } from "../../../lib/unit-hierarchy.js";

export const PLATFORM_ROLES = [
  "PLATFORM_OPERATOR",
  "PLATFORM_REVIEWER",
  "PLATFORM_SUPERVISOR",
  "PLATFORM_AUDITOR",
];

export async function seesAllUnits(db: Database, actor: Actor): Promise<boolean> {
  if (actor.kind !== "PERSON") return false;
  if (actor.roles.some((g) => PLATFORM_ROLES.includes(g.role))) return true;
  const adminUnits = actor.roles.filter((g) => g.role === "UNIT_ADMIN").map((g) => g.unitId);
  if (adminUnits.length === 0) return false;
  return (await db.unit.count({ where: { id: { in: adminUnits }, type: "HR_DEPARTMENT" } })) > 0;
}

export async function canViewUnit(db: Database, actor: Actor, unitId: string): Promise<boolean> {
  if (actor.kind === "UNIT") return actor.unitId === unitId;
  if (actor.roles.some((g) => g.unitId === unitId && REAL_PERSON_ROLES.includes(g.role))) {
    return true;
  }
  return seesAllUnits(db, actor);
}

/** R6 / R7: the unit's own login, or its administrator in a real-person session, maintains its facts. */
export function canEditUnitProfile(actor: Actor, unitId: string): boolean {
  if (actor.kind === "UNIT") return actor.unitId === unitId;
  return (
    actor.strength === "REAL_PERSON" &&
    actor.roles.some((g) => g.unitId === unitId && g.role === "UNIT_ADMIN")
  );
}

/**
 * The unit's administrator or handler (R11, R24); with `adminOnlyRule`, its administrator, by that
 * rule (R18, R19). Routes already require a real-person session (R12); this narrows them to the unit.
 */
export function requireUnitRole(actor: Actor, unitId: string, adminOnlyRule?: string): void {
  const roles: readonly string[] = adminOnlyRule ? ["UNIT_ADMIN"] : REAL_PERSON_ROLES;
  const holds =
    actor.kind === "PERSON" && actor.roles.some((g) => g.unitId === unitId && roles.includes(g.role));
  if (!holds) {
    throw adminOnlyRule
      ? new AppError("ONLY_ADMIN", { details: { unitId, rule: adminOnlyRule } })
      : new AppError("FORBIDDEN_UNIT_SCOPE", { details: { unitId } });
  }
}

/**
 * R7: the actor holds one of the roles in the unit or in one of its superior units (an administrator
 * manages its own and its subordinate units, at any depth).
 */
export async function holdsRoleOverUnit(
  db: Database,
  actor: Actor,
  unitId: string,
  roles: readonly string[] = REAL_PERSON_ROLES,
): Promise<boolean> {
  if (actor.kind !== "PERSON") return false;
  const held = new Set(actor.roles.filter((g) => roles.includes(g.role)).map((g) => g.unitId));
  if (held.size === 0) return false;
  return (await superiorChain(db, unitId)).some((id) => held.has(id));
}
