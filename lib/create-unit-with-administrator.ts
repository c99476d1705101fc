// A unit created by someone above it, together with its first administrator: the one use case behind
// HR-department creation by the provincial HR department (R21) and the direct creation of a
// subordinate unit by a superior's administrator or handler from a trusted network (R11).
//
// In ONE transaction: the name and USCC are free (no unit, no registration in progress), the unit is
// created under its superior, the administrator's personal account is found (or created, usable only
// through QR login: R12 requires a real-person session for their work anyway), the candidate has the
// standing every path to the office requires (R8: lib/admin-succession.ts assertCandidateStanding;
// R10 in grantRole), is bound to the unit and granted UNIT_ADMIN, and the creation is audited. A
// concurrent writer that takes the name, the USCC or the candidate between the checks and the insert
// is answered by the unique key it hit. The SMS notices go out after the commit.
//
// The created unit's own unit login gets no usable password: its people work through personal QR
// logins, and should the unit ever want its unit login (R6), it sets a password itself with a code
// sent to its contact mobile (R27). Nobody else ever knows it.
import { randomBytes } from "node:crypto";
import { AppError } from "../domain/errors.js";
import { samePersonName } from "../domain/person-name.js";
import type { Unit, UnitOrigin, UnitType } from "../prisma/generated/client.js";
import { assertCandidateStanding } from "./admin-succession.js";
import { type AuditOrigin, writeAuditEvent } from "./audit.js";
import type { Database } from "./database.js";
import type { Logger } from "./logger.js";
import { bindPerson, grantRole } from "./memberships.js";
import type { SmsGateway, SmsRequest } from "./ports/sms.js";
import { uniqueViolation } from "./unique.js";

/** The facts of the new unit that its creator gives. */
export type NewUnitFacts = {
  name: string;
  uscc: string;
  type: UnitType;
  regionCode: string;
  contactName: string;
  contactMobile: string;
};

/** The first administrator: an existing personal account (same name), or one created for them. */
export type NewUnitAdministrator = { idNumber: string; name: string; mobile: string };

export type CreateUnitInput = {
  unit: NewUnitFacts & {
    origin: Extract<UnitOrigin, "CREATED_BY_HR_DEPARTMENT" | "CREATED_BY_SUPERIOR">;
    /** Its superior unit: the new unit is affiliated at once. */
    parentUnitId: string;
    formsCommittee?: boolean;
  };
  administrator: NewUnitAdministrator;
  /** The person who creates it (audit actor, granter of UNIT_ADMIN). */
  createdById: string;
  origin?: AuditOrigin;
  /** The audit action of the creation, e.g. "unit.hr-department-created". */
  auditAction: string;
  /** Further notices once committed (the administrator's UNIT_ADMIN_DESIGNATED always goes out). */
  notices?: (unit: Unit) => Omit<SmsRequest, "idempotencyKey">[];
};

const unusablePassword = () => `!${randomBytes(16).toString("hex")}`;

/**
 * Creates the unit with its first administrator (see the top of this file). Errors: VALIDATION_FAILED
 * (regionCode: no such region), USCC_TAKEN, UNIT_NAME_TAKEN, REGISTRATION_IN_PROGRESS,
 * UNIT_NAME_IN_REGISTRATION, PERSON_NOT_FOUND (the ID number's account has another name), and the
 * candidate refusals of R8/R10/R16/R18 (CANDIDATE_DISABLED, CANDIDATE_BOUND_ELSEWHERE,
 * CANDIDATE_BINDING_REQUEST_OPEN, CANDIDATE_HOLDS_CONFLICTING_ROLE, CANDIDATE_HAS_TITLE_APPLICATION),
 * whose `field` names `administrator.idNumber`.
 */
export async function createUnitWithAdministrator(
  deps: { db: Database; sms: SmsGateway; logger?: Logger },
  input: CreateUnitInput,
): Promise<Unit> {
  const { db } = deps;
  const facts = input.unit;
  const candidate = input.administrator;
  if (!(await db.region.findUnique({ where: { code: facts.regionCode }, select: { code: true } }))) {
    throw new AppError("VALIDATION_FAILED", {
      field: "regionCode",
      message: { "zh-CN": "所属地区不存在，请从列表中选择", en: "No such region; choose one from the list" },
    });
  }
  let unit: Unit;
  let administratorMobile: string;
  try {
    ({ unit, administratorMobile } = await db.$transaction(async (tx) => {
      const clash = await tx.unit.findFirst({ where: { OR: [{ uscc: facts.uscc }, { name: facts.name }] } });
      if (clash?.uscc === facts.uscc) throw new AppError("USCC_TAKEN", { field: "uscc" });
      if (clash) throw new AppError("UNIT_NAME_TAKEN", { field: "name" });
      // A registration in progress would find its name or USCC taken when it is approved.
      const registration = await tx.unitRegistration.findFirst({
        where: { OR: [{ openUscc: facts.uscc }, { openUnitName: facts.name }] },
      });
      if (registration?.openUscc === facts.uscc)
        throw new AppError("REGISTRATION_IN_PROGRESS", { field: "uscc" });
      if (registration) throw new AppError("UNIT_NAME_IN_REGISTRATION", { field: "name" });
      const existing = await tx.person.findUnique({ where: { idNumber: candidate.idNumber } });
      if (existing && existing.name !== null && !samePersonName(existing.name, candidate.name)) {
        throw new AppError("PERSON_NOT_FOUND", {
          field: "administrator.idNumber",
          message: {
            "zh-CN": "该证件号码已注册个人账号，但姓名不一致",
            en: "This ID number has a personal account under another name",
          },
          details: {
            rule: "R8",
            remedy: {
              "zh-CN": "请核对管理员的证件号码和姓名（须与其个人账号一致）",
              en: "Check the administrator's ID number and name: they must match the personal account",
            },
          },
        });
      }
      const created = await tx.unit.create({
        data: {
          name: facts.name,
          uscc: facts.uscc,
          // R5: units created on this platform log in with their USCC.
          accountName: facts.uscc,
          passwordHash: unusablePassword(),
          type: facts.type,
          origin: facts.origin,
          regionCode: facts.regionCode,
          parentUnitId: facts.parentUnitId,
          formsCommittee: facts.formsCommittee ?? false,
          // Created under its superior: affiliated from the start (R14 asks nothing more of it).
          affiliationRequired: false,
          contactName: facts.contactName,
          contactMobile: facts.contactMobile,
        },
      });
      const person =
        existing ??
        (await tx.person.create({
          data: {
            idNumber: candidate.idNumber,
            name: candidate.name,
            mobile: candidate.mobile,
            passwordHash: unusablePassword(),
          },
        }));
      try {
        // The same standing as every other path to the office (R8): enabled, unbound, no request elsewhere.
        await assertCandidateStanding(tx, person, created.id);
        await bindPerson(tx, person.id, created.id);
        await grantRole(
          tx,
          {
            personId: person.id,
            unitId: created.id,
            role: "UNIT_ADMIN",
            subsystem: "PORTAL",
            grantedById: input.createdById,
          },
          { field: "administrator.idNumber" },
        );
      } catch (error) {
        // The candidate refusals name the request's field for the administrator.
        if (error instanceof AppError && error.field === "idNumber") {
          throw new AppError(error.code, {
            field: "administrator.idNumber",
            message: error.localized,
            details: error.details,
            cause: error.cause,
          });
        }
        throw error;
      }
      // R19: an account without a name gets the one its creator gave.
      if (person.name === null)
        await tx.person.update({ where: { id: person.id }, data: { name: candidate.name } });
      await writeAuditEvent(tx, {
        action: input.auditAction,
        actor: { type: "PERSON", id: input.createdById },
        origin: input.origin,
        target: { type: "Unit", id: created.id },
        unitId: created.id,
        after: {
          name: created.name,
          uscc: created.uscc,
          type: created.type,
          regionCode: created.regionCode,
          parentUnitId: created.parentUnitId,
          origin: created.origin,
          administratorId: person.id,
        },
      });
      return { unit: created, administratorMobile: person.mobile };
    }));
  } catch (error) {
    throw explainClash(error);
  }
  await notify(deps, [
    {
      idempotencyKey: `NewUnit:${unit.id}:administrator`,
      mobile: administratorMobile,
      template: "UNIT_ADMIN_DESIGNATED",
      params: { unitName: unit.name },
    },
    ...(input.notices?.(unit) ?? []).map((notice) => ({
      ...notice,
      idempotencyKey: `NewUnit:${unit.id}:${notice.template}`,
    })),
  ]);
  return unit;
}

/** Another creation (or a registration, a binding) got in between the checks and the insert. */
function explainClash(error: unknown): unknown {
  const clash = uniqueViolation(error);
  if (!clash) return error;
  if (clash.fields.includes("name")) return new AppError("UNIT_NAME_TAKEN", { field: "name", cause: error });
  if (clash.fields.some((f) => f === "uscc" || f === "accountName")) {
    return new AppError("USCC_TAKEN", { field: "uscc", cause: error });
  }
  // The administrator's account was created or bound elsewhere meanwhile.
  if (clash.fields.some((f) => f === "idNumber" || f === "activePersonId")) {
    return new AppError("CANDIDATE_BOUND_ELSEWHERE", { field: "administrator.idNumber", cause: error });
  }
  return error;
}

/** The unit exists once committed: a failing SMS gateway must not turn that into an error to retry. */
async function notify(deps: { sms: SmsGateway; logger?: Logger }, notices: SmsRequest[]) {
  for (const notice of notices) {
    try {
      await deps.sms.send(notice);
    } catch (error) {
      deps.logger?.error({ err: error, key: notice.idempotencyKey }, "new unit notice not sent");
    }
  }
}
