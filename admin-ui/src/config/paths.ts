import type { Me } from "../api/types";
import { hasWork } from "../providers/roles";

export const LOGIN_PATH = "/login";

export const REGISTER_PATHS = {
  unit: "/register/unit",
  person: "/register/person",
} as const;

/** R25: a unit registration's status page, reached with the request number and an SMS code. */
export const REGISTRATION_STATUS_PATH = "/registration-status";

/** R22: a unit that forgot its login account has it sent to the contact mobile. */
export const UNIT_ACCOUNT_RECOVERY_PATH = "/unit-account-recovery";

/** R27: a unit resets its password with an SMS code sent to the contact mobile. */
export const UNIT_PASSWORD_RESET_PATH = "/unit-password-reset";

/** R6: where a unit login lands, and the only page it may use. */
export const UNIT_PROFILE_PATH = "/sysconfig/unit-profile";

/** 单位基础信息管理 → 修改: one unit's page for administrators (facts, rename, admin succession). */
export const unitPagePath = (unitId: string): string => `${UNIT_PROFILE_PATH}/${encodeURIComponent(unitId)}`;

/** The workbench's task list; a task's page is `${TASKS_PATH}/<id>`. */
export const TASKS_PATH = "/workbench/tasks";

/** The simulated 贵州人社 mini program's page that a real-person check's QR code opens: `/mobile/check/<token>`. */
export const MOBILE_CHECK_PATH = "/mobile/check";

/** 用户中心 (every person): 个人资料 with the unit binding (R16) and 我的申请 (R25). */
export const USER_CENTER_PATHS = {
  profile: "/user-center/profile",
  requests: "/user-center/requests",
} as const;

/** The former 我的账号 page; it now leads to 个人资料. */
export const LEGACY_ME_PATH = "/me";

/** 统一门户子系统: the unit's account queues (R16–R19, R24). */
export const PORTAL_PATHS = {
  incomingAccounts: "/portal/incoming-accounts",
  accountExits: "/portal/account-exits",
  accountRoles: "/portal/account-roles",
  accountInfo: "/portal/account-info",
  unitAccounts: "/portal/unit-accounts",
} as const;

/** A link to the status page with the request number filled in. */
export const registrationStatusPath = (requestNumber?: string): string =>
  requestNumber
    ? `${REGISTRATION_STATUS_PATH}?requestNumber=${encodeURIComponent(requestNumber)}`
    : REGISTRATION_STATUS_PATH;

/** 我的工作: the pending work of a person with queues (reviewers, a unit's administrator and handlers). */
export const WORK_PATH = "/work";

/**
 * Where an account lands after login: a unit login only has its profile (R6), a person with queues
 * their work, anyone else (an applicant) their 个人资料.
 */
export const homePath = (me?: Me | null): string => {
  if (me?.kind === "UNIT") return UNIT_PROFILE_PATH;
  return me && hasWork(me) ? WORK_PATH : USER_CENTER_PATHS.profile;
};

/** The page an SMS link about a face check opens on a computer: `/face-check/<token>` shows its QR code. */
export const FACE_CHECK_PATH = "/face-check";
