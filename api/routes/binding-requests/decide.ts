// A unit's decision on a binding request, from 新进账号管理 or the workbench: the workflow's Update
// validator is the arbiter, so of two deciders at once exactly one wins.
import { type Actor, REAL_PERSON_ROLES } from "../../../domain/authorization.js";
import { AppError } from "../../../domain/errors.js";
import { maskName } from "../../../domain/masking.js";
import { type AuditOrigin, recordDecisionOrigin } from "../../../lib/audit.js";
import type { BindingRequest, HumanTask } from "../../../prisma/generated/client.js";
import {
  BINDING_TASK_KIND,
  decideBindingRequest,
  NOT_A_UNIT_DECIDER,
  NOT_IN_REVIEW,
  REAL_PERSON_REQUIRED,
  REASON_REQUIRED,
} from "../../../workflows/contracts.js";
import type { AppDependencies } from "../../context.js";
import {
  answerAppliedDecision,
  decisionKey,
  executeUpdateWithin,
  mapWorkflowErrors,
} from "../../workflow-calls.js";
import { claimForDecision } from "../tasks/task-claims.js";
import { sendToBindingWorkflow } from "./workflow.js";

/** `clientKey`: the request's Idempotency-Key header, if any (see decisionKey). */
export type BindingDecision = { decision: "APPROVE" | "REJECT"; reason?: string; clientKey?: string };

type DecisionFacts = {
  request: Pick<BindingRequest, "id" | "personId" | "unitId" | "openPersonId" | "workflowId"> | null;
  task: (Pick<HumanTask, "id" | "status"> & { decisionKey: string | null }) | null;
  /** The decider's name, for the masked label on the timeline (R25). */
  deciderName: string | null;
};

/**
 * What a decision needs, in ONE raw statement (the same SQL on SQLite and PostgreSQL): the request,
 * its task and the decider's name (issue 14: three Prisma statements before, ~0.45 ms of CPU each).
 */
async function decisionFacts(
  deps: AppDependencies,
  requestId: string,
  deciderId: string,
): Promise<DecisionFacts> {
  const [row] = await deps.db.$queryRaw<
    {
      id: string;
      personId: string;
      unitId: string;
      openPersonId: string | null;
      workflowId: string;
      taskId: string | null;
      taskStatus: HumanTask["status"] | null;
      taskDecisionKey: string | null;
      deciderName: string | null;
    }[]
  >`
    SELECT r."id", r."personId", r."unitId", r."openPersonId", r."workflowId",
      t."id" AS "taskId", CAST(t."status" AS TEXT) AS "taskStatus", t."decisionKey" AS "taskDecisionKey",
      (SELECT p."name" FROM "Person" p WHERE p."id" = ${deciderId}) AS "deciderName"
    FROM "BindingRequest" r
    LEFT JOIN "HumanTask" t ON t."requestId" = r."id" AND t."kind" = ${BINDING_TASK_KIND} AND t."step" = 0
    WHERE r."id" = ${requestId}`;
  if (!row) return { request: null, task: null, deciderName: null };
  const { taskId, taskStatus, taskDecisionKey, deciderName, ...request } = row;
  const task = taskId && taskStatus ? { id: taskId, status: taskStatus, decisionKey: taskDecisionKey } : null;
  return { request, task, deciderName };
}

export async function decideBindingRequestAs(
  deps: AppDependencies,
  actor: Extract<Actor, { kind: "PERSON" }>,
  requestId: string,
  { decision, reason, clientKey }: BindingDecision,
  origin: AuditOrigin,
): Promise<string> {
  const { request, task, deciderName } = await decisionFacts(deps, requestId, actor.personId);
  const decider = actor.roles.find((g) => g.unitId === request?.unitId && REAL_PERSON_ROLES.includes(g.role));
  if (!request || !decider) throw new AppError("BINDING_REQUEST_NOT_FOUND");
  if (actor.strength !== "REAL_PERSON") throw new AppError("REAL_PERSON_SESSION_REQUIRED");
  const key = decisionKey(actor.personId, { requestId, decision, clientKey });
  // A retry of a decision already taken gets its outcome, not "already decided by a colleague".
  if (task?.decisionKey === key) return decision === "APPROVE" ? "APPROVED" : "REJECTED";
  if (decision === "REJECT" && !reason?.trim())
    throw new AppError("DECISION_REASON_REQUIRED", { field: "reason" });
  if (request.openPersonId === null) throw new AppError("REQUEST_ALREADY_DECIDED");
  // The workbench's claim rule holds here too (新进账号管理): deciding claims; a colleague's claim refuses.
  await claimForDecision(deps, actor, task);
  await recordDecisionOrigin(deps.db, key, origin);
  const outcome = decision === "APPROVE" ? "APPROVED" : "REJECTED";
  const send = async () => {
    const state = await mapWorkflowErrors(
      () =>
        sendToBindingWorkflow(deps, request, () =>
          executeUpdateWithin(
            deps,
            deps.temporal.workflow.getHandle(request.workflowId),
            decideBindingRequest,
            {
              updateId: key,
              args: [
                {
                  requestId: request.id,
                  decision,
                  reason: reason?.trim() || undefined,
                  deciderId: actor.personId,
                  // The timeline names the role in the reader's language; the label is the masked name only.
                  deciderRole: decider.role,
                  deciderLabel: maskName(deciderName),
                  deciderRoles: actor.roles.map((g) => ({ role: g.role, unitId: g.unitId })),
                  strength: actor.strength,
                },
              ],
            },
          ),
        ),
      {
        byFailureType: {
          [NOT_IN_REVIEW]: "REQUEST_ALREADY_DECIDED",
          [NOT_A_UNIT_DECIDER]: "FORBIDDEN_UNIT_SCOPE",
          [REAL_PERSON_REQUIRED]: "REAL_PERSON_SESSION_REQUIRED",
          [REASON_REQUIRED]: "DECISION_REASON_REQUIRED",
        },
        closed: "REQUEST_ALREADY_DECIDED",
        details: { unitId: request.unitId },
      },
    );
    // The request expired (or was withdrawn) while this decision was on its way: it was not applied.
    if (state !== "APPROVED" && state !== "REJECTED") throw new AppError("REQUEST_ALREADY_DECIDED");
    return state;
  };
  // Refused although applied (a retried workflow task): the database's record answers.
  return answerAppliedDecision(deps, { requestId, kind: BINDING_TASK_KIND, key }, send, outcome);
}
