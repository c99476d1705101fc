// What the API shows of a title application (R31): its path up the push chain as steps, who may
// see it, and the workbench's facts of a node's task.
import { z } from "@hono/zod-openapi";
import type { Actor } from "../../../domain/authorization.js";
import { maskName } from "../../../domain/masking.js";
import type { Database } from "../../../lib/database.js";
import type { TitleApplication, TitleApplicationStep } from "../../../prisma/generated/client.js";
import { historyEntrySchema, loadRequestHistory } from "../request-history.js";
import { PLATFORM_ROLES } from "../units/unit-scope.js";

const unitRef = z.object({ id: z.string(), name: z.string() });

export const titleApplicationStepSchema = z.object({
  /** 0 = the applicant's unit, then each superior in turn; steps appended after a chain change come last. */
  position: z.number().int(),
  unit: unitRef,
  status: z.enum(["PENDING", "ACCEPTED", "RETURNED", "SKIPPED", "WITHDRAWN"]),
  decidedAt: z.string().nullable(),
  /** Why it was returned (or withdrawn); a push may carry a remark. */
  reason: z.string().nullable(),
});

export const titleApplicationView = z
  .object({
    id: z.string(),
    /** ZC…; null for applications opened before the push chain existed. */
    requestNumber: z.string().nullable(),
    status: z.enum(["IN_PROGRESS", "COMPLETED", "RETURNED", "WITHDRAWN"]),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
    returnReason: z.string().nullable(),
    /** The applicant's unit at submission: the first node. */
    unit: unitRef.nullable(),
    /** The node whose handlers act now (null once closed). */
    currentUnit: unitRef.nullable(),
    steps: z.array(titleApplicationStepSchema),
    canWithdraw: z.boolean(),
  })
  .openapi("TitleApplication");

export const titleApplicationDetail = titleApplicationView
  .extend({ history: z.array(historyEntrySchema) })
  .openapi("TitleApplicationDetail");

/** A node's task in the workbench: whose application, from which unit, its path and history. */
export const titleApplicationTaskDetail = z.object({
  requestNumber: z.string().nullable(),
  applicant: z.object({ name: z.string() }),
  unit: unitRef.nullable(),
  steps: z.array(titleApplicationStepSchema),
  history: z.array(historyEntrySchema),
});

export type TitleApplicationRow = TitleApplication & { steps: TitleApplicationStep[] };
export type TitleApplicationView = z.infer<typeof titleApplicationView>;

/** Include this to load a row the views take. */
export const WITH_STEPS = { steps: { orderBy: { position: "asc" } } } as const;

/** The views of `rows` as `actor` sees them (canWithdraw: theirs and in progress). */
export async function titleApplicationViews(
  db: Database,
  rows: TitleApplicationRow[],
  actor: Actor,
): Promise<TitleApplicationView[]> {
  const ids = new Set<string>();
  for (const row of rows) {
    if (row.unitId) ids.add(row.unitId);
    if (row.currentUnitId) ids.add(row.currentUnitId);
    for (const step of row.steps) ids.add(step.unitId);
  }
  const units = await db.unit.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } });
  const unit = (id: string) => units.find((u) => u.id === id) ?? { id, name: "" };
  const personId = actor.kind === "PERSON" ? actor.personId : null;
  return rows.map((row) => ({
    id: row.id,
    requestNumber: row.requestNumber,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    returnReason: row.returnReason,
    unit: row.unitId ? unit(row.unitId) : null,
    currentUnit: row.currentUnitId ? unit(row.currentUnitId) : null,
    steps: [...row.steps]
      .sort((a, b) => a.position - b.position)
      .map((step) => ({
        position: step.position,
        unit: unit(step.unitId),
        status: step.status,
        decidedAt: step.decidedAt?.toISOString() ?? null,
        reason: step.reason,
      })),
    canWithdraw: row.personId === personId && row.status === "IN_PROGRESS",
  }));
}

export async function titleApplicationViewOf(db: Database, row: TitleApplicationRow, actor: Actor) {
  const [view] = await titleApplicationViews(db, [row], actor);
  return view!;
}

/**
 * Who may see an application (R25, R31): the applicant; the handlers of any unit on its path, in a
 * real-person session (R12), not its administrators (R7: no title business); platform staff.
 */
export function mayViewTitleApplication(actor: Actor, row: TitleApplicationRow): boolean {
  if (actor.kind !== "PERSON") return false;
  if (row.personId === actor.personId) return true;
  if (actor.roles.some((g) => PLATFORM_ROLES.includes(g.role))) return true;
  return (
    actor.strength === "REAL_PERSON" &&
    actor.roles.some((g) => g.role === "TITLE_HANDLER" && row.steps.some((s) => s.unitId === g.unitId))
  );
}

export const titleApplicationHistory = (db: Database, applicationId: string) =>
  loadRequestHistory(db, "TITLE_APPLICATION", applicationId);

/** `GET /tasks/{id}`'s facts of a node's task, or null when the application is gone. */
export async function titleApplicationTaskFacts(db: Database, applicationId: string, actor: Actor) {
  const row = await db.titleApplication.findUnique({
    where: { id: applicationId },
    include: { ...WITH_STEPS, person: { select: { name: true } } },
  });
  if (!row) return null;
  const [view, history] = await Promise.all([
    titleApplicationViewOf(db, row, actor),
    titleApplicationHistory(db, applicationId),
  ]);
  return {
    requestNumber: row.requestNumber,
    applicant: { name: maskName(row.person.name) },
    unit: view.unit,
    steps: view.steps,
    history,
  };
}
