// A unit's registration (R1–R4): registry check, the legal representative's face check, manual
// review with an SLA, reminders and escalation, withdrawal, and an SMS for every outcome.
import { WorkflowExecutionAlreadyStartedError } from "@temporalio/common";
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  CancellationScope,
  condition,
  currentUpdateInfo,
  isCancellation,
  type LocalActivityOptions,
  ParentClosePolicy,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  startChild,
  TimeoutFailure,
  workflowInfo,
} from "@temporalio/workflow";
import type { createActivities } from "../activities/index.js";
import type { RegistrationEvent } from "../activities/unit-registration.activities.js";
import { formatChinaTime } from "../domain/china-time.js";
import { factsChoiceDetail, factsChoiceProblem, offeredFactChoices } from "../domain/registered-facts.js";
import { databaseActivities, localNotices, noticeActivities, serviceCalls } from "./activity-options.js";
import { affiliationMissingReminder } from "./affiliation-missing-reminder.workflow.js";
import {
  AFFILIATION_MISSING_REMINDER_PATCH,
  APPROVAL_NOT_APPLICABLE,
  affiliationMissingReminderWorkflowId,
  decideReview,
  type ManualReviewReason,
  NOT_IN_REVIEW,
  REGISTERED_FACT_NOT_OFFERED,
  REGISTERED_FACTS_CHOICE_REQUIRED,
  REQUEST_CLOSED,
  REVIEW_TASK_KIND,
  type RegistrationState,
  type RequestHistoryEntry,
  type ReviewDecision,
  realPersonCheckWorkflowId,
  registrationStatus,
  type UnitRegistrationInput,
  withdrawRegistration,
} from "./contracts.js";
import { awaitReview, decisionRecord, reviewDueAt, validateReviewDecision } from "./manual-review.js";
import { realPersonCheck } from "./real-person-check.workflow.js";
import { reviewReasonAfterCheck } from "./registration-review-reason.js";
import { requestTimeline } from "./request-timeline.js";
import { adoptStoredOutcome, type StoredOutcome } from "./stored-outcome.js";

type Activities = ReturnType<typeof createActivities>;
/** The unit a registration registered, as R14's reminder needs it. */
type RegisteredUnit = { unitId: string; affiliationRequired?: boolean };

const REVIEW_REASON_TEXT: Record<ManualReviewReason, string> = {
  REGISTRY_MISMATCH: "注册信息与市场监管登记信息不一致",
  REGISTRY_NOT_FOUND: "市场监管登记信息中未查到该统一社会信用代码",
  REGISTRY_DEREGISTERED: "市场监管登记信息显示该单位已注销",
  REGISTRY_UNAVAILABLE: "市场监管数据暂时无法比对",
  USCC_CHECK_CHARACTER: "统一社会信用代码校验位未通过，需人工核对",
  FACE_CHECK_FAILED: "法定代表人人脸识别未通过",
  FACE_CHECK_EXPIRED: "法定代表人未在有效期内完成人脸识别",
  UNIT_EXISTS: "该统一社会信用代码或单位名称已被其他单位注册，需人工核对",
};
const UNIT_EXISTS_TEXT = "该统一社会信用代码已注册，请使用单位登录；忘记账号可通过“找回账号”取回";

/**
 * Whether a registry step failed (after its retries) rather than the workflow: a failed ordinary
 * activity arrives as an ActivityFailure, a failed local one as its cause (the activity's
 * ApplicationFailure, or a TimeoutFailure); anything else is no registry answer.
 */
function registryFailed(error: unknown): boolean {
  return (
    error instanceof ActivityFailure || error instanceof ApplicationFailure || error instanceof TimeoutFailure
  );
}

function ignoreCancellation(error: unknown) {
  if (!isCancellation(error)) throw error;
}

/**
 * R30: an approval chooses, for each field that differs from the registry's record, the registry's
 * value or the applicant's, and nothing else; a rejection chooses nothing.
 */
function validateRegisteredFacts(input: ReviewDecision, offered: ReturnType<typeof offeredFactChoices>) {
  const problem =
    input.decision === "APPROVE"
      ? factsChoiceProblem(input.registeredFacts, offered)
      : input.registeredFacts === undefined
        ? null
        : { problem: "NOT_OFFERED" as const, fields: Object.keys(input.registeredFacts ?? {}) };
  if (!problem) return;
  throw ApplicationFailure.create({
    type: problem.problem === "NOT_OFFERED" ? REGISTERED_FACT_NOT_OFFERED : REGISTERED_FACTS_CHOICE_REQUIRED,
    message:
      problem.problem === "NOT_OFFERED"
        ? `Not offered: ${problem.fields.join(", ") || "the choice"} (offered: ${offered.join(", ") || "none"})`
        : `Choose the registered value of: ${problem.fields.join(", ")}`,
    details: [problem.fields],
    nonRetryable: true,
  });
}

/** The patch that made the registry check a local activity; earlier histories replay without it. */
const LOCAL_REGISTRY_CHECK = "local-registry-check";

/**
 * Issue 14: the patch that folded the steps before the review task opens — the submission's timeline
 * entry is written by openRegistration, and the registry's answer, the task, MANUAL_REVIEW and the
 * status by one openManualReview (8 local activities in the first workflow task → 4; the task row
 * after 3 instead of 5) — and made a failed registry lookup wait for its retry on a workflow timer
 * (localRetryThreshold), not inside the workflow task. Earlier histories replay without it.
 */
const FOLDED_OPENING = "registration-folded-opening";

/**
 * Issue 14: the patch that made the registration's first step one local activity
 * (openCheckedRegistration: the opening, the registry check and, when the check sends the request to
 * review, the review task, its timeline entries and the status) where the folded opening took three,
 * so the task's row is written by the first step. A failed check (after its retries) continues as
 * the folded opening does: openRegistration, REGISTRY_UNAVAILABLE, openManualReview. Earlier histories
 * replay without it.
 */
const CHECKED_OPENING = "registration-checked-opening";

/**
 * Issue 14: the patch under which an outcome adopted from another path's attempt is recorded as
 * stored (the status query shows the decider that attempt wrote; recordAdoptedRegistrationEvent),
 * and an adopted APPROVED (a withdrawal or rejection that found the unit registered) starts the R14
 * reminder as the approval path does. Earlier histories replay without it.
 */
const ADOPTED_OUTCOME = "registration-adopted-outcome";

export async function unitRegistration({
  registrationId,
  timings,
}: UnitRegistrationInput): Promise<RegistrationState> {
  const acts = databaseActivities<Activities>();
  // SMS notices in the workflow task that decides them (issue 14.2, see noticeActivities).
  const notify = noticeActivities<Activities>();
  const registryOptions: LocalActivityOptions = {
    ...serviceCalls,
    retry: {
      initialInterval: `${timings.registryInitialIntervalSeconds} seconds`,
      backoffCoefficient: 2,
      maximumAttempts: timings.registryMaxAttempts,
    },
  };
  const registry = proxyActivities<Activities>(registryOptions);
  const localRegistry = proxyLocalActivities<Activities>(registryOptions);
  // Retries wait on workflow timers, like the notices' (see localNotices).
  const timedRegistry = proxyLocalActivities<Activities>({
    ...registryOptions,
    localRetryThreshold: localNotices.localRetryThreshold,
  });

  let state: RegistrationState = "CHECKING";
  let reviewReason: ManualReviewReason | undefined;
  let mismatchedFields: string[] = [];
  /** Whether the registry check found a record (whose values the reviewer may register, R30). */
  let registryHasRecord = false;
  let decision: ReviewDecision | undefined;
  let withdrawal: { reason?: string } | undefined;
  const { history, record, stamp: stampEntry, keep } = requestTimeline("UNIT_REGISTRATION", registrationId);
  const isClosed = () => state === "APPROVED" || state === "REJECTED" || state === "WITHDRAWN";
  /** Whether this run folds its opening steps (FOLDED_OPENING); set by run()'s first step. */
  let folded = false;
  /** Folded opening: timeline entries stamped (in `history`) and not yet written; see note(). */
  const unwritten: RegistrationEvent[] = [];
  /** An entry in the status query's history now, with the sequence its row is written under. */
  function stamp(entry: Omit<RequestHistoryEntry, "at">): RegistrationEvent {
    const stamped = stampEntry(entry);
    keep(stamped);
    return stamped;
  }
  /** Records an entry; in a folded opening, the next step that writes writes it. */
  async function note(entry: Omit<RequestHistoryEntry, "at">) {
    if (folded) unwritten.push(stamp(entry));
    else await record(entry);
  }
  async function writeNoted() {
    for (const event of unwritten.splice(0))
      await acts.recordRequestEvent({
        requestType: "UNIT_REGISTRATION",
        requestId: registrationId,
        ...event,
      });
  }
  /** The key of the review decision the database applied (none for a withdrawal or the system's). */
  let appliedKey: string | undefined;

  setHandler(registrationStatus, () => ({ state, reviewReason, mismatchedFields, history }));
  setHandler(
    withdrawRegistration,
    async (input) => {
      withdrawal = input;
      await condition(isClosed);
      return state;
    },
    {
      validator: (input) => {
        const otherRequest = input.registrationId !== undefined && input.registrationId !== registrationId;
        if (otherRequest || isClosed() || withdrawal || decision) {
          throw ApplicationFailure.create({
            type: REQUEST_CLOSED,
            message: `The request is ${state}`,
            nonRetryable: true,
          });
        }
      },
    },
  );
  setHandler(
    decideReview,
    async (input) => {
      // The Update's id is the decision's idempotency key (see DecisionRecord).
      const taken = { ...input, decisionKey: currentUpdateInfo()?.id };
      decision = taken;
      // An approval that cannot be applied is taken back (decision reset): tell the reviewer why.
      await condition(() => isClosed() || decision !== taken);
      if (!isClosed()) {
        throw ApplicationFailure.create({
          type: APPROVAL_NOT_APPLICABLE,
          message: REVIEW_REASON_TEXT.UNIT_EXISTS,
          nonRetryable: true,
        });
      }
      // Another outcome was stored first (a retried workflow task took another path): not applied.
      if (appliedKey !== taken.decisionKey) {
        throw ApplicationFailure.create({
          type: NOT_IN_REVIEW,
          message: `The request is ${state}`,
          nonRetryable: true,
        });
      }
      return state;
    },
    {
      validator: (input) => {
        validateReviewDecision(
          input,
          state === "IN_MANUAL_REVIEW" && !decision && !withdrawal,
          state,
          registrationId,
        );
        validateRegisteredFacts(input, offeredFactChoices(mismatchedFields, registryHasRecord));
      },
    },
  );

  async function setState(next: "AWAITING_REAL_PERSON_AUTH" | "IN_MANUAL_REVIEW") {
    state = next;
    await acts.setRegistrationStatus({ registrationId, status: next });
  }

  /**
   * Issue 14: when the step that closes the request found another outcome stored (another path's
   * attempt), the workflow takes it — state, timeline entry, notice — and answers true.
   */
  async function adoptedOutcome(
    intended: RegistrationState,
    decider: ReviewDecision | undefined,
    stored: (StoredOutcome & { unit?: RegisteredUnit }) | undefined,
  ): Promise<boolean> {
    const adopted = adoptStoredOutcome(intended, decider?.decisionKey, stored);
    appliedKey = adopted.decisionKey;
    if (!adopted.adopted) return false;
    state = adopted.outcome;
    const asStored = patched(ADOPTED_OUTCOME);
    if (asStored) {
      const entry = stamp({ kind: adopted.outcome });
      const stored = await acts.recordAdoptedRegistrationEvent({ registrationId, ...entry });
      // The kept entry (stamp's) shows what the row holds.
      Object.assign(history[entry.sequence - 1]!, stored);
    } else {
      await record({ kind: adopted.outcome });
    }
    const notice =
      adopted.outcome === "REJECTED"
        ? { kind: "REJECTED" as const, reason: stored?.reason ?? "" }
        : { kind: adopted.outcome as "APPROVED" | "WITHDRAWN" };
    await notify.sendRegistrationNotice({ registrationId, notice });
    // R14: a unit registered by the other path's attempt is reminded to affiliate all the same.
    if (asStored && adopted.outcome === "APPROVED" && stored?.unit) await remindToAffiliate(stored.unit);
    return true;
  }

  async function finishWithdrawn(): Promise<RegistrationState> {
    const stored = await acts.closeRegistration({
      registrationId,
      status: "WITHDRAWN",
      reason: withdrawal?.reason,
    });
    if (await adoptedOutcome("WITHDRAWN", undefined, stored)) return state;
    state = "WITHDRAWN";
    await record({ kind: "WITHDRAWN", actorRole: "APPLICANT", reason: withdrawal?.reason });
    await notify.sendRegistrationNotice({ registrationId, notice: { kind: "WITHDRAWN" } });
    return state;
  }

  /** Registers the unit; undefined when a unit with its USCC or name exists (back to review). */
  async function approve(decider?: ReviewDecision): Promise<RegistrationState | undefined> {
    const registered = await acts.registerUnit({
      registrationId,
      decided: decider && decisionRecord(decider),
      registeredFacts: decider?.registeredFacts,
    });
    if ("unitExists" in registered) {
      reviewReason = "UNIT_EXISTS";
      return undefined;
    }
    if ("closed" in registered) {
      await adoptedOutcome("APPROVED", decider, registered.closed);
      return state;
    }
    const unit = { unitId: registered.unitId, affiliationRequired: registered.affiliationRequired };
    if (await adoptedOutcome("APPROVED", decider, registered.stored && { ...registered.stored, unit }))
      return state;
    state = "APPROVED";
    // R25, R30: the reviewer's note and which values were registered where they differed.
    await record({
      kind: "APPROVED",
      actorId: decider?.reviewerId,
      actorRole: decider?.reviewerRole,
      actorLabel: decider?.reviewerLabel,
      reason: decider?.reason,
      detail: decider?.registeredFacts && factsChoiceDetail(decider.registeredFacts),
    });
    await notify.sendRegistrationNotice({ registrationId, notice: { kind: "APPROVED" } });
    await remindToAffiliate(registered);
    return state;
  }

  /**
   * R14: a unit that must affiliate is reminded later by a process of its own, which this request
   * starts and leaves running when it completes (ParentClosePolicy ABANDON). Histories saved before
   * the reminder existed replay without it (patched).
   */
  async function remindToAffiliate(unit: RegisteredUnit) {
    const afterSeconds = timings.affiliationMissingReminderSeconds;
    if (!unit.affiliationRequired || afterSeconds === undefined) return;
    if (!patched(AFFILIATION_MISSING_REMINDER_PATCH)) return;
    try {
      await startChild(affiliationMissingReminder, {
        workflowId: affiliationMissingReminderWorkflowId(unit.unitId),
        args: [{ unitId: unit.unitId, afterSeconds }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    } catch (error) {
      // The unit is reminded already: nothing to add, and no reason to fail its registration.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  /**
   * The first step under CHECKED_OPENING. Answers whether a unit holds the USCC, and whether the
   * review is open already (with the due time its task was given); the registry's answer or
   * unavailability is in `reviewReason`, `mismatchedFields` and the timeline.
   */
  async function checkedOpening(): Promise<{ unitExists: boolean; reviewDueAt?: Date }> {
    const submitted = stampEntry({ kind: "SUBMITTED", actorRole: "APPLICANT" });
    const dueAt = reviewDueAt(timings, new Date());
    try {
      const opened = await timedRegistry.openCheckedRegistration({
        workflowId: workflowInfo().workflowId,
        registrationId,
        submitted,
        dueAt: dueAt.toISOString(),
      });
      keep(submitted);
      if (opened.unitExists) return { unitExists: true };
      const { comparison } = opened;
      mismatchedFields = comparison.mismatchedFields;
      registryHasRecord = comparison.outcome !== "NOT_FOUND";
      for (const entry of opened.written) keep(entry);
      // The activity applied the rule (registration-review-reason.ts) and says what it decided, so a
      // later change of the rule cannot make a replay disagree with the rows it wrote. A result
      // recorded before it said so has no reviewReason: the rule of that time, today's, decides.
      reviewReason =
        opened.reviewReason !== undefined
          ? (opened.reviewReason ?? undefined)
          : reviewReasonAfterCheck(comparison, opened.usccCheckWarning);
      if (!reviewReason) return { unitExists: false };
      state = "IN_MANUAL_REVIEW";
      return { unitExists: false, reviewDueAt: dueAt };
    } catch (error) {
      if (!registryFailed(error)) throw error;
      // No registry answer after the retries: the opening (done already by an attempt, or now) and
      // the review as the folded opening has them.
      const { unitExists } = await acts.openRegistration({ registrationId, submitted });
      keep(submitted);
      if (unitExists) return { unitExists: true };
      reviewReason = "REGISTRY_UNAVAILABLE";
      await note({ kind: "REGISTRY_UNAVAILABLE" });
      return { unitExists: false };
    }
  }

  async function run(): Promise<RegistrationState> {
    if (patched(CHECKED_OPENING)) {
      folded = true;
      const opened = await checkedOpening();
      if (opened.unitExists) return finishRejected(UNIT_EXISTS_TEXT);
      if (withdrawal) {
        await writeNoted();
        // closeRegistration also cancels the review task the first step may have opened.
        return finishWithdrawn();
      }
      return afterRegistryCheck(opened.reviewDueAt);
    }
    folded = patched(FOLDED_OPENING);
    let opened: { usccCheckWarning: boolean; unitExists: boolean };
    if (folded) {
      const submitted = stamp({ kind: "SUBMITTED", actorRole: "APPLICANT" });
      opened = await acts.openRegistration({ registrationId, submitted });
    } else {
      await record({ kind: "SUBMITTED", actorRole: "APPLICANT" });
      opened = await acts.openRegistration({ registrationId });
    }
    const { usccCheckWarning, unitExists } = opened;
    // A unit with this USCC was created since the submission (R4): closed with the next step.
    if (unitExists) return finishRejected(UNIT_EXISTS_TEXT);

    // R2: registry check; an outage is retried with backoff, then sent to manual review.
    try {
      // Issue 14: a local activity (one lookup of seconds at most, its retries in the workflow), so
      // the review task opens in the workflow task that started the registration's checks.
      const check = folded ? timedRegistry : patched(LOCAL_REGISTRY_CHECK) ? localRegistry : registry;
      const comparison = await check.checkBusinessRegistry({ registrationId });
      mismatchedFields = comparison.mismatchedFields;
      registryHasRecord = comparison.outcome !== "NOT_FOUND";
      await note({ kind: "REGISTRY_CHECKED", detail: [comparison.outcome, ...mismatchedFields].join(" ") });
      if (comparison.outcome !== "MATCH") {
        reviewReason = (
          {
            MISMATCH: "REGISTRY_MISMATCH",
            NOT_FOUND: "REGISTRY_NOT_FOUND",
            DEREGISTERED: "REGISTRY_DEREGISTERED",
          } as const
        )[comparison.outcome];
      }
    } catch (error) {
      if (!registryFailed(error)) throw error;
      reviewReason = "REGISTRY_UNAVAILABLE";
      await note({ kind: "REGISTRY_UNAVAILABLE" });
    }
    reviewReason ??= usccCheckWarning ? "USCC_CHECK_CHARACTER" : undefined;
    // Folded opening: the registry's answer goes with the review task, or now on any other path.
    if (withdrawal || !reviewReason) await writeNoted();
    if (withdrawal) return finishWithdrawn();
    return afterRegistryCheck();
  }

  /**
   * After the registry check: the face check (R3) when nothing sent the request to review, then the
   * manual review. `openedDueAt`: the review was opened by the first step, its task due then.
   */
  async function afterRegistryCheck(openedDueAt?: Date): Promise<RegistrationState> {
    // R3: the legal representative's face check; success registers the unit.
    if (!reviewReason) {
      await setState("AWAITING_REAL_PERSON_AUTH");
      const { checkId, url } = await acts.openLegalRepCheck({
        registrationId,
        ttlSeconds: timings.legalRepCheckTtlSeconds,
      });
      // The child and the reminder run in scopes of their own, so a withdrawal or an early
      // verdict cancels them (a pending reminder must not fire during manual review).
      const checkScope = new CancellationScope();
      const child = await checkScope.run(() =>
        startChild(realPersonCheck, {
          workflowId: realPersonCheckWorkflowId(checkId),
          args: [{ checkId, ttlSeconds: timings.legalRepCheckTtlSeconds }],
        }),
      );
      const outcome = checkScope.run(() => child.result());
      // The link goes out only once the check's workflow can receive the mobile app's answer.
      await notify.sendRegistrationNotice({
        registrationId,
        notice: {
          kind: "FACE_CHECK_LINK",
          url,
          days: Math.max(1, Math.round(timings.legalRepCheckTtlSeconds / 86_400)),
        },
      });
      await record({ kind: "FACE_CHECK_SENT" });
      const reminderScope = new CancellationScope();
      const reminderAfter = timings.legalRepCheckTtlSeconds - timings.legalRepCheckReminderSeconds;
      if (reminderAfter > 0) {
        reminderScope
          .run(async () => {
            await sleep(reminderAfter * 1000);
            const deadline = new Date(Date.now() + timings.legalRepCheckReminderSeconds * 1000);
            await notify.sendRegistrationNotice({
              registrationId,
              notice: { kind: "FACE_CHECK_REMINDER", url, deadline: formatChinaTime(deadline) },
            });
            await record({ kind: "FACE_CHECK_REMINDED" });
          })
          .catch(ignoreCancellation);
      }
      const withdrawn = condition(() => withdrawal !== undefined).then(() => "WITHDRAWN" as const);
      const result = await Promise.race([outcome, withdrawn]);
      reminderScope.cancel();
      if (result === "WITHDRAWN") {
        outcome.catch(ignoreCancellation);
        checkScope.cancel();
        return finishWithdrawn();
      }
      await record({ kind: `FACE_CHECK_${result}` });
      if (result === "PASSED") {
        const approved = await approve();
        if (approved) return approved;
      } else {
        reviewReason = result === "FAILED" ? "FACE_CHECK_FAILED" : "FACE_CHECK_EXPIRED";
      }
    }

    // Manual review: a task in the reviewers' queue with an SLA, a reminder and escalation.
    // The workflow accepts decisions before the task becomes visible in the workbench, and the
    // task exists before the request's status says "in review".
    state = "IN_MANUAL_REVIEW";
    const dueAt = openedDueAt ?? reviewDueAt(timings, new Date());
    const reviewTask = { requestId: registrationId, kind: REVIEW_TASK_KIND };
    if (openedDueAt) {
      // Opened with the registry check (CHECKED_OPENING).
    } else if (folded) {
      await acts.openManualReview({
        workflowId: workflowInfo().workflowId,
        registrationId,
        dueAt: dueAt.toISOString(),
        events: [...unwritten.splice(0), stamp({ kind: "MANUAL_REVIEW", reason: reviewReason })],
      });
    } else {
      await acts.openReviewTask({
        workflowId: workflowInfo().workflowId,
        kind: REVIEW_TASK_KIND,
        registrationId,
        dueAt: dueAt.toISOString(),
      });
      await record({ kind: "MANUAL_REVIEW", reason: reviewReason });
      await setState("IN_MANUAL_REVIEW");
    }
    await notify.sendRegistrationNotice({
      registrationId,
      notice: { kind: "IN_REVIEW", reason: REVIEW_REASON_TEXT[reviewReason!] },
    });
    // A decision is applied, or (an approval of a unit that exists meanwhile) taken back with the
    // reason, and the request waits for the next one.
    for (;;) {
      await awaitReview({
        timings,
        dueAt,
        settled: () => decision !== undefined || withdrawal !== undefined,
        task: reviewTask,
        record,
      });
      if (withdrawal) {
        await acts.changeTask({ ...reviewTask, change: "CANCELLED", outcome: "WITHDRAWN" });
        return finishWithdrawn();
      }
      const verdict = decision!;
      const { reviewerId, reviewerRole, reviewerLabel } = verdict;
      await acts.changeTask({
        ...reviewTask,
        change: "COMPLETED",
        outcome: verdict.decision,
        decidedById: reviewerId,
        decisionKey: verdict.decisionKey,
      });
      if (verdict.decision === "REJECT") return finishRejected(verdict.reason!, verdict);
      const approved = await approve(verdict);
      if (approved) return approved;
      await acts.changeTask({ ...reviewTask, change: "REOPENED" });
      await record({
        kind: "APPROVAL_NOT_APPLICABLE",
        actorId: reviewerId,
        actorRole: reviewerRole,
        actorLabel: reviewerLabel,
        reason: reviewReason,
      });
      decision = undefined;
    }
  }

  async function finishRejected(reason: string, verdict?: ReviewDecision): Promise<RegistrationState> {
    const stored = await acts.closeRegistration({
      registrationId,
      status: "REJECTED",
      decided: verdict && decisionRecord(verdict),
      reason,
    });
    if (await adoptedOutcome("REJECTED", verdict, stored)) return state;
    state = "REJECTED";
    await record({
      kind: "REJECTED",
      actorId: verdict?.reviewerId,
      actorRole: verdict?.reviewerRole,
      actorLabel: verdict?.reviewerLabel,
      reason,
    });
    await notify.sendRegistrationNotice({ registrationId, notice: { kind: "REJECTED", reason } });
    return state;
  }

  const result = await run();
  // Updates wait for the outcome; let them answer before the workflow completes.
  await condition(allHandlersFinished);
  return result;
}
