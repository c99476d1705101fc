// I/O of the contactMobileChange workflow (R27), keyed by the change's id.
import { maskMobile } from "../domain/masking.js";
import { writeAuditEvent, writeDecisionAudit } from "../lib/audit.js";
import type { SmsRequest } from "../lib/ports/sms.js";
import { CONTACT_MOBILE_REVIEW_TASK_KIND, type DecisionRecord } from "../workflows/contracts.js";
import type { StoredOutcome } from "../workflows/stored-outcome.js";
import type { ActivityDependencies } from "./index.js";
import { openLegalRepCheck } from "./legal-rep-check.js";
import { settleTask, storedOutcome, type Tx, upsertTask } from "./request.activities.js";

export type ContactMobileChangeNotice = { kind: "APPROVED" } | { kind: "REJECTED"; reason: string };

const decisionAudit = (change: { id: string; unitId: string }, decided: DecisionRecord) => ({
  action: "contact-mobile-change.decided",
  target: { type: "ContactMobileChange", id: change.id },
  unitId: change.unitId,
  decided,
});

const taskOf = (changeId: string) => ({ requestId: changeId, kind: CONTACT_MOBILE_REVIEW_TASK_KIND });

/** Issue 14: a closed change's stored outcome, with the rejection's reason for its notice. */
async function storedChange(
  tx: Tx,
  change: { id: string; status: string; decisionReason: string | null },
): Promise<StoredOutcome> {
  return { ...(await storedOutcome(tx, change.status, taskOf(change.id))), reason: change.decisionReason };
}

export function createContactMobileChangeActivities(deps: ActivityDependencies) {
  const { db, ports } = deps;
  const load = (changeId: string) =>
    db.contactMobileChange.findUniqueOrThrow({ where: { id: changeId }, include: { unit: true } });

  return {
    /** Opens the legal representative's face check for the change (R27). */
    async openChangeLegalRepCheck({ changeId, ttlSeconds }: { changeId: string; ttlSeconds: number }) {
      const change = await load(changeId);
      return openLegalRepCheck(deps, {
        requestId: changeId,
        legalRepName: change.unit.legalRepName ?? undefined,
        legalRepIdNumber: change.unit.legalRepIdNumber ?? undefined,
        ttlSeconds,
      });
    },

    async setContactMobileChangeStatus({
      changeId,
      status,
    }: {
      changeId: string;
      status: "AWAITING_REAL_PERSON_AUTH" | "IN_MANUAL_REVIEW";
    }) {
      await db.contactMobileChange.updateMany({ where: { id: changeId, closedAt: null }, data: { status } });
    },

    async openContactMobileReviewTask(input: {
      workflowId: string;
      kind: string;
      changeId: string;
      dueAt: string;
    }) {
      const change = await load(input.changeId);
      await upsertTask(db, {
        workflowId: input.workflowId,
        kind: input.kind,
        requestType: "CONTACT_MOBILE_CHANGE",
        requestId: input.changeId,
        queue: "PLATFORM_REVIEW",
        title: `${change.unit.name}（联系人手机变更）`,
        dueAt: input.dueAt,
      });
    },

    /**
     * Applies the new mobile and closes the change, in one transaction; a retry finds it done. On a
     * closed change (approved, or rejected by another path's attempt: issue 14) it changes nothing and
     * answers the stored outcome (see workflows/stored-outcome.ts).
     */
    async applyContactMobileChange({
      changeId,
      decided,
    }: {
      changeId: string;
      decided?: DecisionRecord;
    }): Promise<StoredOutcome> {
      const decidedById = decided?.actorId;
      return db.$transaction(async (tx): Promise<StoredOutcome> => {
        const change = await tx.contactMobileChange.findUniqueOrThrow({
          where: { id: changeId },
          include: { unit: true },
        });
        if (change.closedAt !== null) return storedChange(tx, change);
        await tx.unit.update({ where: { id: change.unitId }, data: { contactMobile: change.newMobile } });
        await tx.contactMobileChange.update({
          where: { id: changeId },
          data: {
            status: "APPROVED",
            openUnitId: null,
            closedAt: new Date(),
            decidedById: decidedById ?? null,
          },
        });
        await writeAuditEvent(tx, {
          action: "unit.contact-mobile-changed",
          actor: decidedById
            ? { type: "PERSON", id: decidedById }
            : { type: "SYSTEM", label: "contactMobileChange" },
          target: { type: "Unit", id: change.unitId },
          unitId: change.unitId,
          before: { contactMobile: maskMobile(change.previousMobile) },
          after: { contactMobile: maskMobile(change.newMobile), method: change.method },
        });
        if (decided) {
          await writeDecisionAudit(tx, decisionAudit(change, decided));
          await settleTask(tx, taskOf(changeId), { status: "APPROVED", decided });
        }
        return { status: "APPROVED", decisionKey: decided?.decisionKey ?? null };
      });
    },

    /** Rejects an open change; on a closed one changes nothing and answers the stored outcome (issue 14). */
    async rejectContactMobileChange(input: {
      changeId: string;
      decided: DecisionRecord;
      reason: string;
    }): Promise<StoredOutcome> {
      return db.$transaction(async (tx): Promise<StoredOutcome> => {
        const { count } = await tx.contactMobileChange.updateMany({
          where: { id: input.changeId, closedAt: null },
          data: {
            status: "REJECTED",
            openUnitId: null,
            closedAt: new Date(),
            decidedById: input.decided.actorId,
            decisionReason: input.reason,
          },
        });
        const change = await tx.contactMobileChange.findUniqueOrThrow({ where: { id: input.changeId } });
        if (count === 0) return storedChange(tx, change);
        await writeDecisionAudit(tx, decisionAudit(change, input.decided));
        await settleTask(tx, taskOf(change.id), { status: "REJECTED", decided: input.decided });
        return { status: "REJECTED", decisionKey: input.decided.decisionKey ?? null, reason: input.reason };
      });
    },

    /** Tells both mobiles about an approval (the old one learns of the change), the old one of a rejection. */
    async sendContactMobileChangeNotice({
      changeId,
      notice,
    }: {
      changeId: string;
      notice: ContactMobileChangeNotice;
    }) {
      const change = await load(changeId);
      const message: Pick<SmsRequest, "template" | "params"> =
        notice.kind === "APPROVED"
          ? {
              template: "CONTACT_MOBILE_CHANGED",
              params: { unitName: change.unit.name, mobileMasked: maskMobile(change.newMobile) },
            }
          : {
              template: "CONTACT_MOBILE_CHANGE_REJECTED",
              params: { unitName: change.unit.name, reason: notice.reason },
            };
      const recipients =
        notice.kind === "APPROVED" ? [change.newMobile, change.previousMobile] : [change.previousMobile];
      for (const mobile of new Set(recipients)) {
        await ports.sms.queue({
          idempotencyKey: `ContactMobileChange:${changeId}:${notice.kind}:${mobile}`,
          mobile,
          ...message,
        });
      }
    },
  };
}
