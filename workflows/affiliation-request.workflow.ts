// R13: a unit asks a superior unit to accept it (关联上级单位 / 归口). The superior's administrator or
// a handler, in a real-person session (R12), approves or rejects; the requesting unit's may
// withdraw; an undecided request reminds the superior before it expires. Approval sets the
// superior in one transaction that refuses a cycle (activity); a refused approval is taken back,
// the task reopens, and the request waits for the next decision until it expires.
import {
  allHandlersFinished,
  condition,
  currentUpdateInfo,
  setHandler,
  workflowInfo,
} from "@temporalio/workflow";
import type { createActivities } from "../activities/index.js";
import { databaseActivities, noticeActivities } from "./activity-options.js";
import {
  AFFILIATION_CYCLE,
  AFFILIATION_TASK_KIND,
  type AffiliationRequestInput,
  type AffiliationRequestState,
  type AffiliationWithdrawal,
  affiliationRequestStatus,
  decideAffiliationRequest,
  NOT_IN_REVIEW,
  OTHER_REQUEST,
  REQUEST_CLOSED,
  type UnitDecision,
  withdrawAffiliationRequest,
} from "./contracts.js";
import { requestTimeline } from "./request-timeline.js";
import { adoptStoredOutcome } from "./stored-outcome.js";
import { fail, requireUnitDecider, validateUnitDecision } from "./unit-decision.js";

const acts = databaseActivities<ReturnType<typeof createActivities>>();
const notify = noticeActivities<ReturnType<typeof createActivities>>();

/** Why an approval was taken back, on both units' timelines (R25). */
const CYCLE_TEXT = "批准后单位层级将形成循环（上级单位已是申请单位的下级单位），未予关联";

export async function affiliationRequest({
  requestId,
  unitId,
  superiorUnitId,
  timings,
}: AffiliationRequestInput): Promise<AffiliationRequestState> {
  let state: AffiliationRequestState = "AWAITING_DECISION";
  let decision: UnitDecision | undefined;
  let withdrawal: AffiliationWithdrawal | undefined;
  /** Set when the expiry timer fires: from then on no decision or withdrawal is accepted. */
  let expiring = false;
  const { history, record } = requestTimeline("AFFILIATION_REQUEST", requestId);
  const settled = () => decision !== undefined || withdrawal !== undefined;
  const awaiting = () => state === "AWAITING_DECISION" && !settled() && !expiring;
  const isClosed = () => state !== "AWAITING_DECISION";
  /** The key of the decision the database applied (none for a withdrawal or an expiry). */
  let appliedKey: string | undefined;

  setHandler(affiliationRequestStatus, () => ({ state, history }));
  setHandler(
    decideAffiliationRequest,
    async (input) => {
      // The Update's id is the decision's idempotency key (see DecisionRecord).
      const taken = { ...input, decisionKey: currentUpdateInfo()?.id };
      decision = taken;
      // An approval that would close a cycle is taken back (decision reset): tell the decider why.
      await condition(() => isClosed() || decision !== taken);
      if (!isClosed()) throw fail(AFFILIATION_CYCLE, "R13: approving would close a cycle in the hierarchy");
      // Another outcome was stored first (a retried workflow task took another path): not applied.
      if (appliedKey !== taken.decisionKey) throw fail(NOT_IN_REVIEW, `The request is ${state}`);
      return state;
    },
    {
      validator: (input) =>
        validateUnitDecision(input, { requestId, unitId: superiorUnitId }, awaiting(), state),
    },
  );
  setHandler(
    withdrawAffiliationRequest,
    async (input) => {
      withdrawal = input;
      await condition(isClosed);
      return state;
    },
    {
      validator: (input) => {
        if (input.requestId !== requestId) throw fail(OTHER_REQUEST, "This run belongs to another request");
        if (!awaiting()) throw fail(REQUEST_CLOSED, `The request is ${state}`);
        requireUnitDecider(input, unitId, "Only the requesting unit's administrator or handlers withdraw");
      },
    },
  );

  const task = { requestId, kind: AFFILIATION_TASK_KIND };
  const expiresAt = new Date(Date.now() + timings.expirySeconds * 1000);
  const remindAt = expiresAt.getTime() - timings.reminderSeconds * 1000;
  let reminderDue = remindAt > Date.now();

  /** Waits for a decision or a withdrawal, reminding the superior once; false when the request expired. */
  async function awaitSettlement(): Promise<boolean> {
    if (reminderDue) {
      // At least 1 ms: `condition(fn, 0)` would mean no timeout at all.
      if (await condition(settled, Math.max(1, remindAt - Date.now()))) return true;
      reminderDue = false;
      await acts.changeTask({ ...task, change: "REMINDED" });
      await record({ kind: "REMINDED" });
      await notify.sendAffiliationRequestReminder({ requestId, deadline: expiresAt.toISOString() });
    }
    const untilExpiry = expiresAt.getTime() - Date.now();
    return settled() || (untilExpiry > 0 && (await condition(settled, untilExpiry)));
  }

  await record({ kind: "SUBMITTED", actorRole: "APPLICANT" });
  await acts.openAffiliationTask({
    workflowId: workflowInfo().workflowId,
    requestId,
    dueAt: expiresAt.toISOString(),
  });
  await notify.sendAffiliationRequestSubmitted({ requestId, deadline: expiresAt.toISOString() });

  // The outcome is stored and recorded before `state` changes: an Update's caller, answered once
  // the state changes, then finds the request's history complete.
  type Outcome = Exclude<AffiliationRequestState, "AWAITING_DECISION">;
  let outcome: Outcome;
  for (;;) {
    if (!(await awaitSettlement())) {
      expiring = true;
      await acts.changeTask({ ...task, change: "CANCELLED", outcome: "EXPIRED" });
      const stored = await acts.closeAffiliationRequest({ requestId, status: "EXPIRED" });
      ({ outcome, decisionKey: appliedKey } = adoptStoredOutcome<Outcome>("EXPIRED", undefined, stored));
      await record({ kind: outcome });
      break;
    }
    if (withdrawal) {
      const { personId, personLabel, personRole, reason } = withdrawal;
      await acts.changeTask({ ...task, change: "CANCELLED", outcome: "WITHDRAWN" });
      const stored = await acts.closeAffiliationRequest({
        requestId,
        status: "WITHDRAWN",
        actorId: personId,
        reason,
      });
      const adopted = adoptStoredOutcome<Outcome>("WITHDRAWN", undefined, stored);
      ({ outcome, decisionKey: appliedKey } = adopted);
      await record(
        adopted.adopted
          ? { kind: outcome }
          : { kind: outcome, actorId: personId, actorRole: personRole, actorLabel: personLabel, reason },
      );
      break;
    }
    const verdict = decision!;
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
    const actor = {
      actorId: verdict.deciderId,
      actorRole: verdict.deciderRole,
      actorLabel: verdict.deciderLabel,
    };
    if (verdict.decision === "REJECT") {
      const stored = await acts.closeAffiliationRequest({
        requestId,
        status: "REJECTED",
        decidedById: verdict.deciderId,
        reason: verdict.reason,
        decided,
      });
      const adopted = adoptStoredOutcome<Outcome>("REJECTED", verdict.decisionKey, stored);
      ({ outcome, decisionKey: appliedKey } = adopted);
      await record(adopted.adopted ? { kind: outcome } : { kind: outcome, ...actor, reason: verdict.reason });
      break;
    }
    const approval = await acts.approveAffiliationRequest({ requestId, decided });
    // `stored` (absent from old histories' results): the request is closed, by this approval or another path.
    if (approval.applied || approval.stored) {
      const adopted = adoptStoredOutcome<Outcome>("APPROVED", verdict.decisionKey, approval.stored);
      ({ outcome, decisionKey: appliedKey } = adopted);
      await record(adopted.adopted ? { kind: outcome } : { kind: outcome, ...actor });
      break;
    }
    // R13: the superior is (by now) below the unit. Not applied; the task is open again.
    await acts.changeTask({ ...task, change: "REOPENED" });
    await record({
      kind: "APPROVAL_NOT_APPLICABLE",
      ...actor,
      reason: CYCLE_TEXT,
      detail: AFFILIATION_CYCLE,
    });
    decision = undefined;
  }
  state = outcome;
  await notify.sendAffiliationRequestNotice({ requestId, outcome: state });
  await condition(allHandlersFinished);
  return state;
}
