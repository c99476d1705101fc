// The role catalogue (账号角色管理, R9): which roles each subsystem has, who may grant them and what
// they require. The catalogue is data (RoleDefinition rows); these are the pure rules over it, shared
// by the API and the console, so a new role is a new row and never new code.
import type { LocalizedMessage } from "./errors.js";

export type CatalogueRole = {
  subsystem: string;
  role: string;
  labelZh: string;
  labelEn: string;
  /** Holders of these roles grant and revoke it, in their unit and its subordinate units. */
  grantableBy: string[];
  requiresRealPerson: boolean;
  /** R10: a holder cannot apply for a title, an applicant cannot be granted it. */
  excludesTitleApplication: boolean;
  sortOrder: number;
};

/** The stored JSON array of granter roles; anything else grants to nobody. */
export function parseGrantableBy(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

export const roleLabel = (role: Pick<CatalogueRole, "labelZh" | "labelEn">): LocalizedMessage => ({
  "zh-CN": role.labelZh,
  en: role.labelEn,
});

/**
 * The actor's role that lets them grant or revoke `role` for an account of the unit whose chain of
 * superiors is `unitChain` (the unit itself first): a granter role held in that unit or a superior
 * one (R7: an administrator manages its own and its subordinate units). Undefined when none does.
 */
export function granterGrant<G extends { role: string; unitId: string }>(
  role: Pick<CatalogueRole, "grantableBy">,
  actorRoles: readonly G[],
  unitChain: readonly string[],
): G | undefined {
  // The nearest unit first: the account's own administrator before a superior's.
  for (const unitId of unitChain) {
    const grant = actorRoles.find((g) => g.unitId === unitId && role.grantableBy.includes(g.role));
    if (grant) return grant;
  }
  return undefined;
}

/** Roles that grant something: the ones that may use 账号角色管理. */
export function granterRoles(catalogue: readonly Pick<CatalogueRole, "grantableBy">[]): string[] {
  return [...new Set(catalogue.flatMap((r) => r.grantableBy))];
}
