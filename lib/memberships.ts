// Bindings (a person belongs to a unit, R16) and role bindings (R7–R9) are written only here,
// so the uniqueness keys that enforce "one active binding per person" and "one administrator
// per unit" (R7) are computed in one place.
import type { Role } from "../domain/authorization.js";
import type { BindingEndReason, Prisma, Subsystem } from "../prisma/generated/client.js";

type Tx = Pick<Prisma.TransactionClient, "binding" | "roleBinding">;

export const roleActiveKey = (g: { role: Role; subsystem: Subsystem; unitId: string; personId: string }) =>
  `${g.role}:${g.subsystem}:${g.unitId}:${g.personId}`;

/** Binds the person to the unit unless already bound to it; returns the active binding. */
export async function bindPerson(tx: Tx, personId: string, unitId: string, requestId?: string) {
  const current = await tx.binding.findUnique({ where: { activePersonId: personId } });
  if (current?.unitId === unitId) return current;
  if (current) throw new Error(`Person ${personId} is bound to another unit; end that binding first`);
  return tx.binding.create({
    data: { personId, unitId, activePersonId: personId, requestId: requestId ?? null },
  });
}

/**
 * Ends the person's active binding to the unit and revokes every role they hold there (R16 change
 * of unit, R17 exit). Returns the ended binding with the revoked roles, or null when the person is
 * not bound to that unit.
 */
export async function endBinding(
  tx: Tx,
  input: { personId: string; unitId: string; reason: BindingEndReason; endedById?: string },
) {
  // Only the binding to this unit: the person may have moved on since the caller looked.
  const current = await tx.binding.findFirst({
    where: { activePersonId: input.personId, unitId: input.unitId },
  });
  if (!current) return null;
  const now = new Date();
  const endedById = input.endedById ?? null;
  const roles = await tx.roleBinding.findMany({
    where: { personId: input.personId, unitId: current.unitId, revokedAt: null },
    select: { role: true, subsystem: true },
  });
  await tx.roleBinding.updateMany({
    where: { personId: input.personId, unitId: current.unitId, revokedAt: null },
    data: { revokedAt: now, revokedById: endedById, activeKey: null, exclusiveKey: null },
  });
  const binding = await tx.binding.update({
    where: { id: current.id },
    data: { activePersonId: null, endedAt: now, endReason: input.reason, endedById },
  });
  return { ...binding, revokedRoles: roles };
}

/** Grants the role (idempotent). A second administrator of a unit violates the exclusive key. */
export async function grantRole(
  tx: Tx,
  grant: { personId: string; unitId: string; role: Role; subsystem: Subsystem; grantedById?: string },
) {
  const activeKey = roleActiveKey(grant);
  return tx.roleBinding.upsert({
    where: { activeKey },
    update: {},
    create: {
      ...grant,
      grantedById: grant.grantedById ?? null,
      activeKey,
      exclusiveKey: grant.role === "UNIT_ADMIN" ? `UNIT_ADMIN:${grant.unitId}` : null,
    },
  });
}
