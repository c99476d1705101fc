// I/O of the bindingRequest workflow (R16). Keyed by the request id: a retry after a crash of the
// worker finds its work done (conditional updates, upserts, keyed SMS).
import { log } from "@temporalio/activity";
import { formatChinaTime } from "../domain/china-time.js";
import { maskName } from "../domain/masking.js";
import { writeAuditEvent, writeDecisionAudit } from "../lib/audit.js";
import { activeBinding, bindPerson, endBinding } from "../lib/memberships.js";
import type { SmsTemplate } from "../lib/ports/sms-templates.js";
import type { RequestStatus } from "../prisma/generated/client.js";
import { BINDING_TASK_KIND, type BindingRequestState, type DecisionRecord } from "../workflows/contracts.js";
import { adoptStoredOutcome, type StoredOutcome } from "../workflows/stored-outcome.js";
import type { ActivityDependencies } from "./index.js";
import {
  completeTask,
  type RequestEventInput,
  recordRequestEvent,
  settleTask,
  storedOutcome,
  type Tx,
  unitDeciderMobiles,
  upsertTask,
} from "./request.activities.js";
import type { StoredEntry } from "./stored-event.js";

const SYSTEM = { type: "SYSTEM", label: "bindingRequest" } as const;
const taskOf = (requestId: string) => ({ requestId, kind: BINDING_TASK_KIND });

/** A timeline entry (R25) as the workflow stamped it: its position, time and actor; the kind is the step's. */
export type BindingTimelineEntry = Omit<RequestEventInput, "requestType" | "requestId" | "kind">;

type CloseInput = {
  requestId: string;
  status: Extract<RequestStatus, "REJECTED" | "WITHDRAWN" | "EXPIRED">;
  decidedById?: string;
  /** Who closed it when that is not a decider: the person withdrawing. */
  actorId?: string;
  reason?: string;
  /** The unit's decision (a rejection), audited as `binding-request.decided` in this transaction. */
  decided?: DecisionRecord;
  /** The caller's transaction has just closed the task with this very decision: nothing to settle. */
  taskClosed?: boolean;
};

type AcceptInput = {
  requestId: string;
  decidedById: string;
  decided?: DecisionRecord;
  /** The caller's transaction has just closed the task with this very decision: nothing to settle. */
  taskClosed?: boolean;
};

const decisionAudit = (request: { id: string; unitId: string }, decided: DecisionRecord) => ({
  action: "binding-request.decided",
  target: { type: "BindingRequest", id: request.id },
  unitId: request.unitId,
  decided,
});

/**
 * Closes a request that binds nobody, in the caller's transaction: a compare-and-set on the open
 * request. On a closed one it changes nothing and answers the stored outcome (see
 * workflows/stored-outcome.ts), else the outcome it applied.
 */
async function closeIn(tx: Tx, input: CloseInput): Promise<StoredOutcome> {
  const { count } = await tx.bindingRequest.updateMany({
    where: { id: input.requestId, openPersonId: { not: null } },
    data: {
      status: input.status,
      openPersonId: null,
      decidedById: input.decidedById ?? null,
      decisionReason: input.reason ?? null,
      closedAt: new Date(),
    },
  });
  const request = await tx.bindingRequest.findUniqueOrThrow({
    where: { id: input.requestId },
    select: { id: true, unitId: true, status: true },
  });
  if (count === 0) return storedOutcome(tx, request.status, taskOf(request.id));
  if (!input.taskClosed) {
    await settleTask(tx, taskOf(request.id), { status: input.status, decided: input.decided });
  }
  const applied = { status: input.status, decisionKey: input.decided?.decisionKey ?? null };
  if (input.decided) {
    await writeDecisionAudit(tx, decisionAudit(request, input.decided));
    return applied;
  }
  await writeAuditEvent(tx, {
    action: `binding-request.${input.status.toLowerCase()}`,
    actor:
      input.decidedById || input.actorId
        ? { type: "PERSON", id: (input.decidedById ?? input.actorId)! }
        : SYSTEM,
    target: { type: "BindingRequest", id: request.id },
    unitId: request.unitId,
    after: { status: input.status, reason: input.reason },
  });
  return applied;
}

/**
 * Acceptance (R16), in the caller's transaction: the previous binding ends with its unit roles (when
 * the person changes unit), the person is bound, and the request closes. On a closed request it
 * changes nothing and answers the stored outcome (see workflows/stored-outcome.ts).
 */
async function acceptIn(tx: Tx, input: AcceptInput): Promise<StoredOutcome> {
  // Raw reads and writes on the decision's path (issue 14: half the CPU of Prisma's statements).
  const [request] = await tx.$queryRaw<
    { id: string; personId: string; unitId: string; openPersonId: string | null; status: string }[]
  >`
    SELECT "id", "personId", "unitId", "openPersonId", CAST("status" AS TEXT) AS "status"
    FROM "BindingRequest" WHERE "id" = ${input.requestId}`;
  if (!request) throw new Error(`Binding request ${input.requestId} not found`);
  if (request.openPersonId === null) return storedOutcome(tx, request.status, taskOf(request.id));
  const current = await activeBinding(tx, request.personId);
  const previous =
    current && current.unitId !== request.unitId
      ? await endBinding(tx, {
          personId: request.personId,
          unitId: current.unitId,
          reason: "CHANGED_UNIT",
          endedById: input.decidedById,
        })
      : null;
  // What the person is bound to now, as read above: nothing once the previous binding ended.
  const active = current && !previous ? current : null;
  const binding = await bindPerson(tx, request.personId, request.unitId, request.id, active);
  await tx.$executeRaw`
    UPDATE "BindingRequest" SET "status" = 'APPROVED', "openPersonId" = NULL,
      "decidedById" = ${input.decidedById}, "closedAt" = ${new Date()}
    WHERE "id" = ${request.id}`;
  if (input.decided) await writeDecisionAudit(tx, decisionAudit(request, input.decided));
  if (!input.taskClosed) {
    await settleTask(tx, taskOf(request.id), {
      status: "APPROVED",
      decided: input.decided ?? { actorId: input.decidedById, decision: "APPROVE" },
    });
  }
  const audit = { actor: { type: "PERSON", id: input.decidedById } as const, unitId: request.unitId };
  await writeAuditEvent(tx, {
    ...audit,
    action: "binding.started",
    target: { type: "Binding", id: binding.id },
    before: previous ? { unitId: previous.unitId } : null,
    after: { unitId: request.unitId, personId: request.personId, requestId: request.id },
  });
  if (previous) {
    await writeAuditEvent(tx, {
      ...audit,
      action: "binding.ended",
      unitId: previous.unitId,
      target: { type: "Binding", id: previous.id },
      before: { unitId: previous.unitId, roles: previous.revokedRoles },
      after: { endReason: "CHANGED_UNIT", requestId: request.id },
    });
  }
  return { status: "APPROVED", decisionKey: input.decided?.decisionKey ?? null };
}

export function createBindingRequestActivities({ db, ports }: ActivityDependencies) {
  const load = (requestId: string) =>
    db.bindingRequest.findUniqueOrThrow({ where: { id: requestId }, include: { person: true, unit: true } });

  /** The task in the unit's queue (新进账号管理 and the workbench), due when the request expires. */
  const openTask = async (input: { workflowId: string; requestId: string; dueAt: string }) => {
    // Only what the task needs, in one raw statement (issue 14: Prisma's relation read took two).
    const [request] = await db.$queryRaw<
      { id: string; unitId: string; requestNumber: string; personName: string | null }[]
    >`
      SELECT r."id", r."unitId", r."requestNumber", p."name" AS "personName"
      FROM "BindingRequest" r JOIN "Person" p ON p."id" = r."personId"
      WHERE r."id" = ${input.requestId}`;
    if (!request) throw new Error(`Binding request ${input.requestId} not found`);
    await upsertTask(db, {
      workflowId: input.workflowId,
      kind: BINDING_TASK_KIND,
      requestType: "BINDING_REQUEST",
      requestId: request.id,
      queue: "UNIT",
      unitId: request.unitId,
      title: `${maskName(request.personName)}申请绑定（${request.requestNumber}）`,
      requestNumber: request.requestNumber,
      dueAt: input.dueAt,
    });
  };

  const activities = {
    openBindingTask: openTask,

    /**
     * A submission's steps in one local activity (issue 14: one activation and one marker instead of
     * two): its timeline entry SUBMITTED, then the unit's task. Each write is keyed, so a rerun after a
     * crash adds nothing.
     */
    async openBindingRequest(input: {
      workflowId: string;
      requestId: string;
      dueAt: string;
      submitted: BindingTimelineEntry;
    }) {
      const { requestId } = input;
      await recordRequestEvent(db, {
        ...input.submitted,
        requestType: "BINDING_REQUEST",
        requestId,
        kind: "SUBMITTED",
      });
      await openTask(input);
    },

    /** Reminds the unit's administrator and handlers (or its contact mobile when it has none). */
    async sendBindingRequestReminder(input: { requestId: string; deadline: string }) {
      const request = await load(input.requestId);
      for (const mobile of await unitDeciderMobiles(db, request.unit)) {
        await ports.sms.queue({
          idempotencyKey: `BindingRequest:${request.id}:reminder:${mobile}`,
          mobile,
          template: "BINDING_REQUEST_REMINDER",
          params: {
            personName: maskName(request.person.name),
            unitName: request.unit.name,
            requestNumber: request.requestNumber,
            deadline: formatChinaTime(new Date(input.deadline)),
          },
        });
      }
    },

    /**
     * Closes a request that binds nobody: rejected, withdrawn or expired (see closeIn). A
     * compare-and-set on the open request: on a closed one it changes nothing and answers the stored
     * outcome (see workflows/stored-outcome.ts), else the outcome it applied.
     */
    async closeBindingRequest(input: Omit<CloseInput, "taskClosed">): Promise<StoredOutcome> {
      return db.$transaction((tx) => closeIn(tx, input));
    },

    /** Acceptance (R16) in one transaction (see acceptIn). */
    async acceptBindingRequest(input: Omit<AcceptInput, "taskClosed">): Promise<StoredOutcome> {
      return db.$transaction((tx) => acceptIn(tx, input));
    },

    /**
     * A unit's decision applied in one local activity and one transaction (issue 14): the task closes
     * (compare-and-set on its open state), the request is accepted (R16) or rejected, then its
     * timeline entry is stored. The database arbitrates as before (workflows/stored-outcome.ts): on a
     * request another path closed first nothing changes, the stored outcome is answered, and the
     * entry recorded is that outcome's, without this decider. A rerun after a crash finds its own
     * outcome stored and adds nothing (keyed task, request and entry).
     */
    async decideBindingRequestStep(input: {
      requestId: string;
      decided: DecisionRecord & { decision: "APPROVE" | "REJECT" };
      /** The entry of the applied decision, with its decider (kind: APPROVED or REJECTED). */
      entry: BindingTimelineEntry;
    }): Promise<StoredOutcome & { entry?: StoredEntry }> {
      const { requestId, decided } = input;
      const intended = decided.decision === "APPROVE" ? "APPROVED" : "REJECTED";
      const stored = await db.$transaction(async (tx) => {
        const taskClosed = await completeTask(tx, {
          ...taskOf(requestId),
          outcome: decided.decision,
          decidedById: decided.actorId,
          decisionKey: decided.decisionKey,
        });
        return intended === "APPROVED"
          ? acceptIn(tx, { requestId, decidedById: decided.actorId, decided, taskClosed })
          : closeIn(tx, {
              requestId,
              status: intended,
              decidedById: decided.actorId,
              reason: decided.reason,
              decided,
              taskClosed,
            });
      });
      const { adopted, outcome } = adoptStoredOutcome(intended, decided.decisionKey, stored);
      const { sequence, at } = input.entry;
      // After the transaction, keyed: a rerun's entry changes nothing. (Inside it, one commit fewer,
      // measured no CPU saved on 2026-12-06.)
      const storedEntry = await recordRequestEvent(
        db,
        adopted
          ? { requestType: "BINDING_REQUEST", requestId, sequence, at, kind: outcome }
          : { ...input.entry, requestType: "BINDING_REQUEST", requestId, kind: intended },
      );
      // An adopted outcome whose entry another path's attempt stored: its decider, for the status
      // query (race gap d). Old histories' results lack `entry`, which changes no command.
      return adopted && storedEntry ? { ...stored, entry: storedEntry } : stored;
    },

    /**
     * The decision's step (decideBindingRequestStep) and then, in the same local activity, the
     * requester's SMS notice of the outcome, stored for the notice sender (ports.sms.queue: the
     * decision's answer never waits for the gateway; issue 14: one activation and one local activity
     * fewer per decision). A failure to store it is not this step's failure: the decision stays
     * applied, `noticeSent` is false and the workflow stores the notice as its own step, which retries
     * on its timers. The notice is keyed by request and outcome, so it is never stored twice.
     */
    async decideBindingRequestAndNotify(input: {
      requestId: string;
      decided: DecisionRecord & { decision: "APPROVE" | "REJECT" };
      entry: BindingTimelineEntry;
    }): Promise<{ stored: StoredOutcome & { entry?: StoredEntry }; noticeSent: boolean }> {
      const stored = await activities.decideBindingRequestStep(input);
      const { decided } = input;
      const intended = decided.decision === "APPROVE" ? "APPROVED" : "REJECTED";
      const { outcome } = adoptStoredOutcome<BindingRequestState>(intended, decided.decisionKey, stored);
      // A withdrawal stored first has no notice (see the workflow).
      if (outcome === "WITHDRAWN") return { stored, noticeSent: true };
      try {
        await activities.sendBindingRequestNotice({ requestId: input.requestId, outcome });
        return { stored, noticeSent: true };
      } catch (error) {
        // The gateway's answer may quote the mobile: only the error's kind is logged.
        log.warn("binding request notice not stored with the decision; stored as its own step", {
          requestId: input.requestId,
          error: error instanceof Error ? error.name : typeof error,
        });
        return { stored, noticeSent: false };
      }
    },

    async sendBindingRequestNotice(input: { requestId: string; outcome: BindingRequestState }) {
      const templates: Partial<Record<BindingRequestState, SmsTemplate>> = {
        APPROVED: "BINDING_REQUEST_APPROVED",
        REJECTED: "BINDING_REQUEST_REJECTED",
        EXPIRED: "BINDING_REQUEST_EXPIRED",
      };
      const template = templates[input.outcome];
      if (!template) return;
      // Only what the notice needs, in one raw statement (issue 14: Prisma's relation reads took three).
      const [request] = await db.$queryRaw<
        {
          id: string;
          requestNumber: string;
          decisionReason: string | null;
          mobile: string;
          unitName: string;
        }[]
      >`
        SELECT r."id", r."requestNumber", r."decisionReason", p."mobile", u."name" AS "unitName"
        FROM "BindingRequest" r JOIN "Person" p ON p."id" = r."personId" JOIN "Unit" u ON u."id" = r."unitId"
        WHERE r."id" = ${input.requestId}`;
      if (!request) throw new Error(`Binding request ${input.requestId} not found`);
      await ports.sms.queue({
        idempotencyKey: `BindingRequest:${request.id}:${input.outcome}`,
        mobile: request.mobile,
        template,
        params: {
          unitName: request.unitName,
          requestNumber: request.requestNumber,
          reason: request.decisionReason ?? "",
        },
      });
    },
  };
  return activities;
}
