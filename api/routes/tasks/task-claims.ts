// The workbench's one claim rule, for every kind of task (platform reviews and a unit's binding,
// affiliation and title-application tasks alike), wherever the decision is taken (审核工作台,
// 新进账号管理, a unit's page, 职称申报): claiming is not required. Deciding claims an unclaimed open
// task, so the workbench shows who is deciding; a task someone else claimed stays theirs until they
// release it (a platform supervisor takes a platform task over by claiming it, see `supervises`).
import type { Actor } from "../../../domain/authorization.js";
import { AppError, type ErrorCode } from "../../../domain/errors.js";
import { contactOf } from "../../../domain/explanations.js";
import { maskName } from "../../../domain/masking.js";
import type { HumanTask } from "../../../prisma/generated/client.js";
import type { AppDependencies } from "../../context.js";

type PersonActor = Extract<Actor, { kind: "PERSON" }>;

/**
 * Supervisors may take over or free a platform task that another reviewer claimed, so no claim
 * strands a task (a claimer on leave); everyone else acts only on their own claims.
 */
export function supervises(actor: Actor, row: Pick<HumanTask, "queue">): boolean {
  return (
    row.queue !== "UNIT" &&
    actor.kind === "PERSON" &&
    actor.roles.some((g) => g.role === "PLATFORM_SUPERVISOR")
  );
}

/**
 * Why a claim or release failed: TASK_CLAIMED_BY_OTHER naming who holds the task (masked) and the
 * next step (wait for them or ask them to release it; a platform supervisor may take a platform task
 * over), or the `otherwise` error when nobody else holds it. The caller has checked that the actor
 * may see the task.
 */
export async function claimedByOther(
  deps: AppDependencies,
  taskId: string,
  otherwise: ErrorCode = "TASK_NOT_IN_REVIEW",
): Promise<AppError> {
  return (await holderRefusal(deps, taskId)) ?? new AppError(otherwise);
}

/** TASK_CLAIMED_BY_OTHER when someone holds the task, else null. */
async function holderRefusal(deps: AppDependencies, taskId: string): Promise<AppError | null> {
  const row = await deps.db.humanTask.findUnique({ where: { id: taskId } });
  const assignee =
    row?.status === "CLAIMED" && row.assigneeId
      ? await deps.db.person.findUnique({ where: { id: row.assigneeId }, select: { id: true, name: true } })
      : null;
  if (!row || !assignee) return null;
  // The assignee's own unit (a reviewer's HR department, a colleague's unit), else the task's unit.
  const binding = await deps.db.binding.findUnique({
    where: { activePersonId: assignee.id },
    select: { unit: { select: { id: true, name: true } } },
  });
  const unit =
    binding?.unit ??
    (row.unitId
      ? await deps.db.unit.findUnique({ where: { id: row.unitId }, select: { id: true, name: true } })
      : null);
  const label = { "zh-CN": "任务领取人", en: "Claimed by" };
  const contact = unit ? contactOf(assignee, { role: "TASK_ASSIGNEE", label }, unit) : null;
  const who = assignee.name?.trim() ? maskName(assignee.name) : "";
  const remedy =
    row.queue === "UNIT"
      ? {
          "zh-CN": `该任务已由本单位的${who || "其他人员"}领取：请等待其处理，或请其在审核工作台释放该任务后再办理`,
          en: `${who || "A colleague"} of your unit claimed this task: wait for their decision, or ask them to release it in the workbench`,
        }
      : {
          "zh-CN": `该任务已由审核人员${who}领取：请等待其处理，或请其释放该任务；领取人无法处理时，平台主管可接管`,
          en: `Reviewer ${who} claimed this task: wait for their decision or ask them to release it; a platform supervisor can take it over`,
        };
  return new AppError("TASK_CLAIMED_BY_OTHER", {
    details: { remedy, contacts: contact ? [contact] : [] },
  });
}

/**
 * The claim rule at decision time: claims the open task for the decider unless someone else holds
 * it (TASK_CLAIMED_BY_OTHER). A task that is no longer open is left alone: the workflow answers
 * that decision (already decided, or a retry of the decider's own). Call it after the decision's
 * own checks (scope, session, reason) and before the Update is sent.
 */
export async function claimForDecision(
  deps: AppDependencies,
  actor: PersonActor,
  task: Pick<HumanTask, "id" | "status"> | null,
): Promise<void> {
  if (!task || (task.status !== "OPEN" && task.status !== "CLAIMED")) return;
  // Conditional update: of two deciders at once, the one whose claim lands first keeps the task.
  // Raw, as every decision makes it (issue 14: half the CPU of Prisma's updateMany).
  const count = await deps.db.$executeRaw`
    UPDATE "HumanTask" SET "assigneeId" = ${actor.personId}, "status" = 'CLAIMED'
    WHERE "id" = ${task.id} AND "status" IN ('OPEN', 'CLAIMED')
      AND ("assigneeId" IS NULL OR "assigneeId" = ${actor.personId})`;
  if (count > 0) return;
  const refusal = await holderRefusal(deps, task.id);
  if (refusal) throw refusal;
}
