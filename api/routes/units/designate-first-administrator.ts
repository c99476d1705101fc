// R6 / R8: a unit login designates the unit's first administrator: an existing personal account
// (matched by ID number and name) that is bound to this unit or to none, with no title
// application in progress (R10, checked by grantRole). The binding, the role and the audit record
// are one transaction.
import { AppError } from "../../../domain/errors.js";
import { type AuditOrigin, writeAuditEvent } from "../../../lib/audit.js";
import type { Database } from "../../../lib/database.js";
import { bindPerson, grantRole } from "../../../lib/memberships.js";
import { uniqueViolation } from "../../../lib/unique.js";

export async function designateFirstAdministrator(
  db: Database,
  input: { unitId: string; idNumber: string; name: string; origin: AuditOrigin },
): Promise<void> {
  const person = await db.person.findUnique({ where: { idNumber: input.idNumber } });
  if (!person || (person.name !== null && person.name !== input.name)) {
    throw new AppError("PERSON_NOT_FOUND", { field: "idNumber" });
  }
  if (person.status !== "ENABLED") throw new AppError("CANDIDATE_DISABLED", { field: "idNumber" });
  try {
    await db.$transaction(async (tx) => {
      const admin = await tx.roleBinding.findUnique({
        where: { exclusiveKey: `UNIT_ADMIN:${input.unitId}` },
      });
      if (admin) throw new AppError("ADMIN_ALREADY_DESIGNATED");
      const binding = await tx.binding.findUnique({ where: { activePersonId: person.id } });
      if (binding && binding.unitId !== input.unitId) {
        throw new AppError("CANDIDATE_BOUND_ELSEWHERE", { field: "idNumber" });
      }
      await bindPerson(tx, person.id, input.unitId);
      // grantRole checks R10 (no title application in progress) in this transaction; a refusal
      // rolls the binding back too.
      const role = await grantRole(
        tx,
        { personId: person.id, unitId: input.unitId, role: "UNIT_ADMIN", subsystem: "PORTAL" },
        { field: "idNumber" },
      );
      if (person.name === null)
        await tx.person.update({ where: { id: person.id }, data: { name: input.name } });
      await writeAuditEvent(tx, {
        action: "unit.administrator-designated",
        actor: { type: "UNIT", id: input.unitId },
        origin: input.origin,
        target: { type: "RoleBinding", id: role.id },
        unitId: input.unitId,
        after: { personId: person.id, role: "UNIT_ADMIN", boundBefore: binding !== null },
      });
    });
  } catch (error) {
    // Two designations racing: the exclusive key (or the person's one active binding) lets exactly
    // one through. The person may also have joined another unit meanwhile.
    const clash = uniqueViolation(error);
    if (!clash) throw error;
    if (clash.fields.includes("activePersonId")) {
      const binding = await db.binding.findUnique({ where: { activePersonId: person.id } });
      if (binding && binding.unitId !== input.unitId) {
        throw new AppError("CANDIDATE_BOUND_ELSEWHERE", { field: "idNumber", cause: error });
      }
    }
    throw new AppError("ADMIN_ALREADY_DESIGNATED", { cause: error });
  }
}
