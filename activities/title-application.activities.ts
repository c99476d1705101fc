// I/O of the titleApplication workflow (R31). Keyed by the application and the step's position: a
// retry after a crash of the worker finds its work done (conditional updates, upserts, keyed SMS).
import { maskName } from "../domain/masking.js";
import type { ChainStep } from "../domain/push-chain.js";
import { writeAuditEvent, writeDecisionAudit } from "../lib/audit.js";
import type { SmsTemplate } from "../lib/ports/sms-templates.js";
import { pushChainLinks } from "../lib/unit-hierarchy.js";
import { type DecisionRecord, TITLE_APPLICATION_TASK_KIND } from "../workflows/contracts.js";
import type { StoredOutcome } from "../workflows/stored-outcome.js";
import type { ActivityDependencies } from "./index.js";
import {
  createRequestActivities,
  type RequestEventInput,
  settleTask,
  upsertTask,
} from "./request.activities.js";
import { storedEntry } from "./stored-event.js";

/** Written where a node is missing from an entry's units (a chain that ends earlier than planned). */
const NO_UNIT = "—";

const decisionAudit = (application: { id: string }, unitId: string, decided: DecisionRecord) => ({
  action: "title-application.decided",
  target: { type: "TitleApplication", id: application.id },
  unitId,
  decided,
});

type Tx = Parameters<Parameters<ActivityDependencies["db"]["$transaction"]>[0]>[0];

/**
 * What a push or return step answers: the stored outcome, and (issue 14) where the application is
 * now when another decision's push at this node was stored first — the node it went on to.
 */
export type StoredStep = StoredOutcome & { next?: ChainStep };

/**
 * Issue 14: what a step that found its work done by another path reads — the application's status,
 * the key of the decision taken at `position` (null for none: withdrawn, or still pending), and for
 * an application still in progress the pending node after `position` it is at.
 */
async function storedStep(tx: Tx, applicationId: string, position: number): Promise<StoredStep> {
  const application = await tx.titleApplication.findUniqueOrThrow({
    where: { id: applicationId },
    select: { status: true },
  });
  const step = await tx.titleApplicationStep.findUnique({
    where: { applicationId_position: { applicationId, position } },
    select: { decisionKey: true },
  });
  const stored = { status: application.status, decisionKey: step?.decisionKey ?? null };
  if (application.status !== "IN_PROGRESS") return stored;
  const next = await tx.titleApplicationStep.findFirst({
    where: { applicationId, position: { gt: position }, status: "PENDING" },
    orderBy: { position: "asc" },
    select: { position: true, unitId: true },
  });
  return next ? { ...stored, next } : stored;
}

/** The task of the node at `position` (a title application has one per node). */
const nodeTask = (applicationId: string, position: number) => ({
  requestId: applicationId,
  kind: TITLE_APPLICATION_TASK_KIND,
  step: position,
});

export function createTitleApplicationActivities(deps: ActivityDependencies) {
  const { db, ports } = deps;
  const { recordRequestEvent } = createRequestActivities(deps);
  const step = (applicationId: string, position: number) =>
    db.titleApplicationStep.findUniqueOrThrow({
      where: { applicationId_position: { applicationId, position } },
    });

  return {
    /**
     * A history entry (R25) whose `detail` names units: the workflow passes unit ids (its history
     * holds internal ids only) and the names are written here, as they are at that moment. `units`
     * "CHAIN" names the application's path in order; a null unit is written as "—". `adopted`: an
     * entry of an outcome adopted from another path's attempt (issue 14), whose row that attempt may
     * have written with its decider: answers the stored entry's actor and text (activities/stored-event.ts).
     */
    async recordTitleApplicationEvent(
      input: Omit<RequestEventInput, "requestType" | "requestId" | "detail"> & {
        applicationId: string;
        units?: (string | null)[] | "CHAIN";
        adopted?: boolean;
      },
    ) {
      const { applicationId, units, adopted, ...event } = input;
      const ids =
        units === "CHAIN"
          ? (
              await db.titleApplicationStep.findMany({
                where: { applicationId },
                orderBy: { position: "asc" },
                select: { unitId: true },
              })
            ).map((s) => s.unitId)
          : (units ?? []);
      const found = await db.unit.findMany({
        where: { id: { in: ids.filter((id): id is string => id !== null) } },
        select: { id: true, name: true },
      });
      const name = (id: string | null) =>
        id === null ? NO_UNIT : (found.find((u) => u.id === id)?.name ?? id);
      await recordRequestEvent({
        ...event,
        requestType: "TITLE_APPLICATION",
        requestId: applicationId,
        detail: ids.length > 0 ? ids.map(name).join(" → ") : undefined,
      });
      if (adopted) {
        const key = {
          requestType: "TITLE_APPLICATION" as const,
          requestId: applicationId,
          sequence: event.sequence,
        };
        return storedEntry(db, key);
      }
      return undefined;
    },

    /** The task of the node at `position`, in its unit's queue; it has no due time (R31). */
    async openTitleApplicationStep(input: { workflowId: string; applicationId: string; position: number }) {
      const node = await step(input.applicationId, input.position);
      const application = await db.titleApplication.findUniqueOrThrow({
        where: { id: input.applicationId },
        include: { person: { select: { name: true } } },
      });
      await upsertTask(db, {
        workflowId: input.workflowId,
        kind: TITLE_APPLICATION_TASK_KIND,
        requestType: "TITLE_APPLICATION",
        requestId: application.id,
        queue: "UNIT",
        unitId: node.unitId,
        title: `${maskName(application.person.name)}的职称申报（${application.requestNumber ?? application.id}）`,
        requestNumber: application.requestNumber,
        dueAt: null,
        step: input.position,
      });
    },

    /**
     * What a push at `position` decides on (domain/push-chain.ts nextSteps): the pending steps after
     * it, the nodes after it now (its push chain, lib/unit-hierarchy.ts pushChainLinks, without the
     * node itself; `implicitLast`: the last of them is the regional HR department that follows a top
     * that is not one), and the highest position. `implicit`: the node itself is such a department
     * (the workflow knows it from the push that brought the application there): nothing follows it.
     */
    async readTitleApplicationChain(input: {
      applicationId: string;
      position: number;
      implicit?: boolean;
    }): Promise<{ planned: ChainStep[]; chain: string[]; lastPosition: number; implicitLast?: boolean }> {
      const steps = await db.titleApplicationStep.findMany({
        where: { applicationId: input.applicationId },
        orderBy: { position: "asc" },
        select: { position: true, unitId: true, status: true },
      });
      const node = steps.find((s) => s.position === input.position);
      if (!node) throw new Error(`no step ${input.position} of title application ${input.applicationId}`);
      const after = input.implicit ? [] : (await pushChainLinks(db, node.unitId)).slice(1);
      return {
        planned: steps
          .filter((s) => s.position > input.position && s.status === "PENDING")
          .map(({ position, unitId }) => ({ position, unitId })),
        chain: after.map((link) => link.unitId),
        lastPosition: steps.at(-1)!.position,
        implicitLast: after.at(-1)?.implicit ?? false,
      };
    },

    /**
     * The node's handler pushed the application up (R31): in one transaction the step is accepted,
     * steps the chain no longer has are skipped and its new ones appended, the application moves to
     * `next` (or, with none, is complete), and the decision is audited. Applied once. Answers the
     * stored outcome (issue 14, see workflows/stored-outcome.ts): the application's status and the key
     * of the decision taken at this step — another path's when the step was no longer pending.
     */
    async pushTitleApplication(input: {
      applicationId: string;
      position: number;
      decided: DecisionRecord;
      skip: number[];
      append: ChainStep[];
      next: ChainStep | null;
    }) {
      const { applicationId, position, decided } = input;
      return db.$transaction(async (tx): Promise<StoredStep> => {
        const now = new Date();
        const { count } = await tx.titleApplicationStep.updateMany({
          where: { applicationId, position, status: "PENDING" },
          data: {
            status: "ACCEPTED",
            decidedById: decided.actorId,
            decisionKey: decided.decisionKey ?? null,
            reason: decided.reason ?? null,
            decidedAt: now,
          },
        });
        if (count === 0) return storedStep(tx, applicationId, position);
        await settleTask(tx, nodeTask(applicationId, position), { status: "ACCEPTED", decided });
        if (input.skip.length > 0) {
          await tx.titleApplicationStep.updateMany({
            where: { applicationId, position: { in: input.skip }, status: "PENDING" },
            data: { status: "SKIPPED", decidedAt: now },
          });
        }
        if (input.append.length > 0) {
          await tx.titleApplicationStep.createMany({
            data: input.append.map((s) => ({ applicationId, position: s.position, unitId: s.unitId })),
          });
        }
        await tx.titleApplication.update({
          where: { id: applicationId },
          data: input.next
            ? { currentUnitId: input.next.unitId }
            : { status: "COMPLETED", currentUnitId: null, closedAt: now },
        });
        const node = await tx.titleApplicationStep.findUniqueOrThrow({
          where: { applicationId_position: { applicationId, position } },
        });
        await writeDecisionAudit(tx, decisionAudit({ id: applicationId }, node.unitId, decided));
        return { status: input.next ? "IN_PROGRESS" : "COMPLETED", decisionKey: decided.decisionKey ?? null };
      });
    },

    /**
     * The node's handler returned the application with a reason (R31): it closes, audited. Applied
     * once; answers the stored outcome like pushTitleApplication.
     */
    async returnTitleApplication(input: {
      applicationId: string;
      position: number;
      decided: DecisionRecord;
    }) {
      const { applicationId, position, decided } = input;
      return db.$transaction(async (tx): Promise<StoredStep> => {
        const now = new Date();
        const { count } = await tx.titleApplicationStep.updateMany({
          where: { applicationId, position, status: "PENDING" },
          data: {
            status: "RETURNED",
            decidedById: decided.actorId,
            decisionKey: decided.decisionKey ?? null,
            reason: decided.reason ?? null,
            decidedAt: now,
          },
        });
        if (count === 0) return storedStep(tx, applicationId, position);
        await settleTask(tx, nodeTask(applicationId, position), { status: "RETURNED", decided });
        await tx.titleApplication.update({
          where: { id: applicationId },
          data: {
            status: "RETURNED",
            returnReason: decided.reason ?? null,
            currentUnitId: null,
            closedAt: now,
          },
        });
        const node = await tx.titleApplicationStep.findUniqueOrThrow({
          where: { applicationId_position: { applicationId, position } },
        });
        await writeDecisionAudit(tx, decisionAudit({ id: applicationId }, node.unitId, decided));
        return { status: "RETURNED", decisionKey: decided.decisionKey ?? null };
      });
    },

    /**
     * The applicant withdrew the application while the node at `position` had it. Applied once; on a
     * closed application it changes nothing and answers the stored outcome (issue 14). Every task of
     * the application still open closes with it: one a push of another path's attempt opened too.
     */
    async markTitleApplicationWithdrawn(input: { applicationId: string; position: number; reason?: string }) {
      const { applicationId, position } = input;
      return db.$transaction(async (tx): Promise<StoredOutcome> => {
        const now = new Date();
        const { count } = await tx.titleApplication.updateMany({
          where: { id: applicationId, status: "IN_PROGRESS" },
          data: { status: "WITHDRAWN", currentUnitId: null, closedAt: now },
        });
        if (count === 0) return storedStep(tx, applicationId, position);
        await tx.humanTask.updateMany({
          where: { requestId: applicationId, kind: TITLE_APPLICATION_TASK_KIND, open: true },
          data: { status: "CANCELLED", open: false, outcome: "WITHDRAWN", completedAt: now },
        });
        // The node's own task, closed by a decision's attempt that was not applied, says withdrawn too.
        await settleTask(tx, nodeTask(applicationId, position), { status: "WITHDRAWN" });
        await tx.titleApplicationStep.updateMany({
          where: { applicationId, position, status: "PENDING" },
          data: { status: "WITHDRAWN", reason: input.reason ?? null, decidedAt: now },
        });
        const application = await tx.titleApplication.findUniqueOrThrow({ where: { id: applicationId } });
        await writeAuditEvent(tx, {
          action: "title-application.withdrawn",
          actor: { type: "PERSON", id: application.personId },
          target: { type: "TitleApplication", id: applicationId },
          unitId: application.unitId,
          before: { status: "IN_PROGRESS" },
          after: { status: "WITHDRAWN", reason: input.reason },
        });
        return { status: "WITHDRAWN", decisionKey: null };
      });
    },

    /** SMS to the applicant (R31): returned (by which node, why) or completed (accepted at the top). */
    async sendTitleApplicationNotice(input: { applicationId: string; outcome: "RETURNED" | "COMPLETED" }) {
      const application = await db.titleApplication.findUniqueOrThrow({
        where: { id: input.applicationId },
        include: {
          person: { select: { mobile: true } },
          steps: {
            where: { status: input.outcome === "RETURNED" ? "RETURNED" : "ACCEPTED" },
            orderBy: { position: "desc" },
            take: 1,
          },
        },
      });
      const node = application.steps[0];
      const unit = node
        ? await db.unit.findUnique({ where: { id: node.unitId }, select: { name: true } })
        : null;
      const template: SmsTemplate =
        input.outcome === "RETURNED" ? "TITLE_APPLICATION_RETURNED" : "TITLE_APPLICATION_COMPLETED";
      await ports.sms.queue({
        idempotencyKey: `TitleApplication:${application.id}:${input.outcome}`,
        mobile: application.person.mobile,
        template,
        params: {
          requestNumber: application.requestNumber ?? "",
          unitName: unit?.name ?? "",
          reason: application.returnReason ?? "",
        },
      });
    },
  };
}
