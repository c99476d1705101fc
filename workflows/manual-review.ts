// The manual-review step that several processes share: the SLA's due time (working days), the
// validation of a reviewer's decision, and the wait for it with a reminder before the due time
// and escalation to the supervisors' queue when it passes.
import { ApplicationFailure, condition } from "@temporalio/workflow";
import { addWorkingDays } from "../domain/working-days.js";
import {
  NOT_A_REVIEWER,
  NOT_IN_REVIEW,
  REASON_REQUIRED,
  REVIEWER_ROLES,
  type ReviewDecision,
  type ReviewTimings,
} from "./contracts.js";

export function reviewDueAt(timings: ReviewTimings, from: Date): Date {
  return timings.reviewSlaSeconds !== undefined
    ? new Date(from.getTime() + timings.reviewSlaSeconds * 1000)
    : addWorkingDays(from, timings.reviewSlaWorkingDays, {
        holidays: new Set(timings.holidays ?? []),
        workingWeekends: new Set(timings.workingWeekends ?? []),
      });
}

/** The Update validator of every review decision: right moment, a reviewer, a reason to reject. */
export function validateReviewDecision(
  input: ReviewDecision,
  awaitingDecision: boolean,
  state: string,
): void {
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

/** Waits until `settled()`, reminding before the due time and escalating once it has passed. */
export async function awaitReview(options: {
  timings: ReviewTimings;
  dueAt: Date;
  settled: () => boolean;
  onReminder: () => Promise<void>;
  onEscalation: () => Promise<void>;
}): Promise<void> {
  const { timings, dueAt, settled } = options;
  const untilReminder = dueAt.getTime() - timings.reviewReminderSeconds * 1000 - Date.now();
  if (untilReminder > 0 && !(await condition(settled, untilReminder))) await options.onReminder();
  const untilDue = dueAt.getTime() - Date.now();
  if (!settled() && untilDue > 0 && !(await condition(settled, untilDue))) await options.onEscalation();
  await condition(settled);
}
