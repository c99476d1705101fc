// I/O of the bindingRequest workflow (R16). Keyed by the request id: a retry after a crash of the
// worker finds its work done (conditional updates, upserts, keyed SMS).
import { formatChinaTime } from "../domain/china-time.js";
import { maskName } from "../domain/masking.js";
import { writeAuditEvent, writeDecisionAudit } from "../lib/audit.js";
import { bindPerson, endBinding } from "../lib/memberships.js";
import type { SmsTemplate } from "../lib/ports/sms-templates.js";
import type { RequestStatus } from "../prisma/generated/client.js";
import { BINDING_TASK_KIND, type BindingRequestState, type DecisionRecord } from "../workflows/contracts.js";
import type { StoredOutcome } from "../workflows/stored-outcome.js";
import type { ActivityDependencies } from "./index.js";
import { settleTask, storedOutcome, unitDeciderMobiles, upsertTask } from "./request.activities.js";

const SYSTEM = { type: "SYSTEM", label: "bindingRequest" } as const;
const taskOf = (requestId: string) => ({ requestId, kind: BINDING_TASK_KIND });

const decisionAudit = (request: { id: string; unitId: string }, decided: DecisionRecord) => ({
  action: "binding-request.decided",
  target: { type: "BindingRequest", id: request.id },
  unitId: request.unitId,
  decided,
});

export function createBindingRequestActivities({ db, ports }: ActivityDependencies) {
  const load = (requestId: string) =>
    db.bindingRequest.findUniqueOrThrow({ where: { id: requestId }, include: { person: true, unit: true } });

  return {
    /** The task in the unit's queue (新进账号管理 and the workbench), due when the request expires. */
    async openBindingTask(input: { workflowId: string; requestId: string; dueAt: string }) {
      // Only what the task needs: the unit's row is not read (issue 14.2).
      const request = await db.bindingRequest.findUniqueOrThrow({
        where: { id: input.requestId },
        select: { id: true, unitId: true, requestNumber: true, person: { select: { name: true } } },
      });
      await upsertTask(db, {
        workflowId: input.workflowId,
        kind: BINDING_TASK_KIND,
        requestType: "BINDING_REQUEST",
        requestId: request.id,
        queue: "UNIT",
        unitId: request.unitId,
        title: `${maskName(request.person.name)}申请绑定（${request.requestNumber}）`,
        dueAt: input.dueAt,
      });
    },

    /** Reminds the unit's administrator and handlers (or its contact mobile when it has none). */
    async sendBindingRequestReminder(input: { requestId: string; deadline: string }) {
      const request = await load(input.requestId);
      for (const mobile of await unitDeciderMobiles(db, request.unit)) {
        await ports.sms.send({
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
     * Closes a request that binds nobody: rejected, withdrawn or expired. A compare-and-set on the
     * open request: on a closed one it changes nothing and answers the stored outcome (see
     * workflows/stored-outcome.ts), else the outcome it applied.
     */
    async closeBindingRequest(input: {
      requestId: string;
      status: Extract<RequestStatus, "REJECTED" | "WITHDRAWN" | "EXPIRED">;
      decidedById?: string;
      /** Who closed it when that is not a decider: the person withdrawing. */
      actorId?: string;
      reason?: string;
      /** The unit's decision (a rejection), audited as `binding-request.decided` in this transaction. */
      decided?: DecisionRecord;
    }): Promise<StoredOutcome> {
      return db.$transaction(async (tx): Promise<StoredOutcome> => {
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
        const request = await tx.bindingRequest.findUniqueOrThrow({ where: { id: input.requestId } });
        if (count === 0) return storedOutcome(tx, request.status, taskOf(request.id));
        await settleTask(tx, taskOf(request.id), { status: input.status, decided: input.decided });
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
      });
    },

    /**
     * Acceptance (R16): in one transaction the previous binding ends with its unit roles (when the
     * person changes unit), the person is bound, and the request closes. On a closed request it
     * changes nothing and answers the stored outcome (see workflows/stored-outcome.ts).
     */
    async acceptBindingRequest(input: {
      requestId: string;
      decidedById: string;
      decided?: DecisionRecord;
    }): Promise<StoredOutcome> {
      return db.$transaction(async (tx): Promise<StoredOutcome> => {
        const request = await tx.bindingRequest.findUniqueOrThrow({ where: { id: input.requestId } });
        if (request.openPersonId === null) return storedOutcome(tx, request.status, taskOf(request.id));
        const current = await tx.binding.findUnique({ where: { activePersonId: request.personId } });
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
        await tx.bindingRequest.update({
          where: { id: request.id },
          data: {
            status: "APPROVED",
            openPersonId: null,
            decidedById: input.decidedById,
            closedAt: new Date(),
          },
        });
        if (input.decided) await writeDecisionAudit(tx, decisionAudit(request, input.decided));
        await settleTask(tx, taskOf(request.id), {
          status: "APPROVED",
          decided: input.decided ?? { actorId: input.decidedById, decision: "APPROVE" },
        });
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
      });
    },

    async sendBindingRequestNotice(input: { requestId: string; outcome: BindingRequestState }) {
      const templates: Partial<Record<BindingRequestState, SmsTemplate>> = {
        APPROVED: "BINDING_REQUEST_APPROVED",
        REJECTED: "BINDING_REQUEST_REJECTED",
        EXPIRED: "BINDING_REQUEST_EXPIRED",
      };
      const template = templates[input.outcome];
      if (!template) return;
      const request = await load(input.requestId);
      await ports.sms.send({
        idempotencyKey: `BindingRequest:${request.id}:${input.outcome}`,
        mobile: request.person.mobile,
        template,
        params: {
          unitName: request.unit.name,
          requestNumber: request.requestNumber,
          reason: request.decisionReason ?? "",
        },
      });
    },
  };
}
