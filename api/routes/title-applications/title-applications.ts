// 职称评审子系统 → 职称申报 (R31): a person bound to a unit opens a title application; it travels up
// the push chain (the titleApplication workflow), each node's handler pushing it up or returning
// it with a reason; the applicant follows it and may withdraw it. Opening one is refused by R10
// (业务互斥) when the person holds an excluding role in any unit, checked in the same transaction as
// the insert, so a grant racing the application ends with exactly one of them. Applications
// opened before the push chain existed have no request number, path or workflow: they are listed
// and withdrawn as they were.
import { randomUUID } from "node:crypto";
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { REAL_PERSON_ROLES } from "../../../domain/authorization.js";
import { AppError } from "../../../domain/errors.js";
import { writeAuditEvent } from "../../../lib/audit.js";
import { assertNoRoleConflict } from "../../../lib/role-exclusion.js";
import { uniqueViolation } from "../../../lib/unique.js";
import { pushChainLinks } from "../../../lib/unit-hierarchy.js";
import {
  NOT_THE_REQUESTER,
  REQUEST_CLOSED,
  TITLE_APPLICATION_TASK_KIND,
  titleApplicationWorkflowId,
  withdrawTitleApplication,
} from "../../../workflows/contracts.js";
import type { AppDependencies, AppEnv } from "../../context.js";
import { textField } from "../../fields.js";
import { newRequestNumber } from "../../request-numbers.js";
import { dataResponse, defineRoute, jsonBody } from "../../route.js";
import { auditOrigin, requirePerson } from "../../sessions.js";
import {
  answerAppliedWithdrawal,
  executeUpdateWithin,
  idempotencyKeyHeader,
  mapWorkflowErrors,
} from "../../workflow-calls.js";
import { listQuery, listResponse, paging } from "../list-query.js";
import { decideTitleApplicationAs } from "./decide.js";
import {
  mayViewTitleApplication,
  type TitleApplicationRow,
  titleApplicationDetail,
  titleApplicationHistory,
  titleApplicationView,
  titleApplicationViewOf,
  titleApplicationViews,
  WITH_STEPS,
} from "./title-application-view.js";
import { ensureTitleApplicationWorkflow, sendToTitleApplicationWorkflow } from "./workflow.js";

const tags = ["title-applications"];
const access = { actor: "person" } as const;
/** R12; which of them may decide (handlers of the node, not administrators: R7) the handler says. */
const deciderAccess = { actor: "person", roles: REAL_PERSON_ROLES, strength: "REAL_PERSON" } as const;
const idParam = z.object({ id: z.string().uuid() });
const SUBMISSION_USED = {
  field: "submissionId",
  message: {
    "zh-CN": "该提交编号已被使用，请刷新页面后重新提交",
    en: "This submission id is used already; reload the page and submit again",
  },
};

const open = defineRoute({
  method: "post",
  path: "/title-applications",
  tags,
  summary:
    "Open a title application at one's unit; it goes up the push chain (R31). Refused without a binding, while one is in progress, and by R10 (with who can help). A retried submissionId returns the same application",
  access,
  request: {
    body: jsonBody(
      z.object({
        /** Chosen by the form: a retried submission finds its application. */
        submissionId: z.string().uuid(),
      }),
    ),
  },
  responses: { 201: dataResponse("Opened", titleApplicationView) },
});

const list = defineRoute({
  method: "get",
  path: "/title-applications",
  tags,
  summary: "The logged-in person's title applications, newest first, with their paths",
  access,
  request: { query: listQuery(["createdAt"]) },
  responses: {
    200: {
      description: "Applications",
      content: { "application/json": { schema: listResponse(titleApplicationView) } },
    },
  },
});

const show = defineRoute({
  method: "get",
  path: "/title-applications/{id}",
  tags,
  summary:
    "A title application with its path and history (R25): for the applicant, the handlers of the units on its path (real-person session) and platform staff",
  access,
  request: { params: idParam },
  responses: { 200: dataResponse("The application", titleApplicationDetail) },
});

const withdraw = defineRoute({
  method: "post",
  path: "/title-applications/{id}/withdraw",
  tags,
  summary: "Withdraw one's own title application in progress",
  access,
  request: {
    params: idParam,
    body: jsonBody(z.object({ reason: textField({ max: 200 }).optional() }), false),
  },
  responses: { 200: dataResponse("Withdrawn", titleApplicationView) },
});

const decide = defineRoute({
  method: "post",
  path: "/title-applications/{id}/decision",
  tags,
  summary:
    "Push the application up to the next node, or return it with a reason (R31): a title handler of the node that has it, in a real-person session; administrators do no title business (R7). The top node's push completes it",
  access: deciderAccess,
  request: {
    params: idParam,
    headers: idempotencyKeyHeader,
    body: jsonBody(
      z.object({
        decision: z.enum(["PUSH", "RETURN"]),
        reason: textField({ max: 500 }).optional(),
      }),
    ),
  },
  responses: { 200: dataResponse("Decided", titleApplicationView) },
});

/** How long after submission an application without its first task counts as not started. */
const STALLED_AFTER_MS = 10_000;

/**
 * The applicant's list starts the workflow of an application in progress whose first task never
 * opened (the API stopped, or Temporal was away, between storing it and starting it): nobody else
 * would, since no node sees it yet. Temporal still away: the list answers all the same.
 */
async function resumeStalled(deps: AppDependencies, rows: TitleApplicationRow[]): Promise<void> {
  const candidates = rows.filter(
    (r) =>
      r.status === "IN_PROGRESS" && r.workflowId && Date.now() - r.createdAt.getTime() > STALLED_AFTER_MS,
  );
  if (candidates.length === 0) return;
  const opened = await deps.db.humanTask.findMany({
    where: { requestId: { in: candidates.map((r) => r.id) }, kind: TITLE_APPLICATION_TASK_KIND },
    select: { requestId: true },
  });
  for (const row of candidates.filter((r) => !opened.some((t) => t.requestId === r.id))) {
    await ensureTitleApplicationWorkflow(deps, row).catch((error: unknown) =>
      deps.logger.warn({ err: error, applicationId: row.id }, "could not start a stalled title application"),
    );
  }
}

async function loadRow(deps: AppDependencies, id: string): Promise<TitleApplicationRow> {
  return deps.db.titleApplication.findUniqueOrThrow({ where: { id }, include: WITH_STEPS });
}

export const titleApplicationsRouter = new OpenAPIHono<AppEnv>()
  .openapi(open, async (c) => {
    const { actor } = requirePerson(c);
    const deps = c.get("deps");
    const { db } = deps;
    const { submissionId } = c.req.valid("json");

    // A retry of a submission whose answer was lost finds its application (and starts its workflow).
    const retriedSubmission = async () => {
      const retried = await db.titleApplication.findUnique({ where: { submissionId }, include: WITH_STEPS });
      if (!retried) return undefined;
      if (retried.personId !== actor.personId) throw new AppError("VALIDATION_FAILED", SUBMISSION_USED);
      await ensureTitleApplicationWorkflow(deps, retried);
      return c.json({ data: await titleApplicationViewOf(db, retried, actor) }, 201);
    };
    const retried = await retriedSubmission();
    if (retried) return retried;

    let row: TitleApplicationRow;
    try {
      row = await db.$transaction(async (tx) => {
        const binding = await tx.binding.findUnique({ where: { activePersonId: actor.personId } });
        if (!binding) throw new AppError("TITLE_APPLICATION_UNIT_REQUIRED", { details: { rule: "R31" } });
        await assertNoRoleConflict(tx, { kind: "TITLE_APPLICATION", personId: actor.personId });
        const inProgress = await tx.titleApplication.findFirst({
          where: { personId: actor.personId, status: "IN_PROGRESS" },
        });
        if (inProgress) {
          throw new AppError("TITLE_APPLICATION_IN_PROGRESS", {
            details: { applicationId: inProgress.id, requestNumber: inProgress.requestNumber },
          });
        }
        // The path is the push chain now (R31): the unit, then each superior up to the top, then
        // the regional HR department when the top is not one (its implicit last node).
        const chain = (await pushChainLinks(tx, binding.unitId)).map((link) => link.unitId);
        const id = randomUUID();
        const created = await tx.titleApplication.create({
          data: {
            id,
            requestNumber: await newRequestNumber(tx, "ZC"),
            personId: actor.personId,
            unitId: binding.unitId,
            status: "IN_PROGRESS",
            currentUnitId: binding.unitId,
            workflowId: titleApplicationWorkflowId(id),
            submissionId,
            steps: { create: chain.map((unitId, position) => ({ position, unitId })) },
          },
          include: WITH_STEPS,
        });
        await writeAuditEvent(tx, {
          action: "title-application.opened",
          actor: { type: "PERSON", id: actor.personId },
          origin: auditOrigin(c),
          target: { type: "TitleApplication", id },
          unitId: binding.unitId,
          after: { status: created.status, requestNumber: created.requestNumber, path: chain },
        });
        return created;
      });
    } catch (error) {
      // The same submission twice at once: the key lets one in, the other answers with it.
      if (!uniqueViolation(error)) throw error;
      const first = await retriedSubmission();
      if (first) return first;
      throw error;
    }
    await ensureTitleApplicationWorkflow(deps, row);
    return c.json({ data: await titleApplicationViewOf(db, row, actor) }, 201);
  })
  .openapi(list, async (c) => {
    const { actor } = requirePerson(c);
    const query = c.req.valid("query");
    const { db } = c.get("deps");
    const where = { personId: actor.personId };
    const [rows, total] = await Promise.all([
      db.titleApplication.findMany({
        where,
        include: WITH_STEPS,
        orderBy: { createdAt: query.order },
        ...paging(query),
      }),
      db.titleApplication.count({ where }),
    ]);
    await resumeStalled(c.get("deps"), rows);
    return c.json({ data: await titleApplicationViews(db, rows, actor), total }, 200);
  })
  .openapi(show, async (c) => {
    const { actor } = requirePerson(c);
    const { db } = c.get("deps");
    const row = await db.titleApplication.findUnique({
      where: { id: c.req.valid("param").id },
      include: WITH_STEPS,
    });
    if (!row || !mayViewTitleApplication(actor, row)) throw new AppError("TITLE_APPLICATION_NOT_FOUND");
    const [view, history] = await Promise.all([
      titleApplicationViewOf(db, row, actor),
      titleApplicationHistory(db, row.id),
    ]);
    return c.json({ data: { ...view, history } }, 200);
  })
  .openapi(withdraw, async (c) => {
    const { actor } = requirePerson(c);
    const { id } = c.req.valid("param");
    const deps = c.get("deps");
    const { db } = deps;
    const reason = c.req.valid("json")?.reason || undefined;
    const row = await db.titleApplication.findFirst({ where: { id, personId: actor.personId } });
    if (!row) throw new AppError("TITLE_APPLICATION_NOT_FOUND");
    if (row.status !== "IN_PROGRESS") throw new AppError("REQUEST_CLOSED");
    if (!row.workflowId) {
      // Opened before the push chain existed: no process to tell, the row is the application.
      await db.$transaction(async (tx) => {
        const { count } = await tx.titleApplication.updateMany({
          where: { id, status: "IN_PROGRESS" },
          data: { status: "WITHDRAWN", closedAt: new Date() },
        });
        if (count === 0) throw new AppError("REQUEST_CLOSED");
        await writeAuditEvent(tx, {
          action: "title-application.withdrawn",
          actor: { type: "PERSON", id: actor.personId },
          origin: auditOrigin(c),
          target: { type: "TitleApplication", id },
          unitId: actor.unitId,
          before: { status: row.status },
          after: { status: "WITHDRAWN", reason },
        });
      });
    } else {
      const storedStatus = async () =>
        (await db.titleApplication.findUnique({ where: { id: row.id }, select: { status: true } }))?.status;
      // Issue 14: the stored status is the arbiter (an earlier attempt of the workflow task may have
      // applied the withdrawal its retry refused, or the retry adopted a decision stored first).
      await answerAppliedWithdrawal(async () => {
        const progress = await mapWorkflowErrors(
          () =>
            sendToTitleApplicationWorkflow(deps, row, () =>
              executeUpdateWithin(
                deps,
                deps.temporal.workflow.getHandle(row.workflowId!),
                withdrawTitleApplication,
                {
                  // One withdrawal per application: a retried one gets the first's outcome.
                  updateId: `withdraw:${row.id}`,
                  args: [{ applicationId: row.id, personId: actor.personId, reason }],
                },
              ),
            ),
          {
            byFailureType: {
              [REQUEST_CLOSED]: "REQUEST_CLOSED",
              [NOT_THE_REQUESTER]: "TITLE_APPLICATION_NOT_FOUND",
            },
            closed: "REQUEST_CLOSED",
          },
        );
        return progress.state;
      }, storedStatus);
    }
    return c.json({ data: await titleApplicationViewOf(db, await loadRow(deps, id), actor) }, 200);
  })
  .openapi(decide, async (c) => {
    const { actor } = requirePerson(c);
    const { id } = c.req.valid("param");
    const deps = c.get("deps");
    const { decision, reason } = c.req.valid("json");
    await decideTitleApplicationAs(
      deps,
      actor,
      id,
      { decision, reason, clientKey: c.req.valid("header")["idempotency-key"] },
      auditOrigin(c),
    );
    return c.json({ data: await titleApplicationViewOf(deps.db, await loadRow(deps, id), actor) }, 200);
  });
