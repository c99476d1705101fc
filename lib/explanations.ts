// "Why can't I" (issue 9): the explanation of a refusal (rule, remedy, contacts; the convention is at
// the top of domain/errors.ts) computed from the database: who administers the unit the action
// concerns, who holds the roles that grant what is missing, and, for a unit without an administrator,
// who may designate one (R8). api/errors.ts completes every refusal with it; the console asks for the
// same texts before it disables a control (GET /api/explanations).
//
// A unit is named, and its people (masked) as contacts, only to an actor who belongs to it, holds a
// role in it or above it, or is its unit login: a stranger learns nothing about a unit it cannot see.
import type { Actor } from "../domain/authorization.js";
import type { ExplainedRefusal, Explanation, LocalizedMessage, RefusalContact } from "../domain/errors.js";
import { contactOf, contactsPhrase, UNIT_ADMIN_LABEL } from "../domain/explanations.js";
import { roleLabel } from "../domain/role-catalogue.js";
import type { Prisma } from "../prisma/generated/client.js";
import { authorityExplanation, successionAuthority } from "./admin-succession.js";
import type { Database } from "./database.js";
import { listRoleCatalogue } from "./role-catalogue.js";
import { SUBORDINATE_TYPE_EXPLANATION, untrustedNetworkExplanation } from "./subordinate-creation.js";
import { superiorChain } from "./unit-hierarchy.js";

type Reader = Prisma.TransactionClient | Database;

/** What the refusal is about: who was refused, the unit the action concerns, the roles it needs. */
export type RefusalSubject = {
  actor: Actor | null;
  unitId?: string;
  /** The roles the refused route needs (the authorization gate's rule). */
  requiredRoles?: readonly string[];
  /** The kind of session the refused route needs (the gate's rule: person, unit, any). */
  requiredActor?: string;
  /** The rule the throw site names, when the code alone does not say it (ONLY_ADMIN: R18, R19, R20). */
  rule?: string;
};

const PLATFORM_ROLES: readonly string[] = [
  "PLATFORM_OPERATOR",
  "PLATFORM_REVIEWER",
  "PLATFORM_SUPERVISOR",
  "PLATFORM_AUDITOR",
];

const STEP_UP: LocalizedMessage = {
  "zh-CN":
    "请在页面上点击“实人认证”，用“贵州人社”小程序扫描二维码并完成人脸识别，本次登录即升级为实人认证（无需退出）；也可退出后扫码登录",
  en: "Choose real-person authentication on the page, scan the QR code with the mobile app and pass the face check: this session is raised in place (no need to log out); or log out and log in by QR code",
};

/** Whether the actor may be told about the unit and its people. */
export async function relatesTo(
  db: Reader,
  actor: Actor | null,
  unitId: string | undefined,
): Promise<boolean> {
  if (!actor || !unitId) return false;
  if (actor.kind === "UNIT") return actor.unitId === unitId;
  if (actor.unitId === unitId || actor.roles.some((g) => g.unitId === unitId)) return true;
  if (actor.roles.length === 0) return false;
  const chain = await superiorChain(db, unitId);
  return actor.roles.some((g) => chain.includes(g.unitId));
}

/** The unit's administrator as a contact, or null when it has none. */
export async function administratorContact(db: Reader, unitId: string): Promise<RefusalContact | null> {
  const binding = await db.roleBinding.findUnique({
    where: { exclusiveKey: `UNIT_ADMIN:${unitId}` },
    select: { person: { select: { name: true } }, unit: { select: { id: true, name: true } } },
  });
  return binding
    ? contactOf(binding.person, { role: "UNIT_ADMIN", label: UNIT_ADMIN_LABEL }, binding.unit)
    : null;
}

async function contactsIfRelated(db: Reader, actor: Actor | null, unitId: string | undefined) {
  if (!unitId || !(await relatesTo(db, actor, unitId))) return [];
  const admin = await administratorContact(db, unitId);
  return admin ? [admin] : [];
}

/**
 * Holders of one of `roles` in the unit, else in its nearest superior unit that has one (R7: a
 * superior's administrator manages its subordinates): at most three, the longest-serving first.
 */
export async function holdersNearby(
  db: Reader,
  unitId: string,
  roles: readonly string[],
  excludePersonId?: string,
): Promise<RefusalContact[]> {
  if (roles.length === 0) return [];
  const catalogue = await listRoleCatalogue(db);
  const label = (role: string) => {
    const entry = catalogue.find((r) => r.role === role);
    return entry ? roleLabel(entry) : { "zh-CN": role, en: role };
  };
  for (const id of await superiorChain(db, unitId)) {
    const holders = await db.roleBinding.findMany({
      where: {
        unitId: id,
        role: { in: [...roles] },
        revokedAt: null,
        ...(excludePersonId ? { personId: { not: excludePersonId } } : {}),
      },
      select: {
        role: true,
        person: { select: { name: true } },
        unit: { select: { id: true, name: true } },
      },
      orderBy: { grantedAt: "asc" },
      take: 3,
    });
    if (holders.length > 0) {
      return holders.map((h) => contactOf(h.person, { role: h.role, label: label(h.role) }, h.unit));
    }
  }
  return [];
}

/**
 * Who looks after the unit for the actor: its administrator when it has one (and it is not the actor),
 * else who may designate one (R8: the nearest superior's administrator, the region's HR department).
 * `ask` is the next step with them, e.g. {"zh-CN": "授予", en: "to grant it"}.
 */
async function unitHelp(
  db: Reader,
  actor: Actor | null,
  unitId: string,
  ask: LocalizedMessage,
): Promise<{ remedy: LocalizedMessage; contacts: RefusalContact[] } | null> {
  const admin = await administratorContact(db, unitId);
  const actorId = actor?.kind === "PERSON" ? actor.personId : null;
  if (admin) {
    const isActor =
      actorId !== null &&
      (await db.roleBinding.count({
        where: { exclusiveKey: `UNIT_ADMIN:${unitId}`, personId: actorId },
      })) > 0;
    if (isActor) return null;
    const who = contactsPhrase([admin], unitId);
    return {
      remedy: { "zh-CN": `请联系${who["zh-CN"]}${ask["zh-CN"]}`, en: `Ask ${who.en} ${ask.en}` },
      contacts: [admin],
    };
  }
  const { remedy, contacts } = authorityExplanation(await successionAuthority(db, unitId));
  return { remedy, contacts: contacts ?? [] };
}

const and = (first: LocalizedMessage, then: LocalizedMessage | undefined): LocalizedMessage =>
  then ? { "zh-CN": `${first["zh-CN"]}：${then["zh-CN"]}`, en: `${first.en}: ${then.en}` } : first;

/** The catalogue's labels of the roles, joined: "单位管理员或职称经办" / "Unit administrator or Title handler". */
async function rolesPhrase(db: Reader, roles: readonly string[]): Promise<LocalizedMessage> {
  const catalogue = await listRoleCatalogue(db);
  const labels = roles.map((role) => {
    const entry = catalogue.find((r) => r.role === role);
    return entry ? roleLabel(entry) : { "zh-CN": role, en: role };
  });
  return {
    "zh-CN": labels.map((l) => l["zh-CN"]).join("或"),
    en: labels.map((l) => l.en).join(" or "),
  };
}

/**
 * FORBIDDEN_ROLE_GRANT: who may grant or revoke the role for an account of the unit: holders of its
 * granter roles there or in the nearest superior unit (R7, R9); when nobody does, who would designate
 * the administrator that grants it (R8).
 */
export async function grantersExplanation(
  db: Reader,
  unitId: string,
  role: { grantableBy: readonly string[] },
  excludePersonId?: string,
): Promise<Explanation> {
  const contacts = await holdersNearby(db, unitId, role.grantableBy, excludePersonId);
  if (contacts.length > 0) {
    const who = contactsPhrase(contacts, unitId);
    return {
      rule: "R9",
      remedy: { "zh-CN": `请联系${who["zh-CN"]}办理`, en: `Ask ${who.en} to do it` },
      contacts,
    };
  }
  const { remedy, contacts: designators } = authorityExplanation(await successionAuthority(db, unitId));
  return { rule: "R9", remedy, contacts: designators ?? [] };
}

/** FORBIDDEN_ROLE: which role the action needs, and who grants it to the actor (R7, R9). */
async function forbiddenRole(db: Reader, subject: RefusalSubject): Promise<Explanation> {
  const { actor } = subject;
  if (actor?.kind === "UNIT") {
    return {
      rule: "R6",
      remedy: {
        "zh-CN": "此功能须由个人账号办理：请退出单位账号，由本人用个人账号（扫码或证件号码和密码）登录后办理",
        en: "This is done with a personal account: log out of the unit account and log in personally (QR code, or ID number and password)",
      },
    };
  }
  if (subject.requiredActor === "unit") {
    return {
      rule: "R6",
      remedy: {
        "zh-CN":
          "此功能须由单位账号办理：请退出个人账号，用单位账号（统一社会信用代码或原登录账号）、密码和短信验证码登录",
        en: "This is done with the unit's own login: log out and log in with the unit account (USCC or its former account name), password and SMS code",
      },
    };
  }
  const required = subject.requiredRoles ?? [];
  if (required.length === 0) {
    return {
      rule: "R9",
      remedy: {
        "zh-CN": "此功能需要相应的角色：请联系所在单位的管理员",
        en: "This needs a role you do not hold: ask your unit's administrator",
      },
    };
  }
  const needs = await rolesPhrase(db, required);
  const intro: LocalizedMessage = {
    "zh-CN": `此功能需要${needs["zh-CN"]}角色`,
    en: `This needs the ${needs.en} role`,
  };
  const catalogue = await listRoleCatalogue(db);
  const granters = (roles: readonly string[]) => [
    ...new Set(catalogue.filter((r) => roles.includes(r.role)).flatMap((r) => r.grantableBy)),
  ];
  // The route is for staff of a unit (or the unit itself) when the action names one.
  const unitId = subject.unitId ?? actor?.unitId ?? undefined;
  if (required.every((role) => PLATFORM_ROLES.includes(role))) {
    const contacts = unitId ? await holdersNearby(db, unitId, granters(required)) : [];
    return {
      rule: "R9",
      remedy: and(intro, {
        "zh-CN": `平台角色由省人社厅的平台运维员授予${contacts.length ? `（${contactsPhrase(contacts)["zh-CN"]}）` : ""}`,
        en: `platform roles are granted by the provincial HR department's platform operators${contacts.length ? ` (${contactsPhrase(contacts).en})` : ""}`,
      }),
      contacts,
    };
  }
  if (!actor || !unitId) {
    return {
      rule: "R9",
      remedy: and(intro, {
        "zh-CN":
          "您尚未绑定单位：请先在“用户中心 → 个人资料”申请绑定您的工作单位，获接收后再请该单位管理员授予",
        en: "you are not bound to a unit: ask to join your employer first (User center → Profile), then ask its administrator to grant it",
      }),
    };
  }
  if (!(await relatesTo(db, actor, unitId))) {
    return {
      rule: "R7",
      remedy: and(intro, {
        "zh-CN": "该单位的业务由其管理员或经办人办理",
        en: "that unit's business is done by its administrator or handlers",
      }),
    };
  }
  // A role the administrator grants (职称经办) is granted by them; the office itself is handed on (R8).
  const grantable = granters(required.filter((role) => !PLATFORM_ROLES.includes(role))).length > 0;
  const help = await unitHelp(
    db,
    actor,
    unitId,
    grantable
      ? { "zh-CN": "授予", en: "to grant it" }
      : {
          "zh-CN": "办理（单位管理员由现任管理员更换指定）",
          en: "(the office is handed on by the current administrator)",
        },
  );
  return {
    rule: grantable ? "R9" : "R8",
    remedy: and(intro, help?.remedy),
    contacts: help?.contacts ?? [],
  };
}

/**
 * An action only the unit's administrator takes (R18 re-enabling, R19, R20, R7): the remedy names
 * them (or who designates one); `otherwise` is the next step when nobody can be named to the actor.
 */
async function onlyAdministrator(
  db: Reader,
  subject: RefusalSubject,
  rule: string,
  ask: LocalizedMessage,
  otherwise: LocalizedMessage,
): Promise<Explanation> {
  const { actor, unitId } = subject;
  const help = unitId && (await relatesTo(db, actor, unitId)) ? await unitHelp(db, actor, unitId, ask) : null;
  return { rule, remedy: help?.remedy ?? otherwise, contacts: help?.contacts ?? [] };
}

/**
 * The explanation of a refusal the throw site did not explain itself (see the top of this file).
 * Codes that only their throw site can explain get a general next step here.
 */
export async function explainRefusal(
  db: Reader,
  code: ExplainedRefusal,
  subject: RefusalSubject,
): Promise<Explanation> {
  const { actor, unitId } = subject;
  switch (code) {
    case "REAL_PERSON_SESSION_REQUIRED":
      return { rule: "R12", remedy: STEP_UP };

    case "UNIT_SESSION_NOT_ALLOWED": {
      const own = actor?.kind === "UNIT" ? actor.unitId : undefined;
      const admin = own ? await administratorContact(db, own) : null;
      const tail: LocalizedMessage = !own
        ? { "zh-CN": "", en: "" }
        : admin
          ? {
              "zh-CN": `；本单位管理员为${admin.name ?? "现任管理员"}`,
              en: `; the unit's administrator is ${admin.name ?? "in office"}`,
            }
          : {
              "zh-CN": "；本单位尚无管理员，可在“单位基础信息”中指定首位管理员",
              en: "; the unit has no administrator yet: designate the first one on its profile",
            };
      return {
        rule: "R6",
        remedy: {
          "zh-CN": `单位账号只能维护单位基础信息和指定首位管理员：请退出单位账号，由本人用个人账号（扫码或证件号码和密码）登录后办理${tail["zh-CN"]}`,
          en: `A unit login only maintains the unit's facts and designates its first administrator: log out and log in personally (QR code, or ID number and password)${tail.en}`,
        },
        contacts: admin ? [admin] : [],
      };
    }

    case "FORBIDDEN_ROLE":
      return forbiddenRole(db, subject);

    case "FORBIDDEN_UNIT_SCOPE": {
      const bound = actor?.kind === "PERSON" && unitId !== undefined && actor.unitId === unitId;
      if (bound && unitId) {
        const help = await unitHelp(db, actor, unitId, { "zh-CN": "授予", en: "to grant it" });
        return {
          rule: "R7",
          remedy: and(
            {
              "zh-CN": "您在本单位没有管理员或经办人角色（可能刚被解除）",
              en: "You hold no administrator or handler role in your unit (it may have just been revoked)",
            },
            help?.remedy,
          ),
          contacts: help?.contacts ?? [],
        };
      }
      return {
        rule: "R7",
        remedy: {
          "zh-CN":
            "您只能办理您担任管理员或经办人的单位及其下级单位的业务；其他单位的业务请由该单位的管理员或经办人办理",
          en: "You act only for the units where you are administrator or handler and their subordinate units; another unit's business is done by its own administrator or handlers",
        },
      };
    }

    case "FORBIDDEN_ROLE_GRANT":
      return onlyAdministrator(
        db,
        subject,
        "R9",
        { "zh-CN": "办理", en: "to do it" },
        {
          "zh-CN": "请联系该账号所在单位（或其上级单位）的管理员办理",
          en: "Ask the administrator of the account's unit (or of a superior unit) to do it",
        },
      );

    case "ONLY_ADMIN":
      return onlyAdministrator(
        db,
        subject,
        subject.rule ?? "R7",
        { "zh-CN": "办理", en: "to do it" },
        { "zh-CN": "请联系本单位的管理员办理", en: "Ask the unit's administrator to do it" },
      );

    case "ONLY_ADMIN_ENABLES":
      return onlyAdministrator(
        db,
        subject,
        "R18",
        { "zh-CN": "启用", en: "to enable it" },
        {
          "zh-CN": "请联系该账号所在单位的管理员启用",
          en: "Ask the administrator of the account's unit to enable it",
        },
      );

    case "CANNOT_EXIT_DISABLED":
      return onlyAdministrator(
        db,
        subject,
        "R18",
        { "zh-CN": "启用该账号后再办理退出", en: "to enable it first; then exit it" },
        {
          "zh-CN": "请先在“统一门户子系统 → 本单位账号”中启用该账号，再办理退出",
          en: "Enable the account first (Unified portal → Unit accounts), then exit it",
        },
      );

    case "CANNOT_EXIT_ADMINISTRATOR":
      return {
        rule: "R8",
        remedy: {
          "zh-CN":
            "请先由该管理员在“系统配置子系统 → 单位基础信息管理 → 更换管理员”中将管理员更换为他人（原管理员即不再担任），再办理退出",
          en: "The administrator first hands the office on (System configuration → Unit profile → Change administrator); then the former administrator can be exited",
        },
        contacts: await contactsIfRelated(db, actor, unitId),
      };

    case "CANNOT_CHANGE_OWN_ACCOUNT":
      return onlyAdministrator(
        db,
        subject,
        "R7",
        { "zh-CN": "办理", en: "to do it" },
        {
          "zh-CN": "请由本单位（或上级单位）的其他管理员或经办人办理；管理员本人须先更换管理员",
          en: "Another administrator or handler of the unit (or of a superior unit) does it; an administrator hands the office on first",
        },
      );

    case "ADMIN_MUST_HAND_OVER":
      return {
        rule: "R8",
        remedy: {
          "zh-CN":
            "请先在“系统配置子系统 → 单位基础信息管理 → 更换管理员”中将管理员更换为他人，再申请绑定其他单位",
          en: "Hand the office on first (System configuration → Unit profile → Change administrator), then ask to join another unit",
        },
      };

    case "AUTH_ACCOUNT_DISABLED":
      return {
        rule: "R18",
        remedy: {
          "zh-CN": "请联系您所在单位的管理员在“统一门户子系统 → 本单位账号”中启用您的账号",
          en: "Ask your unit's administrator to enable your account (Unified portal → Unit accounts)",
        },
      };

    case "SUCCESSION_NOT_AUTHORIZED":
    case "ADMIN_ALREADY_DESIGNATED":
    case "ADMIN_CHANGED":
      if (unitId && (await relatesTo(db, actor, unitId))) {
        return authorityExplanation(await successionAuthority(db, unitId));
      }
      return {
        rule: "R8",
        remedy: {
          "zh-CN": "单位管理员由现任管理员更换；单位尚无管理员时，由上级单位或所在统筹区人社部门的管理员指定",
          en: "The current administrator designates a successor; a unit without one gets one from its superior unit's or its region's HR department's administrator",
        },
      };

    case "TASK_CLAIMED_BY_OTHER":
      return {
        remedy: {
          "zh-CN": "请刷新后查看领取人：待其处理完毕或释放任务后再办理",
          en: "Refresh to see who claimed it: wait until they decide or release the task",
        },
      };

    case "TITLE_APPLICATION_EXCLUDED_BY_ROLE":
    case "CANDIDATE_HAS_TITLE_APPLICATION":
      return {
        rule: "R10",
        remedy: {
          "zh-CN": "单位管理员、经办人与职称申报互斥：解除角色后才能申报，申报办结或撤回后才能授予角色",
          en: "Administrator and handler roles exclude a title application: apply once the role ends, grant the role once the application ends",
        },
      };

    case "ROLE_NOT_GRANTABLE":
      // The office is handed on: by the current administrator, else by who designates one (R8).
      if (unitId && (await relatesTo(db, actor, unitId))) {
        return authorityExplanation(await successionAuthority(db, unitId));
      }
      return {
        rule: "R8",
        remedy: {
          "zh-CN": "单位管理员在“系统配置子系统 → 单位基础信息管理 → 更换管理员”中更换",
          en: "The administrator is changed in System configuration → Unit profile → Change administrator",
        },
      };

    case "UNTRUSTED_NETWORK":
      return untrustedNetworkExplanation();

    case "SUBORDINATE_CREATION_NOT_ALLOWED":
      return SUBORDINATE_TYPE_EXPLANATION;

    case "PERSON_NOT_FOUND":
    case "CANDIDATE_BOUND_ELSEWHERE":
    case "CANDIDATE_DISABLED":
    case "CANDIDATE_IS_CURRENT_ADMIN":
    case "CANDIDATE_HOLDS_CONFLICTING_ROLE":
    case "CANDIDATE_BINDING_REQUEST_OPEN":
      return {
        rule: "R8",
        remedy: {
          "zh-CN": "请核对被指定人的证件号码和姓名，或指定另一位符合条件的人员",
          en: "Check the candidate's ID number and name, or designate another eligible person",
        },
      };
  }
}
