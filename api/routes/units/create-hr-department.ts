// R21: the provincial HR department creates an HR-department unit together with its
// administrator. An administrator without a personal account gets one that can only be used
// through QR login (no password): R12 requires a real-person session for their work anyway.
import { randomBytes } from "node:crypto";
import { AppError } from "../../../domain/errors.js";
import { assertCandidateStanding } from "../../../lib/admin-succession.js";
import { type AuditOrigin, writeAuditEvent } from "../../../lib/audit.js";
import type { Database } from "../../../lib/database.js";
import { bindPerson, grantRole } from "../../../lib/memberships.js";
import type { SmsGateway } from "../../../lib/ports/sms.js";
import { uniqueViolation } from "../../../lib/unique.js";

export type NewHrDepartment = {
  name: string;
  uscc: string;
  regionCode: string;
  contactName: string;
  contactMobile: string;
  administrator: { idNumber: string; name: string; mobile: string };
};

export async function createHrDepartment(
  deps: { db: Database; sms: SmsGateway },
  input: NewHrDepartment & { provincialUnitId: string; createdById: string; origin: AuditOrigin },
) {
  const { db } = deps;
  const region = await db.region.findUnique({ where: { code: input.regionCode } });
  if (!region || region.level === "PROVINCE") {
    throw new AppError("VALIDATION_FAILED", {
      field: "regionCode",
      message: { "zh-CN": "请选择市（州）或县（区）", en: "Choose a prefecture or county" },
    });
  }
  const existing = await db.person.findUnique({ where: { idNumber: input.administrator.idNumber } });
  if (existing && existing.name !== null && existing.name !== input.administrator.name) {
    throw new AppError("PERSON_NOT_FOUND", {
      field: "administrator.idNumber",
      message: {
        "zh-CN": "该身份证号已注册个人账号，但姓名不一致",
        en: "This ID number has a personal account under another name",
      },
    });
  }
  try {
    const unit = await db.$transaction(async (tx) => {
      const clash = await tx.unit.findFirst({ where: { OR: [{ uscc: input.uscc }, { name: input.name }] } });
      if (clash?.uscc === input.uscc) throw new AppError("USCC_TAKEN", { field: "uscc" });
      if (clash) throw new AppError("UNIT_NAME_TAKEN", { field: "name" });
      // A registration in progress would find its name or USCC taken when it is approved.
      const registration = await tx.unitRegistration.findFirst({
        where: { OR: [{ openUscc: input.uscc }, { openUnitName: input.name }] },
      });
      if (registration?.openUscc === input.uscc)
        throw new AppError("REGISTRATION_IN_PROGRESS", { field: "uscc" });
      if (registration) throw new AppError("UNIT_NAME_IN_REGISTRATION", { field: "name" });
      const created = await tx.unit.create({
        data: {
          name: input.name,
          uscc: input.uscc,
          accountName: input.uscc,
          // The unit account of an HR department is not used to log in: its people use QR login.
          passwordHash: `!${randomBytes(16).toString("hex")}`,
          type: "HR_DEPARTMENT",
          origin: "CREATED_BY_HR_DEPARTMENT",
          regionCode: input.regionCode,
          parentUnitId: input.provincialUnitId,
          formsCommittee: true,
          contactName: input.contactName,
          contactMobile: input.contactMobile,
        },
      });
      const person =
        existing ??
        (await tx.person.create({
          data: {
            idNumber: input.administrator.idNumber,
            name: input.administrator.name,
            mobile: input.administrator.mobile,
            passwordHash: `!${randomBytes(16).toString("hex")}`,
          },
        }));
      // The same standing as every other path to the office (R8): enabled, unbound, no request elsewhere.
      if (await assertCandidateStanding(tx, person, created.id)) {
        throw new AppError("CANDIDATE_BOUND_ELSEWHERE", { field: "administrator.idNumber" });
      }
      await bindPerson(tx, person.id, created.id);
      await grantRole(tx, {
        personId: person.id,
        unitId: created.id,
        role: "UNIT_ADMIN",
        subsystem: "PORTAL",
        grantedById: input.createdById,
      });
      await writeAuditEvent(tx, {
        action: "unit.hr-department-created",
        actor: { type: "PERSON", id: input.createdById },
        origin: input.origin,
        target: { type: "Unit", id: created.id },
        unitId: created.id,
        after: {
          name: created.name,
          uscc: created.uscc,
          regionCode: created.regionCode,
          administratorId: person.id,
        },
      });
      return created;
    });
    await deps.sms.send({
      idempotencyKey: `HrDepartment:${unit.id}:administrator`,
      mobile: existing?.mobile ?? input.administrator.mobile,
      template: "GENERIC_NOTICE",
      params: {
        text: `您已被指定为${unit.name}的单位管理员。请在“贵州人社”小程序中用扫一扫扫描平台登录页的二维码登录。`,
      },
    });
    return unit;
  } catch (error) {
    // Another creation (or a registration) got in between the checks and the insert.
    const clash = uniqueViolation(error);
    if (!clash) throw error;
    if (clash.fields.includes("name")) throw new AppError("UNIT_NAME_TAKEN", { field: "name", cause: error });
    if (clash.fields.some((f) => f === "uscc" || f === "accountName")) {
      throw new AppError("USCC_TAKEN", { field: "uscc", cause: error });
    }
    // The administrator was created or bound for another unit meanwhile.
    if (clash.fields.some((f) => f === "idNumber" || f === "activePersonId")) {
      throw new AppError("CANDIDATE_BOUND_ELSEWHERE", { field: "administrator.idNumber", cause: error });
    }
    throw error;
  }
}
