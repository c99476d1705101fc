// R16: a person asks to belong to a unit. The unit's administrator or a handler, in a real-person
// session (R12), accepts or rejects; the person may withdraw; an undecided request reminds the
// unit before it expires. Acceptance binds the person in one transaction (activity).
import {
  allHandlersFinished,
  condition,
  currentUpdateInfo,
  patched,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from "@temporalio/workflow";
import type { createActivities } from "../activities/index.js";
import type { StoredEntry } from "../activities/stored-event.js";
import {
  BINDING_MERGED_STEPS,
  databaseActivities,
  localDatabaseSteps,
  noticeActivities,
  serviceCalls,
} from "./activity-options.js";
import {
  BINDING_TASK_KIND,
  type BindingRequestInput,
  type BindingRequestState,
  bindingRequestStatus,
  decideBindingRequest,
  NOT_IN_REVIEW,
  NOT_THE_REQUESTER,
  OTHER_REQUEST,
  REQUEST_CLOSED,
  type UnitDecision,
  withdrawBindingRequest,
} from "./contracts.js";
import { requestTimeline } from "./request-timeline.js";
import { adoptStoredOutcome, type StoredOutcome } from "./stored-outcome.js";
import { fail, validateUnitDecision } from "./unit-decision.js";

const acts = databaseActivities<ReturnType<typeof createActivities>>();
const notify = noticeActivities<ReturnType<typeof createActivities>>();
/**
 * The decision's step with the notice's first attempt (BINDING_DECISION_NOTICE): a database step
 * that may wait for the SMS gateway, so it has the gateway's time; local (it only runs on runs that
 * have the merged steps, all recorded after the database steps became local).
 */
const decideAndNotify = proxyLocalActivities<ReturnType<typeof createActivities>>({
  ...localDatabaseSteps,
  startToCloseTimeout: serviceCalls.startToCloseTimeout,
});

/**
 * The patch that sends a decision's SMS notice in the decision's own local activity, a failed attempt
 * falling back to the notice's own step (issue 14: one workflow activation and one local activity
 * fewer per decision). Histories recorded before it replay with the notice as its own step.
 */
export const BINDING_DECISION_NOTICE = "binding-decision-notice";

export async function bindingRequest({ requestId, personId, unitId, timings }: BindingRequestInput) {
  let state: BindingRequestState = "AWAITING_DECISION";
  let decision: UnitDecision | undefined;
  let withdrawal: { reason?: string } | undefined;
  /** Set when the expiry timer fires: from then on no decision or withdrawal is accepted. */
  let expiring = false;
  const { history, record, stamp, keep } = requestTimeline("BINDING_REQUEST", requestId);
  const settled = () => decision !== undefined || withdrawal !== undefined;
  const awaiting = () => state === "AWAITING_DECISION" && !settled() && !expiring;
  const isClosed = () => state !== "AWAITING_DECISION";
  /** The key of the decision the database applied (none for a withdrawal or an expiry). */
  let appliedKey: string | undefined;

  setHandler(bindingRequestStatus, () => ({ state, history }));
  setHandler(
    decideBindingRequest,
    async (input) => {
      // The Update's id is the decision's idempotency key (see DecisionRecord).
      const taken = { ...input, decisionKey: currentUpdateInfo()?.id };
      decision = taken;
      await condition(isClosed);
      // Another outcome was stored first (a retried workflow task took another path): not applied.
      if (appliedKey !== taken.decisionKey) throw fail(NOT_IN_REVIEW, `The request is ${state}`);
      return state;
    },
    { validator: (input) => validateUnitDecision(input, { requestId, unitId }, awaiting(), state) },
  );
  setHandler(
    withdrawBindingRequest,
    async (input) => {
      withdrawal = input;
      await condition(isClosed);
      return state;
    },
    {
      validator: (input) => {
        if (input.requestId !== requestId) throw fail(OTHER_REQUEST, "This run belongs to another request");
        if (!awaiting()) throw fail(REQUEST_CLOSED, `The request is ${state}`);
        if (input.personId !== personId) throw fail(NOT_THE_REQUESTER, "Only the requester withdraws");
      },
    },
  );

  const task = { requestId, kind: BINDING_TASK_KIND };
  const expiresAt = new Date(Date.now() + timings.expirySeconds * 1000);
  const opening = { workflowId: workflowInfo().workflowId, requestId, dueAt: expiresAt.toISOString() };
  // Issue 14: the submission's and the decision's steps each in one local activity (histories
  // recorded before have two and three).
  const merged = patched(BINDING_MERGED_STEPS);
  if (merged) {
    const submitted = stamp({ kind: "SUBMITTED", actorRole: "APPLICANT" });
    keep(submitted);
    await acts.openBindingRequest({ ...opening, submitted });
  } else {
    await record({ kind: "SUBMITTED", actorRole: "APPLICANT" });
    await acts.openBindingTask(opening);
  }

  const untilReminder = (timings.expirySeconds - timings.reminderSeconds) * 1000;
  if (untilReminder > 0 && !(await condition(settled, untilReminder))) {
    await acts.changeTask({ ...task, change: "REMINDED" });
    await record({ kind: "REMINDED" });
    await notify.sendBindingRequestReminder({ requestId, deadline: expiresAt.toISOString() });
  }
  const untilExpiry = expiresAt.getTime() - Date.now();
  // The outcome is stored and recorded before `state` changes: an Update's caller, answered once
  // the state changes, then finds the request's history complete.
  type Outcome = Exclude<BindingRequestState, "AWAITING_DECISION">;
  let outcome: Outcome;
  /** Whether the decision's step already sent the outcome's notice (BINDING_DECISION_NOTICE). */
  let noticeSent = false;
  if (!settled() && (untilExpiry <= 0 || !(await condition(settled, untilExpiry)))) {
    expiring = true;
    await acts.changeTask({ ...task, change: "CANCELLED", outcome: "EXPIRED" });
    const stored = await acts.closeBindingRequest({ requestId, status: "EXPIRED" });
    ({ outcome, decisionKey: appliedKey } = adoptStoredOutcome<Outcome>("EXPIRED", undefined, stored));
    await record({ kind: outcome });
  } else if (withdrawal) {
    await acts.changeTask({ ...task, change: "CANCELLED", outcome: "WITHDRAWN" });
    const stored = await acts.closeBindingRequest({
      requestId,
      status: "WITHDRAWN",
      actorId: personId,
      reason: withdrawal.reason,
    });
    const adopted = adoptStoredOutcome<Outcome>("WITHDRAWN", undefined, stored);
    ({ outcome, decisionKey: appliedKey } = adopted);
    await record(
      adopted.adopted
        ? { kind: outcome }
        : { kind: outcome, actorId: personId, actorRole: "APPLICANT", reason: withdrawal.reason },
    );
  } else if (merged) {
    const verdict = decision!;
    const intended: Outcome = verdict.decision === "APPROVE" ? "APPROVED" : "REJECTED";
    const entry = stamp({
      kind: intended,
      actorId: verdict.deciderId,
      actorRole: verdict.deciderRole,
      actorLabel: verdict.deciderLabel,
      reason: verdict.reason,
    });
    const decided = {
      actorId: verdict.deciderId,
      decision: verdict.decision,
      reason: verdict.reason,
      decisionKey: verdict.decisionKey,
    };
    const step = { requestId, decided, entry };
    let stored: StoredOutcome & { entry?: StoredEntry };
    if (patched(BINDING_DECISION_NOTICE)) {
      ({ stored, noticeSent } = await decideAndNotify.decideBindingRequestAndNotify(step));
    } else {
      stored = await acts.decideBindingRequestStep(step);
    }
    const adopted = adoptStoredOutcome<Outcome>(intended, verdict.decisionKey, stored);
    ({ outcome, decisionKey: appliedKey } = adopted);
    // The entry the step stored: the stored outcome's, with the decider stored with it (race gap d),
    // when it was another's.
    keep(
      adopted.adopted ? { at: entry.at, sequence: entry.sequence, kind: outcome, ...stored.entry } : entry,
    );
  } else {
    const verdict = decision!;
    const intended: Outcome = verdict.decision === "APPROVE" ? "APPROVED" : "REJECTED";
    await acts.changeTask({
      ...task,
      change: "COMPLETED",
      outcome: verdict.decision,
      decidedById: verdict.deciderId,
      decisionKey: verdict.decisionKey,
    });
    const decided = {
      actorId: verdict.deciderId,
      decision: verdict.decision,
      reason: verdict.reason,
      decisionKey: verdict.decisionKey,
    };
    const stored =
      intended === "APPROVED"
        ? await acts.acceptBindingRequest({ requestId, decidedById: verdict.deciderId, decided })
        : await acts.closeBindingRequest({
            requestId,
            status: intended,
            decidedById: verdict.deciderId,
            reason: verdict.reason,
            decided,
          });
    const adopted = adoptStoredOutcome<Outcome>(intended, verdict.decisionKey, stored);
    ({ outcome, decisionKey: appliedKey } = adopted);
    await record(
      adopted.adopted
        ? { kind: outcome }
        : {
            kind: outcome,
            actorId: verdict.deciderId,
            actorRole: verdict.deciderRole,
            actorLabel: verdict.deciderLabel,
            reason: verdict.reason,
          },
    );
  }
  state = outcome;
  if (state !== "WITHDRAWN" && !noticeSent)
    await notify.sendBindingRequestNotice({ requestId, outcome: state });
  await condition(allHandlersFinished);
  return state;
}
