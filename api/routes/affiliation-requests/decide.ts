// The superior unit's decision on an affiliation request (R13), from 单位基础信息管理 or the
// workbench: the workflow's Update validator is the arbiter, so of two deciders at once exactly one
// wins, and the approval's transaction refuses a cycle.

import { CYCLE_AT_APPROVAL } from "../../../domain/affiliation.js";
import { type Actor, REAL_PERSON_ROLES } from "../../../domain/authorization.js";
import { AppError } from "../../../domain/errors.js";
import { maskName } from "../../../domain/masking.js";
import { type AuditOrigin, recordDecisionOrigin } from "../../../lib/audit.js";
import {
  AFFILIATION_CYCLE,
  AFFILIATION_TASK_KIND,
  decideAffiliationRequest,
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
import { holdsUnitRole } from "./affiliation-request-view.js";
import { sendToAffiliationWorkflow } from "./workflow.js";

/** `clientKey`: the request's Idempotency-Key header, if any (see decisionKey). */
export type AffiliationDecision = { decision: "APPROVE" | "REJECT"; reason?: string; clientKey?: string };

/**
 * Decides as the actor, a decider of the superior unit in a real-person session (R12); answers the
 * final state (APPROVED or REJECTED). Refusals: AFFILIATION_REQUEST_NOT_FOUND (a stranger to both
 * units), FORBIDDEN_UNIT_SCOPE (the requesting unit's staff), REAL_PERSON_SESSION_REQUIRED,
 * DECISION_REASON_REQUIRED, REQUEST_ALREADY_DECIDED (closed, or settled meanwhile), AFFILIATION_CYCLE
 * (409: approving now would close a cycle; the request stays open).
 */
export async function decideAffiliationRequestAs(
  deps: AppDependencies,
  actor: Extract<Actor, { kind: "PERSON" }>,
  requestId: string,
  { decision, reason, clientKey }: AffiliationDecision,
  origin: AuditOrigin,
): Promise<"APPROVED" | "REJECTED"> {
  const [request, task] = await Promise.all([
    deps.db.affiliationRequest.findUnique({ where: { id: requestId } }),
    deps.db.humanTask.findUnique({
      where: { requestId_kind_step: { requestId, kind: AFFILIATION_TASK_KIND, step: 0 } },
    }),
  ]);
  if (!request || !(holdsUnitRole(actor, request.superiorUnitId) || holdsUnitRole(actor, request.unitId))) {
    throw new AppError("AFFILIATION_REQUEST_NOT_FOUND");
  }
  const decider = actor.roles.find(
    (g) => g.unitId === request.superiorUnitId && REAL_PERSON_ROLES.includes(g.role),
  );
  if (!decider) throw new AppError("FORBIDDEN_UNIT_SCOPE", { details: { unitId: request.superiorUnitId } });
  if (actor.strength !== "REAL_PERSON") throw new AppError("REAL_PERSON_SESSION_REQUIRED");
  // After an approval refused for a cycle, the same decision is a new attempt (the hierarchy may
  // have changed since): its derived key changes, or Temporal would answer it with the refusal.
  const refused = await deps.db.requestEvent.count({
    where: { requestType: "AFFILIATION_REQUEST", requestId, kind: "APPROVAL_NOT_APPLICABLE" },
  });
  const key = decisionKey(actor.personId, {
    requestId,
    decision,
    clientKey: clientKey ?? (refused > 0 ? `${decision}:${refused}` : undefined),
  });
  // A retry of a decision already applied gets its outcome, not "already decided by a colleague".
  // While the request is open the decision is still being applied (an approval may yet be taken
  // back for a cycle): the retry goes to the workflow under the same key and gets the first's answer.
  if (task?.decisionKey === key && request.openUnitId === null) {
    return decision === "APPROVE" ? "APPROVED" : "REJECTED";
  }
  if (decision === "REJECT" && !reason?.trim())
    throw new AppError("DECISION_REASON_REQUIRED", { field: "reason" });
  if (request.openUnitId === null) throw new AppError("REQUEST_ALREADY_DECIDED");
  // The workbench's claim rule holds on the unit's page too: deciding claims; a colleague's claim refuses.
  await claimForDecision(deps, actor, task);
  const person = await deps.db.person.findUniqueOrThrow({ where: { id: actor.personId } });
  await recordDecisionOrigin(deps.db, key, origin);
  const outcome = decision === "APPROVE" ? "APPROVED" : "REJECTED";
  const send = async () => {
    const state = await mapWorkflowErrors(
      () =>
        sendToAffiliationWorkflow(deps, request, () =>
          executeUpdateWithin(
            deps,
            deps.temporal.workflow.getHandle(request.workflowId),
            decideAffiliationRequest,
            {
              updateId: key,
              args: [
                {
                  requestId: request.id,
                  decision,
                  reason: reason?.trim() || undefined,
                  deciderId: actor.personId,
                  deciderRole: decider.role,
                  deciderLabel: maskName(person.name),
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
          [AFFILIATION_CYCLE]: "AFFILIATION_CYCLE",
        },
        closed: "REQUEST_ALREADY_DECIDED",
        details: { unitId: request.superiorUnitId },
      },
    ).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "AFFILIATION_CYCLE") {
        throw new AppError("AFFILIATION_CYCLE", { ...CYCLE_AT_APPROVAL, cause: error });
      }
      throw error;
    });
    // The request expired (or was withdrawn) while this decision was on its way: it was not applied.
    if (state !== "APPROVED" && state !== "REJECTED") throw new AppError("REQUEST_ALREADY_DECIDED");
    return state;
  };
  // Refused although applied (a retried workflow task): the database's record answers.
  return answerAppliedDecision(deps, { requestId, kind: AFFILIATION_TASK_KIND, key }, send, outcome);
}
