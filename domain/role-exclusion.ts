// R10 (业务互斥), the one rule for every path that could break it: granting a role (the role page,
// admin succession, the first administrator's designation) and opening a title application. A
// person holding a role that the catalogue marks `excludesTitleApplication` cannot open a title
// application; a person with one in progress cannot be granted such a role. Pure: lib/role-exclusion.ts
// loads the facts inside the transaction of the change and throws what this decides.
import { formatChinaTime } from "./china-time.js";
import type { Explanation, LocalizedMessage } from "./errors.js";
import { contactOf } from "./explanations.js";

export const ROLE_EXCLUSION_RULE = "R10";

/** A role the person holds that excludes a title application, where, and who could end it. */
export type ExcludingRole = {
  subsystem: string;
  role: string;
  labelZh: string;
  labelEn: string;
  unitId: string;
  unitName: string;
  /**
   * How the role ends: REVOKE on the role page (账号角色管理) by one of `contacts`, or HAND_OVER when
   * nobody grants it there (grantableBy is empty: the administrator hands the office on, R8).
   */
  remedy: "REVOKE" | "HAND_OVER";
  /** Who can revoke it (REVOKE): holders of its granter roles in the unit, or its nearest superior. */
  contacts: {
    name: string | null;
    role: string;
    labelZh: string;
    labelEn: string;
    unitId?: string;
    unitName: string;
  }[];
};

export type OpenTitleApplication = { id: string; createdAt: Date };

/** R10, granting side: whether a role may be granted to a person with these applications in progress. */
export function grantConflicts(
  role: { excludesTitleApplication: boolean },
  openApplications: readonly OpenTitleApplication[],
): boolean {
  return role.excludesTitleApplication && openApplications.length > 0;
}

/** R10, applying side: the held roles that forbid opening a title application. */
export function applicationConflicts<R extends { excludesTitleApplication: boolean }>(
  heldRoles: readonly R[],
): R[] {
  return heldRoles.filter((r) => r.excludesTitleApplication);
}

const contactText = (role: ExcludingRole) => {
  const known = role.contacts.filter((c) => c.name);
  return {
    zh: known.length
      ? known.map((c) => `${c.unitName === role.unitName ? "" : c.unitName}${c.labelZh}${c.name}`).join("或")
      : "单位管理员",
    en: known.length
      ? known
          .map((c) => `${c.name} (${c.labelEn}${c.unitName === role.unitName ? "" : `, ${c.unitName}`})`)
          .join(" or ")
      : "your unit's administrator",
  };
};

/** Why a person holding these roles cannot open a title application, and what would make it possible. */
export function applicationRefusal(roles: readonly ExcludingRole[]): {
  message: LocalizedMessage;
  details: { rule: string; roles: ExcludingRole[] } & Explanation;
} {
  const parts = roles.map((role) =>
    role.remedy === "HAND_OVER"
      ? {
          whyZh: `您是单位“${role.unitName}”的${role.labelZh}，按业务互斥规定不能申报职称`,
          nextZh: `请先在“系统配置子系统 → 单位基础信息管理”中将${role.labelZh}更换为他人（更换后您的该角色即取消），再申报`,
          whyEn: `You are the ${role.labelEn} of "${role.unitName}" and, by role exclusion, cannot apply for a title`,
          nextEn:
            "first hand the office on to someone else (System configuration → Unit profile), which ends your role, then apply",
        }
      : {
          whyZh: `您在单位“${role.unitName}”担任${role.labelZh}，按业务互斥规定不能申报职称`,
          nextZh: `请联系${contactText(role).zh}在“统一门户子系统 → 账号角色管理”中解除该角色后再申报`,
          whyEn: `You hold the ${role.labelEn} role in "${role.unitName}" and, by role exclusion, cannot apply for a title`,
          nextEn: `ask ${contactText(role).en} to revoke it (Unified portal → Account roles), then apply`,
        },
  );
  const nextZh = parts.map((p) => p.nextZh).join("；");
  const nextEn = parts.map((p) => p.nextEn).join("; ");
  return {
    message: {
      "zh-CN": parts.map((p) => `${p.whyZh}；${p.nextZh}`).join("；"),
      en: parts.map((p) => `${p.whyEn}; ${p.nextEn}`).join("; "),
    },
    details: {
      rule: ROLE_EXCLUSION_RULE,
      roles: [...roles],
      remedy: { "zh-CN": nextZh, en: nextEn.charAt(0).toUpperCase() + nextEn.slice(1) },
      contacts: roles.flatMap((role) =>
        role.contacts.map((c) =>
          contactOf(
            c,
            { role: c.role, label: { "zh-CN": c.labelZh, en: c.labelEn } },
            { id: c.unitId ?? role.unitId, name: c.unitName },
          ),
        ),
      ),
    },
  };
}

/** Why this role cannot be granted to a person with a title application in progress, and until when. */
export function grantRefusal(
  role: { subsystem: string; role: string; labelZh: string; labelEn: string },
  applications: readonly OpenTitleApplication[],
  personName?: string | null,
): {
  message: LocalizedMessage;
  details: Explanation & {
    rule: string;
    subsystem: string;
    role: string;
    applications: { id: string; openedAt: string }[];
  };
} {
  const first = applications[0];
  const since = first ? formatChinaTime(first.createdAt) : "";
  const who = personName?.trim();
  return {
    message: {
      "zh-CN": `${who ?? "该人员"}有正在办理的职称申报（${since}（北京时间）提交），按业务互斥规定申报期间不能成为${role.labelZh}；待申报办结或由本人撤回后才能授予`,
      en: `${who ?? "This person"} has a title application in progress (opened ${since} China time) and, by role exclusion, cannot become ${role.labelEn} meanwhile; the role can be granted once the application is completed or withdrawn`,
    },
    details: {
      rule: ROLE_EXCLUSION_RULE,
      remedy: {
        "zh-CN": `待其职称申报办结，或由其本人在“职称评审子系统 → 职称申报”中撤回后，再授予${role.labelZh}`,
        en: `Grant ${role.labelEn} once the application is completed, or once the person withdraws it (Title review → Title applications)`,
      },
      subsystem: role.subsystem,
      role: role.role,
      applications: applications.map((a) => ({ id: a.id, openedAt: a.createdAt.toISOString() })),
    },
  };
}
