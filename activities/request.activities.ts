// What every request process shares: its timeline (R25) and its human tasks (the projection the
// workbench reads; the workflow stays the source of truth).
import { randomUUID } from "node:crypto";
import { REAL_PERSON_ROLES } from "../domain/authorization.js";
import { enumValue } from "../lib/sql-dialect.js";
import type { RequestType, TaskQueue } from "../prisma/generated/client.js";
import type { StoredOutcome } from "../workflows/stored-outcome.js";
import type { ActivityDependencies } from "./index.js";
import { type StoredEntry, storedEntry } from "./stored-event.js";

type Db = ActivityDependencies["db"];
/** A transaction client as `db.$transaction` hands it over. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type RequestEventInput = {
  requestType: RequestType;
  requestId: string;
  /** Position in the workflow's history: a retried write lands on the same row. */
  sequence: number;
  kind: string;
  at: string;
  actorId?: string;
  /** What the actor acted as (domain/request-actors.ts ActorRole); the label then holds the masked name only. */
  actorRole?: string;
  actorLabel?: string;
  reason?: string;
  detail?: string;
};

export type OpenTaskInput = {
  workflowId: string;
  kind: string;
  requestType: RequestType;
  requestId: string;
  queue: TaskQueue;
  unitId?: string;
  title: string;
  /** The request's number (R25), also in the title; the workbench's search looks it up. */
  requestNumber?: string | null;
  /** Null: no due time (a title application's node waits for its handler). */
  dueAt: string | null;
  /** Which task of this kind for the request (one per node of a title application's chain); 0 otherwise. */
  step?: number;
};

/**
 * Opens a human task once: a retried call meets the task's unique key (requestId, kind, step) and
 * changes nothing. One raw INSERT … ON CONFLICT DO NOTHING (issue 14: Prisma's `create` cost ~2× its
 * CPU, its upsert a transaction of SELECT, INSERT and SELECT again).
 */
export async function upsertTask(db: Db | Tx, task: OpenTaskInput) {
  const { dueAt, step = 0 } = task;
  await db.$executeRaw`
    INSERT INTO "HumanTask" ("id", "workflowId", "kind", "requestType", "requestId", "step", "queue",
      "unitId", "title", "requestNumber", "dueAt", "status", "open", "createdAt")
    VALUES (${randomUUID()}, ${task.workflowId}, ${task.kind}, ${enumValue(db, "RequestType", task.requestType)},
      ${task.requestId}, ${step}, ${enumValue(db, "TaskQueue", task.queue)}, ${task.unitId ?? null}, ${task.title},
      ${task.requestNumber ?? null}, ${dueAt === null ? null : new Date(dueAt)}, 'OPEN', TRUE, ${new Date()})
    ON CONFLICT ("requestId", "kind", "step") DO NOTHING`;
}

/**
 * Where a unit's pending decision is announced: the mobiles of its administrator and handlers whose
 * accounts are enabled, or the unit's contact mobile when it has none (R11, R13, R16).
 */
export async function unitDeciderMobiles(
  db: ActivityDependencies["db"],
  unit: { id: string; contactMobile: string },
): Promise<string[]> {
  const deciders = await db.roleBinding.findMany({
    where: { unitId: unit.id, role: { in: [...REAL_PERSON_ROLES] }, revokedAt: null },
    include: { person: { select: { mobile: true, status: true } } },
  });
  const mobiles = new Set(deciders.filter((d) => d.person.status === "ENABLED").map((d) => d.person.mobile));
  return mobiles.size > 0 ? [...mobiles] : [unit.contactMobile];
}

/**
 * Whether a request is known closed, read from its open-state column (the one its closing step
 * compares and sets): a task is not reopened for it. Request types without one are never "closed" here.
 */
async function requestIsClosed(db: Db | Tx, requestType: RequestType, requestId: string): Promise<boolean> {
  const where = { id: requestId };
  switch (requestType) {
    case "BINDING_REQUEST":
      return (await db.bindingRequest.count({ where: { ...where, openPersonId: null } })) > 0;
    case "AFFILIATION_REQUEST":
      return (await db.affiliationRequest.count({ where: { ...where, openUnitId: null } })) > 0;
    case "UNIT_REGISTRATION":
      return (await db.unitRegistration.count({ where: { ...where, closedAt: { not: null } } })) > 0;
    default:
      return false;
  }
}

/**
 * What a closing step found stored when the request was already closed (see
 * workflows/stored-outcome.ts): the request's `status` and the decisionKey on its task (step 0 of
 * `kind`), read in the caller's transaction.
 */
export async function storedOutcome(
  tx: Tx,
  status: string,
  task: { requestId: string; kind: string },
): Promise<StoredOutcome> {
  const row = await tx.humanTask.findUnique({
    where: { requestId_kind_step: { requestId: task.requestId, kind: task.kind, step: 0 } },
    select: { decisionKey: true },
  });
  return { status, decisionKey: row?.decisionKey ?? null };
}

/**
 * The task of a request a closing step has just closed, made to agree with it in the same transaction:
 * a task closed earlier by another path's attempt (its worker died between the two steps) takes the
 * outcome the request now has. `decided` for a decision (COMPLETED), none for a withdrawal or expiry
 * (CANCELLED with the request's status). Changes nothing when the task already agrees. `step`: the
 * task's step, 0 unless the request has a task per step (a title application's node position).
 */
export async function settleTask(
  tx: Tx,
  task: { requestId: string; kind: string; step?: number },
  outcome: { status: string; decided?: { actorId: string; decision: string; decisionKey?: string } },
): Promise<void> {
  const { decided } = outcome;
  const where = { requestId: task.requestId, kind: task.kind, step: task.step ?? 0 };
  const data = decided
    ? { status: "COMPLETED" as const, outcome: decided.decision, decisionKey: decided.decisionKey ?? null }
    : { status: "CANCELLED" as const, outcome: outcome.status, decisionKey: null };
  await tx.humanTask.updateMany({
    where: { ...where, NOT: data },
    data: {
      ...data,
      open: false,
      completedAt: new Date(),
      decidedById: decided?.actorId ?? null,
      ...(decided ? { assigneeId: decided.actorId } : {}),
    },
  });
}

/**
 * A timeline entry (R25) stored once: one raw INSERT … ON CONFLICT DO NOTHING, so a retried write
 * meets the (requestType, requestId, sequence) key and keeps the row already there (issue 14: no
 * upsert's transaction, and a raw statement costs about half of Prisma's `create` in CPU).
 * Returns undefined when this call wrote the row; when the row was there, the entry as stored
 * (activities/stored-event.ts): an outcome adopted from another path's attempt then shows that
 * attempt's decider in the workflow's status query (issue 14, race gap d). One more SELECT, only then.
 */
export async function recordRequestEvent(db: Db, event: RequestEventInput): Promise<StoredEntry | undefined> {
  const { requestType, requestId, sequence } = event;
  // An event without an actor is the platform's own step (a reminder, a check, an expiry).
  const actorRole = event.actorRole ?? (event.actorId ? null : "SYSTEM");
  const inserted = await db.$executeRaw`
    INSERT INTO "RequestEvent" ("id", "requestType", "requestId", "sequence", "kind", "actorId",
      "actorRole", "actorLabel", "reason", "detail", "at")
    VALUES (${randomUUID()}, ${enumValue(db, "RequestType", requestType)}, ${requestId}, ${sequence},
      ${event.kind}, ${event.actorId ?? null}, ${actorRole}, ${event.actorLabel ?? null}, ${event.reason ?? null},
      ${event.detail ?? null}, ${new Date(event.at)})
    ON CONFLICT ("requestType", "requestId", "sequence") DO NOTHING`;
  return inserted > 0 ? undefined : storedEntry(db, { requestType, requestId, sequence });
}

/**
 * R25 / issue 14: closing a task with a decision is a compare-and-set on its open state, so the first
 * attempt's outcome and decider stay when a retried workflow task takes another path. Returns
 * whether this call closed it (false: it was closed already).
 */
export async function completeTask(
  db: Db | Tx,
  input: {
    requestId: string;
    kind: string;
    step?: number;
    outcome: string;
    decidedById?: string;
    decisionKey?: string;
  },
  now = new Date(),
): Promise<boolean> {
  // Raw (issue 14: half the CPU of Prisma's updateMany); a decider becomes the task's assignee.
  const decidedById = input.decidedById ?? null;
  const count = await db.$executeRaw`
    UPDATE "HumanTask" SET "status" = 'COMPLETED', "open" = FALSE, "outcome" = ${input.outcome},
      "completedAt" = ${now}, "decidedById" = ${decidedById}, "decisionKey" = ${input.decisionKey ?? null},
      "assigneeId" = COALESCE(${decidedById}, "assigneeId")
    WHERE "requestId" = ${input.requestId} AND "kind" = ${input.kind} AND "step" = ${input.step ?? 0}
      AND "open" = TRUE`;
  return count > 0;
}

export type TaskChange =
  | { change: "REMINDED" }
  /** The SLA passed: the task moves to `queue` and is released, so someone there can take it. */
  | { change: "ESCALATED"; queue: TaskQueue }
  /** `decidedById` and `decisionKey` let a retried decision find its outcome. */
  | { change: "COMPLETED"; outcome: string; decidedById?: string; decisionKey?: string }
  | { change: "CANCELLED"; outcome: string }
  /** A decision that could not be applied: the task is open again. */
  | { change: "REOPENED" };

export function createRequestActivities({ db }: ActivityDependencies) {
  return {
    recordRequestEvent: (event: RequestEventInput) => recordRequestEvent(db, event),

    /** `step`: which of the request's tasks of this kind (see OpenTaskInput); 0 when omitted. */
    async changeTask(input: { requestId: string; kind: string; step?: number } & TaskChange) {
      const step = input.step ?? 0;
      const where = { requestId_kind_step: { requestId: input.requestId, kind: input.kind, step } };
      const now = new Date();
      switch (input.change) {
        case "REMINDED":
          await db.humanTask.update({ where, data: { remindedAt: now } });
          return;
        case "ESCALATED": {
          // A claim made in the old queue would leave the task with someone who can no longer see it.
          const { requestId, kind } = input;
          await db.humanTask.updateMany({
            where: { requestId, kind, step, status: { in: ["OPEN", "CLAIMED"] } },
            data: { escalatedAt: now, queue: input.queue, status: "OPEN", assigneeId: null },
          });
          return;
        }
        // R25 / issue 14: closing a task is a compare-and-set on its open state (see completeTask).
        case "COMPLETED":
          await completeTask(db, { ...input, step }, now);
          return;
        case "CANCELLED":
          await db.humanTask.updateMany({
            where: { ...where.requestId_kind_step, open: true },
            data: { status: "CANCELLED", open: false, outcome: input.outcome, completedAt: now },
          });
          return;
        case "REOPENED":
          // Only while the request is open (the R13 cycle, a registration the registry refused): a
          // request closed by another path keeps its closed task.
          await db.$transaction(async (tx) => {
            const row = await tx.humanTask.findUnique({ where, select: { requestType: true } });
            if (!row || (await requestIsClosed(tx, row.requestType, input.requestId))) return;
            await tx.humanTask.update({
              where,
              data: {
                status: "OPEN",
                open: true,
                assigneeId: null,
                outcome: null,
                completedAt: null,
                decidedById: null,
                decisionKey: null,
              },
            });
          });
          return;
      }
    },
  };
}
