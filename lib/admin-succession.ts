// R8 更换管理员 (admin succession): the one use case behind every way a unit gets a new administrator.
//   a. the current administrator designates the next one;
//   b. a unit without an administrator gets one from the administrator of the nearest superior unit
//      that has one (指定或修改下级单位的管理员);
//   c. a unit with neither gets one from the administrator of the HR department of its region;
//   d. the unit login designates the first administrator (R6).
// Who may act, whether the candidate is eligible, the role change, the binding of an unbound
// candidate and the audit row are decided and written in ONE transaction (the database serialises
// writers, so two designations racing for one unit cannot both pass the checks; the unique
// RoleBinding.exclusiveKey backs that up). The SMS notices go out after the commit.
//
// A candidate is refused with one code per reason and `details.remedy` saying what would make it
// possible: no personal account with that ID number and name (PERSON_NOT_FOUND), the administrator
// already, disabled, bound to another unit, a binding request to another unit waiting (its acceptance
// would take the office away), a role that excludes the office (R7: title business, another unit's
// office), a title application in progress (R10: grantRole's own check, in the same transaction).
//
// The HR department of a unit's region (统筹区): the active HR_DEPARTMENT unit whose region is the
// unit's own region or the nearest one above it (county → prefecture → province), skipping
// departments that have no administrator themselves. A unit in 南明区 therefore goes to 南明区人社局 when
// one exists, else to 贵阳市人社局, else to the provincial department.
import {
  AppError,
  type ErrorCode,
  type Explanation,
  type LocalizedMessage,
  type RefusalContact,
} from "../domain/errors.js";
import { contactOf, UNIT_ADMIN_LABEL } from "../domain/explanations.js";
import { maskName } from "../domain/masking.js";
import { samePersonName } from "../domain/person-name.js";
import type { Prisma } from "../prisma/generated/client.js";
import { type AuditActor, type AuditOrigin, writeAuditEvent } from "./audit.js";
import type { Database } from "./database.js";
import type { Logger } from "./logger.js";
import { bindPerson, grantRole, revokeUnitRoles } from "./memberships.js";
import type { SmsGateway } from "./ports/sms.js";
import { uniqueViolation } from "./unique.js";
import { regionalHrDepartments, superiorChain } from "./unit-hierarchy.js";

type Reader = Prisma.TransactionClient | Database;

/** How the designation reaches the unit: paths a–d of R8. */
export type SuccessionPath = "CURRENT_ADMIN" | "SUPERIOR_ADMIN" | "REGIONAL_HR_ADMIN" | "UNIT_LOGIN";

/** Who designates: a person by their position towards the unit (a–c), or the unit's own login (d). */
export type SuccessionActor =
  | { kind: "current-admin" | "superior-admin" | "regional-hr-admin"; personId: string }
  | { kind: "unit-login"; unitId: string };

type PersonRef = { personId: string; name: string | null };
type UnitRef = { id: string; name: string };

/** Who may designate the unit's next administrator right now (besides its unit login when it has none). */
export type SuccessionAuthority =
  | { kind: "CURRENT_ADMIN"; unit: UnitRef; admin: PersonRef }
  | { kind: "SUPERIOR_ADMIN"; unit: UnitRef; admin: PersonRef }
  | { kind: "REGIONAL_HR_ADMIN"; unit: UnitRef; admin: PersonRef }
  | { kind: "NONE" };

const PATH_OF_ACTOR = {
  "current-admin": "CURRENT_ADMIN",
  "superior-admin": "SUPERIOR_ADMIN",
  "regional-hr-admin": "REGIONAL_HR_ADMIN",
  "unit-login": "UNIT_LOGIN",
} as const satisfies Record<SuccessionActor["kind"], SuccessionPath>;

const ACTOR_OF_AUTHORITY = {
  CURRENT_ADMIN: "current-admin",
  SUPERIOR_ADMIN: "superior-admin",
  REGIONAL_HR_ADMIN: "regional-hr-admin",
} as const;

/** The actor kind a person has towards the unit, when they are its succession authority. */
export function actorKindOf(
  authority: SuccessionAuthority,
  personId: string,
): Exclude<SuccessionActor["kind"], "unit-login"> | null {
  if (authority.kind === "NONE" || authority.admin.personId !== personId) return null;
  return ACTOR_OF_AUTHORITY[authority.kind];
}

async function administratorOf(db: Reader, unitId: string): Promise<PersonRef | null> {
  const admin = await db.roleBinding.findUnique({
    where: { exclusiveKey: `UNIT_ADMIN:${unitId}` },
    select: { personId: true, person: { select: { name: true } } },
  });
  return admin ? { personId: admin.personId, name: admin.person.name } : null;
}

/**
 * The HR department responsible for a region (see the top of this file: the nearest that has an
 * administrator; lib/unit-hierarchy.ts regionalHrDepartments), with its administrator.
 */
export async function regionalHrDepartment(
  db: Reader,
  regionCode: string,
  excludeUnitId?: string,
): Promise<{ unit: UnitRef; admin: PersonRef } | null> {
  for (const unit of await regionalHrDepartments(db, regionCode, excludeUnitId ? [excludeUnitId] : [])) {
    const admin = await administratorOf(db, unit.id);
    if (admin) return { unit: { id: unit.id, name: unit.name }, admin };
  }
  return null;
}

/** R8: who may designate the unit's next administrator (paths a–c). */
export async function successionAuthority(db: Reader, unitId: string): Promise<SuccessionAuthority> {
  const unit = await db.unit.findUnique({
    where: { id: unitId },
    select: { id: true, name: true, regionCode: true },
  });
  if (!unit) throw new AppError("UNIT_NOT_FOUND");
  const current = await administratorOf(db, unitId);
  if (current) return { kind: "CURRENT_ADMIN", unit: { id: unit.id, name: unit.name }, admin: current };
  return authorityForUnitWithoutAdmin(db, unit);
}

/** Paths b and c: the nearest superior unit that has an administrator, else the region's HR department. */
async function authorityForUnitWithoutAdmin(
  db: Reader,
  unit: { id: string; regionCode: string },
): Promise<SuccessionAuthority> {
  const [, ...superiors] = await superiorChain(db, unit.id);
  for (const superiorId of superiors) {
    const admin = await administratorOf(db, superiorId);
    if (admin) {
      const superior = await db.unit.findUniqueOrThrow({ where: { id: superiorId }, select: { name: true } });
      return { kind: "SUPERIOR_ADMIN", unit: { id: superiorId, name: superior.name }, admin };
    }
  }
  const regional = await regionalHrDepartment(db, unit.regionCode, unit.id);
  return regional ? { kind: "REGIONAL_HR_ADMIN", ...regional } : { kind: "NONE" };
}

/**
 * How the person may designate the unit's next administrator (path a, b or c), or the refusal that
 * says who may: ADMIN_ALREADY_DESIGNATED for the superior or HR-department administrator of a unit
 * that has an administrator (only that one hands the office on), SUCCESSION_NOT_AUTHORIZED otherwise.
 */
export async function successionActorKind(
  db: Reader,
  unitId: string,
  personId: string,
): Promise<Exclude<SuccessionActor["kind"], "unit-login">> {
  const authority = await successionAuthority(db, unitId);
  const kind = actorKindOf(authority, personId);
  if (kind) return kind;
  if (authority.kind === "CURRENT_ADMIN") {
    const unit = await db.unit.findUniqueOrThrow({
      where: { id: unitId },
      select: { id: true, regionCode: true },
    });
    if (actorKindOf(await authorityForUnitWithoutAdmin(db, unit), personId)) {
      throw new AppError("ADMIN_ALREADY_DESIGNATED", { details: authorityDetails(authority) });
    }
  }
  throw successionRefusal(authority);
}

/** Who may designate the unit's next administrator, as contacts (masked names). */
export function authorityContacts(authority: SuccessionAuthority): RefusalContact[] {
  if (authority.kind === "NONE") return [];
  return [contactOf(authority.admin, { role: "UNIT_ADMIN", label: UNIT_ADMIN_LABEL }, authority.unit)];
}

/** What would let the actor designate: who the authority is, said so that the user knows whom to ask. */
export function authorityRemedy(authority: SuccessionAuthority): LocalizedMessage {
  const unitLogin = {
    "zh-CN": "；也可由本单位使用单位账号登录后指定首位管理员",
    en: "; or the unit logs in with its unit account and designates its first administrator",
  };
  const admin = authority.kind === "NONE" ? null : authorityContacts(authority)[0]?.name;
  const named = admin ? `（该管理员为${admin}）` : "";
  switch (authority.kind) {
    case "CURRENT_ADMIN":
      return {
        "zh-CN": `该单位的管理员为${admin ?? "现任管理员"}：更换管理员只能由现任管理员办理`,
        en: `The unit's administrator is ${admin ?? "in office"}: only the current administrator can designate a successor`,
      };
    case "SUPERIOR_ADMIN":
      return {
        "zh-CN": `该单位尚无管理员：请上级单位${authority.unit.name}的管理员指定${named}${unitLogin["zh-CN"]}`,
        en: `The unit has no administrator: ask the administrator of its superior unit ${authority.unit.name}${admin ? ` (${admin})` : ""} to designate one${unitLogin.en}`,
      };
    case "REGIONAL_HR_ADMIN":
      return {
        "zh-CN": `该单位尚无管理员，也没有可指定管理员的上级单位：请所在统筹区的人社部门${authority.unit.name}的管理员指定${named}${unitLogin["zh-CN"]}`,
        en: `The unit has no administrator and no superior unit that could designate one: ask the administrator of ${authority.unit.name}, the HR department of its region${admin ? ` (${admin})` : ""}, to designate one${unitLogin.en}`,
      };
    case "NONE":
      return {
        "zh-CN": `该单位尚无管理员，也没有可指定管理员的上级单位或人社部门${unitLogin["zh-CN"]}，或联系省人社厅`,
        en: `The unit has no administrator and no superior unit or HR department that could designate one${unitLogin.en}, or contact the provincial HR department`,
      };
  }
}

/** R8: who may designate the unit's administrator, as an Explanation (domain/errors.ts). */
export const authorityExplanation = (authority: SuccessionAuthority): Explanation => ({
  rule: "R8",
  remedy: authorityRemedy(authority),
  contacts: authorityContacts(authority),
});

const authorityDetails = (authority: SuccessionAuthority) => ({
  authority:
    authority.kind === "NONE"
      ? { kind: authority.kind, unit: null, administratorName: null }
      : { kind: authority.kind, unit: authority.unit, administratorName: maskName(authority.admin.name) },
  ...authorityExplanation(authority),
});

/** The refusal for an actor who is not the unit's succession authority: it names who is. */
export function successionRefusal(authority: SuccessionAuthority): AppError {
  return new AppError("SUCCESSION_NOT_AUTHORIZED", { details: authorityDetails(authority) });
}

/**
 * An ineligible candidate: the reason is the code, the Explanation (`details.rule`, `details.remedy`)
 * what would make it possible.
 */
function ineligible(
  code: ErrorCode,
  remedy: LocalizedMessage,
  extra: Record<string, unknown> = {},
  rule = "R8",
): AppError {
  return new AppError(code, { field: "idNumber", details: { rule, remedy, ...extra } });
}

export type SuccessionInput = {
  unitId: string;
  candidateIdNumber: string;
  /** Must match the person's name when the account has one; completes it when it has none (R19). */
  candidateName?: string;
  by: SuccessionActor;
  origin?: AuditOrigin;
  /** Checks everything, writes nothing: the console's confirmation step. */
  dryRun?: boolean;
};

export type SuccessionResult = {
  path: SuccessionPath;
  unit: UnitRef;
  administrator: { personId: string; name: string | null; idNumber: string };
  formerAdministrator: (PersonRef & { revokedRoles: string[] }) | null;
  /** The candidate was bound to no unit and is now bound to this one. */
  boundNow: boolean;
  roleBindingId: string | null;
};

class DryRun extends Error {
  constructor(readonly result: SuccessionResult) {
    super("dry run");
  }
}

/** The actor may designate for the unit as they claim, checked against the state inside the transaction. */
async function checkActor(tx: Reader, unitId: string, by: SuccessionActor): Promise<SuccessionAuthority> {
  const authority = await successionAuthority(tx, unitId);
  if (by.kind === "unit-login") {
    if (by.unitId !== unitId) throw new AppError("UNIT_NOT_FOUND");
    if (authority.kind === "CURRENT_ADMIN") {
      throw new AppError("ADMIN_ALREADY_DESIGNATED", { details: authorityDetails(authority) });
    }
    return authority;
  }
  if (actorKindOf(authority, by.personId) === by.kind) return authority;
  // The state changed since the actor looked: someone else designated first.
  if (by.kind === "current-admin") {
    throw new AppError("ADMIN_CHANGED", { details: authorityDetails(authority) });
  }
  if (authority.kind === "CURRENT_ADMIN") {
    throw new AppError("ADMIN_ALREADY_DESIGNATED", { details: authorityDetails(authority) });
  }
  throw successionRefusal(authority);
}

const BOUND_ELSEWHERE_REMEDY: LocalizedMessage = {
  "zh-CN":
    "管理员须与本单位绑定或未绑定任何单位：请其先由原单位在“账号退出管理”中办理退出，或申请绑定到本单位并获确认接收后，再指定",
  en: "An administrator must be bound to this unit or to none: the person's current unit exits them first (Account exit), or they ask to join this unit and are accepted, then designate",
};

/** The candidate, or the exact reason they cannot become the unit's administrator. */
async function eligibleCandidate(
  tx: Prisma.TransactionClient,
  unitId: string,
  input: Pick<SuccessionInput, "candidateIdNumber" | "candidateName">,
  authority: SuccessionAuthority,
) {
  const person = await tx.person.findUnique({ where: { idNumber: input.candidateIdNumber } });
  const name = input.candidateName?.trim();
  if (!person || (name !== undefined && person.name !== null && !samePersonName(person.name, name))) {
    // Issue 11.4: an unknown ID number and a wrong name get the same answer (which of the two it is
    // would tell a stranger who is registered); issue 13.3: the answer starts with the name.
    throw ineligible("PERSON_NOT_FOUND", {
      "zh-CN":
        "请核对姓名和证件号码：姓名须与被指定人个人账号上的姓名完全一致（少数民族姓名含“·”）。两项都无误时，说明被指定人还没有个人账号，请其先完成个人注册，再来指定",
      en: "Check the name and the ID number: the name must be exactly the one on the person's personal account (with the · of a minority name). If both are right, the person has no personal account yet: they register first, then designate",
    });
  }
  if (authority.kind === "CURRENT_ADMIN" && authority.admin.personId === person.id) {
    throw ineligible("CANDIDATE_IS_CURRENT_ADMIN", {
      "zh-CN": "请指定另一位人员",
      en: "Designate someone else",
    });
  }
  return { person, binding: await assertCandidateStanding(tx, person, unitId) };
}

/**
 * R7/R8/R16/R18: a registered person may become the unit's administrator only when enabled, bound to
 * the unit or to none, with no binding request elsewhere and no conflicting role; else the exact
 * reason. Every path that makes an administrator (succession a–d, HR-department creation) asks it.
 */
export async function assertCandidateStanding(
  tx: Prisma.TransactionClient,
  person: { id: string; status: string },
  unitId: string,
) {
  const binding = await tx.binding.findUnique({ where: { activePersonId: person.id } });
  if (person.status !== "ENABLED") {
    throw ineligible(
      "CANDIDATE_DISABLED",
      binding?.unitId === unitId
        ? {
            "zh-CN": "请先在“统一门户子系统 → 本单位账号”中启用该账号，再指定",
            en: "Enable the account first (Unified portal → Unit accounts), then designate",
          }
        : {
            "zh-CN": "请其联系所在单位的管理员启用账号后再指定",
            en: "The person's unit administrator must enable the account first",
          },
      {},
      "R18",
    );
  }
  if (binding && binding.unitId !== unitId) {
    throw ineligible("CANDIDATE_BOUND_ELSEWHERE", BOUND_ELSEWHERE_REMEDY);
  }
  const request = await tx.bindingRequest.findUnique({
    where: { openPersonId: person.id },
    select: { unitId: true },
  });
  if (request && request.unitId !== unitId) {
    // Its acceptance would move the new administrator to another unit and strip this one of its office.
    // The request stays the candidate's business: neither its number nor its unit is told.
    throw ineligible(
      "CANDIDATE_BINDING_REQUEST_OPEN",
      {
        "zh-CN": "请其先撤回该绑定申请（用户中心 → 我的申请），再指定",
        en: "The person withdraws that binding request first (User center → My requests), then designate",
      },
      {},
      "R16",
    );
  }
  // R7: an administrator does no title review business, and administers one unit only.
  const conflicting = await tx.roleBinding.findMany({
    where: {
      personId: person.id,
      revokedAt: null,
      OR: [{ subsystem: "TITLE_REVIEW" }, { role: "UNIT_ADMIN", unitId: { not: unitId } }],
    },
    select: { role: true, subsystem: true, unitId: true },
  });
  if (conflicting.length > 0) {
    throw ineligible(
      "CANDIDATE_HOLDS_CONFLICTING_ROLE",
      {
        "zh-CN":
          "管理员不能同时担任职称经办等办理职称业务的角色：请先在“统一门户子系统 → 账号角色管理”中解除其该角色，再指定",
        en: "An administrator cannot also hold a title-business role such as title handler: revoke it first (Unified portal → Account roles), then designate",
      },
      { roles: conflicting },
      "R7",
    );
  }
  return binding;
}

/**
 * R8: makes the candidate the unit's administrator by one of paths a–d. The previous administrator
 * loses the office and every other role in the unit (the new administrator may grant the handler
 * role again on 账号角色管理); the candidate, if bound to no unit, is bound to this one. Notifies the
 * new and the former administrator by SMS once committed (a failure is logged, not raised).
 */
export async function designateAdministrator(
  deps: { db: Database; sms: SmsGateway; logger?: Logger },
  input: SuccessionInput,
): Promise<SuccessionResult> {
  const { db } = deps;
  const path = PATH_OF_ACTOR[input.by.kind];
  let result: SuccessionResult;
  try {
    result = await db.$transaction(async (tx) => {
      const authority = await checkActor(tx, input.unitId, input.by);
      const { person, binding } = await eligibleCandidate(tx, input.unitId, input, authority);
      const unit = await tx.unit.findUniqueOrThrow({
        where: { id: input.unitId },
        select: { id: true, name: true },
      });
      const former = authority.kind === "CURRENT_ADMIN" ? authority.admin : null;
      const actorPersonId = input.by.kind === "unit-login" ? undefined : input.by.personId;
      const revoked = former
        ? await revokeUnitRoles(tx, {
            personId: former.personId,
            unitId: unit.id,
            revokedById: actorPersonId,
          })
        : [];
      await bindPerson(tx, person.id, unit.id);
      // grantRole refuses a candidate with a title application in progress (R10, 业务互斥), in this
      // transaction: the refusal rolls the binding and the revocations back too.
      const role = await grantRole(
        tx,
        {
          personId: person.id,
          unitId: unit.id,
          role: "UNIT_ADMIN",
          subsystem: "PORTAL",
          grantedById: actorPersonId,
        },
        { field: "idNumber" },
      );
      const name = input.candidateName?.trim();
      if (person.name === null && name) {
        await tx.person.update({ where: { id: person.id }, data: { name } });
      }
      const actor: AuditActor =
        input.by.kind === "unit-login"
          ? { type: "UNIT", id: input.by.unitId }
          : { type: "PERSON", id: input.by.personId };
      await writeAuditEvent(tx, {
        action: "unit.administrator-designated",
        actor,
        origin: input.origin,
        target: { type: "RoleBinding", id: role.id },
        unitId: unit.id,
        before: {
          administratorId: former?.personId ?? null,
          roles: revoked.map((r) => `${r.subsystem}:${r.role}`),
        },
        after: { administratorId: person.id, role: "UNIT_ADMIN", path, boundBefore: binding !== null },
      });
      const outcome: SuccessionResult = {
        path,
        unit,
        administrator: { personId: person.id, name: person.name ?? name ?? null, idNumber: person.idNumber },
        formerAdministrator: former ? { ...former, revokedRoles: revoked.map((r) => r.role) } : null,
        boundNow: binding === null,
        roleBindingId: role.id,
      };
      if (input.dryRun) throw new DryRun({ ...outcome, roleBindingId: null });
      return outcome;
    });
  } catch (error) {
    if (error instanceof DryRun) return error.result;
    throw await explainClash(db, input, error);
  }
  await notify(deps, result);
  return result;
}

/**
 * The checks ran inside the transaction, so a unique violation means a writer outside this path got
 * in between (a binding accepted, a role granted elsewhere): answer what it means.
 */
async function explainClash(db: Database, input: SuccessionInput, error: unknown): Promise<unknown> {
  const clash = uniqueViolation(error);
  if (!clash) return error;
  if (clash.fields.includes("activePersonId")) {
    const person = await db.person.findUnique({ where: { idNumber: input.candidateIdNumber } });
    const binding = person ? await db.binding.findUnique({ where: { activePersonId: person.id } }) : null;
    if (binding && binding.unitId !== input.unitId) {
      return new AppError("CANDIDATE_BOUND_ELSEWHERE", {
        field: "idNumber",
        cause: error,
        details: { rule: "R8", remedy: BOUND_ELSEWHERE_REMEDY },
      });
    }
  }
  return new AppError(input.by.kind === "current-admin" ? "ADMIN_CHANGED" : "ADMIN_ALREADY_DESIGNATED", {
    cause: error,
    details: authorityDetails(await successionAuthority(db, input.unitId)),
  });
}

async function notify(deps: { db: Database; sms: SmsGateway; logger?: Logger }, result: SuccessionResult) {
  const people = await deps.db.person.findMany({
    where: { id: { in: [result.administrator.personId, result.formerAdministrator?.personId ?? ""] } },
    select: { id: true, mobile: true },
  });
  const mobile = (id: string) => people.find((p) => p.id === id)?.mobile;
  const notices = [
    {
      key: `AdminSuccession:${result.roleBindingId}:designated`,
      mobile: mobile(result.administrator.personId),
      template: "UNIT_ADMIN_DESIGNATED" as const,
    },
    ...(result.formerAdministrator
      ? [
          {
            key: `AdminSuccession:${result.roleBindingId}:replaced`,
            mobile: mobile(result.formerAdministrator.personId),
            template: "UNIT_ADMIN_REPLACED" as const,
          },
        ]
      : []),
  ];
  for (const notice of notices) {
    if (!notice.mobile) continue;
    // The succession is done; a failing SMS gateway must not turn it into an error the user retries.
    try {
      await deps.sms.send({
        idempotencyKey: notice.key,
        mobile: notice.mobile,
        template: notice.template,
        params: { unitName: result.unit.name },
      });
    } catch (error) {
      deps.logger?.error(
        { err: error, roleBindingId: result.roleBindingId },
        "admin succession notice not sent",
      );
    }
  }
}
