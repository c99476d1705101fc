// Who reads which audit events (R26), as part of the query that loads them: platform auditors every
// event; a unit administrator, in a real-person session (R12), the events of their unit and of its
// subordinate units at any depth; nobody else. Filters narrow that scope, never widen it.
import type { Actor } from "../../../domain/authorization.js";
import { chinaDayStart } from "../../../domain/china-time.js";
import { AppError } from "../../../domain/errors.js";
import { idNumberSearched } from "../../../domain/id-number.js";
import { containingPattern, likeIgnoringCase, likeLiteral } from "../../../lib/sql-dialect.js";
import { Prisma } from "../../../prisma/generated/client.js";
import { unitSubtreeSql } from "../units/unit-subtree.js";

export type AuditScope = { kind: "ALL" } | { kind: "UNITS"; rootUnitIds: string[] };

export type AuditFilters = {
  unitId?: string;
  /** An actor's id, a person's full ID number, or part of a person's or unit's name. */
  actor?: string;
  /** An action (`binding.exited`) or its leading part (`binding`). */
  action?: string;
  /** China calendar days, both included. */
  from?: string;
  to?: string;
};

export function auditScopeFor(actor: Actor): AuditScope {
  if (actor.kind !== "PERSON") throw new AppError("UNIT_SESSION_NOT_ALLOWED");
  if (actor.roles.some((g) => g.role === "PLATFORM_AUDITOR")) return { kind: "ALL" };
  const adminUnits = [...new Set(actor.roles.filter((g) => g.role === "UNIT_ADMIN").map((g) => g.unitId))];
  if (adminUnits.length === 0) {
    throw new AppError("FORBIDDEN_ROLE", { details: { requiredRoles: ["PLATFORM_AUDITOR", "UNIT_ADMIN"] } });
  }
  if (actor.strength !== "REAL_PERSON") throw new AppError("REAL_PERSON_SESSION_REQUIRED");
  return { kind: "UNITS", rootUnitIds: adminUnits };
}

/** The units the scope covers, as a subquery, or null for every unit. */
export function scopeUnitsSql(scope: AuditScope): Prisma.Sql | null {
  return scope.kind === "ALL" ? null : unitSubtreeSql(scope.rootUnitIds);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function actorCondition(actor: string): Prisma.Sql {
  if (UUID.test(actor)) return Prisma.sql`e."actorId" = ${actor}`;
  const idNumber = idNumberSearched(actor);
  if (idNumber) {
    return Prisma.sql`e."actorId" IN (SELECT "id" FROM "Person" WHERE "idNumber" = ${idNumber})`;
  }
  const pattern = containingPattern(actor);
  return Prisma.sql`(e."actorId" IN (SELECT "id" FROM "Person" WHERE ${likeIgnoringCase(Prisma.sql`"name"`, pattern)})
    OR e."actorId" IN (SELECT "id" FROM "Unit" WHERE ${likeIgnoringCase(Prisma.sql`"name"`, pattern)})
    OR (e."actorType" = 'SYSTEM' AND ${likeIgnoringCase(Prisma.sql`e."actorLabel"`, pattern)}))`;
}

/** The WHERE clause (over `"AuditEvent" e`) of the scope, the filters and any further conditions. */
export function auditWhereSql(scope: AuditScope, filters: AuditFilters, ...more: Prisma.Sql[]): Prisma.Sql {
  const conditions: Prisma.Sql[] = [...more];
  const units = scopeUnitsSql(scope);
  if (units) conditions.push(Prisma.sql`e."unitId" IN (${units})`);
  if (filters.unitId) conditions.push(Prisma.sql`e."unitId" = ${filters.unitId}`);
  if (filters.actor) conditions.push(actorCondition(filters.actor));
  if (filters.action) {
    conditions.push(
      Prisma.sql`(e."action" = ${filters.action} OR ${likeIgnoringCase(Prisma.sql`e."action"`, `${likeLiteral(filters.action)}.%`)})`,
    );
  }
  if (filters.from) conditions.push(Prisma.sql`e."at" >= ${chinaDayStart(filters.from)}`);
  if (filters.to) {
    const end = new Date(chinaDayStart(filters.to).getTime() + 86_400_000);
    conditions.push(Prisma.sql`e."at" < ${end}`);
  }
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}
