// R31: a title application travels up the push chain. Its path is the chain at submission (the
// applicant's unit, then each superior up to the HR department at the top; a top that is not an HR
// department is followed by the HR department of its region, the implicit last node), stored as its steps;
// each node's handler (TITLE_HANDLER, not the administrator: R7) in a real-person session (R12)
// pushes it up or returns it with a reason. The next node is the pushing node's superior at the
// moment of the push: when a unit changed its superior meanwhile, the application follows the new
// chain (CHAIN_CHANGED in its history, the old steps skipped). The top node's push completes it.
// The applicant may withdraw it until then. No due time: a node's task waits for its handler.
import {
  allHandlersFinished,
  condition,
  currentUpdateInfo,
  patched,
  setHandler,
  workflowInfo,
} from "@temporalio/workflow";
import type { createActivities } from "../activities/index.js";
import type { StoredStep } from "../activities/title-application.activities.js";
import { type ChainStep, nextSteps } from "../domain/push-chain.js";
import { databaseActivities, noticeActivities } from "./activity-options.js";
import {
  decideTitleApplication,
  NOT_A_TITLE_HANDLER,
  NOT_IN_REVIEW,
  NOT_THE_REQUESTER,
  OTHER_REQUEST,
  REAL_PERSON_REQUIRED,
  REASON_REQUIRED,
  REQUEST_CLOSED,
  type RequestHistoryEntry,
  TITLE_APPLICATION_TASK_KIND,
  type TitleApplicationDecision,
  type TitleApplicationInput,
  type TitleApplicationProgress,
  type TitleApplicationState,
  titleApplicationStatus,
  withdrawTitleApplication,
} from "./contracts.js";
import { adoptStoredOutcome } from "./stored-outcome.js";
import { fail } from "./unit-decision.js";

/**
 * Issue 14: the patch under which a decision that finds another decision's push stored first at its
 * node (a retried workflow task took it in another order) follows that push — the application went on
 * to the next node — and is answered as not applied. Earlier histories replay without it.
 */
const FOLLOW_STORED_PUSH = "title-follow-stored-push";

const acts = databaseActivities<ReturnType<typeof createActivities>>();
const notify = noticeActivities<ReturnType<typeof createActivities>>();

/**
 * The Update validator of a node's decision: the application is open and not already being
 * decided at that step, the decision is for the step it is at (or, while a push is applied, the
 * step it goes to), the decider handles that node (R7: an administrator does no title business),
 * R12, and a return has a reason.
 */
export function validateTitleDecision(
  input: TitleApplicationDecision,
  at: { applicationId: string; position: number; unitId: string },
  open: boolean,
): void {
  if (input.applicationId !== at.applicationId)
    throw fail(OTHER_REQUEST, "This run belongs to another application");
  if (!open) throw fail(NOT_IN_REVIEW, "The application is not awaiting a decision");
  if (input.position !== at.position)
    throw fail(NOT_IN_REVIEW, "The application has moved on from this step");
  const handles = input.deciderRoles.some((g) => g.unitId === at.unitId && g.role === "TITLE_HANDLER");
  if (!handles) throw fail(NOT_A_TITLE_HANDLER, "Only the node's title handlers push or return it (R7, R31)");
  if (input.strength !== "REAL_PERSON")
    throw fail(REAL_PERSON_REQUIRED, "R12: a real-person session is required");
  if (input.decision === "RETURN" && !input.reason?.trim())
    throw fail(REASON_REQUIRED, "A return needs a reason");
}

export async function titleApplication({ applicationId, personId, unitId }: TitleApplicationInput) {
  let state: TitleApplicationState = "IN_PROGRESS";
  let current: ChainStep = { position: 0, unitId };
  /** The decision being applied: set until the application has moved on, so no second one is taken. */
  let decision: TitleApplicationDecision | undefined;
  /**
   * While a push is applied, the node it goes to and that node's decision, if one came already:
   * the database shows the node its task before this workflow has moved on.
   */
  let upcoming: ChainStep | null = null;
  let queued: TitleApplicationDecision | undefined;
  let lastApplied: TitleApplicationDecision | undefined;
  /** Decisions taken but not applied: another decision was stored first at their node (issue 14). */
  const notApplied = new Set<TitleApplicationDecision>();
  let withdrawal: { reason?: string } | undefined;
  const history: RequestHistoryEntry[] = [];
  const progress = (): TitleApplicationProgress => ({ state, ...current });
  /** The step a decision for `position` is for (the current one or the upcoming one), and whether one is taken there. */
  const stepOf = (position: number) =>
    upcoming?.position === position ? { at: upcoming, taken: queued } : { at: current, taken: decision };

  /**
   * `units`: the nodes the entry names (written as names by the activity), or the whole path.
   * `adopted`: an outcome adopted from another path's attempt; the status query then shows the entry
   * as stored, with the decider that attempt recorded (issue 14).
   */
  async function record(
    entry: Omit<RequestHistoryEntry, "at">,
    units?: (string | null)[] | "CHAIN",
    adopted = false,
  ) {
    const full = { at: new Date().toISOString(), ...entry };
    history.push(full);
    const stored = await acts.recordTitleApplicationEvent({
      applicationId,
      sequence: history.length,
      ...full,
      units,
      ...(adopted ? { adopted } : {}),
    });
    if (stored) Object.assign(full, stored);
  }

  setHandler(titleApplicationStatus, () => ({ ...progress(), history }));
  setHandler(
    decideTitleApplication,
    async (input) => {
      // The Update's id is the decision's idempotency key (see DecisionRecord).
      const mine = { ...input, decisionKey: currentUpdateInfo()?.id };
      if (upcoming?.position === input.position) queued = mine;
      else decision = mine;
      await condition(() => lastApplied === mine || notApplied.has(mine) || state !== "IN_PROGRESS");
      return { ...progress(), applied: lastApplied === mine };
    },
    {
      validator: (input) => {
        const { at, taken } = stepOf(input.position);
        const open = state === "IN_PROGRESS" && taken === undefined && withdrawal === undefined;
        validateTitleDecision(input, { applicationId, ...at }, open);
      },
    },
  );
  setHandler(
    withdrawTitleApplication,
    async (input) => {
      withdrawal = input;
      await condition(() => state !== "IN_PROGRESS");
      return { ...progress(), applied: state === "WITHDRAWN" };
    },
    {
      validator: (input) => {
        if (input.applicationId !== applicationId)
          throw fail(OTHER_REQUEST, "This run belongs to another application");
        if (input.personId !== personId) throw fail(NOT_THE_REQUESTER, "Only the applicant withdraws");
        // A withdrawal during a push is taken: it applies at the next node.
        if (state !== "IN_PROGRESS" || withdrawal !== undefined)
          throw fail(REQUEST_CLOSED, `The application is ${state}`);
      },
    },
  );

  /**
   * Issue 14: after a return or push step, whether another path's attempt closed the application
   * first (withdrawn, or returned/completed by another decision): the workflow then takes that
   * outcome (`state`, the timeline entry) and this decision is not applied.
   */
  async function adoptedClosure(
    intended: TitleApplicationState,
    verdict: TitleApplicationDecision,
    stored: StoredStep | undefined,
  ): Promise<boolean> {
    const adopted = adoptStoredOutcome(intended, verdict.decisionKey, stored);
    if (!adopted.adopted || adopted.outcome === "IN_PROGRESS") return false;
    await record({ kind: adopted.outcome }, [current.unitId], true);
    state = adopted.outcome;
    return true;
  }

  /**
   * Issue 14: the node the application went on to when another decision's push at this node was
   * stored before this one's step (`planned`: this path's own plan, which knows whether that node is
   * the implicit regional HR department). Undefined when this decision's own step applied.
   */
  function pushedByAnother(
    verdict: TitleApplicationDecision,
    stored: StoredStep | undefined,
    planned?: ChainStep | null,
  ): ChainStep | undefined {
    if (stored?.status !== "IN_PROGRESS" || !stored.next) return undefined;
    if ((stored.decisionKey ?? undefined) === verdict.decisionKey) return undefined;
    if (!patched(FOLLOW_STORED_PUSH)) return undefined;
    const { next } = stored;
    return planned?.position === next.position && planned.unitId === next.unitId ? planned : next;
  }

  /**
   * Follows a push stored by another decision (pushedByAnother): its timeline entry as stored, the
   * next node's task (opened once), and this decision — and one queued for another node — answered
   * as not applied.
   */
  async function followStoredPush(verdict: TitleApplicationDecision, next: ChainStep) {
    await record({ kind: "PUSHED" }, [current.unitId, next.unitId], true);
    await acts.openTitleApplicationStep({ workflowId, applicationId, position: next.position });
    notApplied.add(verdict);
    current = next;
    upcoming = null;
    decision = queued?.position === next.position ? queued : undefined;
    if (queued && decision !== queued) notApplied.add(queued);
    queued = undefined;
  }

  const workflowId = workflowInfo().workflowId;
  await record({ kind: "SUBMITTED", actorId: personId, actorRole: "APPLICANT" }, "CHAIN");
  await acts.openTitleApplicationStep({ workflowId, applicationId, position: 0 });

  for (;;) {
    await condition(() => decision !== undefined || withdrawal !== undefined);
    const task = { requestId: applicationId, kind: TITLE_APPLICATION_TASK_KIND, step: current.position };
    if (withdrawal) {
      await acts.changeTask({ ...task, change: "CANCELLED", outcome: "WITHDRAWN" });
      const stored = await acts.markTitleApplicationWithdrawn({
        applicationId,
        position: current.position,
        reason: withdrawal.reason,
      });
      const adopted = adoptStoredOutcome<TitleApplicationState>("WITHDRAWN", undefined, stored);
      // Issue 14: closed by another path's attempt (returned or completed): that outcome stands.
      if (adopted.adopted && adopted.outcome !== "IN_PROGRESS") {
        await record({ kind: adopted.outcome }, [current.unitId], true);
        state = adopted.outcome;
        break;
      }
      await record(
        { kind: "WITHDRAWN", actorId: personId, actorRole: "APPLICANT", reason: withdrawal.reason },
        [current.unitId],
      );
      state = "WITHDRAWN";
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
      reason: verdict.reason?.trim() || undefined,
      decisionKey: verdict.decisionKey,
    };
    const by = {
      actorId: verdict.deciderId,
      actorRole: verdict.deciderRole,
      actorLabel: verdict.deciderLabel,
      reason: decided.reason,
    };
    if (verdict.decision === "RETURN") {
      const stored = await acts.returnTitleApplication({
        applicationId,
        position: current.position,
        decided,
      });
      if (await adoptedClosure("RETURNED", verdict, stored)) break;
      const pushed = pushedByAnother(verdict, stored);
      if (pushed) {
        await followStoredPush(verdict, pushed);
        continue;
      }
      await record({ kind: "RETURNED", ...by }, [current.unitId]);
      lastApplied = verdict;
      state = "RETURNED";
      break;
    }
    // The next node is the pushing node's superior now, not necessarily the planned one; the implicit
    // regional HR department is the last node. (Histories from before it have no `implicit` in the
    // input nor `implicitLast` in the answer: the same commands, so no patch.)
    const read = await acts.readTitleApplicationChain({
      applicationId,
      position: current.position,
      ...(current.implicit ? { implicit: true } : {}),
    });
    const plan = nextSteps(read.planned, read.chain, read.lastPosition, read.implicitLast);
    upcoming = plan.next;
    const stored = await acts.pushTitleApplication({
      applicationId,
      position: current.position,
      decided,
      ...plan,
    });
    if (await adoptedClosure(plan.next ? "IN_PROGRESS" : "COMPLETED", verdict, stored)) break;
    const pushed = pushedByAnother(verdict, stored, plan.next);
    if (pushed) {
      await followStoredPush(verdict, pushed);
      continue;
    }
    if (plan.changed) await record({ kind: "CHAIN_CHANGED" }, [plan.changed.from, plan.changed.to]);
    if (!plan.next) {
      await record({ kind: "COMPLETED", ...by }, [current.unitId]);
      lastApplied = verdict;
      state = "COMPLETED";
      break;
    }
    await record({ kind: "PUSHED", ...by }, [current.unitId, plan.next.unitId]);
    await acts.openTitleApplicationStep({ workflowId, applicationId, position: plan.next.position });
    lastApplied = verdict;
    current = plan.next;
    upcoming = null;
    decision = queued;
    queued = undefined;
  }
  // Every `break` above follows a closed state (adoptedClosure sets one too).
  const closed = state as Exclude<TitleApplicationState, "IN_PROGRESS">;
  if (closed !== "WITHDRAWN") await notify.sendTitleApplicationNotice({ applicationId, outcome: closed });
  await condition(allHandlersFinished);
  return state;
}
