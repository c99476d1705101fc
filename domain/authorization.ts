// The authorization rules every route declares: who may call (actor kind), which role, and how
// strong the session must be (R6, R12). Pure: the API loads the actor, this decides.
import type { ErrorCode } from "./errors.js";

export const ROLES = [
  "UNIT_ADMIN",
  "TITLE_HANDLER",
  "PLATFORM_OPERATOR",
  "PLATFORM_REVIEWER",
  "PLATFORM_SUPERVISOR",
  "PLATFORM_AUDITOR",
] as const;
export type Role = (typeof ROLES)[number];
export const SUBSYSTEMS = ["PLATFORM", "PORTAL", "SYSCONFIG", "TITLE_REVIEW"] as const;
export type Subsystem = (typeof SUBSYSTEMS)[number];
export type SessionStrength = "PASSWORD" | "REAL_PERSON";

export type RoleGrant = { role: Role; subsystem: Subsystem; unitId: string };

export type Actor =
  | { kind: "PERSON"; personId: string; strength: SessionStrength; roles: RoleGrant[]; unitId: string | null }
  | { kind: "UNIT"; unitId: string; strength: "PASSWORD" };

export type AccessRule = {
  /** anonymous: anyone; person / unit: that kind of session; any: either kind. */
  actor: "anonymous" | "any" | "person" | "unit";
  /** The person must hold at least one of these roles (in some unit; the handler narrows the unit). */
  roles?: readonly Role[];
  /** R12: administrators' and handlers' work needs a session established by real-person authentication. */
  strength?: SessionStrength;
};

/** Roles whose work requires a real-person session (R12). */
export const REAL_PERSON_ROLES: readonly Role[] = ["UNIT_ADMIN", "TITLE_HANDLER"];

export function checkAccess(actor: Actor | null, rule: AccessRule): ErrorCode | null {
  if (rule.actor === "anonymous") return null;
  if (!actor) return "AUTH_REQUIRED";
  if (rule.actor === "person" && actor.kind !== "PERSON") return "UNIT_SESSION_NOT_ALLOWED";
  if (rule.actor === "unit" && actor.kind !== "UNIT") return "FORBIDDEN_ROLE";
  if (rule.roles?.length) {
    if (actor.kind !== "PERSON") return "UNIT_SESSION_NOT_ALLOWED";
    if (!actor.roles.some((grant) => rule.roles?.includes(grant.role))) return "FORBIDDEN_ROLE";
  }
  if (rule.strength === "REAL_PERSON" && actor.strength !== "REAL_PERSON")
    return "REAL_PERSON_SESSION_REQUIRED";
  return null;
}

/** The unit ids in which the actor holds one of the roles: the scope a handler's query is narrowed to. */
export function unitsWithRole(actor: Actor, roles: readonly Role[]): string[] {
  if (actor.kind !== "PERSON") return [];
  return [...new Set(actor.roles.filter((g) => roles.includes(g.role)).map((g) => g.unitId))];
}

export function describeRule(rule: AccessRule): string {
  const parts = [`actor: ${rule.actor}`];
  if (rule.roles?.length) parts.push(`roles: ${rule.roles.join(" | ")}`);
  if (rule.strength) parts.push(`session strength: ${rule.strength}`);
  return parts.join("; ");
}
