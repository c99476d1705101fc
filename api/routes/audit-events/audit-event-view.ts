// How an audit event is shown and exported (R26): the actor and unit by name, before/after parsed
// with personal data masked, the time as an ISO instant (the console and the export show China time).
import { maskedAuditPayload } from "../../../domain/audit-masking.js";
import { maskIdNumber } from "../../../domain/masking.js";
import type { Database } from "../../../lib/database.js";
import type { AuditEvent } from "../../../prisma/generated/client.js";

export type AuditEventView = {
  id: string;
  sequence: number | null;
  at: string;
  action: string;
  actor: { type: string; id: string | null; name: string | null; idNumberMasked: string | null };
  sessionStrength: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  requestId: string | null;
  target: { type: string; id: string | null };
  unit: { id: string; name: string | null } | null;
  before: unknown;
  after: unknown;
  hash: string | null;
};

/** Views of a batch of events, with the names of their actors and units loaded in two queries. */
export async function describeAuditEvents(db: Database, events: AuditEvent[]): Promise<AuditEventView[]> {
  const personIds = new Set<string>();
  const unitIds = new Set<string>();
  for (const event of events) {
    if (event.actorType === "PERSON" && event.actorId) personIds.add(event.actorId);
    if (event.actorType === "UNIT" && event.actorId) unitIds.add(event.actorId);
    if (event.unitId) unitIds.add(event.unitId);
  }
  const [persons, units] = await Promise.all([
    personIds.size
      ? db.person.findMany({
          where: { id: { in: [...personIds] } },
          select: { id: true, name: true, idNumber: true },
        })
      : [],
    unitIds.size
      ? db.unit.findMany({ where: { id: { in: [...unitIds] } }, select: { id: true, name: true } })
      : [],
  ]);
  const personById = new Map(persons.map((p) => [p.id, p]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return events.map((event) => {
    const person = event.actorType === "PERSON" && event.actorId ? personById.get(event.actorId) : undefined;
    const actorName =
      person?.name ??
      (event.actorType === "UNIT" && event.actorId ? (unitName.get(event.actorId) ?? null) : null) ??
      event.actorLabel;
    return {
      id: event.id,
      sequence: event.sequence,
      at: event.at.toISOString(),
      action: event.action,
      actor: {
        type: event.actorType,
        id: event.actorId,
        name: actorName ?? null,
        idNumberMasked: person ? maskIdNumber(person.idNumber) : null,
      },
      sessionStrength: event.sessionStrength,
      ipAddress: event.ipAddress,
      userAgent: event.userAgent,
      requestId: event.requestId,
      target: { type: event.targetType, id: event.targetId },
      unit: event.unitId ? { id: event.unitId, name: unitName.get(event.unitId) ?? null } : null,
      before: maskedAuditPayload(event.before),
      after: maskedAuditPayload(event.after),
      hash: event.hash,
    };
  });
}
