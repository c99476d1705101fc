// Reads the role catalogue (RoleDefinition rows, seeded by the migrations) for the API and the rules.
import { type CatalogueRole, parseGrantableBy } from "../domain/role-catalogue.js";
import type { Prisma, RoleDefinition, Subsystem } from "../prisma/generated/client.js";

type CatalogueReader = Pick<Prisma.TransactionClient, "roleDefinition">;

export const catalogueRole = (row: RoleDefinition): CatalogueRole => ({
  subsystem: row.subsystem,
  role: row.role,
  labelZh: row.labelZh,
  labelEn: row.labelEn,
  grantableBy: parseGrantableBy(row.grantableBy),
  requiresRealPerson: row.requiresRealPerson,
  excludesTitleApplication: row.excludesTitleApplication,
  sortOrder: row.sortOrder,
});

/**
 * Every role, in the catalogue's order (sortOrder, subsystem, role). A dozen rows read on every
 * role-scoped request: sorted here rather than by a temporary B-tree in the database.
 */
export async function listRoleCatalogue(db: CatalogueReader): Promise<CatalogueRole[]> {
  const rows = await db.roleDefinition.findMany();
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => a.sortOrder - b.sortOrder || text(a.subsystem, b.subsystem) || text(a.role, b.role));
  return rows.map(catalogueRole);
}

/** One role of the catalogue, or null when the subsystem has no such role. */
export async function findCatalogueRole(
  db: CatalogueReader,
  subsystem: Subsystem,
  role: string,
): Promise<CatalogueRole | null> {
  const row = await db.roleDefinition.findUnique({ where: { subsystem_role: { subsystem, role } } });
  return row ? catalogueRole(row) : null;
}
