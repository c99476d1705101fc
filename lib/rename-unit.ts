// R20: the administrator renames the unit; the former name is kept (UnitNameChange) and still finds
// the unit (lib/unit-names.ts). The rename, its history row and the audit row are one transaction.
import { AppError } from "../domain/errors.js";
import { type AuditOrigin, writeAuditEvent } from "./audit.js";
import type { Database } from "./database.js";
import { uniqueViolation } from "./unique.js";

export async function renameUnit(
  db: Database,
  input: { unitId: string; name: string; byPersonId: string; origin?: AuditOrigin },
) {
  try {
    return await db.$transaction(async (tx) => {
      const unit = await tx.unit.findUnique({ where: { id: input.unitId } });
      if (!unit) throw new AppError("UNIT_NOT_FOUND");
      if (unit.name === input.name) throw new AppError("UNIT_NAME_UNCHANGED", { field: "name" });
      if (await tx.unit.findUnique({ where: { name: input.name }, select: { id: true } })) {
        throw new AppError("UNIT_NAME_TAKEN", { field: "name" });
      }
      // A registration in progress under that name would find it taken when it is approved.
      if (
        await tx.unitRegistration.findUnique({ where: { openUnitName: input.name }, select: { id: true } })
      ) {
        throw new AppError("UNIT_NAME_IN_REGISTRATION", { field: "name" });
      }
      const change = await tx.unitNameChange.create({
        data: { unitId: unit.id, oldName: unit.name, newName: input.name, changedById: input.byPersonId },
      });
      await tx.unit.update({ where: { id: unit.id }, data: { name: input.name } });
      await writeAuditEvent(tx, {
        action: "unit.renamed",
        actor: { type: "PERSON", id: input.byPersonId },
        origin: input.origin,
        target: { type: "Unit", id: unit.id },
        unitId: unit.id,
        before: { name: unit.name },
        after: { name: input.name, nameChangeId: change.id },
      });
      return change;
    });
  } catch (error) {
    // Another unit took the name between the check and the update.
    if (uniqueViolation(error)?.fields.includes("name")) {
      throw new AppError("UNIT_NAME_TAKEN", { field: "name", cause: error });
    }
    throw error;
  }
}
