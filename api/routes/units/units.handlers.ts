import { randomUUID } from "node:crypto";
import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Actor } from "../../../domain/authorization.js";
import { AppError } from "../../../domain/errors.js";
import { maskIdNumber, maskMobile } from "../../../domain/masking.js";
import { canonicalIdentifier } from "../../../domain/text-input.js";
import { validateUscc } from "../../../domain/uscc.js";
import { designateAdministrator } from "../../../lib/admin-succession.js";
import { writeAuditEvent } from "../../../lib/audit.js";
import type { Database } from "../../../lib/database.js";
import { sendPasswordChangedNotice } from "../../../lib/password-notices.js";
import { hashPassword } from "../../../lib/passwords.js";
import { trigramMatches } from "../../../lib/trigram-search.js";
import { pushChain } from "../../../lib/unit-hierarchy.js";
import { findUnitByName } from "../../../lib/unit-names.js";
import type { Prisma, UnitType } from "../../../prisma/generated/client.js";
import { PROVINCIAL_HR_NAME } from "../../../prisma/seed/seed.js";
import { consumeAddressAllowance } from "../../address-limits.js";
import type { AppEnv } from "../../context.js";
import { auditOrigin, clientAddress, requireActor } from "../../sessions.js";
import { consumeSmsCode, isSmsNotSent, issueSmsCode } from "../../sms-codes.js";
import { openAffiliationRequestOf } from "../affiliation-requests/affiliation-request-view.js";
import { asDesignationGuess } from "../auth/throttle.js";
import { normalizeUnitAccount } from "../auth/unit-login.js";
import { inPageOrder, paging } from "../list-query.js";
import { createHrDepartment as createHrDepartmentUseCase } from "./create-hr-department.js";
import { canEditUnitProfile, canViewUnit, PLATFORM_ROLES, seesAllUnits } from "./unit-scope.js";
import type * as routes from "./units.routes.js";

/** What a row of a unit list shows besides the unit: its region, superior unit and administrator. */
export const unitListInclude = {
  region: { select: { name: true } },
  parentUnit: { select: { id: true, name: true } },
  roleBindings: {
    where: { role: "UNIT_ADMIN", revokedAt: null },
    include: { person: { select: { name: true } } },
  },
} as const satisfies Prisma.UnitInclude;

/** `actor`: whom the profile is for (what they may do with the unit's open affiliation request). */
export async function profileOf(db: Database, unitId: string, actor?: Actor) {
  const unit = await db.unit.findUnique({
    where: { id: unitId },
    include: { region: true, parentUnit: { select: { id: true, name: true } } },
  });
  if (!unit) throw new AppError("UNIT_NOT_FOUND");
  const [admin, chain] = await Promise.all([
    db.roleBinding.findUnique({
      where: { exclusiveKey: `UNIT_ADMIN:${unitId}` },
      include: { person: { select: { name: true, idNumber: true } } },
    }),
    pushChain(db, unitId),
  ]);
  return {
    id: unit.id,
    name: unit.name,
    uscc: unit.uscc,
    accountName: unit.accountName,
    type: unit.type,
    regionCode: unit.regionCode,
    regionName: unit.region.name,
    legalRepName: unit.legalRepName,
    contactName: unit.contactName,
    contactMobileMasked: maskMobile(unit.contactMobile),
    formsCommittee: unit.formsCommittee,
    parentUnit: unit.parentUnit,
    affiliationRequired: unit.affiliationRequired,
    openAffiliationRequest: await openAffiliationRequestOf(db, unitId, actor),
    administrator: admin
      ? { name: admin.person.name, idNumberMasked: maskIdNumber(admin.person.idNumber) }
      : null,
    registeredAt: unit.registeredAt.toISOString(),
    pushChain: chain.map(({ id, name, type, implicit }) => ({
      id,
      name,
      type,
      ...(implicit && { implicit }),
    })),
  };
}

export const showProfile: RouteHandler<typeof routes.showProfile, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { db } = c.get("deps");
  const actor = requireActor(c);
  if (!(await canViewUnit(db, actor, id))) throw new AppError("UNIT_NOT_FOUND");
  return c.json({ data: await profileOf(db, id, actor) }, 200);
};

export const updateProfile: RouteHandler<typeof routes.updateProfile, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  await updateUnitFacts(c, id, c.req.valid("json"));
  return c.json({ data: await profileOf(c.get("deps").db, id) }, 200);
};

/**
 * The basic facts the unit login (R6) and the unit's administrator (R7) maintain: type (never to or
 * from HR department, R21), region and contact name. The name changes by rename (R20, history kept),
 * the contact mobile by its own request (R27); USCC and legal representative are verified facts (R30).
 */
export async function updateUnitFacts(
  c: Context<AppEnv>,
  id: string,
  changes: { type?: UnitType; regionCode?: string; contactName?: string },
): Promise<void> {
  const actor = requireActor(c);
  const { db } = c.get("deps");
  if (!canEditUnitProfile(actor, id)) {
    const viewer = await canViewUnit(db, actor, id);
    if (!viewer) throw new AppError("UNIT_NOT_FOUND");
    throw new AppError(
      actor.kind === "PERSON" && actor.strength !== "REAL_PERSON"
        ? "REAL_PERSON_SESSION_REQUIRED"
        : "FORBIDDEN_ROLE",
      { details: { unitId: id, requiredRoles: ["UNIT_ADMIN"] } },
    );
  }
  const before = await db.unit.findUniqueOrThrow({ where: { id } });
  if (
    changes.type &&
    changes.type !== before.type &&
    (changes.type === "HR_DEPARTMENT" || before.type === "HR_DEPARTMENT")
  ) {
    throw new AppError("UNIT_TYPE_NOT_ALLOWED", { field: "type" });
  }
  // An HR department's region is its jurisdiction (R8 path c, R21): only the province sets it.
  if (changes.regionCode && changes.regionCode !== before.regionCode && before.type === "HR_DEPARTMENT") {
    throw new AppError("VALIDATION_FAILED", {
      field: "regionCode",
      message: {
        "zh-CN": "人社部门的所属地区即其管辖范围，只能由省人社厅调整",
        en: "An HR department's region is its jurisdiction; only the provincial HR department changes it",
      },
    });
  }
  if (changes.regionCode && !(await db.region.findUnique({ where: { code: changes.regionCode } }))) {
    throw new AppError("VALIDATION_FAILED", {
      field: "regionCode",
      message: { "zh-CN": "所属地区不存在，请从列表中选择", en: "No such region; choose one from the list" },
    });
  }
  await db.$transaction(async (tx) => {
    const after = await tx.unit.update({ where: { id }, data: changes });
    await writeAuditEvent(tx, {
      action: "unit.profile-updated",
      actor:
        actor.kind === "UNIT" ? { type: "UNIT", id: actor.unitId } : { type: "PERSON", id: actor.personId },
      origin: auditOrigin(c),
      target: { type: "Unit", id },
      unitId: id,
      before: { type: before.type, regionCode: before.regionCode, contactName: before.contactName },
      after: { type: after.type, regionCode: after.regionCode, contactName: after.contactName },
    });
  });
}

export const designateFirstAdministrator: RouteHandler<
  typeof routes.designateFirstAdministrator,
  AppEnv
> = async (c) => {
  const { id } = c.req.valid("param");
  const actor = requireActor(c);
  if (actor.kind !== "UNIT" || actor.unitId !== id) throw new AppError("UNIT_NOT_FOUND");
  const deps = c.get("deps");
  const { idNumber, name } = c.req.valid("json");
  // Issue 11.4: a unit login gets as few refusals as a login gets failures (per unit and address).
  await asDesignationGuess(deps.db, deps.config, `FIRST_ADMIN:${id}`, clientAddress(c), () =>
    designateAdministrator(
      { ...deps, logger: c.get("logger") },
      {
        unitId: id,
        candidateIdNumber: idNumber,
        candidateName: name,
        by: { kind: "unit-login", unitId: id },
        origin: auditOrigin(c),
      },
    ),
  );
  return c.json({ data: await profileOf(deps.db, id) }, 200);
};

/** GB/T 2260: 520000 is the province (52…), 520100 a prefecture (5201…), 520102 a county. */
const regionPrefix = (code: string) => code.replace(/(00)?00$/, "");

/**
 * The units list's filter for the units of a region and the regions within it, each an index range
 * in the list's order (by name), no sort:
 * - a region with none within (a county): its code, on the (regionCode, name, id) index;
 * - a prefecture: the units' kept prefecture code, on the (prefectureCode, name, id) index (a code
 *   prefix, or an `IN` over its regions' codes, made PostgreSQL sort the prefecture's units);
 * - the province: the code prefix its regions share, tested on the entries of the (name,
 *   regionCode, id) index walked in the list's order (every unit of the platform lies in it).
 */
async function withinRegion(db: Database, code: string): Promise<Prisma.UnitWhereInput> {
  const prefix = regionPrefix(code);
  const regions = await db.region.findMany({
    where: { code: { startsWith: prefix } },
    select: { code: true },
    take: 2,
  });
  if (regions.length < 2) return { regionCode: { in: regions.map((r) => r.code) } };
  return prefix.length === 4 ? { prefectureCode: `${prefix}00` } : { regionCode: { startsWith: prefix } };
}

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const { db } = c.get("deps");
  if (!(await seesAllUnits(db, requireActor(c)))) {
    throw new AppError("FORBIDDEN_ROLE", { details: { requiredRoles: PLATFORM_ROLES } });
  }
  // q: a name fragment or a USCC. The USCC is looked up by its unique key first, so the name's LIKE
  // alone is tested on the name index's entries instead of an OR reading every unit's row. On
  // PostgreSQL the names containing q are found through their trigram index when at most
  // MATCH_LIMIT do (issue 14: its planner read every unit's name instead, 40-50 ms); more are
  // dense enough that the name order's walk stops early.
  const [byUscc, named] = query.q
    ? await Promise.all([
        db.unit.findUnique({ where: { uscc: query.q.toUpperCase() }, select: { id: true } }),
        trigramMatches(db, "Unit", query.q),
      ])
    : [null, null];
  const nameWhere: Prisma.UnitWhereInput = named ? { id: { in: named } } : { name: { contains: query.q } };
  const where = {
    ...(query.type ? { type: query.type } : {}),
    ...(query.regionCode ? { regionCode: query.regionCode } : {}),
    ...(query.q ? (byUscc ? { OR: [nameWhere, { id: byUscc.id }] } : nameWhere) : {}),
    ...(query.withinRegion ? { AND: [await withinRegion(db, query.withinRegion)] } : {}),
    // Kept by triggers on RoleBinding: an index range instead of a probe of every unit's bindings.
    ...(query.withoutAdministrator === "true" ? { hasAdministrator: false } : {}),
  };
  // The page's ids first, then their rows: the skipped rows of a deep page (and, in a prefecture, the
  // other regions' units the name order walks past) are index entries only, never table rows.
  const [page, total] = await Promise.all([
    db.unit.findMany({
      where,
      select: { id: true },
      orderBy: { [query.sort ?? "name"]: query.sort ? query.order : "asc" },
      ...paging(query),
    }),
    db.unit.count({ where }),
  ]);
  const found = page.length
    ? await db.unit.findMany({ where: { id: { in: page.map((u) => u.id) } }, include: unitListInclude })
    : [];
  const data = inPageOrder(page, found).map((u) => ({
    id: u.id,
    name: u.name,
    uscc: u.uscc,
    type: u.type,
    regionCode: u.regionCode,
    regionName: u.region.name,
    parentUnit: u.parentUnit,
    administrator: u.roleBindings[0] ? { name: u.roleBindings[0].person.name } : null,
    origin: u.origin,
    registeredAt: u.registeredAt.toISOString(),
  }));
  return c.json({ data, total }, 200);
};

export const createHrDepartment: RouteHandler<typeof routes.createHrDepartment, AppEnv> = async (c) => {
  const actor = requireActor(c);
  const deps = c.get("deps");
  const provincial = await deps.db.unit.findUnique({ where: { name: PROVINCIAL_HR_NAME } });
  const isProvincialAdmin =
    actor.kind === "PERSON" &&
    actor.roles.some((g) => g.role === "UNIT_ADMIN" && g.unitId === provincial?.id);
  if (!provincial || !isProvincialAdmin) {
    throw new AppError("FORBIDDEN_ROLE", {
      details: { rule: "R21", requiredRoles: ["UNIT_ADMIN"], unitId: provincial?.id },
    });
  }
  const body = c.req.valid("json");
  const unit = await createHrDepartmentUseCase(
    { ...deps, logger: c.get("logger") },
    {
      ...body,
      uscc: body.uscc.value,
      provincialUnitId: provincial.id,
      createdById: actor.personId,
      origin: auditOrigin(c),
    },
  );
  return c.json({ data: await profileOf(deps.db, unit.id) }, 201);
};

export const recoverAccount: RouteHandler<typeof routes.recoverAccount, AppEnv> = async (c) => {
  const { usccOrName, legalRepIdNumber } = c.req.valid("json");
  const deps = c.get("deps");
  // Before any lookup: the refusal says nothing about the unit.
  await consumeAddressAllowance(deps, "ACCOUNT_RECOVERY", clientAddress(c));
  // A USCC typed in full-width characters is still the USCC (NFKC); a name keeps its full-width brackets.
  const uscc = validateUscc(canonicalIdentifier(usccOrName));
  // By USCC, or by the current name or a former one (R20); the legal representative tells apart
  // units that once bore the same name.
  const byName = uscc.ok ? null : await findUnitByName(deps.db, usccOrName);
  const candidates = uscc.ok
    ? await deps.db.unit.findMany({ where: { uscc: uscc.value } })
    : byName?.match === "AMBIGUOUS"
      ? byName.units
      : byName?.match === "CURRENT" || byName?.match === "FORMER"
        ? [byName.unit]
        : [];
  const unit = candidates.find((u) => u.legalRepIdNumber === legalRepIdNumber);
  if (unit) {
    // At most three a day per unit, so nobody can flood the contact mobile through this form.
    const since = new Date(Date.now() - 86_400_000);
    const sent = await deps.db.smsMessage.count({
      where: { mobile: unit.contactMobile, template: "UNIT_ACCOUNT_RECOVERY", createdAt: { gte: since } },
    });
    if (sent < 3) {
      // The answer is the same whether or not the SMS went out: it must not say the unit exists.
      await deps.sms
        .send({
          idempotencyKey: `AccountRecovery:${unit.id}:${randomUUID()}`,
          mobile: unit.contactMobile,
          template: "UNIT_ACCOUNT_RECOVERY",
          params: { unitName: unit.name, accountName: unit.accountName },
        })
        .catch((error: unknown) => {
          if (!isSmsNotSent(error)) throw error;
        });
    }
  }
  return c.body(null, 202);
};

export const passwordResetCode: RouteHandler<typeof routes.passwordResetCode, AppEnv> = async (c) => {
  const deps = c.get("deps");
  const unit = await deps.db.unit.findUnique({
    where: { accountName: normalizeUnitAccount(c.req.valid("json").account) },
  });
  let challengeId: string = randomUUID();
  if (unit) {
    try {
      ({ codeId: challengeId } = await issueSmsCode(deps, {
        mobile: unit.contactMobile,
        purpose: "PASSWORD_RESET",
        subjectId: unit.id,
        // Anyone may ask: a limit per client address, besides the unit's own reset budget.
        ipAddress: clientAddress(c),
      }));
    } catch (error) {
      // Saying "too many codes" (or what the SMS vendor answered) would tell a stranger that the account exists.
      if (!isSmsNotSent(error)) throw error;
    }
  }
  return c.json({ data: { challengeId } }, 200);
};

export const resetPassword: RouteHandler<typeof routes.resetPassword, AppEnv> = async (c) => {
  const { challengeId, code, newPassword } = c.req.valid("json");
  const deps = c.get("deps");
  const challenge = await deps.db.smsCode.findUnique({ where: { id: challengeId } });
  await consumeSmsCode(deps, { codeId: challengeId, purpose: "PASSWORD_RESET", code });
  const unitId = challenge!.subjectId!;
  const passwordHash = await hashPassword(newPassword);
  const changedAt = new Date();
  const unit = await deps.db.$transaction(async (tx) => {
    const updated = await tx.unit.update({ where: { id: unitId }, data: { passwordHash } });
    await tx.session.updateMany({ where: { unitId, revokedAt: null }, data: { revokedAt: new Date() } });
    await writeAuditEvent(tx, {
      action: "unit.password-reset",
      actor: { type: "UNIT", id: unitId },
      origin: auditOrigin(c),
      target: { type: "Unit", id: unitId },
      unitId,
    });
    return updated;
  });
  // The contact mobile learns of the change, and so of one the unit did not make (issue 13.7).
  await sendPasswordChangedNotice(
    { sms: deps.sms, logger: c.get("logger") },
    { kind: "UNIT", unitName: unit.name, contactMobile: unit.contactMobile },
    changedAt,
    `SmsCode:${challengeId}`,
  );
  return c.body(null, 204);
};
