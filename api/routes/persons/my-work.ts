// 我的工作: what waits for the signed-in person, per queue they can work, so the console lands them on
// their work and shows the counts in its menu. Each count is the queue's own query, narrowed to the
// caller's scope: 审核工作台 through the workbench's taskScope, 新进账号管理 to the units where the
// caller is administrator or handler. Unit staff work only in real-person sessions (R12): a password
// session is told so instead of being given a count it could not act on.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { type Actor, REAL_PERSON_ROLES, unitsWithRole } from "../../../domain/authorization.js";
import type { Prisma } from "../../../prisma/generated/client.js";
import { BINDING_TASK_KIND } from "../../../workflows/contracts.js";
import type { AppEnv } from "../../context.js";
import { dataResponse, defineRoute } from "../../route.js";
import { requirePerson } from "../../sessions.js";
import { taskScope } from "../tasks/task-scope.js";

type PersonActor = Extract<Actor, { kind: "PERSON" }>;

/** Who works the workbench: the roles of GET /tasks. */
const WORKBENCH_ROLES = ["PLATFORM_REVIEWER", "PLATFORM_SUPERVISOR", ...REAL_PERSON_ROLES] as const;
const PLATFORM_REVIEW_ROLES = ["PLATFORM_REVIEWER", "PLATFORM_SUPERVISOR"] as const;
const PENDING_TASK: Prisma.HumanTaskWhereInput = { status: { in: ["OPEN", "CLAIMED"] } };

const workQueue = z
  .object({
    /** TASKS: 审核工作台; INCOMING_ACCOUNTS: 统一门户子系统 → 新进账号管理. */
    queue: z.enum(["TASKS", "INCOMING_ACCOUNTS"]),
    /** What waits in the queue within the caller's scope; null when the session may not see it (R12). */
    pending: z.number().int().nullable(),
    /** TASKS: pending tasks past their due time; null for other queues. */
    overdue: z.number().int().nullable(),
    /** TASKS: tasks the caller claimed; null for other queues. */
    mine: z.number().int().nullable(),
    /** R12: part or all of the queue needs a real-person session (QR login or step-up). */
    realPersonRequired: z.boolean(),
  })
  .openapi("WorkQueue");

const workSummary = z
  .object({
    /** Distinct items waiting: a binding request counts once, though both of its queues list it. */
    total: z.number().int(),
    realPersonRequired: z.boolean(),
    /** The queues the caller can work, empty for an applicant. */
    queues: z.array(workQueue),
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

  if (holdsAny(actor, WORKBENCH_ROLES)) {
    // A handler's password session sees no task at all: say so rather than "0".
    const visible = holdsAny(actor, PLATFORM_REVIEW_ROLES) || !realPersonRequired;
    const scope = taskScope(actor);
    const [pending, overdue, mine] = visible
      ? await Promise.all([
          db.humanTask.count({ where: { AND: [scope, PENDING_TASK] } }),
          db.humanTask.count({ where: { AND: [scope, PENDING_TASK, { dueAt: { lt: now } }] } }),
          db.humanTask.count({ where: { AND: [scope, { status: "CLAIMED", assigneeId: actor.personId }] } }),
        ])
      : [null, null, null];
    queues.push({ queue: "TASKS", pending, overdue, mine, realPersonRequired });
    total += pending ?? 0;
  }

  if (unitStaff) {
    let pending: number | null = null;
    if (!realPersonRequired) {
      // The 新进账号管理 list's own filter (open requests of the unit), over every unit the caller works for.
      const [incoming, alsoTasks] = await Promise.all([
        db.bindingRequest.count({ where: { unitId: { in: units }, openPersonId: { not: null } } }),
        // Each open binding request is also a task of the unit queue, already counted above.
        db.humanTask.count({
          where: { kind: BINDING_TASK_KIND, queue: "UNIT", unitId: { in: units }, ...PENDING_TASK },
        }),
      ]);
      pending = incoming;
      total += Math.max(0, incoming - alsoTasks);
    }
    queues.push({ queue: "INCOMING_ACCOUNTS", pending, overdue: null, mine: null, realPersonRequired });
  }

  return c.json({ data: { total, realPersonRequired, queues } }, 200);
});
