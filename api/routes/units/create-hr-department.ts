// R21: the provincial HR department creates an HR-department unit together with its administrator,
// under itself, by the one use case that creates a unit with its first administrator
// (lib/create-unit-with-administrator.ts; subordinate units of R11 are created by it too).
import { AppError } from "../../../domain/errors.js";
import type { AuditOrigin } from "../../../lib/audit.js";
import {
  createUnitWithAdministrator,
  type NewUnitAdministrator,
} from "../../../lib/create-unit-with-administrator.js";
import type { Database } from "../../../lib/database.js";
import type { Logger } from "../../../lib/logger.js";
import type { SmsGateway } from "../../../lib/ports/sms.js";

export type NewHrDepartment = {
  name: string;
  uscc: string;
  regionCode: string;
  contactName: string;
  contactMobile: string;
  administrator: NewUnitAdministrator;
};

/** An HR department of a prefecture or county (its jurisdiction), forming a committee. Errors: see createUnitWithAdministrator. */
export async function createHrDepartment(
  deps: { db: Database; sms: SmsGateway; logger?: Logger },
  input: NewHrDepartment & { provincialUnitId: string; createdById: string; origin: AuditOrigin },
) {
  const region = await deps.db.region.findUnique({ where: { code: input.regionCode } });
  if (!region || region.level === "PROVINCE") {
    throw new AppError("VALIDATION_FAILED", {
      field: "regionCode",
      message: { "zh-CN": "请选择市（州）或县（区）", en: "Choose a prefecture or county" },
    });
  }
  return createUnitWithAdministrator(deps, {
    unit: {
      name: input.name,
      uscc: input.uscc,
      type: "HR_DEPARTMENT",
      regionCode: input.regionCode,
      contactName: input.contactName,
      contactMobile: input.contactMobile,
      origin: "CREATED_BY_HR_DEPARTMENT",
      parentUnitId: input.provincialUnitId,
      formsCommittee: true,
    },
    administrator: input.administrator,
    createdById: input.createdById,
    origin: input.origin,
    auditAction: "unit.hr-department-created",
  });
}
