// Turns what Temporal answers to an Update into the API's errors: a validator's typed
// ApplicationFailure becomes the mapped code, a finished workflow becomes `closed`.
import { WorkflowUpdateFailedError } from "@temporalio/client";
import { ApplicationFailure, WorkflowNotFoundError } from "@temporalio/common";
import { AppError, type ErrorCode } from "../domain/errors.js";

export async function mapWorkflowErrors<T>(
  work: () => Promise<T>,
  codes: { byFailureType: Record<string, ErrorCode>; closed: ErrorCode },
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      const code = error.cause.type ? codes.byFailureType[error.cause.type] : undefined;
      if (code) throw new AppError(code, { cause: error });
      if (error.cause.type === "AcceptedUpdateCompletedWorkflow")
        throw new AppError(codes.closed, { cause: error });
    }
    if (error instanceof WorkflowNotFoundError) throw new AppError(codes.closed, { cause: error });
    throw error;
  }
}
