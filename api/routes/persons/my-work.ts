// 我的工作: what waits for the signed-in person, per queue they can work, so the console lands them on
// their work and shows the counts in its menu. Each count is the queue's own query, narrowed to the
// caller's scope: 审核工作台 through the workbench's taskScope, 新进账号管理 to the units where the
// caller is administrator or handler. Unit staff work only in real-person sessions (R12): a password
// session is told so instead of being given a count it could not act on. Within 审核工作台, the counts
// per queue (the platform's review queue, the supervisors' queue, each of the caller's units) and
// per kind of task, so the landing page says where the work is.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { type Actor, REAL_PERSON_ROLES, unitsWithRole } from "../../../domain/authorization.js";
import type { Database } from "../../../lib/database.js";
import type { RequestType, TaskQueue } from "../../../prisma/generated/client.js";
import {
  AFFILIATION_TASK_KIND,
  BINDING_TASK_KIND,
  CONTACT_MOBILE_REVIEW_TASK_KIND,
  REVIEW_TASK_KIND,
  TITLE_APPLICATION_TASK_KIND,
} from "../../../workflows/contracts.js";
import type { AppEnv } from "../../context.js";
import { dataResponse, defineRoute } from "../../route.js";
import { requirePerson } from "../../sessions.js";
import { taskCountScope, taskScope } from "../tasks/task-scope.js";

type PersonActor = Extract<Actor, { kind: "PERSON" }>;

/** Who works the workbench: the roles of GET /tasks. */
const WORKBENCH_ROLES = ["PLATFORM_REVIEWER", "PLATFORM_SUPERVISOR", ...REAL_PERSON_ROLES] as const;
const PLATFORM_REVIEW_ROLES = ["PLATFORM_REVIEWER", "PLATFORM_SUPERVISOR"] as const;

const workQueue = z
  .object({
    /** TASKS: 审核工作台; INCOMING_ACCOUNTS: 统一门户子系统 → 新进账号管理. */
    queue: z.enum(["TASKS", "INCOMING_ACCOUNTS"]),
    /** What waits in the queue within the caller's scope; null when the session may not see it (R12). */
    pending: z.number().int().nullable(),
    /** TASKS: pending tasks past their due time; null for other queues. */
    overdue: z.number().int().nullable(),
    /** TASKS: tasks the caller claimed (我已领取); null for other queues. */
    mine: z.number().int().nullable(),
    /** TASKS: pending tasks nobody claimed (待领取); null for other queues. */
    unclaimed: z.number().int().nullable(),
    /** R12: part or all of the queue needs a real-person session (QR login or step-up). */
    realPersonRequired: z.boolean(),
  })
  .openapi("WorkQueue");

const kindCount = z.object({
  /** The task kind (unitRegistrationReview, bindingRequestReview, affiliationRequestReview, …). */
  kind: z.string(),
  pending: z.number().int().nullable(),
  overdue: z.number().int().nullable(),
});

const taskQueue = z
  .object({
    /** PLATFORM_REVIEW: 平台审核; PLATFORM_SUPERVISOR: escalated tasks (supervisors); UNIT: one unit's queue. */
    queue: z.enum(["PLATFORM_REVIEW", "PLATFORM_SUPERVISOR", "UNIT"]),
    /** The unit of a UNIT queue. */
    unit: z.object({ id: z.string(), name: z.string() }).nullable(),
    /** Pending tasks (open or claimed); null when the session may not see them (R12). */
    pending: z.number().int().nullable(),
    overdue: z.number().int().nullable(),
    /** Per kind the caller works in this queue, zeros included. */
    kinds: z.array(kindCount),
    realPersonRequired: z.boolean(),
  })
  .openapi("WorkTaskQueue");

const workSummary = z
  .object({
    /** Distinct items waiting: a binding request counts once, though both of its queues list it. */
    total: z.number().int(),
    realPersonRequired: z.boolean(),
    /** The queues the caller can work, empty for an applicant. */
    queues: z.array(workQueue),
    /** 审核工作台 by queue and kind, each of the caller's units apart. */
    taskQueues: z.array(taskQueue),
  })
  .openapi("WorkSummary");

const summary = defineRoute({
  method: "get",
  path: "/me/work",
  tags: ["persons"],
  summary:
    "我的工作: the queues the logged-in person can work, each with its pending count in the caller's scope (R12: unit queues need a real-person session)",
  access: { actor: "person" },
  responses: {
    200: dataResponse("Work summary", workSummary),
  },
});

const holdsAny = (actor: PersonActor, roles: readonly string[]) =>
  actor.roles.some(({ role }) => roles.includes(role));

/** The kinds of each queue, in the order the landing page lists them. */
const PLATFORM_KINDS = [REVIEW_TASK_KIND, CONTACT_MOBILE_REVIEW_TASK_KIND];
const unitKinds = (actor: PersonActor, unitId: string) => [
  BINDING_TASK_KIND,
  AFFILIATION_TASK_KIND,
  // R7: administrators do no title business; the unit's handlers push its title applications.
  ...(actor.roles.some((g) => g.role === "TITLE_HANDLER" && g.unitId === unitId)
    ? [TITLE_APPLICATION_TASK_KIND]
    : []),
];

type Group = {
  queue: TaskQueue;
  unitId: string | null;
  kind: string;
  requestType?: RequestType;
  status?: string;
  tasks: number;
};

/**
 * The pending tasks in the actor's scope per (queue, unit, kind, status), from the kept task counts
 * (HumanTaskCount, issue 14): a few rows per queue and unit instead of a walk of every pending task.
 * A platform queue's rows name no unit (null).
 */
async function pendingTasks(db: Database, actor: PersonActor): Promise<Group[]> {
  const scope = taskCountScope(actor, undefined);
  if (!scope) return [];
  const rows = await db.humanTaskCount.findMany({
    where: { AND: [scope, { status: { in: ["OPEN", "CLAIMED"] } }] },
    select: { queue: true, unitId: true, kind: true, requestType: true, status: true, tasks: true },
  });
  // A row at 0 (its tasks all closed) is no pending kind to list.
  return rows
    .filter((row) => row.tasks > 0)
    .map((row) => ({ ...row, unitId: row.queue === "UNIT" ? row.unitId : null }));
}

const sumOf = (groups: Group[], keep: (group: Group) => boolean = () => true) =>
  groups.filter(keep).reduce((total, g) => total + g.tasks, 0);

/**
 * The pending tasks past their due time (`now`) of each group of `pending` (the kept counts, already
 * narrowed to the actor's scope): one count per platform queue and kind, and per unit, kind and
 * request type of the unit queue (the request type is what separates an administrator's tasks from
 * a handler's). Each count reads one index range (queue or unit, kind, open, dueAt); one GROUP BY
 * over the whole scope read every overdue task through a temporary B-tree, or the unit queue's whole
 * range, 223-336 ms at province scale (issue 14, `npm run bench -- --only scale`, 我的工作).
 */
async function overdueTasks(db: Database, now: Date, pending: Group[]): Promise<Group[]> {
  const groups = new Map<string, Omit<Group, "tasks">>();
  for (const { queue, unitId, kind, requestType } of pending) {
    const group = queue === "UNIT" ? { queue, unitId, kind, requestType } : { queue, unitId: null, kind };
    groups.set(JSON.stringify(group), group);
  }
  const overdue: Group[] = [];
  for (const group of groups.values()) {
    const tasks = await db.humanTask.count({
      where: {
        queue: group.queue,
        ...(group.queue === "UNIT" ? { unitId: group.unitId, requestType: group.requestType } : {}),
        kind: group.kind,
        open: true,
        dueAt: { lt: now },
      },
    });
    if (tasks > 0) overdue.push({ ...group, tasks });
  }
  return overdue;
}

/** 审核工作台's pending and overdue tasks per queue (and unit) and kind, from pendingTasks and overdueTasks. */
async function taskQueues(
  db: Database,
  actor: PersonActor,
  pending: Group[],
  overdue: Group[],
): Promise<z.infer<typeof taskQueue>[]> {
  const realPerson = actor.strength === "REAL_PERSON";
  const sum = (groups: Group[], queue: string, unitId: string | null, kind?: string) =>
    sumOf(groups, (g) => g.queue === queue && g.unitId === unitId && (kind === undefined || g.kind === kind));
  const entry = (
    queue: "PLATFORM_REVIEW" | "PLATFORM_SUPERVISOR" | "UNIT",
    unit: { id: string; name: string } | null,
    kinds: string[],
    visible: boolean,
  ) => {
    const unitId = queue === "UNIT" ? (unit?.id ?? null) : null;
    // A kind that appears in the queue though not listed (a newer kind) is shown as well.
    const seen = pending.filter((g) => g.queue === queue && g.unitId === unitId).map((g) => g.kind);
    const all = [...new Set([...kinds, ...seen])];
    return {
      queue,
      unit,
      pending: visible ? sum(pending, queue, unitId) : null,
      overdue: visible ? sum(overdue, queue, unitId) : null,
      kinds: all.map((kind) => ({
        kind,
        pending: visible ? sum(pending, queue, unitId, kind) : null,
        overdue: visible ? sum(overdue, queue, unitId, kind) : null,
      })),
      realPersonRequired: !visible,
    };
  };
  const queues: z.infer<typeof taskQueue>[] = [];
  if (holdsAny(actor, PLATFORM_REVIEW_ROLES))
    queues.push(entry("PLATFORM_REVIEW", null, PLATFORM_KINDS, true));
  if (holdsAny(actor, ["PLATFORM_SUPERVISOR"])) {
    queues.push(entry("PLATFORM_SUPERVISOR", null, PLATFORM_KINDS, true));
  }
  const unitIds = unitsWithRole(actor, REAL_PERSON_ROLES);
  const units = unitIds.length
    ? await db.unit.findMany({
        where: { id: { in: unitIds } },
        select: { id: true, name: true },
        orderBy: { name: "asc" },
      })
    : [];
  for (const unit of units) queues.push(entry("UNIT", unit, unitKinds(actor, unit.id), realPerson));
  return queues;
}

export const myWorkRouter = new OpenAPIHono<AppEnv>().openapi(summary, async (c) => {
  const { actor } = requirePerson(c);
  const { db } = c.get("deps");
  const now = new Date();
  const unitStaff = holdsAny(actor, REAL_PERSON_ROLES);
  const realPersonRequired = unitStaff && actor.strength !== "REAL_PERSON";
  // taskScope leaves the unit queue out of a password session; the units here are then none.
  const units = actor.strength === "REAL_PERSON" ? unitsWithRole(actor, REAL_PERSON_ROLES) : [];
  const queues: z.infer<typeof workQueue>[] = [];
  let total = 0;

  const works = holdsAny(actor, WORKBENCH_ROLES);
  const pendingRows = works ? await pendingTasks(db, actor) : [];
  const overdueRows = works ? await overdueTasks(db, now, pendingRows) : [];
  if (works) {
    // A handler's password session sees no task at all: say so rather than "0".
    const visible = holdsAny(actor, PLATFORM_REVIEW_ROLES) || !realPersonRequired;
    const scope = taskScope(actor);
    const overdue = visible ? sumOf(overdueRows) : null;
    const mine = visible
      ? await db.humanTask.count({
          where: { AND: [scope, { status: "CLAIMED", assigneeId: actor.personId }] },
        })
      : null;
    const pending = visible ? sumOf(pendingRows) : null;
    const unclaimed = visible ? sumOf(pendingRows, (g) => g.status === "OPEN") : null;
    queues.push({ queue: "TASKS", pending, overdue, mine, unclaimed, realPersonRequired });
    total += pending ?? 0;
  }

  if (unitStaff) {
    let pending: number | null = null;
    if (!realPersonRequired) {
      // The 新进账号管理 list's own filter (open requests of the unit), over every unit the caller works for.
      const incoming = await db.bindingRequest.count({
        where: { unitId: { in: units }, openPersonId: { not: null } },
      });
      // Each open binding request is also a task of the unit queue, already counted above (unit staff
      // work the workbench: their pending tasks are read).
      const alsoTasks = sumOf(
        pendingRows,
        (g) => g.kind === BINDING_TASK_KIND && g.queue === "UNIT" && units.includes(g.unitId!),
      );
      pending = incoming;
      total += Math.max(0, incoming - alsoTasks);
    }
    queues.push({
      queue: "INCOMING_ACCOUNTS",
      pending,
      overdue: null,
      mine: null,
      unclaimed: null,
      realPersonRequired,
    });
  }

  const byQueue = works ? await taskQueues(db, actor, pendingRows, overdueRows) : [];
  return c.json({ data: { total, realPersonRequired, queues, taskQueues: byQueue } }, 200);
});
