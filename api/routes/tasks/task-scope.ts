// Which tasks an actor may see and act on (the workbench's authorization), as a Prisma `where`:
// reviewers see the platform queues, supervisors also the escalated queue, and unit
// administrators and handlers (in a real-person session, R12) their units' queue, except title
// applications (R31), which only the units' handlers see: administrators do no title business (R7).
import { type Actor, REAL_PERSON_ROLES, unitsWithRole } from "../../../domain/authorization.js";
import { Prisma, type TaskQueue } from "../../../prisma/generated/client.js";

/** One branch of a task scope: its columns are HumanTask's and HumanTaskCount's alike. */
type ScopeBranch = Prisma.HumanTaskWhereInput & Prisma.HumanTaskCountWhereInput;

function scopeBranches(actor: Actor): ScopeBranch[] {
  if (actor.kind !== "PERSON") return [];
  const roles = new Set(actor.roles.map((g) => g.role));
  const queues: TaskQueue[] = [];
  if (roles.has("PLATFORM_REVIEWER") || roles.has("PLATFORM_SUPERVISOR")) queues.push("PLATFORM_REVIEW");
  if (roles.has("PLATFORM_SUPERVISOR")) queues.push("PLATFORM_SUPERVISOR");
  const realPerson = actor.strength === "REAL_PERSON";
  const units = realPerson ? unitsWithRole(actor, REAL_PERSON_ROLES) : [];
  const handled = realPerson ? unitsWithRole(actor, ["TITLE_HANDLER"]) : [];
  return [
    ...(queues.length ? [{ queue: { in: queues } }] : []),
    ...(units.length
      ? [
          {
            queue: "UNIT" as const,
            unitId: { in: units },
            requestType: { not: "TITLE_APPLICATION" as const },
          },
        ]
      : []),
    ...(handled.length
      ? [{ queue: "UNIT" as const, unitId: { in: handled }, requestType: "TITLE_APPLICATION" as const }]
      : []),
  ];
}

export function taskScope(actor: Actor): Prisma.HumanTaskWhereInput {
  // Only the branches the actor has, and no OR around a single one: SQLite then serves the
  // branch's filter and the inbox's sort from one index (an OR, even with an empty `queue IN ()`
  // branch, forces a full scan and a sort).
  const branches = scopeBranches(actor);
  if (branches.length === 0) return { id: "" };
  return branches.length === 1 ? branches[0]! : { OR: branches };
}

/**
 * The actor's task scope as an SQL condition on the HumanTask row aliased `t`, for the raw reads that
 * a Prisma `where` cannot express (the title search's counts in one pass, task-search.ts): the same
 * branches as `taskScope`, each column compared as text (enums on PostgreSQL). FALSE without a scope.
 */
export function taskScopeSql(actor: Actor): Prisma.Sql {
  const branches = scopeBranches(actor).map((branch) =>
    Prisma.join(
      Object.entries(branch).map(([column, test]) => {
        const value = Prisma.sql`CAST(t.${Prisma.raw(`"${column}"`)} AS TEXT)`;
        if (typeof test === "string") return Prisma.sql`${value} = ${test}`;
        const { in: among, not } = test as { in?: string[]; not?: string };
        if (among) return Prisma.sql`${value} IN (${Prisma.join(among)})`;
        if (not !== undefined) return Prisma.sql`${value} <> ${not}`;
        throw new Error(`a scope test taskScopeSql does not render: ${column}`);
      }),
      " AND ",
      "(",
      ")",
    ),
  );
  return branches.length ? Prisma.join(branches, " OR ", "(", ")") : Prisma.sql`FALSE`;
}

/**
 * Whether every task `actor` may see is in the unit queue of one of `units`: no platform queue,
 * and each of its units among them. A search matching those units' names then matches its whole
 * scope.
 */
export function scopeWithinUnits(actor: Actor, units: readonly string[]): boolean {
  const branches = scopeBranches(actor);
  return (
    branches.length > 0 &&
    branches.every(
      (b) => b.queue === "UNIT" && (b.unitId as { in: string[] }).in.every((id) => units.includes(id)),
    )
  );
}

/**
 * The actor's scope over the kept task counts (HumanTaskCount, issue 14), or null where they cannot
 * answer: an actor without a scope, and a unit filter (`unitId`) over a platform queue, whose tasks
 * count under no unit.
 */
export function taskCountScope(
  actor: Actor,
  unitId: string | undefined,
): Prisma.HumanTaskCountWhereInput | null {
  const branches = scopeBranches(actor);
  if (branches.length === 0 || (unitId && branches.some((b) => b.queue !== "UNIT"))) return null;
  return branches.length === 1 ? branches[0]! : { OR: branches };
}
