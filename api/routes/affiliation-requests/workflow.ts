// The affiliationRequest workflow of a stored request: started once, found again after a crash. An
// API that stopped between storing a request and starting its workflow leaves a request without one;
// whoever touches it next (the unit, its superior) starts it, so no request is lost.
import { AppError } from "../../../domain/errors.js";
import type { AffiliationRequest } from "../../../prisma/generated/client.js";
import type { affiliationRequest } from "../../../workflows/index.js";
import type { AppDependencies } from "../../context.js";
import { ensureRequestWorkflow, sendToRequestWorkflow } from "../../workflow-calls.js";

/**
 * Starts the request's workflow unless it runs already (a retried submission after a crash), with
 * the configured timings fixed for its life. The unit's previous request may still be finishing
 * under the same id: wait for it briefly, else 503 SERVICE_UNAVAILABLE.
 */
export async function ensureAffiliationWorkflow(
  deps: AppDependencies,
  request: AffiliationRequest,
): Promise<void> {
  const runs = await ensureRequestWorkflow<typeof affiliationRequest>(
    deps,
    "affiliationRequest",
    request.id,
    {
      taskQueue: deps.config.temporal.taskQueue,
      workflowId: request.workflowId,
      args: [
        {
          requestId: request.id,
          unitId: request.unitId,
          superiorUnitId: request.superiorUnitId,
          timings: deps.config.affiliationRequest,
        },
      ],
    },
    2000,
  );
  if (runs === "other") throw new AppError("SERVICE_UNAVAILABLE");
}

/** Sends to the request's workflow, starting it first when it never started (see sendToRequestWorkflow). */
export function sendToAffiliationWorkflow<T>(
  deps: AppDependencies,
  request: AffiliationRequest,
  send: () => Promise<T>,
): Promise<T> {
  return sendToRequestWorkflow(
    { open: request.openUnitId !== null, start: () => ensureAffiliationWorkflow(deps, request) },
    send,
  );
}
