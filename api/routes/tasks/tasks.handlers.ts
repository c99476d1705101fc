import type { RouteHandler } from "@hono/zod-openapi";
import type { Actor } from "../../../domain/authorization.js";
import { AppError } from "../../../domain/errors.js";
import { maskIdNumber, maskMobile, maskName } from "../../../domain/masking.js";
import { reviewerActorRole } from "../../../domain/request-actors.js";
import { recordDecisionOrigin } from "../../../lib/audit.js";
import { type Database, databaseDialect } from "../../../lib/database.js";
import { factChoicesOf, readRegistryResult } from "../../../lib/registry-result.js";
import { type HumanTask, type Person, Prisma, type TaskStatus } from "../../../prisma/generated/client.js";
import {
  APPROVAL_NOT_APPLICABLE,
  decideReview,
  NOT_A_REVIEWER,
  NOT_IN_REVIEW,
  REASON_REQUIRED,
  REGISTERED_FACT_NOT_OFFERED,
  REGISTERED_FACTS_CHOICE_REQUIRED,
} from "../../../workflows/contracts.js";
import type { AppDependencies, AppEnv } from "../../context.js";
import { auditOrigin, requirePerson } from "../../sessions.js";
import { decisionKey, executeUpdateWithin, mapWorkflowErrors } from "../../workflow-calls.js";
import { decideAffiliationRequestAs } from "../affiliation-requests/decide.js";
import { APPLICANT_INCLUDE, applicantView } from "../binding-requests/binding-requests.js";
import { decideBindingRequestAs } from "../binding-requests/decide.js";
import { inPageOrder, paging } from "../list-query.js";
import { loadRequestHistory } from "../request-history.js";
import { decideTitleApplicationAs } from "../title-applications/decide.js";
import { titleApplicationTaskFacts } from "../title-applications/title-application-view.js";
import { checkRegisteredFactsChoice } from "./registered-facts-choice.js";
import { claimedByOther, claimForDecision, supervises } from "./task-claims.js";
import { taskCountScope, taskScope, taskScopeSql } from "./task-scope.js";
import { taskSearch, titleMatchCounts } from "./task-search.js";
import type * as routes from "./tasks.routes.js";
import { TASK_COUNT_LIMIT, type TASK_VIEWS } from "./tasks.routes.js";

type TaskRow = HumanTask & { assignee?: Pick<Person, "id" | "name"> | null };

function view(row: TaskRow, now = new Date()) {
  const open = row.status === "OPEN" || row.status === "CLAIMED";
  return {
    id: row.id,
    kind: row.kind,
    requestType: row.requestType,
    requestId: row.requestId,
    title: row.title,
    queue: row.queue,
    status: row.status,
    assignee: row.assignee ? { id: row.assignee.id, name: row.assignee.name } : null,
    dueAt: row.dueAt?.toISOString() ?? null,
    overdue: open && row.dueAt !== null && row.dueAt < now,
    remindedAt: row.remindedAt?.toISOString() ?? null,
    escalatedAt: row.escalatedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    outcome: row.outcome,
  };
}

/** HumanTask's columns that hold an enum: read as text, whose values are the enum's on either database. */
const ENUM_COLUMNS: ReadonlySet<string> = new Set(["requestType", "queue", "status"]);

/** Every column of HumanTask on the row aliased `t`, as raw SQL (the same on SQLite and PostgreSQL). */
const TASK_COLUMNS = Prisma.join(
  Object.values(Prisma.HumanTaskScalarFieldEnum).map((column) =>
    ENUM_COLUMNS.has(column)
      ? Prisma.raw(`CAST(t."${column}" AS TEXT) AS "${column}"`)
      : Prisma.raw(`t."${column}"`),
  ),
);

/**
 * The tasks matching `condition` (SQL on the row aliased `t`), each whole with its assignee's id and
 * name, in ONE raw statement: the inbox's page and every task route read them so (issue 14: a
 * Prisma statement costs ~0.45 ms of the API's CPU against ~0.13 for a raw one, and a decision read
 * its task and its assignee twice: 4 statements). Times come back as Date, the open flag as boolean.
 */
async function taskRows(db: Database, condition: Prisma.Sql): Promise<TaskRow[]> {
  const rows = await db.$queryRaw<
    (HumanTask & { assigneeFound: string | null; assigneeName: string | null })[]
  >`
    SELECT ${TASK_COLUMNS}, p."id" AS "assigneeFound", p."name" AS "assigneeName"
    FROM "HumanTask" t LEFT JOIN "Person" p ON p."id" = t."assigneeId"
    WHERE ${condition}`;
  return rows.map(({ assigneeFound, assigneeName, ...row }) => ({
    ...row,
    assignee: assigneeFound ? { id: assigneeFound, name: assigneeName } : null,
  }));
}

async function findTask(deps: AppDependencies, actor: Actor, id: string): Promise<TaskRow> {
  const [row] = await taskRows(deps.db, Prisma.sql`t."id" = ${id} AND ${taskScopeSql(actor)}`);
  if (!row) throw new AppError("TASK_NOT_FOUND");
  return row;
}

type TaskView = (typeof TASK_VIEWS)[number];

/**
 * The tasks per status that the kept counts (HumanTaskCount, kept by triggers on HumanTask) hold
 * for `where`: a sum over a few rows, read in their key's order (no sort, no temporary B-tree).
 */
async function keptCounts(
  db: Database,
  where: Prisma.HumanTaskCountWhereInput,
): Promise<Record<TaskStatus, number>> {
  const rows = await db.humanTaskCount.findMany({ where, select: { status: true, tasks: true } });
  const counts: Record<TaskStatus, number> = { OPEN: 0, CLAIMED: 0, COMPLETED: 0, CANCELLED: 0 };
  for (const row of rows) counts[row.status] += row.tasks;
  return counts;
}

/**
 * The inbox's views (tabs) as a `where`: see the list route. The open and closed views read the
 * task's stored `open` flag (one index range, in the sort's order) rather than two statuses, whose
 * ranges the database would have to merge by sorting them.
 */
function viewWhere(view: TaskView, personId: string): Prisma.HumanTaskWhereInput {
  switch (view) {
    // `open` is implied by the status; stated, it lets a kind filter use its (…, kind, open, …) index.
    case "unclaimed":
      return { open: true, status: "OPEN" };
    // An open task not OPEN is CLAIMED. Said so, the status is no equality the planner can start an
    // index range with: PostgreSQL read the queue's claimed tasks from the (queue, status, …) index and
    // sorted the caller's for a deep page (issue 14); it now reads them from the caller's (assigneeId,
    // open, dueAt, createdAt, …) index in the page's order.
    case "mine":
      return { open: true, status: { not: "OPEN" }, assigneeId: personId };
    case "open":
      return { open: true };
    case "closed":
      return { open: false };
  }
}

/**
 * `clauses` ANDed, each equality to a value stated once: the view, the status and the overdue
 * filter each state `open`, and Prisma writes every one; PostgreSQL's planner then multiplies its
 * selectivity again for each (a tenth of a tenth of a queue) and sorts the open tasks of a deep
 * page instead of reading them in an index's order (issue 14: 210-270 ms at province scale). An
 * equality to another value is kept: the conjunction then matches nothing, as it should.
 */
function allOf(clauses: Prisma.HumanTaskWhereInput[]): Prisma.HumanTaskWhereInput {
  const stated = new Map<string, unknown>();
  const once = ([key, value]: [string, unknown]) => {
    if (typeof value !== "boolean" && typeof value !== "string") return true;
    if (stated.get(key) === value) return false;
    if (!stated.has(key)) stated.set(key, value);
    return true;
  };
  return { AND: clauses.map((clause) => Object.fromEntries(Object.entries(clause).filter(once))) };
}

/** The inbox's order: the chosen column, then createdAt in the same direction as the tie-break. */
function taskOrder(
  sort: "dueAt" | "createdAt",
  order: "asc" | "desc",
): Prisma.HumanTaskOrderByWithRelationInput[] {
  return sort === "createdAt" ? [{ createdAt: order }] : [{ dueAt: order }, { createdAt: order }];
}

/** Whether a task scope is exactly one queue (`{ queue: { in: [one] } }`: a platform reviewer's). */
function isOneQueue(scope: Prisma.HumanTaskWhereInput): boolean {
  const queue = scope.queue;
  return (
    Object.keys(scope).length === 1 &&
    typeof queue === "object" &&
    queue !== null &&
    Array.isArray(queue.in) &&
    queue.in.length === 1
  );
}

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const actor = requirePerson(c).actor;
  const deps = c.get("deps");
  const now = new Date();
  // Every filter but the view and the status: the tabs' counts follow the search and the filters.
  const scope = taskScope(actor);
  const searched = query.q ? await taskSearch(deps.db, actor, query.q) : null;
  const search = searched?.where ?? {};
  const filtered: Prisma.HumanTaskWhereInput[] = [
    scope,
    query.kind ? { kind: query.kind } : {},
    query.queue ? { queue: query.queue } : {},
    query.unitId ? { unitId: query.unitId } : {},
    query.mine === "true" ? { assigneeId: actor.personId } : {},
    query.overdue === "true" ? { open: true, dueAt: { lt: now } } : {},
    search,
  ];
  const where = allOf([
    ...filtered,
    query.view ? viewWhere(query.view, actor.personId) : {},
    query.status ? { status: query.status, open: query.status === "OPEN" || query.status === "CLAIMED" } : {},
  ]);
  // Counting stops past TASK_COUNT_LIMIT rows: an archive of ~1M closed tasks would otherwise be
  // counted on every request; the response names the counts that stopped (shown as "N+").
  // Prisma orders a count with `take` by id (a sort of every matching row); ordering by createdAt
  // instead follows the indexes, which end in createdAt right after the scope's and the view's
  // equalities (status, open or none). PostgreSQL's planner reads the narrower (…, dueAt, createdAt,
  // …) ones instead and sorted their matches by createdAt (issue 14: 5 ms instead of 2 for 5,700
  // tasks): there the counts go in their order (SQLite, so ordered, read the title searches' and
  // the kind filter's counts from entries without the title or kind: 15-30 ms slower).
  // A search that found no task counts nothing.
  const countOrder: Prisma.HumanTaskOrderByWithRelationInput[] =
    databaseDialect(deps.db) === "postgresql"
      ? [{ dueAt: "asc" }, { createdAt: "asc" }]
      : [{ createdAt: "asc" }];
  const capped = async (where: Prisma.HumanTaskWhereInput, orderBy = countOrder) =>
    searched?.none ? 0 : deps.db.humanTask.count({ where, take: TASK_COUNT_LIMIT + 1, orderBy });
  const count = (view: TaskView) => capped(allOf([...filtered, viewWhere(view, actor.personId)]));
  // A title search that no id list served (more than MATCH_LIMIT matches, or no index for the term,
  // or a unit's people on SQLite, whose search walks the unit), without other filters: its view
  // counts are read from the titles' trigram index when it serves the term, in one pass over its
  // matches filtered by the scope (issue 14: a reviewer's ~5,000 matches counted in ~10 ms instead
  // of a LIKE on ~450,000 titles). Otherwise, over one platform queue (a reviewer's), the closed
  // count, which tests every closed task's title, is ordered by (dueAt, createdAt): it reads the
  // (queue, open, dueAt, createdAt, title) index, whose entries lack the id and the filters' columns
  // of the (…, createdAt, …) one (~350,000 entries in ~33 ms instead of ~40 on the kept province
  // database). Same count.
  const titleSearchAlone =
    searched?.scansTitles === true &&
    Array.isArray(search.OR) &&
    search.OR.length === 1 &&
    !query.kind &&
    !query.queue &&
    !query.unitId &&
    query.mine !== "true" &&
    query.overdue !== "true";
  // (A number's beginning matching more than MATCH_LIMIT tasks is dense: the capped counts stop early.)
  const indexed =
    titleSearchAlone && !query.status && !searched.number
      ? await titleMatchCounts(deps.db, query.q!, taskScopeSql(actor), actor.personId)
      : null;
  const closedCount = () =>
    titleSearchAlone && isOneQueue(scope)
      ? capped(allOf([...filtered, viewWhere("closed", actor.personId)]), [
          { dueAt: "asc" },
          { createdAt: "asc" },
        ])
      : count("closed");
  // Without a search, mine or overdue filter the counts per status are kept (HumanTaskCount): a few
  // rows per unit or queue, however many tasks wait (issue 14: a unit with 12,000 open tasks walked
  // 2 × 10,001 index entries per inbox read).
  const countScope =
    !query.q && query.mine !== "true" && query.overdue !== "true"
      ? taskCountScope(actor, query.unitId)
      : null;
  const kept = countScope
    ? await keptCounts(deps.db, {
        AND: [
          countScope,
          query.kind ? { kind: query.kind } : {},
          query.queue ? { queue: query.queue } : {},
          query.unitId ? { unitId: query.unitId } : {},
        ],
      })
    : null;
  // Issue 14: the open count is the unclaimed one plus the claimed tasks (a task is open exactly when
  // it is OPEN or CLAIMED, as the views and the status filter read it), so the open tasks are scanned
  // once per request, not twice; the claimed ones are a short range of the (…, status, …) indexes.
  // Each part is capped, so the sum passes the limit exactly when the open tasks do.
  const [unclaimed, claimed, closed, statusTotal] = indexed
    ? [indexed.unclaimed, indexed.claimed, indexed.closed, undefined]
    : kept
      ? [
          kept.OPEN,
          kept.CLAIMED,
          kept.COMPLETED + kept.CANCELLED,
          // A status within a view (the mine view's claimer, or none of it) is counted as before.
          query.status && (query.view ? await capped(where) : kept[query.status]),
        ]
      : await Promise.all([
          count("unclaimed"),
          // Under the mine filter the claimed tasks are the caller's, read as the mine view reads them.
          query.mine === "true"
            ? count("mine")
            : capped(allOf([...filtered, { open: true, status: "CLAIMED" }])),
          closedCount(),
          query.status ? capped(where) : undefined,
        ]);
  // The caller's claimed tasks are among the claimed ones: none when none is claimed, and all of them
  // under the mine filter (only the caller's tasks). Claimed tasks within the limit bound them, so
  // they are counted without the cap's ORDER BY … LIMIT, which PostgreSQL's planner served by sorting
  // the caller's claimed tasks (issue 14: a Sort in 58 of the reviewer inbox's 74 queries); with no
  // order to follow, the claimed tasks' range of the (…, status, …) indexes is the shorter read.
  const mine = indexed
    ? indexed.mine
    : claimed === 0 || query.mine === "true"
      ? claimed
      : claimed <= TASK_COUNT_LIMIT
        ? await deps.db.humanTask.count({
            where: allOf([...filtered, { open: true, status: "CLAIMED", assigneeId: actor.personId }]),
          })
        : await count("mine");
  const open = unclaimed + claimed;
  // Without a status filter the total is a view's count already taken (every task: open + closed,
  // which passes the limit exactly when the two together do), so it is not counted again.
  const viewCounts = { unclaimed, mine, open, closed };
  const total = statusTotal ?? (query.view ? viewCounts[query.view] : open + closed);
  const page = paging(query);
  // A page that starts at or past an exact (uncapped) total holds no row: it is not read.
  // The page's ids first, from an index alone (every ordered task index ends in the id), then their
  // rows: on PostgreSQL a deep page otherwise fetches the table row of each of the 10,000 tasks it
  // skips and sorts them (issue 14: 40-75 ms; its ids alone take 3 ms).
  const ids =
    total <= TASK_COUNT_LIMIT && page.skip >= total
      ? []
      : await deps.db.humanTask.findMany({
          where,
          select: { id: true },
          // The tie-break runs in the sort's direction (and is the sort itself for createdAt), so the
          // (…, status, dueAt, createdAt) indexes serve both directions without a sort.
          orderBy: taskOrder(query.sort ?? "dueAt", query.sort ? query.order : "asc"),
          ...page,
        });
  const rows = ids.length
    ? inPageOrder(ids, await taskRows(deps.db, Prisma.sql`t."id" IN (${Prisma.join(ids.map((r) => r.id))})`))
    : [];
  const counted = { total, ...viewCounts };
  const limit = (n: number) => Math.min(n, TASK_COUNT_LIMIT);
  return c.json(
    {
      data: rows.map((row) => view(row, now)),
      total: limit(total),
      counts: { unclaimed: limit(unclaimed), mine: limit(mine), open: limit(open), closed: limit(closed) },
      countLimit: TASK_COUNT_LIMIT,
      capped: (Object.keys(counted) as (keyof typeof counted)[]).filter((k) => counted[k] > TASK_COUNT_LIMIT),
    },
    200,
  );
};

async function registrationDetail(deps: AppDependencies, registrationId: string) {
  const registration = await deps.db.unitRegistration.findUnique({ where: { id: registrationId } });
  if (!registration) return null;
  const [region, uploads, history] = await Promise.all([
    deps.db.region.findUnique({ where: { code: registration.regionCode } }),
    deps.db.upload.findMany({
      where: { id: { in: [registration.businessLicenceUploadId, registration.authorizationLetterUploadId] } },
    }),
    loadRequestHistory(deps.db, "UNIT_REGISTRATION", registration.id),
  ]);
  const registry = readRegistryResult(registration.registryResult);
  return {
    requestNumber: registration.requestNumber,
    unitName: registration.unitName,
    uscc: registration.uscc,
    unitType: registration.unitType,
    regionCode: registration.regionCode,
    regionName: region?.name ?? null,
    legalRepName: registration.legalRepName,
    legalRepIdNumberMasked: maskIdNumber(registration.legalRepIdNumber),
    legalRepMobileMasked: registration.legalRepMobile ? maskMobile(registration.legalRepMobile) : null,
    contactName: registration.contactName,
    contactMobileMasked: maskMobile(registration.contactMobile),
    submittedAt: registration.submittedAt.toISOString(),
    usccCheckWarning: registration.usccCheckWarning,
    reviewReason: history.find((e) => e.kind === "MANUAL_REVIEW")?.reason ?? null,
    factChoices: factChoicesOf(registration.registryResult),
    registry: registry && {
      outcome: registry.outcome,
      mismatchedFields: registry.mismatchedFields,
      notProvidedFields: registry.notProvidedFields ?? [],
      checkedAt: registry.checkedAt,
      record: registry.record && {
        name: registry.record.name,
        legalRepName: registry.record.legalRepName,
        // Null: the registry does not disclose it (not a match, not a mismatch).
        legalRepIdNumberMasked:
          registry.record.legalRepIdNumber === null ? null : maskIdNumber(registry.record.legalRepIdNumber),
        status: registry.record.status,
        registryStatus: registry.record.registryStatus ?? null,
        registeredOn: registry.record.registeredOn,
      },
    },
    uploads: uploads.map((u) => ({
      id: u.id,
      kind: u.kind,
      originalName: u.originalName,
      mediaType: u.mediaType,
      size: u.size,
      url: `/api/uploads/${u.id}/content`,
    })),
    history,
  };
}

async function contactMobileChangeDetail(deps: AppDependencies, changeId: string) {
  const change = await deps.db.contactMobileChange.findUnique({
    where: { id: changeId },
    include: { unit: true },
  });
  if (!change) return null;
  return {
    unitName: change.unit.name,
    uscc: change.unit.uscc,
    legalRepName: change.unit.legalRepName,
    previousMobileMasked: maskMobile(change.previousMobile),
    newMobileMasked: maskMobile(change.newMobile),
    method: change.method,
    explanation: change.explanation,
    submittedAt: change.submittedAt.toISOString(),
    history: await loadRequestHistory(deps.db, "CONTACT_MOBILE_CHANGE", changeId),
  };
}

async function bindingRequestDetail(deps: AppDependencies, requestId: string) {
  const request = await deps.db.bindingRequest.findUnique({
    where: { id: requestId },
    include: {
      unit: true,
      person: { include: APPLICANT_INCLUDE },
    },
  });
  if (!request) return null;
  return {
    requestNumber: request.requestNumber,
    unitName: request.unit.name,
    person: applicantView(request.person),
    submittedAt: request.submittedAt.toISOString(),
    history: await loadRequestHistory(deps.db, "BINDING_REQUEST", requestId),
  };
}

async function affiliationRequestDetail(deps: AppDependencies, requestId: string) {
  const request = await deps.db.affiliationRequest.findUnique({
    where: { id: requestId },
    include: { unit: { include: { region: { select: { name: true } } } }, superiorUnit: true },
  });
  if (!request) return null;
  const previous = request.previousSuperiorUnitId
    ? await deps.db.unit.findUnique({
        where: { id: request.previousSuperiorUnitId },
        select: { id: true, name: true },
      })
    : null;
  const { unit } = request;
  return {
    requestNumber: request.requestNumber,
    unit: { id: unit.id, name: unit.name, uscc: unit.uscc, type: unit.type, regionName: unit.region.name },
    superiorUnit: { id: request.superiorUnitId, name: request.superiorUnit.name },
    previousSuperiorUnit: previous,
    submittedAt: request.submittedAt.toISOString(),
    history: await loadRequestHistory(deps.db, "AFFILIATION_REQUEST", requestId),
  };
}

export const show: RouteHandler<typeof routes.show, AppEnv> = async (c) => {
  const actor = requirePerson(c).actor;
  const deps = c.get("deps");
  const row = await findTask(deps, actor, c.req.valid("param").id);
  const registration =
    row.requestType === "UNIT_REGISTRATION" ? await registrationDetail(deps, row.requestId) : null;
  const contactMobileChange =
    row.requestType === "CONTACT_MOBILE_CHANGE" ? await contactMobileChangeDetail(deps, row.requestId) : null;
  const bindingRequest =
    row.requestType === "BINDING_REQUEST" ? await bindingRequestDetail(deps, row.requestId) : null;
  const affiliationRequest =
    row.requestType === "AFFILIATION_REQUEST" ? await affiliationRequestDetail(deps, row.requestId) : null;
  const titleApplication =
    row.requestType === "TITLE_APPLICATION"
      ? await titleApplicationTaskFacts(deps.db, row.requestId, actor)
      : null;
  return c.json(
    {
      data: {
        ...view(row),
        registration,
        contactMobileChange,
        bindingRequest,
        affiliationRequest,
        titleApplication,
      },
    },
    200,
  );
};

export const claim: RouteHandler<typeof routes.claim, AppEnv> = async (c) => {
  const actor = requirePerson(c).actor;
  const deps = c.get("deps");
  const row = await findTask(deps, actor, c.req.valid("param").id);
  // Conditional update: of two reviewers claiming at once, exactly one gets the task.
  const { count } = await deps.db.humanTask.updateMany({
    where: {
      id: row.id,
      OR: [
        { status: "OPEN" },
        { status: "CLAIMED", ...(supervises(actor, row) ? {} : { assigneeId: actor.personId }) },
      ],
    },
    data: { status: "CLAIMED", assigneeId: actor.personId },
  });
  if (count === 0) throw await claimedByOther(deps, row.id);
  return c.json({ data: view(await findTask(deps, actor, row.id)) }, 200);
};

export const release: RouteHandler<typeof routes.release, AppEnv> = async (c) => {
  const actor = requirePerson(c).actor;
  const deps = c.get("deps");
  const row = await findTask(deps, actor, c.req.valid("param").id);
  if (row.status === "COMPLETED" || row.status === "CANCELLED") throw new AppError("TASK_NOT_IN_REVIEW");
  if (row.status === "OPEN") throw new AppError("TASK_NOT_CLAIMED");
  // A supervisor may free a task another reviewer claimed (see claim).
  const { count } = await deps.db.humanTask.updateMany({
    where: {
      id: row.id,
      status: "CLAIMED",
      ...(supervises(actor, row) ? {} : { assigneeId: actor.personId }),
    },
    data: { status: "OPEN", assigneeId: null },
  });
  if (count === 0) throw await claimedByOther(deps, row.id, "TASK_NOT_CLAIMED");
  return c.json({ data: view(await findTask(deps, actor, row.id)) }, 200);
};

export const decide: RouteHandler<typeof routes.decide, AppEnv> = async (c) => {
  const actor = requirePerson(c).actor;
  const deps = c.get("deps");
  const { decision, reason, registeredFacts } = c.req.valid("json");
  const clientKey = c.req.valid("header")["idempotency-key"];
  const row = await findTask(deps, actor, c.req.valid("param").id);
  await checkRegisteredFactsChoice(deps, row, { decision, registeredFacts });
  if (row.requestType === "BINDING_REQUEST") {
    await decideBindingRequestAs(deps, actor, row.requestId, { decision, reason, clientKey }, auditOrigin(c));
    return c.json({ data: view(await findTask(deps, actor, row.id)) }, 200);
  }
  if (row.requestType === "AFFILIATION_REQUEST") {
    await decideAffiliationRequestAs(
      deps,
      actor,
      row.requestId,
      { decision, reason, clientKey },
      auditOrigin(c),
    );
    return c.json({ data: view(await findTask(deps, actor, row.id)) }, 200);
  }
  if (row.requestType === "TITLE_APPLICATION") {
    // R31: approving a node's task pushes the application up, rejecting returns it.
    const pushOrReturn = decision === "APPROVE" ? "PUSH" : "RETURN";
    await decideTitleApplicationAs(
      deps,
      actor,
      row.requestId,
      { decision: pushOrReturn, reason, clientKey, position: row.step },
      auditOrigin(c),
    );
    return c.json({ data: view(await findTask(deps, actor, row.id)) }, 200);
  }
  const key = decisionKey(actor.personId, { requestId: row.requestId, decision, clientKey });
  // A retry of a decision already taken: Temporal answers the same Update id with the first
  // outcome (below); only when the id runs a later request by now is the task's record the answer.
  const retry = row.decisionKey === key;
  if (!retry) {
    // A finished task's workflow id may run a later request of the same USCC by now.
    if (row.status !== "OPEN" && row.status !== "CLAIMED") throw new AppError("TASK_NOT_IN_REVIEW");
    if (decision === "REJECT" && !reason) throw new AppError("DECISION_REASON_REQUIRED", { field: "reason" });
    // The claim rule (task-claims.ts): deciding claims the task; someone else's claim refuses.
    await claimForDecision(deps, actor, row);
  }
  const person = await deps.db.person.findUniqueOrThrow({ where: { id: actor.personId } });
  await recordDecisionOrigin(deps.db, key, auditOrigin(c));
  // The workflow applies the decision and writes its audit row with it (R26), so an API that
  // stops after this call loses nothing.
  const applied = mapWorkflowErrors(
    () =>
      executeUpdateWithin(deps, deps.temporal.workflow.getHandle(row.workflowId), decideReview, {
        updateId: key,
        args: [
          {
            requestId: row.requestId,
            decision,
            reason,
            reviewerId: actor.personId,
            reviewerRole: reviewerActorRole(actor.roles.map((g) => g.role)),
            reviewerLabel: maskName(person.name),
            reviewerRoles: actor.roles.map((g) => g.role),
            ...(registeredFacts ? { registeredFacts } : {}),
          },
        ],
      }),
    {
      byFailureType: {
        [NOT_IN_REVIEW]: "TASK_NOT_IN_REVIEW",
        [NOT_A_REVIEWER]: "FORBIDDEN_ROLE",
        [REASON_REQUIRED]: "DECISION_REASON_REQUIRED",
        [APPROVAL_NOT_APPLICABLE]: "REGISTRATION_APPROVAL_NOT_APPLICABLE",
        [REGISTERED_FACT_NOT_OFFERED]: "REGISTERED_FACT_NOT_OFFERED",
        [REGISTERED_FACTS_CHOICE_REQUIRED]: "REGISTERED_FACTS_CHOICE_REQUIRED",
      },
      closed: "TASK_NOT_IN_REVIEW",
      // A reviewer's role revoked meanwhile: the refusal says which roles decide and who grants them.
      details: { requiredRoles: ["PLATFORM_REVIEWER", "PLATFORM_SUPERVISOR"] },
    },
  );
  await applied.catch(async (error: unknown) => {
    if (!(error instanceof AppError && error.code === "TASK_NOT_IN_REVIEW")) throw error;
    if (retry) return;
    // Issue 14: refused in a retried workflow task although this decision's steps were applied
    // (the task records its key): the database is the arbiter, the decider gets success.
    const now = await deps.db.humanTask.findUnique({ where: { id: row.id }, select: { decisionKey: true } });
    if (now?.decisionKey !== key) throw error;
  });
  return c.json({ data: view(await findTask(deps, actor, row.id)) }, 200);
};

/** The sandbox an uploaded material is served in (issue 11.5). */
export const UPLOADED_MATERIAL_CSP =
  "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'";

export const uploadContent: RouteHandler<typeof routes.uploadContent, AppEnv> = async (c) => {
  const deps = c.get("deps");
  const upload = await deps.db.upload.findUnique({ where: { id: c.req.valid("param").id } });
  if (!upload) throw new AppError("NOT_FOUND");
  const bytes = await deps.fileStorage.get(upload.storageKey);
  return c.body(new Uint8Array(bytes), 200, {
    "content-type": upload.mediaType,
    "content-disposition": `inline; filename*=UTF-8''${encodeURIComponent(upload.originalName)}`,
    "x-content-type-options": "nosniff",
    // Issue 11.5: a material is never a page of ours: no script, no forms, no same-origin rights;
    // only the console's own frame may show it (the PDF preview).
    "content-security-policy": UPLOADED_MATERIAL_CSP,
    "cache-control": "private, no-store",
  });
};
