// How long an activity may take before Temporal retries it elsewhere: the time a request waits
// when the worker running it dies (kill -9, a crash). Short steps get short timeouts, so
// recovery takes seconds, not the half minute a one-size timeout costs.
import type { ActivityOptions } from "@temporalio/workflow";

/** Retries back off from 1 s to 1 min and never give up: every activity is idempotent. */
export const retry = {
  initialInterval: "1 second",
  maximumInterval: "1 minute",
  backoffCoefficient: 2,
} as const;

/** Database steps: milliseconds normally, a few seconds when another process holds the write lock. */
export const databaseSteps: ActivityOptions = { startToCloseTimeout: "5 seconds", retry };

/** Calls to outside services (SMS gateway, business registry), whose own timeouts are shorter. */
export const serviceCalls: ActivityOptions = { startToCloseTimeout: "15 seconds", retry };
