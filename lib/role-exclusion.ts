// R10 (业务互斥) checked inside the transaction of the change. The database layer starts every
// transaction as a writer (BEGIN IMMEDIATE), so a grant and a title application racing each other are
// serialized: whichever commits second sees the first and is refused. Every path calls this: grantRole
// (role page, admin succession, first administrator, HR-department creation) and opening a title
// application. The rule itself is domain/role-exclusion.ts.
import { AppError } from "../domain/errors.js";
import {
  applicationConflicts,
  applicationRefusal,
  type ExcludingRole,
  grantConflicts,
  grantRefusal,
} from "../domain/role-exclusion.js";
import type { Prisma, Subsystem } from "../prisma/generated/client.js";
import { findCatalogueRole, listRoleCatalogue } from "./role-catalogue.js";
import { superiorChain } from "./unit-hierarchy.js";

export type RoleExclusionTx = Pick<
  Prisma.TransactionClient,
  "roleDefinition" | "titleApplication" | "roleBinding" | "unit" | "unitAncestor" | "person"
>;

export type RoleExclusionChange =
  /** The person is about to be granted this role (any path). `field`: the request field to blame. */
  | { kind: "GRANT"; personId: string; subsystem: Subsystem; role: string; field?: string }
  /** The person is about to open a title application. */
  | { kind: "TITLE_APPLICATION"; personId: string };

/**
 * Throws CANDIDATE_HAS_TITLE_APPLICATION (a grant) or TITLE_APPLICATION_EXCLUDED_BY_ROLE (an
 * application) when the change would break R10, with the reason, the remedy and the people who can
 * help in the message and `details`; ROLE_NOT_FOUND for a role the catalogue does not have.
 */
export async function assertNoRoleConflict(tx: RoleExclusionTx, change: RoleExclusionChange): Promise<void> {
  if (change.kind === "GRANT") {
    const role = await findCatalogueRole(tx, change.subsystem, change.role);
    if (!role) throw new AppError("ROLE_NOT_FOUND", { field: change.field });
    if (!role.excludesTitleApplication) return;
    const applications = await tx.titleApplication.findMany({
      where: { personId: change.personId, status: "IN_PROGRESS" },
      select: { id: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    });
    if (!grantConflicts(role, applications)) return;
    const person = await tx.person.findUnique({ where: { id: change.personId }, select: { name: true } });
    throw new AppError("CANDIDATE_HAS_TITLE_APPLICATION", {
      field: change.field,
      ...grantRefusal(role, applications, person?.name),
    });
  }

  const held = await tx.roleBinding.findMany({
    where: { personId: change.personId, revokedAt: null },
    include: { unit: { select: { name: true } } },
    orderBy: { grantedAt: "asc" },
  });
  if (held.length === 0) return;
  const catalogue = await listRoleCatalogue(tx);
  const definition = (subsystem: string, role: string) =>
    catalogue.find((r) => r.subsystem === subsystem && r.role === role);
  const conflicts = applicationConflicts(
    held.flatMap((binding) => {
      const role = definition(binding.subsystem, binding.role);
      return role ? [{ binding, role, excludesTitleApplication: role.excludesTitleApplication }] : [];
    }),
  );
  if (conflicts.length === 0) return;
  const roles: ExcludingRole[] = [];
  for (const { binding, role } of conflicts) {
    roles.push({
      subsystem: role.subsystem,
      role: role.role,
      labelZh: role.labelZh,
      labelEn: role.labelEn,
      unitId: binding.unitId,
      unitName: binding.unit.name,
      remedy: role.grantableBy.length > 0 ? "REVOKE" : "HAND_OVER",
      contacts: await revokers(tx, binding, role.grantableBy, definition),
    });
  }
  throw new AppError("TITLE_APPLICATION_EXCLUDED_BY_ROLE", applicationRefusal(roles));
}

/** Who can revoke the binding: holders of a granter role in its unit, else in the nearest superior that has one. */
async function revokers(
  tx: RoleExclusionTx,
  binding: { unitId: string; personId: string },
  grantableBy: string[],
  definition: (subsystem: string, role: string) => { labelZh: string; labelEn: string } | undefined,
): Promise<ExcludingRole["contacts"]> {
  if (grantableBy.length === 0) return [];
  for (const unitId of await superiorChain(tx, binding.unitId)) {
    const holders = await tx.roleBinding.findMany({
      where: { unitId, role: { in: grantableBy }, revokedAt: null, personId: { not: binding.personId } },
      include: { person: { select: { name: true } }, unit: { select: { name: true } } },
      orderBy: { grantedAt: "asc" },
      take: 3,
    });
    if (holders.length > 0) {
      return holders.map((h) => {
        const label = definition(h.subsystem, h.role);
        return {
          name: h.person.name,
          role: h.role,
          labelZh: label?.labelZh ?? h.role,
          labelEn: label?.labelEn ?? h.role,
          unitId: h.unitId,
          unitName: h.unit.name,
        };
      });
    }
  }
  return [];
}
