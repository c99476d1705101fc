import type { Me, RoleCode } from "../api/types";

export const hasAnyRole = (me: Me, roles: RoleCode[]): boolean =>
  me.roles.some(({ role }) => roles.includes(role));

/** R21: administrators of HR-department units manage units (the provincial one also creates HR departments). */
export const isHrDepartmentAdmin = (me: Me): boolean =>
  me.unit?.type === "HR_DEPARTMENT" &&
  me.roles.some(({ role, unitId }) => role === "UNIT_ADMIN" && unitId === me.unit?.id);
