import type { AccessControlProvider } from "@refinedev/core";
import type { Me } from "../api/types";
import { type ResourceGroup, resourceGroup } from "../config/resources";
import { i18n } from "../i18n";
import { getEnvironment } from "./environment";
import { hasAnyRole, hasWork, isHrDepartmentAdmin, UNIT_STAFF_ROLES as UNIT_STAFF } from "./roles";
import { getMe } from "./session";

/** Who sees each menu group (and every resource in it); the API enforces the same rules. */
const visibleTo: Record<ResourceGroup, (me: Me) => boolean> = {
  // The people with a queue: reviewers, supervisors, a unit's administrator and handlers.
  "my-work": hasWork,
  // 用户中心 belongs to every person; R6: a unit login sees only its unit profile.
  "user-center": (me) => me.kind === "PERSON",
  // R12 is checked by each portal page, which offers the step-up in place of its list.
  portal: (me) => me.kind === "PERSON" && hasAnyRole(me, UNIT_STAFF),
  // R6: a unit login maintains its own basic facts.
  sysconfig: (me) => me.kind === "UNIT" || hasAnyRole(me, UNIT_STAFF),
  // Every person: 职称申报 tells administrators and handlers why they cannot apply (R10) and who can help.
  "title-review": (me) => me.kind === "PERSON",
  "review-workbench": (me) => hasAnyRole(me, [...UNIT_STAFF, "PLATFORM_REVIEWER", "PLATFORM_SUPERVISOR"]),
  // 单位管理 is the group's only page; HR-department administrators manage units in their region (R21).
  "platform-ops": (me) => hasAnyRole(me, ["PLATFORM_OPERATOR"]) || isHrDepartmentAdmin(me),
  // R26: auditors read every unit's log, administrators their unit's and its subordinates'.
  "audit-events": (me) => me.kind === "PERSON" && hasAnyRole(me, ["PLATFORM_AUDITOR", "UNIT_ADMIN"]),
  "dev-tools": (me) => hasAnyRole(me, ["PLATFORM_OPERATOR"]),
};

/** R12: in these groups, a person changes anything only in a real-person session. */
const REAL_PERSON_GROUPS = new Set<string>(["portal", "sysconfig", "review-workbench"]);
const READ_ACTIONS = new Set(["list", "show"]);

export const accessControlProvider: AccessControlProvider = {
  can: async ({ resource, action }) => {
    // Pages outside any resource (home redirect, 404) are open to every signed-in account.
    if (!resource) {
      return { can: true };
    }
    const group = resourceGroup(resource);
    const me = await getMe();
    const rule = visibleTo[group as keyof typeof visibleTo];
    // R28: the SMS outbox exists only in development with the outbox adapter.
    if (group === "dev-tools" && !(await getEnvironment()).standIns.smsOutbox) {
      return { can: false, reason: i18n.t("environment.noDevTools") };
    }
    if (!rule?.(me)) {
      // Why it is hidden, for the 403 page of a hidden page opened by its address.
      return { can: false, reason: i18n.t(`accessControl.hidden.${group as ResourceGroup}`) };
    }
    if (
      !READ_ACTIONS.has(action) &&
      REAL_PERSON_GROUPS.has(group) &&
      me.kind === "PERSON" &&
      me.strength !== "REAL_PERSON"
    ) {
      return { can: false, reason: i18n.t("accessControl.realPersonRequired") };
    }
    return { can: true };
  },
};
