// R13 affiliation requests as the API shows them: the request, the units it concerns, and what the
// caller may do with it now; and who may see one (the deciders of either unit, platform staff).
import { z } from "@hono/zod-openapi";
import { type Actor, REAL_PERSON_ROLES } from "../../../domain/authorization.js";
import { maskName } from "../../../domain/masking.js";
import type { Database } from "../../../lib/database.js";
import type { AffiliationRequest } from "../../../prisma/generated/client.js";
import { AFFILIATION_TASK_KIND } from "../../../workflows/contracts.js";
import { PLATFORM_ROLES } from "../units/unit-scope.js";

const unitRef = z.object({ id: z.string(), name: z.string() });

export const affiliationRequestView = z
  .object({
    id: z.string(),
    /** GK…: the number people quote. */
    requestNumber: z.string(),
    /** The requesting unit. */
    unit: unitRef,
    /** The unit asked to become its superior (主管部门 / 上级推送节点). */
    superiorUnit: unitRef,
    /** The unit's superior when it asked: it stays until this request is approved. */
    previousSuperiorUnit: unitRef.nullable(),
    status: z.enum(["SUBMITTED", "APPROVED", "REJECTED", "WITHDRAWN", "EXPIRED"]),
    submittedAt: z.string(),
    closedAt: z.string().nullable(),
    /** When an undecided request expires; null until its workflow has opened the superior's task. */
    expiresAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
    /** Who asked, masked. */
    requestedBy: z.object({ name: z.string().nullable() }).nullable(),
    /** The caller may withdraw it now (a decider of the requesting unit, real-person session, open). */
    canWithdraw: z.boolean(),
    /** The caller may decide it now (a decider of the superior unit, real-person session, open). */
    canDecide: z.boolean(),
  })
  .openapi("AffiliationRequest");

export type AffiliationRequestView = z.infer<typeof affiliationRequestView>;

export const AFFILIATION_INCLUDE = {
  unit: { select: { id: true, name: true } },
  superiorUnit: { select: { id: true, name: true } },
} as const;

type Row = AffiliationRequest & {
  unit: { id: string; name: string };
  superiorUnit: { id: string; name: string };
};

/** The actor administers or handles the unit in a real-person session (R12): they act for it. */
export function decidesFor(actor: Actor | null | undefined, unitId: string): boolean {
  return (
    actor?.kind === "PERSON" &&
    actor.strength === "REAL_PERSON" &&
    actor.roles.some((g) => g.unitId === unitId && REAL_PERSON_ROLES.includes(g.role))
  );
}

/** Holds a unit role in the unit, in whatever session (to tell a password session to step up). */
export function holdsUnitRole(actor: Actor | null | undefined, unitId: string): boolean {
  return (
    actor?.kind === "PERSON" &&
    actor.roles.some((g) => g.unitId === unitId && REAL_PERSON_ROLES.includes(g.role))
  );
}

export const isPlatformStaff = (actor: Actor | null | undefined) =>
  actor?.kind === "PERSON" && actor.roles.some((g) => PLATFORM_ROLES.includes(g.role));

/** The views of the rows for this actor, with the facts the rows do not hold loaded in one go each. */
export async function affiliationRequestViews(
  db: Database,
  rows: Row[],
  actor: Actor | null | undefined,
): Promise<AffiliationRequestView[]> {
  if (rows.length === 0) return [];
  const previousIds = [
    ...new Set(rows.flatMap((r) => (r.previousSuperiorUnitId ? [r.previousSuperiorUnitId] : []))),
  ];
  const [previous, requesters, tasks] = await Promise.all([
    db.unit.findMany({ where: { id: { in: previousIds } }, select: { id: true, name: true } }),
    db.person.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.requestedById))] } },
      select: { id: true, name: true },
    }),
    db.humanTask.findMany({
      where: { requestId: { in: rows.map((r) => r.id) }, kind: AFFILIATION_TASK_KIND, step: 0 },
      select: { requestId: true, dueAt: true },
    }),
  ]);
  return rows.map((row) => {
    const open = row.openUnitId !== null;
    const requester = requesters.find((p) => p.id === row.requestedById);
    return {
      id: row.id,
      requestNumber: row.requestNumber,
      unit: row.unit,
      superiorUnit: row.superiorUnit,
      previousSuperiorUnit: previous.find((u) => u.id === row.previousSuperiorUnitId) ?? null,
      status: row.status as AffiliationRequestView["status"],
      submittedAt: row.submittedAt.toISOString(),
      closedAt: row.closedAt?.toISOString() ?? null,
      expiresAt: tasks.find((t) => t.requestId === row.id)?.dueAt?.toISOString() ?? null,
      decisionReason: row.decisionReason,
      requestedBy: requester ? { name: requester.name?.trim() ? maskName(requester.name) : null } : null,
      canWithdraw: open && decidesFor(actor, row.unitId),
      canDecide: open && decidesFor(actor, row.superiorUnitId),
    };
  });
}

export async function affiliationRequestViewOf(db: Database, row: Row, actor: Actor | null | undefined) {
  const [view] = await affiliationRequestViews(db, [row], actor);
  return view!;
}

/** The unit's open (outgoing) request, as the unit profile shows it; null when it has none. */
export async function openAffiliationRequestOf(
  db: Database,
  unitId: string,
  actor: Actor | null | undefined,
): Promise<AffiliationRequestView | null> {
  const row = await db.affiliationRequest.findUnique({
    where: { openUnitId: unitId },
    include: AFFILIATION_INCLUDE,
  });
  return row ? affiliationRequestViewOf(db, row, actor) : null;
}
