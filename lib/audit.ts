// R26: every change to accounts, roles, bindings, units and hierarchy is written here,
// inside the same transaction as the change itself.
import type { Prisma } from "../prisma/generated/client.js";
import type { DecisionRecord } from "../workflows/contracts.js";

export type AuditActor =
  | { type: "PERSON"; id: string; label?: string }
  | { type: "UNIT"; id: string; label?: string }
  | { type: "SYSTEM"; id?: undefined; label: string };

export type AuditOrigin = { ipAddress?: string; userAgent?: string; requestId?: string };

export type AuditEventInput = {
  action: string;
  actor: AuditActor;
  origin?: AuditOrigin;
  target: { type: string; id?: string };
  unitId?: string | null;
  before?: unknown;
  after?: unknown;
};

type AuditWriter = Pick<Prisma.TransactionClient, "auditEvent">;

export async function writeAuditEvent(db: AuditWriter, event: AuditEventInput): Promise<void> {
  await db.auditEvent.create({
    data: {
      action: event.action,
      actorType: event.actor.type,
      actorId: event.actor.id ?? null,
      actorLabel: event.actor.label ?? null,
      ipAddress: event.origin?.ipAddress ?? null,
      userAgent: event.origin?.userAgent ?? null,
      requestId: event.origin?.requestId ?? null,
      targetType: event.target.type,
      targetId: event.target.id ?? null,
      unitId: event.unitId ?? null,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
    },
  });
}

/**
 * The `*.decided` row of a human decision (R26), written by the activity that applies the
 * decision, inside its transaction: applied and audited together, or neither.
 */
export async function writeDecisionAudit(
  db: AuditWriter,
  input: {
    action: string;
    target: { type: string; id: string };
    unitId?: string | null;
    decided: DecisionRecord;
  },
): Promise<void> {
  const { decided } = input;
  await writeAuditEvent(db, {
    action: input.action,
    actor: { type: "PERSON", id: decided.actorId },
    origin: decided.origin,
    target: input.target,
    unitId: input.unitId,
    after: { decision: decided.decision, reason: decided.reason, decisionKey: decided.decisionKey },
  });
}
