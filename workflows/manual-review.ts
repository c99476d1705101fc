// The manual-review step that several processes share: the SLA's due time (working days), the
// validation of a reviewer's decision, and the wait for it with a reminder before the due time
// and escalation to the supervisors' queue when it passes.
import { ApplicationFailure, condition } from "@temporalio/workflow";
import type { createActivities } from "../activities/index.js";
import { addWorkingDays } from "../domain/working-days.js";
import { databaseActivities } from "./activity-options.js";
import {
  type DecisionRecord,
  NOT_A_REVIEWER,
  NOT_IN_REVIEW,
  REASON_REQUIRED,
  REVIEWER_ROLES,
  type ReviewDecision,
  type ReviewTimings,
} from "./contracts.js";

// The official holiday schedule is bundled data (domain/working-days.ts); the timings carry only the
// operator's overrides, fixed when the request started.
export function reviewDueAt(timings: ReviewTimings, from: Date): Date {
  return timings.reviewSlaSeconds !== undefined
    ? new Date(from.getTime() + timings.reviewSlaSeconds * 1000)
    : addWorkingDays(from, timings.reviewSlaWorkingDays, {
        holidays: new Set(timings.holidays ?? []),
        workingWeekends: new Set(timings.workingWeekends ?? []),
      });
}

/** What the activity applying a reviewer's decision records with it. */
export function decisionRecord(review: ReviewDecision): DecisionRecord {
  return {
    actorId: review.reviewerId,
    decision: review.decision,
    reason: review.reason,
    decisionKey: review.decisionKey,
  };
}

/** The Update validator of every review decision: right moment, a reviewer, a reason to reject. */
export function validateReviewDecision(
  input: ReviewDecision,
  awaitingDecision: boolean,
  state: string,
  requestId: string,
): void {
  if (input.requestId !== undefined && input.requestId !== requestId) {
    throw ApplicationFailure.create({
      type: NOT_IN_REVIEW,
      message: "This run belongs to another request",
      nonRetryable: true,
    });
  }
  if (!awaitingDecision) {
    throw ApplicationFailure.create({
      type: NOT_IN_REVIEW,
      message: `The request is ${state}`,
      nonRetryable: true,
    });
  }
  if (!input.reviewerRoles.some((role) => REVIEWER_ROLES.includes(role))) {
    throw ApplicationFailure.create({
      type: NOT_A_REVIEWER,
      message: "Only reviewers decide",
      nonRetryable: true,
    });
  }
  if (input.decision === "REJECT" && !input.reason?.trim()) {
    throw ApplicationFailure.create({
      type: REASON_REQUIRED,
      message: "A rejection needs a reason",
      nonRetryable: true,
    });
  }
}

const { changeTask } = databaseActivities<ReturnType<typeof createActivities>>();

/**
 * Waits until `settled()`, reminding before the due time and escalating to the supervisors'
 * queue once it has passed; both are marked on the task and recorded in the request's history.
 */
export async function awaitReview(options: {
  timings: ReviewTimings;
  dueAt: Date;
  task: { requestId: string; kind: string };
  settled: () => boolean;
  record: (entry: { kind: string }) => Promise<void>;
}): Promise<void> {
  const { timings, dueAt, task, settled, record } = options;
  const untilReminder = dueAt.getTime() - timings.reviewReminderSeconds * 1000 - Date.now();
  if (untilReminder > 0 && !(await condition(settled, untilReminder))) {
    await changeTask({ ...task, change: "REMINDED" });
    await record({ kind: "REVIEW_REMINDED" });
  }
  const untilDue = dueAt.getTime() - Date.now();
  if (!settled() && untilDue > 0 && !(await condition(settled, untilDue))) {
    await changeTask({ ...task, change: "ESCALATED", queue: "PLATFORM_SUPERVISOR" });
    await record({ kind: "REVIEW_ESCALATED" });
  }
  await condition(settled);
}
