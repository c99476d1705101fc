// I/O of the affiliationRequest workflow (R13). Keyed by the request id: a retry after a crash of
// the worker finds its work done (conditional updates, upserts, keyed SMS).
//
// Audit (R26): each unit's administrators read the events of their unit and of its subordinates,
// so an event about the request is written to the log of each unit it concerns that would not
// otherwise see it: submission, withdrawal, expiry and rejection to both units; an approval's
// decision to the superior and the change of superior to the unit (which the superior, now above
// it, sees too) and to the previous superior, which it leaves.
import { formatChinaTime } from "../domain/china-time.js";
import { decisionOrigin, writeAuditEventForUnits, writeDecisionAudit } from "../lib/audit.js";
import type { SmsTemplate } from "../lib/ports/sms-templates.js";
import { superiorChain } from "../lib/unit-hierarchy.js";
import type { RequestStatus } from "../prisma/generated/client.js";
import {
  AFFILIATION_TASK_KIND,
  type AffiliationRequestState,
  type DecisionRecord,
} from "../workflows/contracts.js";
import type { StoredOutcome } from "../workflows/stored-outcome.js";
import type { ActivityDependencies } from "./index.js";
import { settleTask, storedOutcome, unitDeciderMobiles, upsertTask } from "./request.activities.js";

const SYSTEM = { type: "SYSTEM", label: "affiliationRequest" } as const;
const target = (requestId: string) => ({ type: "AffiliationRequest", id: requestId });
const taskOf = (requestId: string) => ({ requestId, kind: AFFILIATION_TASK_KIND });

export function createAffiliationRequestActivities({ db, ports }: ActivityDependencies) {
  const load = (requestId: string) =>
    db.affiliationRequest.findUniqueOrThrow({
      where: { id: requestId },
      include: { unit: true, superiorUnit: true },
    });

  /** SUBMITTED and REMINDER go to the superior's deciders (or its contact mobile when it has none). */
  async function tellSuperiorDeciders(
    requestId: string,
    deadline: string,
    template: "AFFILIATION_REQUEST_SUBMITTED" | "AFFILIATION_REQUEST_REMINDER",
  ) {
    const request = await load(requestId);
    for (const mobile of await unitDeciderMobiles(db, request.superiorUnit)) {
      await ports.sms.queue({
        idempotencyKey: `AffiliationRequest:${request.id}:${template}:${mobile}`,
        mobile,
        template,
        params: {
          unitName: request.unit.name,
          superiorName: request.superiorUnit.name,
          requestNumber: request.requestNumber,
          deadline: formatChinaTime(new Date(deadline)),
        },
      });
    }
  }

  return {
    /**
     * The task in the superior's queue (the workbench and 单位基础信息管理), due when the request
     * expires; its administrator and handlers are told by SMS.
     */
    async openAffiliationTask(input: { workflowId: string; requestId: string; dueAt: string }) {
      const request = await load(input.requestId);
      await upsertTask(db, {
        workflowId: input.workflowId,
        kind: AFFILIATION_TASK_KIND,
        requestType: "AFFILIATION_REQUEST",
        requestId: request.id,
        queue: "UNIT",
        unitId: request.superiorUnitId,
        title: `${request.unit.name}申请关联（归口）（${request.requestNumber}）`,
        requestNumber: request.requestNumber,
        dueAt: input.dueAt,
      });
    },

    async sendAffiliationRequestSubmitted(input: { requestId: string; deadline: string }) {
      await tellSuperiorDeciders(input.requestId, input.deadline, "AFFILIATION_REQUEST_SUBMITTED");
    },

    async sendAffiliationRequestReminder(input: { requestId: string; deadline: string }) {
      await tellSuperiorDeciders(input.requestId, input.deadline, "AFFILIATION_REQUEST_REMINDER");
    },

    /**
     * Closes a request that changes no superior: rejected, withdrawn or expired. A compare-and-set on
     * the open request: on a closed one it changes nothing and answers the stored outcome (see
     * workflows/stored-outcome.ts), else the outcome it applied.
     */
    async closeAffiliationRequest(input: {
      requestId: string;
      status: Extract<RequestStatus, "REJECTED" | "WITHDRAWN" | "EXPIRED">;
      decidedById?: string;
      /** Who closed it when that is not a decider: the requesting unit's staff withdrawing. */
      actorId?: string;
      reason?: string;
      /** The superior's decision (a rejection), audited as `affiliation-request.decided` in this transaction. */
      decided?: DecisionRecord;
    }): Promise<StoredOutcome> {
      return db.$transaction(async (tx): Promise<StoredOutcome> => {
        const { count } = await tx.affiliationRequest.updateMany({
          where: { id: input.requestId, openUnitId: { not: null } },
          data: {
            status: input.status,
            openUnitId: null,
            decidedById: input.decidedById ?? null,
            decisionReason: input.reason ?? null,
            closedAt: new Date(),
          },
        });
        const request = await tx.affiliationRequest.findUniqueOrThrow({ where: { id: input.requestId } });
        if (count === 0) return storedOutcome(tx, request.status, taskOf(request.id));
        await settleTask(tx, taskOf(request.id), { status: input.status, decided: input.decided });
        const applied = { status: input.status, decisionKey: input.decided?.decisionKey ?? null };
        const units = [request.unitId, request.superiorUnitId];
        if (input.decided) {
          for (const unitId of new Set(units)) {
            await writeDecisionAudit(tx, {
              action: "affiliation-request.decided",
              target: target(request.id),
              unitId,
              decided: input.decided,
            });
          }
          return applied;
        }
        const actorId = input.decidedById ?? input.actorId;
        await writeAuditEventForUnits(
          tx,
          {
            action: `affiliation-request.${input.status.toLowerCase()}`,
            actor: actorId ? { type: "PERSON", id: actorId } : SYSTEM,
            target: target(request.id),
            after: { status: input.status, reason: input.reason },
          },
          units,
        );
        return applied;
      });
    },

    /**
     * Approval (R13), in one transaction: the hierarchy lock first (every change of a superior takes
     * it, so two approvals never read the hierarchy at once), then the superior's chain as it is now;
     * when the unit is on it, approving would close a cycle and nothing changes (`applied: false`).
     * Otherwise the unit's superior is set, the request closes, and both are audited. `stored`: the
     * outcome the request has once closed — by this approval or, found closed, by whatever closed it
     * first (see workflows/stored-outcome.ts); absent while it stays open (a cycle).
     */
    async approveAffiliationRequest(input: { requestId: string; decided: DecisionRecord }) {
      return db.$transaction(async (tx): Promise<{ applied: boolean; stored?: StoredOutcome }> => {
        await tx.hierarchyLock.update({ where: { id: 1 }, data: { version: { increment: 1 } } });
        const request = await tx.affiliationRequest.findUniqueOrThrow({ where: { id: input.requestId } });
        // Closed already: by a retry of this step, or by another path of a retried workflow task.
        if (request.openUnitId === null) {
          const stored = await storedOutcome(tx, request.status, taskOf(request.id));
          return { applied: stored.decisionKey === (input.decided.decisionKey ?? null), stored };
        }
        const chain = await superiorChain(tx, request.superiorUnitId);
        if (chain.includes(request.unitId)) return { applied: false };
        const unit = await tx.unit.findUniqueOrThrow({ where: { id: request.unitId } });
        await tx.unit.update({ where: { id: unit.id }, data: { parentUnitId: request.superiorUnitId } });
        await tx.affiliationRequest.update({
          where: { id: request.id },
          data: {
            status: "APPROVED",
            openUnitId: null,
            decidedById: input.decided.actorId,
            closedAt: new Date(),
          },
        });
        await writeDecisionAudit(tx, {
          action: "affiliation-request.decided",
          target: target(request.id),
          unitId: request.superiorUnitId,
          decided: input.decided,
        });
        await writeAuditEventForUnits(
          tx,
          {
            action: "unit.superior-changed",
            actor: { type: "PERSON", id: input.decided.actorId },
            // From where (R26): the decision's origin, as on its decided row.
            origin: await decisionOrigin(tx, input.decided.decisionKey),
            target: { type: "Unit", id: unit.id },
            before: { parentUnitId: unit.parentUnitId },
            after: { parentUnitId: request.superiorUnitId, affiliationRequestId: request.id },
          },
          [unit.id, unit.parentUnitId],
        );
        await settleTask(tx, taskOf(request.id), { status: "APPROVED", decided: input.decided });
        return {
          applied: true,
          stored: { status: "APPROVED", decisionKey: input.decided.decisionKey ?? null },
        };
      });
    },

    /** The outcome to both units' contact mobiles; a withdrawal to the superior's only. */
    async sendAffiliationRequestNotice(input: { requestId: string; outcome: AffiliationRequestState }) {
      const templates: Partial<Record<AffiliationRequestState, SmsTemplate>> = {
        APPROVED: "AFFILIATION_REQUEST_APPROVED",
        REJECTED: "AFFILIATION_REQUEST_REJECTED",
        EXPIRED: "AFFILIATION_REQUEST_EXPIRED",
        WITHDRAWN: "AFFILIATION_REQUEST_WITHDRAWN",
      };
      const template = templates[input.outcome];
      if (!template) return;
      const request = await load(input.requestId);
      const units =
        input.outcome === "WITHDRAWN" ? [request.superiorUnit] : [request.unit, request.superiorUnit];
      for (const unit of units) {
        await ports.sms.queue({
          idempotencyKey: `AffiliationRequest:${request.id}:${input.outcome}:${unit.id}`,
          mobile: unit.contactMobile,
          template,
          params: {
            unitName: request.unit.name,
            superiorName: request.superiorUnit.name,
            requestNumber: request.requestNumber,
            reason: request.decisionReason ?? "",
          },
        });
      }
    },
  };
}
