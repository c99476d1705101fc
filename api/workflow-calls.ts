// Every call from the API into a workflow: answered within a bounded time, and what Temporal
// answers is turned into the API's errors (a validator's typed ApplicationFailure becomes the
// mapped code, a finished workflow becomes `closed`).
import { z } from "@hono/zod-openapi";
import {
  isGrpcServiceError,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  type WorkflowExecutionDescription,
  type WorkflowHandle,
  type WorkflowStartOptions,
  WorkflowUpdateFailedError,
  type WorkflowUpdateHandle,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  WorkflowUpdateStage,
} from "@temporalio/client";
import {
  ApplicationFailure,
  type UpdateDefinition,
  type Workflow,
  WorkflowNotFoundError,
} from "@temporalio/common";
import { AppError, type ErrorCode, isExplainedRefusal } from "../domain/errors.js";
import { OTHER_REQUEST } from "../workflows/contracts.js";
import type { AppDependencies } from "./context.js";

export async function mapWorkflowErrors<T>(
  work: () => Promise<T>,
  codes: {
    byFailureType: Record<string, ErrorCode>;
    closed: ErrorCode;
    /** Facts for the mapped refusals (EXPLAINED_REFUSALS), e.g. the unit, so that they can say who can help. */
    details?: Record<string, unknown>;
  },
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      const code = error.cause.type ? codes.byFailureType[error.cause.type] : undefined;
      if (code) {
        throw new AppError(code, {
          cause: error,
          details: isExplainedRefusal(code) ? codes.details : undefined,
        });
      }
      if (error.cause.type === "AcceptedUpdateCompletedWorkflow")
        throw new AppError(codes.closed, { cause: error });
    }
    if (error instanceof WorkflowNotFoundError) throw new AppError(codes.closed, { cause: error });
    throw error;
  }
}

/**
 * Sends to a stored request's workflow whose id is a business key that later requests reuse (a
 * person, a unit). An open request whose workflow never started (the API stopped in between) finds
 * the id naming no run, or the run of an earlier request (its validator answers OTHER_REQUEST):
 * `start` starts it (ensureRequestWorkflow), and the send is repeated.
 */
export async function sendToRequestWorkflow<T>(
  request: { open: boolean; start: () => Promise<void> },
  send: () => Promise<T>,
): Promise<T> {
  try {
    return await send();
  } catch (error) {
    const notStarted =
      error instanceof WorkflowNotFoundError ||
      (error instanceof WorkflowUpdateFailedError &&
        error.cause instanceof ApplicationFailure &&
        error.cause.type === OTHER_REQUEST);
    if (!notStarted || !request.open) throw error;
    await request.start();
    return send();
  }
}

/**
 * Starts a workflow within `config.temporal.startTimeoutSeconds`. Temporal unreachable or too slow
 * answers 503 SERVICE_UNAVAILABLE (nothing was started: the caller may retry);
 * WorkflowExecutionAlreadyStartedError is thrown as it is, for callers that handle a duplicate.
 */
export async function startWorkflowWithin<T extends Workflow>(
  deps: Pick<AppDependencies, "temporal" | "config" | "logger">,
  workflowType: string,
  options: WorkflowStartOptions<T>,
): Promise<void> {
  const deadline = Date.now() + deps.config.temporal.startTimeoutSeconds * 1000;
  try {
    await deps.temporal.withDeadline(deadline, () => deps.temporal.workflow.start<T>(workflowType, options));
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) throw error;
    deps.logger.error(
      { err: error, workflowType, workflowId: options.workflowId },
      "could not start workflow",
    );
    throw new AppError("SERVICE_UNAVAILABLE", { cause: error });
  }
}

/**
 * Starts the workflow of a stored request whose workflow id is a business key that later requests
 * reuse (a USCC, a person, a unit), unless the request's own run is there already (a retry after a
 * lost answer or a crash): `memo.requestId` tells the runs apart. Returns "mine" when the request's
 * run is running, "other" when the id still runs another request after `waitForOtherMs` (an
 * earlier request may be finishing). Temporal away is 503 SERVICE_UNAVAILABLE; the request stays
 * stored, so whoever touches it next starts it.
 */
export async function ensureRequestWorkflow<T extends Workflow>(
  deps: Pick<AppDependencies, "temporal" | "config" | "logger">,
  workflowType: string,
  requestId: string,
  options: WorkflowStartOptions<T>,
  waitForOtherMs = 0,
): Promise<"mine" | "other"> {
  const giveUpAt = Date.now() + waitForOtherMs;
  for (;;) {
    try {
      await startWorkflowWithin<T>(deps, workflowType, {
        ...options,
        workflowIdConflictPolicy: "FAIL",
        workflowIdReusePolicy: "ALLOW_DUPLICATE",
        memo: { ...options.memo, requestId },
      });
      return "mine";
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      const { memo } = await describeWithin(deps, options.workflowId);
      // Registrations started before requestId was the memo's key carry registrationId.
      if ((memo?.requestId ?? memo?.registrationId) === requestId) return "mine";
      if (Date.now() >= giveUpAt) return "other";
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Describes a workflow within `config.temporal.startTimeoutSeconds`, else 503 SERVICE_UNAVAILABLE. */
export async function describeWithin(
  deps: Pick<AppDependencies, "temporal" | "config">,
  workflowId: string,
): Promise<WorkflowExecutionDescription> {
  const deadline = Date.now() + deps.config.temporal.startTimeoutSeconds * 1000;
  try {
    return await deps.temporal.withDeadline(deadline, () =>
      deps.temporal.workflow.getHandle(workflowId).describe(),
    );
  } catch (error) {
    throw new AppError("SERVICE_UNAVAILABLE", { cause: error });
  }
}

/**
 * Sends an Update (a decision, a withdrawal, a step of a face check) and answers within
 * `config.temporal.updateTimeoutSeconds`, whatever state the worker or the server is in:
 * - the handler's result once the workflow has applied it;
 * - 503 ACTION_NOT_CONFIRMED (`details.taken: false`) when no worker accepted it in time: nothing
 *   was taken yet, and a retry with the same `updateId` is applied at most once;
 * - 503 ACTION_ACCEPTED_PENDING (`details.taken: true`) when it was accepted (validated and
 *   recorded in the workflow's history) but its effects are still being applied.
 * Validator failures and a finished workflow are thrown as Temporal raises them (see
 * mapWorkflowErrors). `updateId` deduplicates: Temporal answers a repeated id with the outcome
 * of the first Update of that id, even after the workflow has finished.
 */
export async function executeUpdateWithin<Ret, Args extends unknown[]>(
  deps: Pick<AppDependencies, "temporal" | "config" | "logger">,
  handle: WorkflowHandle,
  update: UpdateDefinition<Ret, Args>,
  options: { args: Args; updateId?: string },
): Promise<Ret> {
  const deadline = Date.now() + deps.config.temporal.updateTimeoutSeconds * 1000;
  let taken = false;
  try {
    return await deps.temporal.withDeadline(deadline, async () => {
      // startUpdate's overloads cannot be matched by a generic Args: call it through its plain shape.
      const startUpdate = handle.startUpdate.bind(handle) as (
        def: UpdateDefinition<Ret, Args>,
        opts: { args: Args; updateId?: string; waitForStage: typeof WorkflowUpdateStage.ACCEPTED },
      ) => Promise<WorkflowUpdateHandle<Ret>>;
      const accepted = await startUpdate(update, { ...options, waitForStage: WorkflowUpdateStage.ACCEPTED });
      taken = true;
      return accepted.result();
    });
  } catch (error) {
    // The SDK wraps gRPC failures in its ServiceError; both mean the server did not answer.
    const unanswered =
      error instanceof WorkflowUpdateRPCTimeoutOrCancelledError ||
      error instanceof ServiceError ||
      isGrpcServiceError(error);
    if (!unanswered) throw error;
    deps.logger.warn(
      { err: error, workflowId: handle.workflowId, update: update.name, taken },
      "workflow update not answered in time",
    );
    throw new AppError(taken ? "ACTION_ACCEPTED_PENDING" : "ACTION_NOT_CONFIRMED", {
      cause: error,
      details: { taken },
    });
  }
}

/** The optional `Idempotency-Key` request header of the routes that decide (1–100 of A–Z a–z 0–9 _ - : .). */
export const idempotencyKeyHeader = z.object({
  "idempotency-key": z
    .string()
    .regex(/^[\w:.-]{1,100}$/)
    .optional()
    .openapi({
      description: "Repeat it when retrying: the decision is applied once, the retry gets its outcome",
    }),
});

/**
 * The Update id of a decision (item 2 of the durability issue): the client's Idempotency-Key,
 * or one derived from the decision itself, so a plain retry of the same decision by the same
 * person is applied once too. Scoped to the decider: nobody obtains or blocks another's outcome.
 */
export function decisionKey(
  deciderId: string,
  decision: { requestId: string; decision: string; clientKey?: string },
): string {
  return `decision:${deciderId}:${decision.requestId}:${decision.clientKey ?? decision.decision}`;
}

/**
 * Issue 14: the answer a refused decision gets when its steps were applied after all. A workflow
 * task retried with its Updates in another order may refuse (NOT_IN_REVIEW → REQUEST_ALREADY_DECIDED)
 * a decision whose steps an earlier attempt already wrote; the database is the arbiter, so when the
 * request's task (step 0 of `kind`) records this decision's `key` the caller gets `applied` instead of
 * the refusal. Any other error, or another key, is rethrown.
 */
export async function answerAppliedDecision<T>(
  deps: Pick<AppDependencies, "db">,
  task: { requestId: string; kind: string; key: string },
  send: () => Promise<T>,
  applied: T,
): Promise<T> {
  const recorded = async () => {
    const row = await deps.db.humanTask.findUnique({
      where: { requestId_kind_step: { requestId: task.requestId, kind: task.kind, step: 0 } },
      select: { decisionKey: true },
    });
    return row?.decisionKey === task.key;
  };
  try {
    return await send();
  } catch (error) {
    if (error instanceof AppError && error.code === "REQUEST_ALREADY_DECIDED" && (await recorded())) {
      return applied;
    }
    throw error;
  }
}

/**
 * Issue 14: a withdrawal refused as closed (REQUEST_CLOSED, or answered with another state) while the
 * stored status is WITHDRAWN was applied by an earlier attempt of the workflow's task: it answers as a
 * withdrawal. `storedStatus` reads the request's status from the database.
 */
export async function answerAppliedWithdrawal(
  send: () => Promise<string>,
  storedStatus: () => Promise<string | undefined>,
): Promise<void> {
  let state: string;
  try {
    state = await send();
  } catch (error) {
    if (
      error instanceof AppError &&
      error.code === "REQUEST_CLOSED" &&
      (await storedStatus()) === "WITHDRAWN"
    )
      return;
    throw error;
  }
  // It was decided or expired while the withdrawal was on its way.
  if (state !== "WITHDRAWN" && (await storedStatus()) !== "WITHDRAWN") throw new AppError("REQUEST_CLOSED");
}
