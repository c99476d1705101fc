// The bindingRequest workflow of a stored request: started once, found again after a crash. An API
// that stopped between storing a request and starting its workflow leaves a request without one;
// whoever touches it next (the person, the unit) starts it, so no request is lost.
import { WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError } from "@temporalio/client";
import { ApplicationFailure, WorkflowNotFoundError } from "@temporalio/common";
import { AppError } from "../../../domain/errors.js";
import type { BindingRequest } from "../../../prisma/generated/client.js";
import { OTHER_REQUEST } from "../../../workflows/contracts.js";
import type { bindingRequest } from "../../../workflows/index.js";
import type { AppDependencies } from "../../context.js";
import { describeWithin, startWorkflowWithin } from "../../workflow-calls.js";

/**
 * Starts the request's workflow unless it runs already (a retried submission after a crash).
 * The person's previous request may still be finishing under the same id: wait for it briefly.
 */
export async function ensureBindingWorkflow(deps: AppDependencies, request: BindingRequest): Promise<void> {
  const { temporal, config } = deps;
  for (let attempt = 0; ; attempt++) {
    try {
      await startWorkflowWithin<typeof bindingRequest>(deps, "bindingRequest", {
        taskQueue: config.temporal.taskQueue,
        workflowId: request.workflowId,
        workflowIdConflictPolicy: "FAIL",
        workflowIdReusePolicy: "ALLOW_DUPLICATE",
        memo: { requestId: request.id },
        args: [
          {
            requestId: request.id,
            personId: request.personId,
            unitId: request.unitId,
            timings: config.bindingRequest,
          },
        ],
      });
      return;
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      const running = await describeWithin(deps, request.workflowId);
      if (running.memo?.requestId === request.id) return;
      if (attempt >= 10) throw new AppError("SERVICE_UNAVAILABLE", { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/**
 * Sends to the request's workflow; an open request whose workflow never started gets it first (the
 * person's workflow id then names no run, or the run of their previous request).
 */
export async function sendToBindingWorkflow<T>(
  deps: AppDependencies,
  request: BindingRequest,
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
    if (!notStarted || request.openPersonId === null) throw error;
    await ensureBindingWorkflow(deps, request);
    return send();
  }
}
