// The workbench's free-text search (GET /tasks?q=): a request number or a unit's name, as a Prisma
// `where` to AND with the caller's task scope. Without a search column on the task, it matches what
// each kind already carries:
// - the task's title, which holds the request number of every kind that has one, and the unit's name
//   for unit registrations, affiliation requests (the requesting unit) and contact mobile changes;
// - the deciding unit (binding requests, affiliation requests, title applications sit in that unit's
//   queue): only the caller's own units are looked up, a handful of rows;
// - the applicant's unit of a title application (its title names the person): only applications
//   passing through a unit the caller handles, and at most SEARCH_LIMIT units and applications, so a
//   term as broad as "公司" never builds an unbounded list (the title match still applies).
import { type Actor, REAL_PERSON_ROLES, unitsWithRole } from "../../../domain/authorization.js";
import type { Database } from "../../../lib/database.js";
import type { Prisma } from "../../../prisma/generated/client.js";

const SEARCH_LIMIT = 200;

/** Tasks whose request number or unit name contains `q` (case-insensitive for Latin letters). */
export async function taskSearch(db: Database, actor: Actor, q: string): Promise<Prisma.HumanTaskWhereInput> {
  const realPerson = actor.kind === "PERSON" && actor.strength === "REAL_PERSON";
  const ownUnits = realPerson ? unitsWithRole(actor, REAL_PERSON_ROLES) : [];
  const handled = realPerson ? unitsWithRole(actor, ["TITLE_HANDLER"]) : [];
  const [deciding, applications] = await Promise.all([
    ownUnits.length
      ? db.unit.findMany({ where: { id: { in: ownUnits }, name: { contains: q } }, select: { id: true } })
      : [],
    handled.length ? titleApplicationsOfUnitsNamed(db, q, handled) : [],
  ]);
  return {
    OR: [
      { title: { contains: q } },
      ...(deciding.length ? [{ queue: "UNIT" as const, unitId: { in: deciding.map((u) => u.id) } }] : []),
      ...(applications.length
        ? [{ requestType: "TITLE_APPLICATION" as const, requestId: { in: applications } }]
        : []),
    ],
  };
}

async function titleApplicationsOfUnitsNamed(db: Database, q: string, handled: string[]): Promise<string[]> {
  const units = await db.unit.findMany({
    where: { name: { contains: q } },
    select: { id: true },
    take: SEARCH_LIMIT,
  });
  if (units.length === 0) return [];
  const rows = await db.titleApplication.findMany({
    where: { unitId: { in: units.map((u) => u.id) }, steps: { some: { unitId: { in: handled } } } },
    select: { id: true },
    orderBy: { createdAt: "desc" },
    take: SEARCH_LIMIT,
  });
  return rows.map((r) => r.id);
}
