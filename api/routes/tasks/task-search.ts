// The workbench's free-text search (GET /tasks?q=): a request number or a unit's name, as a Prisma
// `where` to AND with the caller's task scope. It matches what each kind already carries:
// - the task's title, which holds the request number of every kind that has one, and the unit's name
//   for unit registrations, affiliation requests (the requesting unit) and contact mobile changes;
// - the deciding unit (binding requests, affiliation requests, title applications sit in that unit's
//   queue): only the caller's own units are looked up, a handful of rows;
// - the applicant's unit of a title application (its title names the person): only applications
//   passing through a unit the caller handles, and at most SEARCH_LIMIT units and applications, so a
//   term as broad as "公司" never builds an unbounded list (the title match still applies).
//
// The title match is found through an index when one serves the term (issue 14: at province scale
// a LIKE tested on every title of a queue's ~450,000 tasks took 30–60 ms): a typed request number or
// its beginning through the tasks' request numbers, other text of 3 or more characters through the
// titles' trigram index. Up to MATCH_LIMIT tasks found so stand for the match by their ids; a term
// matching more is tested on the titles as before: its matches are dense enough that the inbox's
// capped counts and its pages stop early.
import { type Actor, REAL_PERSON_ROLES, unitsWithRole } from "../../../domain/authorization.js";
import { REQUEST_NUMBER_PREFIXES } from "../../../domain/request-number.js";
import { type Database, databaseDialect } from "../../../lib/database.js";
import { countOf } from "../../../lib/sql-dialect.js";
import { MATCH_LIMIT, trigramMatches, trigramSearchable } from "../../../lib/trigram-search.js";
import { Prisma } from "../../../prisma/generated/client.js";
import { scopeWithinUnits } from "./task-scope.js";

const SEARCH_LIMIT = 200;

/**
 * A search's `where`; whether it tests the term on every title in scope (no index served it); and
 * whether it matches no task at all (nothing to read: an empty id list still costs SQLite a walk).
 */
export type TaskSearch = {
  where: Prisma.HumanTaskWhereInput;
  scansTitles: boolean;
  none: boolean;
  /** The typed request number (`requestNumberPrefix`) the search looks up, else null. */
  number: string | null;
};

/**
 * Tasks whose request number or unit name contains `q` (case-insensitive for Latin letters); a `q`
 * shaped like a request number (`requestNumberPrefix`) finds the requests whose number begins so.
 */
export async function taskSearch(db: Database, actor: Actor, q: string): Promise<TaskSearch> {
  const realPerson = actor.kind === "PERSON" && actor.strength === "REAL_PERSON";
  const ownUnits = realPerson ? unitsWithRole(actor, REAL_PERSON_ROLES) : [];
  const handled = realPerson ? unitsWithRole(actor, ["TITLE_HANDLER"]) : [];
  // A unit's people search their units' tasks: on SQLite a walk bounded by the unit, which it prefers
  // to reading an id list by key (its statistics see an average unit, not a big one); PostgreSQL
  // reads the id list (it would otherwise sort the unit's matches for the counts' early stop).
  const walksUnits = (ownUnits.length > 0 || handled.length > 0) && databaseDialect(db) === "sqlite";
  // A number is tested in the titles as it is stored (NFKC, upper case) when no index served it.
  const number = requestNumberPrefix(q);
  const [matches, deciding, applications] = await Promise.all([
    walksUnits ? null : titleMatches(db, q, number),
    ownUnits.length
      ? db.unit.findMany({ where: { id: { in: ownUnits }, name: { contains: q } }, select: { id: true } })
      : [],
    handled.length ? titleApplicationsOfUnitsNamed(db, q, handled) : [],
  ]);
  // A unit's own name matching (an administrator typing it) matches every task it sees: no OR to
  // AND with the scope, which PostgreSQL reads by the title instead of in the inbox's index order
  // (issue 14: 340-380 ms at province scale).
  if (
    deciding.length &&
    scopeWithinUnits(
      actor,
      deciding.map((u) => u.id),
    )
  )
    return { where: {}, scansTitles: false, none: false, number };
  const branches: Prisma.HumanTaskWhereInput[] = [
    ...(matches === null
      ? [{ title: { contains: number ?? q } }]
      : matches.length
        ? [{ id: { in: matches } }]
        : []),
    ...(deciding.length ? [{ queue: "UNIT" as const, unitId: { in: deciding.map((u) => u.id) } }] : []),
    ...(applications.length
      ? [{ requestType: "TITLE_APPLICATION" as const, requestId: { in: applications } }]
      : []),
  ];
  return { where: { OR: branches }, scansTitles: matches === null, none: branches.length === 0, number };
}

/** A typed request number or its beginning (R25: type prefix, then digits), upper-cased; else null. */
export function requestNumberPrefix(q: string): string | null {
  const typed = q.normalize("NFKC").trim().toUpperCase();
  return new RegExp(`^(${REQUEST_NUMBER_PREFIXES.join("|")})\\d+$`).test(typed) ? typed : null;
}

/**
 * The ids of the tasks whose title contains `q`, found through an index: at most MATCH_LIMIT, or
 * null when more match or no index serves `q` (see `trigramSearchable`). A request number's
 * beginning (`number`, from `requestNumberPrefix`) is looked up in the tasks' request numbers.
 */
async function titleMatches(db: Database, q: string, number: string | null): Promise<string[] | null> {
  if (!number) return trigramMatches(db, "HumanTask", q);
  const rows = await db.humanTask.findMany({
    where: { requestNumber: { gte: number, lt: `${number}\uffff` } },
    select: { id: true },
    // In the index's order (with `take`, Prisma would otherwise sort the range by id).
    orderBy: { requestNumber: "asc" },
    take: MATCH_LIMIT + 1,
  });
  return rows.length > MATCH_LIMIT ? null : rows.map((r) => r.id);
}

/** At most this many tasks matched are counted through the index (~1 µs each); past it, scanning. */
export const COUNTED_MATCH_LIMIT = 20_000;

/** The inbox's view counts of a title search (see the list route). */
export type TitleMatchCounts = { unclaimed: number; claimed: number; mine: number; closed: number };

/**
 * The view counts of the tasks in `scope` (taskScopeSql) whose title contains `q`, read through the
 * titles' trigram index (SQLite's FTS5 table, PostgreSQL's pg_trgm GIN index): one pass over the
 * matches instead of a capped count per view, each testing the term on every title of the scope in
 * an index's order (a reviewer's queue: ~350,000 closed tasks at province scale) or, on PostgreSQL,
 * sorting the matches it read through the trigram index for the count's order (issue 14: a
 * reviewer's 4 passes and sorts of ~5,000 matches took 60–78 ms, a unit administrator's 3, with the
 * unit's ~78,000 tasks, 36–56 ms; one pass ~15 ms). Null when the index does not serve `q`, or past
 * COUNTED_MATCH_LIMIT matches in all queues (the read stops there; the capped counts then stop
 * early anyway). The views as the list route's `viewWhere` reads them: unclaimed open and OPEN,
 * mine open and CLAIMED by `personId`, closed not open.
 */
export async function titleMatchCounts(
  db: Database,
  q: string,
  scope: Prisma.Sql,
  personId: string,
): Promise<TitleMatchCounts | null> {
  if (!trigramSearchable(q)) return null;
  const pattern = `%${q}%`;
  const take = COUNTED_MATCH_LIMIT + 1;
  // The columns the scope (queue, unit, request type) and the views test.
  const columns = Prisma.raw(`t."queue", t."unitId", t."requestType", t."open", t."status", t."assigneeId"`);
  const matches =
    databaseDialect(db) === "sqlite"
      ? Prisma.sql`SELECT ${columns}
          FROM (SELECT "rowid" FROM "HumanTaskTitleSearch" WHERE "title" LIKE ${pattern} LIMIT ${take}) s
          JOIN "HumanTask" t ON t."rowid" = s."rowid"`
      : Prisma.sql`SELECT ${columns} FROM "HumanTask" t WHERE t."title" ILIKE ${pattern} LIMIT ${take}`;
  // FILTER on aggregates: SQLite 3.30+ and PostgreSQL alike.
  const open = Prisma.sql`${scope} AND t."open"`;
  const [row] = await db.$queryRaw<Record<"matched" | keyof TitleMatchCounts, number | bigint | null>[]>`
    SELECT count(*) AS "matched",
      count(*) FILTER (WHERE ${open} AND t."status" = 'OPEN') AS "unclaimed",
      count(*) FILTER (WHERE ${open} AND t."status" = 'CLAIMED') AS "claimed",
      count(*) FILTER (WHERE ${open} AND t."status" = 'CLAIMED' AND t."assigneeId" = ${personId}) AS "mine",
      count(*) FILTER (WHERE ${scope} AND NOT t."open") AS "closed"
    FROM (${matches}) t`;
  if (!row || countOf(row.matched) > COUNTED_MATCH_LIMIT) return null;
  return {
    unclaimed: countOf(row.unclaimed),
    claimed: countOf(row.claimed),
    mine: countOf(row.mine),
    closed: countOf(row.closed),
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
