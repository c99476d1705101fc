// R27: a unit changes its contact mobile. The legal representative confirms by real-person
// authentication; when that fails, expires, or is impossible, a reviewer decides.
import {
  allHandlersFinished,
  condition,
  currentUpdateInfo,
  setHandler,
  startChild,
  workflowInfo,
} from "@temporalio/workflow";
import type { createActivities } from "../activities/index.js";
import { databaseActivities, noticeActivities } from "./activity-options.js";
import {
  CONTACT_MOBILE_REVIEW_TASK_KIND,
  type ContactMobileChangeInput,
  type ContactMobileChangeState,
  decideReview,
  NOT_IN_REVIEW,
  type ReviewDecision,
  realPersonCheckWorkflowId,
} from "./contracts.js";
import { awaitReview, decisionRecord, reviewDueAt, validateReviewDecision } from "./manual-review.js";
import { realPersonCheck } from "./real-person-check.workflow.js";
import { requestTimeline } from "./request-timeline.js";
import { adoptStoredOutcome, type StoredOutcome } from "./stored-outcome.js";
import { fail } from "./unit-decision.js";

const acts = databaseActivities<ReturnType<typeof createActivities>>();
const notify = noticeActivities<ReturnType<typeof createActivities>>();

export async function contactMobileChange({ changeId, method, timings }: ContactMobileChangeInput) {
  let state: ContactMobileChangeState | "SUBMITTED" = "SUBMITTED";
  let decision: ReviewDecision | undefined;
  const { record } = requestTimeline("CONTACT_MOBILE_CHANGE", changeId);
  const isClosed = () => state === "APPROVED" || state === "REJECTED";
  /** The key of the review decision the database applied (none for a face check's approval). */
  let appliedKey: string | undefined;

  setHandler(
    decideReview,
    async (input) => {
      // The Update's id is the decision's idempotency key (see DecisionRecord).
      const taken = { ...input, decisionKey: currentUpdateInfo()?.id };
      decision = taken;
      await condition(isClosed);
      // Another outcome was stored first (a retried workflow task took another path): not applied.
      if (appliedKey !== taken.decisionKey) throw fail(NOT_IN_REVIEW, `The change is ${state}`);
      return state;
    },
    {
      validator: (input) =>
        validateReviewDecision(input, state === "IN_MANUAL_REVIEW" && !decision, state, changeId),
    },
  );

  /**
   * Issue 14: the outcome the closing step found stored, when another than this path's: `state`, the
   * timeline entry and the notice follow it. False when the step applied this path's outcome.
   */
  async function adoptedOutcome(
    intended: "APPROVED" | "REJECTED",
    decider: ReviewDecision | undefined,
    stored: StoredOutcome | undefined,
  ): Promise<boolean> {
    const adopted = adoptStoredOutcome(intended, decider?.decisionKey, stored);
    appliedKey = adopted.decisionKey;
    if (!adopted.adopted) return false;
    state = adopted.outcome;
    await record({ kind: adopted.outcome });
    await notify.sendContactMobileChangeNotice({
      changeId,
      notice:
        adopted.outcome === "REJECTED"
          ? { kind: "REJECTED", reason: stored?.reason ?? "" }
          : { kind: "APPROVED" },
    });
    return true;
  }

  async function approve(decider?: ReviewDecision) {
    const stored = await acts.applyContactMobileChange({
      changeId,
      decided: decider && decisionRecord(decider),
    });
    if (await adoptedOutcome("APPROVED", decider, stored)) return;
    state = "APPROVED";
    await record({
      kind: "APPROVED",
      actorId: decider?.reviewerId,
      actorRole: decider?.reviewerRole,
      actorLabel: decider?.reviewerLabel,
    });
    await notify.sendContactMobileChangeNotice({ changeId, notice: { kind: "APPROVED" } });
  }

  async function run() {
    await record({ kind: "SUBMITTED", actorRole: "APPLICANT", detail: method });
    let reviewReason = "REQUESTED";
    if (method === "FACE_CHECK") {
      const { checkId } = await acts.openChangeLegalRepCheck({
        changeId,
        ttlSeconds: timings.faceCheckTtlSeconds,
      });
      const child = await startChild(realPersonCheck, {
        workflowId: realPersonCheckWorkflowId(checkId),
        args: [{ checkId, ttlSeconds: timings.faceCheckTtlSeconds }],
      });
      state = "AWAITING_REAL_PERSON_AUTH";
      await acts.setContactMobileChangeStatus({ changeId, status: state });
      await record({ kind: "FACE_CHECK_SENT" });
      const outcome = await child.result();
      await record({ kind: `FACE_CHECK_${outcome}` });
      if (outcome === "PASSED") return approve();
      reviewReason = outcome === "FAILED" ? "FACE_CHECK_FAILED" : "FACE_CHECK_EXPIRED";
    }

    // Ready for a decision before the task becomes visible in the workbench.
    state = "IN_MANUAL_REVIEW";
    const dueAt = reviewDueAt(timings, new Date());
    const task = { requestId: changeId, kind: CONTACT_MOBILE_REVIEW_TASK_KIND };
    await acts.openContactMobileReviewTask({
      workflowId: workflowInfo().workflowId,
      kind: CONTACT_MOBILE_REVIEW_TASK_KIND,
      changeId,
      dueAt: dueAt.toISOString(),
    });
    await record({ kind: "MANUAL_REVIEW", reason: reviewReason });
    await acts.setContactMobileChangeStatus({ changeId, status: state });
    await awaitReview({
      timings,
      dueAt,
      settled: () => decision !== undefined,
      task: task,
      record,
    });
    const verdict = decision!;
    await acts.changeTask({
      ...task,
      change: "COMPLETED",
      outcome: verdict.decision,
      decidedById: verdict.reviewerId,
      decisionKey: verdict.decisionKey,
    });
    if (verdict.decision === "APPROVE") return approve(verdict);
    const stored = await acts.rejectContactMobileChange({
      changeId,
      decided: decisionRecord(verdict),
      reason: verdict.reason!,
    });
    if (await adoptedOutcome("REJECTED", verdict, stored)) return;
    state = "REJECTED";
    await record({
      kind: "REJECTED",
      actorId: verdict.reviewerId,
      actorRole: verdict.reviewerRole,
      actorLabel: verdict.reviewerLabel,
      reason: verdict.reason,
    });
    await notify.sendContactMobileChangeNotice({
      changeId,
      notice: { kind: "REJECTED", reason: verdict.reason! },
    });
  }

  await run();
  await condition(allHandlersFinished);
  return state;
}
