// The titleApplication workflow of a stored application: started once, found again after a crash.
// An API that stopped (or found Temporal away) between storing an application and starting its
// workflow leaves one without it; whoever touches it next (the applicant retrying, withdrawing, a
// node deciding) starts it, so no application is lost.
import { WorkflowExecutionAlreadyStartedError } from "@temporalio/client";
import { WorkflowNotFoundError } from "@temporalio/common";
import type { TitleApplication } from "../../../prisma/generated/client.js";
import type { titleApplication } from "../../../workflows/index.js";
import type { AppDependencies } from "../../context.js";
import { startWorkflowWithin } from "../../workflow-calls.js";

/**
 * Starts the application's workflow unless it runs (or ran) already. Its id is the application's
 * own, never reused, so a run found under it is this application's. Temporal away: 503.
 */
export async function ensureTitleApplicationWorkflow(
  deps: AppDependencies,
  row: Pick<TitleApplication, "id" | "personId" | "unitId" | "workflowId" | "status">,
): Promise<void> {
  if (!row.workflowId || !row.unitId || row.status !== "IN_PROGRESS") return;
  try {
    await startWorkflowWithin<typeof titleApplication>(deps, "titleApplication", {
      taskQueue: deps.config.temporal.taskQueue,
      workflowId: row.workflowId,
      args: [{ applicationId: row.id, personId: row.personId, unitId: row.unitId }],
      workflowIdConflictPolicy: "FAIL",
      workflowIdReusePolicy: "REJECT_DUPLICATE",
      memo: { requestId: row.id },
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/** Sends to the application's workflow; one whose workflow never started gets it first. */
export async function sendToTitleApplicationWorkflow<T>(
  deps: AppDependencies,
  row: Pick<TitleApplication, "id" | "personId" | "unitId" | "workflowId" | "status">,
  send: () => Promise<T>,
): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError) || row.status !== "IN_PROGRESS") throw error;
    await ensureTitleApplicationWorkflow(deps, row);
    return send();
  }
}
