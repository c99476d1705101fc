// How long an activity may take before Temporal retries it elsewhere: the time a request waits
// when the worker running it dies (kill -9, a crash). Short steps get short timeouts, so
// recovery takes seconds, not the half minute a one-size timeout costs.
import {
  type ActivityInterfaceFor,
  type ActivityOptions,
  type LocalActivityOptions,
  patched,
  proxyActivities,
  proxyLocalActivities,
} from "@temporalio/workflow";

/** Retries back off from 1 s to 1 min and never give up: every activity is idempotent. */
export const retry = {
  initialInterval: "1 second",
  maximumInterval: "1 minute",
  backoffCoefficient: 2,
} as const;

/** Database steps: milliseconds normally, a few seconds when another process holds the write lock. */
export const databaseSteps: ActivityOptions = { startToCloseTimeout: "5 seconds", retry };

/** The same steps run as local activities (see databaseActivities). */
export const localDatabaseSteps: LocalActivityOptions = { startToCloseTimeout: "5 seconds", retry };

/** Calls to outside services (SMS gateway, business registry), whose own timeouts are shorter. */
export const serviceCalls: ActivityOptions = { startToCloseTimeout: "15 seconds", retry };

/**
 * SMS notices as local activities (see noticeActivities): the first attempt runs inside the workflow
 * task; every retry waits on a workflow timer (`localRetryThreshold` below the first 1 s backoff). A
 * notice step only stores the notice (ports.sms.queue), so a retry follows a database error, never
 * the gateway's: the gateway's own retries are the notice sender's (lib/notice-outbox.ts).
 */
export const localNotices: LocalActivityOptions = {
  ...serviceCalls,
  localRetryThreshold: "1 millisecond",
};

/**
 * The patch that made database steps local activities (issue 14 item 2). Histories recorded before it
 * have no marker and replay with the steps as ordinary activities.
 */
export const LOCAL_DATABASE_STEPS = "local-database-steps";

/**
 * The patch that made the SMS notices of the request workflows (binding, affiliation, unit
 * registration, contact mobile change, title application) local activities (issue 14 item 2).
 * Histories recorded before it have no marker and replay with the notices as ordinary activities.
 */
export const LOCAL_NOTICES = "local-notices";

/**
 * The patch that merged a binding request's steps (issue 14): the submission's timeline entry and
 * task in one local activity, and the decision's task, acceptance or rejection and timeline entry
 * in one local activity and one transaction. Histories recorded before it replay with the separate
 * steps.
 */
export const BINDING_MERGED_STEPS = "binding-merged-steps";

/**
 * The platform's short database steps, as local activities: they run in the worker that runs the
 * workflow task, inside that task, so a step costs one SQLite transaction instead of a schedule →
 * poll → start → complete round trip through the Temporal server (measured 30–40 ms each, idle), and
 * the steps that follow a decision finish in the same workflow task as the Update that carried it.
 * Each step is idempotent (keyed writes), as a local activity retried after a worker crash runs
 * again. Steps of workflows running before the change stay ordinary activities (`patched`).
 */
export function databaseActivities<A>(): ActivityInterfaceFor<A> {
  return localOncePatched<A>(LOCAL_DATABASE_STEPS, databaseSteps, localDatabaseSteps);
}

/**
 * SMS notices (keyed by their idempotency key, so a rerun sends nothing twice) as local activities:
 * a decision's notice is stored in the workflow task of the Update that carried the decision, which
 * then also completes the workflow, instead of costing an activity task and one more workflow task
 * (measured ~15 ms of Temporal server and worker CPU per request). The step only stores the notice
 * (ports.sms.queue: one INSERT); the worker's notice sender (lib/notice-outbox.ts) calls the gateway
 * in the background, so the Update's answer never waits for it (issue 14: a local activity holds its
 * workflow task, and with it the Update's answer, until it returns). Notices of workflows running
 * before the change stay ordinary activities (`patched`).
 */
export function noticeActivities<A>(): ActivityInterfaceFor<A> {
  return localOncePatched<A>(LOCAL_NOTICES, serviceCalls, localNotices);
}

/** Activities that run as local activities once `patch` is recorded, as ordinary ones before it. */
function localOncePatched<A>(
  patch: string,
  remoteOptions: ActivityOptions,
  localOptions: LocalActivityOptions,
): ActivityInterfaceFor<A> {
  const remote = proxyActivities<A>(remoteOptions) as Record<string, (...args: unknown[]) => unknown>;
  const local = proxyLocalActivities<A>(localOptions) as Record<string, (...args: unknown[]) => unknown>;
  return new Proxy(
    {},
    {
      get(_, name) {
        if (typeof name !== "string") return undefined;
        return (...args: unknown[]) => (patched(patch) ? local : remote)[name]!(...args);
      },
    },
  ) as ActivityInterfaceFor<A>;
}
