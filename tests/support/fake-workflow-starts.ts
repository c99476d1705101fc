// API tests without a Temporal server: the app's workflow client starts nothing, but keeps one run
// per workflow id like the server does (a second start fails with WorkflowExecutionAlreadyStarted,
// `describe` returns the run's memo), so submissions behave as they would with the real one.
import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from "@temporalio/client";

type StartOptions = { workflowId: string; memo?: Record<string, unknown> };

export function fakeWorkflowStarts(temporal: Client) {
  const runs = new Map<string, StartOptions>();
  Object.assign(temporal.workflow, {
    async start(workflowType: string, options: StartOptions) {
      // A start is a round trip to the server: concurrent requests interleave around it.
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (runs.has(options.workflowId)) {
        throw new WorkflowExecutionAlreadyStartedError("already started", options.workflowId, workflowType);
      }
      runs.set(options.workflowId, options);
      return { workflowId: options.workflowId };
    },
    getHandle(workflowId: string) {
      return {
        workflowId,
        async describe() {
          const run = runs.get(workflowId);
          if (!run) throw new WorkflowNotFoundError("not found", workflowId, undefined);
          return { workflowId, memo: run.memo };
        },
      };
    },
  });
  return runs;
}
