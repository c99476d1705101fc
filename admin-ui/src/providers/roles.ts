import type { TFunction } from "i18next";
import { REAL_PERSON_ROLES, ROLES } from "../../../domain/authorization";
import type { Me, RoleCode } from "../api/types";

/**
 * A role the console knows (domain/'s list, which names and translates it). The API sends roles as
 * the catalogue's strings: a role added to the catalogue (a new row) shows its code until the console
 * names it.
 */
export const isKnownRole = (role: string): role is RoleCode => (ROLES as readonly string[]).includes(role);

/** A unit's staff: its administrator and handlers, the roles that act only in real-person sessions (R12). */
export const UNIT_STAFF_ROLES: readonly RoleCode[] = REAL_PERSON_ROLES;

/** A role's name in the reader's language; a role the console does not know shows its code. */
export const roleName = (role: string, t: TFunction): string =>
  isKnownRole(role) ? t(`roles.${role}`) : role;

/** True when the signed-in account holds at least one of `roles` (a role the console does not know never counts). */
export const hasAnyRole = (me: Me, roles: readonly RoleCode[]): boolean =>
  me.roles.some(({ role }) => isKnownRole(role) && roles.includes(role));

/** R21: administrators of HR-department units manage units (the provincial one also creates HR departments). */
export const isHrDepartmentAdmin = (me: Me): boolean =>
  me.unit?.type === "HR_DEPARTMENT" &&
  me.roles.some(({ role, unitId }) => role === "UNIT_ADMIN" && unitId === me.unit?.id);

/** Roles with a queue to work (GET /api/me/work counts them): the workbench's and the unit's staff. */
const WORK_ROLES: readonly RoleCode[] = ["PLATFORM_REVIEWER", "PLATFORM_SUPERVISOR", ...UNIT_STAFF_ROLES];

/** A person with queues lands on 我的工作; an applicant (no queue) on 个人资料. */
export const hasWork = (me: Me): boolean => me.kind === "PERSON" && hasAnyRole(me, WORK_ROLES);

/** Provincial HR department staff with a platform role (PLATFORM_*), bound there by seeding. */
export const isPlatformStaff = (me: Me): boolean => me.roles.some(({ role }) => role.startsWith("PLATFORM_"));

/**
 * The manual (单位经办员账号篇): administrators, and handlers of units that form an evaluation committee
 * (评委会组建单位), reach 统一门户子系统 and 系统配置子系统 directly; other handlers through 账号管理.
 */
export const reachesPortalThroughAccountManagement = (me: Me): boolean =>
  me.kind === "PERSON" &&
  hasAnyRole(me, ["TITLE_HANDLER"]) &&
  !me.roles.some(
    ({ role, unitFormsCommittee }) =>
      role === "UNIT_ADMIN" || (role === "TITLE_HANDLER" && unitFormsCommittee),
  );
