import type { Me } from "../api/types";

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

/** The workbench's task list; a task's page is `${TASKS_PATH}/<id>`. */
export const TASKS_PATH = "/workbench/tasks";

/** The simulated 贵州人社 mini program's page that a real-person check's QR code opens: `/mobile/check/<token>`. */
export const MOBILE_CHECK_PATH = "/mobile/check";

/** A link to the status page with the request number filled in. */
export const registrationStatusPath = (requestNumber?: string): string =>
  requestNumber
    ? `${REGISTRATION_STATUS_PATH}?requestNumber=${encodeURIComponent(requestNumber)}`
    : REGISTRATION_STATUS_PATH;

/** Where an account lands after login: a unit login only has its profile (R6), a person their account page. */
export const homePath = (me?: Pick<Me, "kind"> | null): string =>
  me?.kind === "UNIT" ? UNIT_PROFILE_PATH : "/me";

/** The page an SMS link about a face check opens on a computer: `/face-check/<token>` shows its QR code. */
export const FACE_CHECK_PATH = "/face-check";
