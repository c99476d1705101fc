// Bindings (a person belongs to a unit, R16) and role bindings (R7–R9) are written only here,
// so the uniqueness keys that enforce "one active binding per person" and "one administrator
// per unit" (R7) are computed in one place, and every grant passes the same checks (R10).
import { randomUUID } from "node:crypto";
import { REAL_PERSON_ROLES } from "../domain/authorization.js";
import { AppError } from "../domain/errors.js";
import type { BindingEndReason, Prisma, Subsystem } from "../prisma/generated/client.js";
import { assertNoRoleConflict, type RoleExclusionTx } from "./role-exclusion.js";

type Tx = Pick<Prisma.TransactionClient, "binding" | "roleBinding" | "humanTask">;
type GrantTx = Tx & RoleExclusionTx;

/** `role` names a role of the catalogue (RoleDefinition) in `subsystem`. */
export const roleActiveKey = (g: { role: string; subsystem: Subsystem; unitId: string; personId: string }) =>
  `${g.role}:${g.subsystem}:${g.unitId}:${g.personId}`;

/** A person's active binding (R16): its id and unit. */
export type ActiveBinding = { id: string; unitId: string };

/** The person's active binding, or null: one raw read (issue 14, it is on every acceptance's path). */
export async function activeBinding(
  tx: Pick<Prisma.TransactionClient, "$queryRaw">,
  personId: string,
): Promise<ActiveBinding | null> {
  const [row] = await tx.$queryRaw<ActiveBinding[]>`
    SELECT "id", "unitId" FROM "Binding" WHERE "activePersonId" = ${personId}`;
  return row ?? null;
}

/**
 * Binds the person to the unit unless already bound to it; returns the active binding. `known`: the
 * person's active binding (or null) as the caller already read it in this transaction, saving the
 * read (issue 14.2); omitted, it is read here. The binding is one raw INSERT (issue 14: half the
 * CPU of Prisma's `create`). Throws when the person is bound to another unit.
 */
export async function bindPerson(
  tx: Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw">,
  personId: string,
  unitId: string,
  requestId?: string,
  known?: ActiveBinding | null,
): Promise<ActiveBinding> {
  const current = known !== undefined ? known : await activeBinding(tx, personId);
  if (current?.unitId === unitId) return current;
  if (current) throw new Error(`Person ${personId} is bound to another unit; end that binding first`);
  const id = randomUUID();
  await tx.$executeRaw`
    INSERT INTO "Binding" ("id", "personId", "unitId", "activePersonId", "requestId", "startedAt")
    VALUES (${id}, ${personId}, ${unitId}, ${personId}, ${requestId ?? null}, ${new Date()})`;
  return { id, unitId };
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
  await releaseLapsedClaims(tx, input.personId, current.unitId);
  return { ...binding, revokedRoles: roles };
}

/**
 * A claim lasts only while its holder may decide the task: once the person no longer holds a role
 * in the unit that shows them its tasks (UNIT_ADMIN or TITLE_HANDLER; TITLE_HANDLER for title
 * applications, R7), their claims on the unit's tasks are released, so the unit's remaining staff
 * decide them (nobody could otherwise: the former holder no longer sees the task to release it).
 */
async function releaseLapsedClaims(tx: Tx, personId: string, unitId: string): Promise<void> {
  const held = new Set(
    (
      await tx.roleBinding.findMany({
        where: { personId, unitId, revokedAt: null },
        select: { role: true },
      })
    ).map((g) => g.role),
  );
  const lapsed: Prisma.HumanTaskWhereInput | null = !REAL_PERSON_ROLES.some((role) => held.has(role))
    ? {}
    : held.has("TITLE_HANDLER")
      ? null
      : { requestType: "TITLE_APPLICATION" };
  if (!lapsed) return;
  await tx.humanTask.updateMany({
    where: { ...lapsed, queue: "UNIT", unitId, status: "CLAIMED", assigneeId: personId },
    data: { status: "OPEN", assigneeId: null },
  });
}

/**
 * Grants the role (idempotent: a role already held is returned as it is). Every grant path calls this,
 * inside the transaction of the change, and gets the same checks: the role exists in the catalogue,
 * the person is bound to the unit (a unit role is held only where one belongs), and R10 (业务互斥): no
 * title application in progress when the role excludes one. A second administrator of a unit violates
 * the exclusive key (R7). `field`: the request field an error names (e.g. "idNumber").
 */
export async function grantRole(
  tx: GrantTx,
  grant: { personId: string; unitId: string; role: string; subsystem: Subsystem; grantedById?: string },
  options: { field?: string } = {},
) {
  const activeKey = roleActiveKey(grant);
  const held = await tx.roleBinding.findUnique({ where: { activeKey } });
  if (held) return held;
  const binding = await tx.binding.findUnique({ where: { activePersonId: grant.personId } });
  if (binding?.unitId !== grant.unitId) {
    throw new AppError("ACCOUNT_NOT_IN_UNIT", {
      field: options.field,
      message: {
        "zh-CN": "该人员未绑定在此单位：只能在本人所绑定的单位中授予角色",
        en: "This person is not bound to this unit: a role is granted only in the unit one is bound to",
      },
    });
  }
  // After the binding check: R10's answer describes the person, which only their unit may learn.
  await assertNoRoleConflict(tx, { kind: "GRANT", ...grant, field: options.field });
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

/** Revokes an active role binding; returns it as revoked, or null when it was not active (any more). */
export async function revokeRole(tx: Tx, input: { roleBindingId: string; revokedById?: string }) {
  const revoked = await tx.roleBinding.updateMany({
    where: { id: input.roleBindingId, revokedAt: null },
    data: {
      revokedAt: new Date(),
      revokedById: input.revokedById ?? null,
      activeKey: null,
      exclusiveKey: null,
    },
  });
  if (revoked.count === 0) return null;
  const role = await tx.roleBinding.findUniqueOrThrow({ where: { id: input.roleBindingId } });
  await releaseLapsedClaims(tx, role.personId, role.unitId);
  return role;
}

/**
 * Revokes every active role the person holds in the unit, the person staying bound (R8: the previous
 * administrator keeps no role unless the new one grants it). Returns the revoked roles.
 */
export async function revokeUnitRoles(
  tx: Tx,
  input: { personId: string; unitId: string; revokedById?: string },
) {
  const where = { personId: input.personId, unitId: input.unitId, revokedAt: null };
  const roles = await tx.roleBinding.findMany({ where, select: { role: true, subsystem: true } });
  await tx.roleBinding.updateMany({
    where,
    data: {
      revokedAt: new Date(),
      revokedById: input.revokedById ?? null,
      activeKey: null,
      exclusiveKey: null,
    },
  });
  await releaseLapsedClaims(tx, input.personId, input.unitId);
  return roles;
}
