// R18: who disabled a person's account, for the person's own information: the login page names the
// unit, and so does the refusal of a login. Read from the audit log (the unit that disabled them),
// else from their binding (only the unit they are bound to can disable them).
import type { Database } from "./database.js";

/** The unit that disabled the person's account most recently, or null when none is known. */
export async function disablingUnit(
  db: Database,
  personId: string,
): Promise<{ id: string; name: string } | null> {
  const event = await db.auditEvent.findFirst({
    where: { action: "person.disabled", targetType: "Person", targetId: personId, unitId: { not: null } },
    orderBy: { at: "desc" },
    select: { unitId: true },
  });
  const unitId =
    event?.unitId ??
    (await db.binding.findUnique({ where: { activePersonId: personId }, select: { unitId: true } }))?.unitId;
  if (!unitId) return null;
  return db.unit.findUnique({ where: { id: unitId }, select: { id: true, name: true } });
}
