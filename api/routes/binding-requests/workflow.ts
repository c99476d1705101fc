// The bindingRequest workflow of a stored request: started once, found again after a crash. An API
// that stopped between storing a request and starting its workflow leaves a request without one;
// whoever touches it next (the person, the unit) starts it, so no request is lost.
import { AppError } from "../../../domain/errors.js";
import type { BindingRequest } from "../../../prisma/generated/client.js";
import type { bindingRequest } from "../../../workflows/index.js";
import type { AppDependencies } from "../../context.js";
import { ensureRequestWorkflow, sendToRequestWorkflow } from "../../workflow-calls.js";

/** What starting a request's workflow needs of the stored request. */
type WorkflowFacts = Pick<BindingRequest, "id" | "personId" | "unitId" | "workflowId">;

/**
 * Starts the request's workflow unless it runs already (a retried submission after a crash).
 * The person's previous request may still be finishing under the same id: wait for it briefly.
 */
export async function ensureBindingWorkflow(deps: AppDependencies, request: WorkflowFacts): Promise<void> {
  const runs = await ensureRequestWorkflow<typeof bindingRequest>(
    deps,
    "bindingRequest",
    request.id,
    {
      taskQueue: deps.config.temporal.taskQueue,
      workflowId: request.workflowId,
      args: [
        {
          requestId: request.id,
          personId: request.personId,
          unitId: request.unitId,
          timings: deps.config.bindingRequest,
        },
      ],
    },
    2000,
  );
  if (runs === "other") throw new AppError("SERVICE_UNAVAILABLE");
}

/**
 * Sends to the request's workflow; an open request whose workflow never started gets it first (the
 * person's workflow id then names no run, or the run of their previous request).
 */
export async function sendToBindingWorkflow<T>(
  deps: AppDependencies,
  request: WorkflowFacts & Pick<BindingRequest, "openPersonId">,
  send: () => Promise<T>,
): Promise<T> {
  return sendToRequestWorkflow(
    { open: request.openPersonId !== null, start: () => ensureBindingWorkflow(deps, request) },
    send,
  );
}
