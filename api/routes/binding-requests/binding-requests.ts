// R16 binding requests: the person asks (个人资料), the unit's administrator or handlers decide
// (新进账号管理), the person may withdraw. The bindingRequest workflow owns each request.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { REAL_PERSON_ROLES } from "../../../domain/authorization.js";
import { AppError } from "../../../domain/errors.js";
import { idNumberSearched } from "../../../domain/id-number.js";
import { maskIdNumber, maskMobile } from "../../../domain/masking.js";
import { writeAuditEvent } from "../../../lib/audit.js";
import { uniqueViolation } from "../../../lib/unique.js";
import { findUnitByName } from "../../../lib/unit-names.js";
import { suggestUnits } from "../../../lib/unit-suggestions.js";
import type { BindingRequest, Prisma } from "../../../prisma/generated/client.js";
import {
  BINDING_TASK_KIND,
  bindingRequestWorkflowId,
  NOT_THE_REQUESTER,
  REQUEST_CLOSED,
  withdrawBindingRequest,
} from "../../../workflows/contracts.js";
import type { AppEnv } from "../../context.js";
import { nameText, textField } from "../../fields.js";
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
import { requireUnitRole } from "../units/unit-scope.js";
import { decideBindingRequestAs } from "./decide.js";
import { ensureBindingWorkflow, sendToBindingWorkflow } from "./workflow.js";

const tags = ["binding-requests"];
const personAccess = { actor: "person" } as const;
const deciderAccess = { actor: "person", roles: REAL_PERSON_ROLES, strength: "REAL_PERSON" } as const;
const unitParam = z.object({ unitId: z.string().uuid() });
/** A submission id that another person's (or unit's) request used: the form must make a new one. */
export const SUBMISSION_USED = {
  field: "submissionId",
  message: {
    "zh-CN": "该提交编号已被使用，请刷新页面后重新提交",
    en: "This submission id is used already; reload the page and submit again",
  },
};

export const bindingRequestView = z
  .object({
    id: z.string(),
    requestNumber: z.string(),
    unit: z.object({ id: z.string(), name: z.string() }),
    status: z.enum(["SUBMITTED", "APPROVED", "REJECTED", "WITHDRAWN", "EXPIRED"]),
    submittedAt: z.string(),
    closedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
  })
  .openapi("BindingRequest");

/** Who asks to join, masked (R24), and the unit they would leave (R16). */
export const applicantSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  idNumberMasked: z.string(),
  mobileMasked: z.string(),
  /** The unit the person is bound to now: accepting moves them (R16). */
  currentUnitName: z.string().nullable(),
});

export const APPLICANT_INCLUDE = { bindings: { where: { endedAt: null }, include: { unit: true } } } as const;

export function applicantView(person: Prisma.PersonGetPayload<{ include: typeof APPLICANT_INCLUDE }>) {
  return {
    id: person.id,
    name: person.name,
    idNumberMasked: maskIdNumber(person.idNumber),
    mobileMasked: maskMobile(person.mobile),
    currentUnitName: person.bindings[0]?.unit.name ?? null,
  };
}

const incomingView = bindingRequestView
  .extend({
    person: applicantSchema,
    expiresAt: z.string().nullable(),
    /**
     * The request's task in 审核工作台, the same one the workbench lists: who claimed it (the
     * workbench's claim rule holds here too: a colleague's claim refuses a decision).
     */
    task: z
      .object({
        id: z.string(),
        status: z.enum(["OPEN", "CLAIMED", "COMPLETED", "CANCELLED"]),
        assignee: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
      })
      .nullable(),
  })
  .openapi("IncomingBindingRequest");

const suggestions = defineRoute({
  method: "get",
  path: "/units/name-suggestions",
  tags,
  summary: "Unit names that contain or resemble the typed text (the request still names one exact unit)",
  access: personAccess,
  request: { query: z.object({ q: textField({ min: 1, max: 100 }) }) },
  responses: {
    200: dataResponse(
      "Suggestions: current names, and former names (R20) marked with the unit's current name",
      z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          /** `name` is a former name of the unit (R20); binding by it reaches the unit all the same. */
          formerName: z.boolean(),
          currentName: z.string(),
        }),
      ),
    ),
  },
});

const submit = defineRoute({
  method: "post",
  path: "/binding-requests",
  tags,
  summary: "Ask to be bound to the unit with exactly this name (R16); one open request per person",
  access: personAccess,
  request: {
    body: jsonBody(
      z.object({
        unitName: nameText({ min: 2, max: 100 }),
        pledgeAccepted: z.boolean(),
        /** Chosen by the form: a retried submission finds its request. */
        submissionId: z.string().uuid(),
      }),
    ),
  },
  responses: {
    201: dataResponse(
      "Submitted (to the unit under its current name)",
      bindingRequestView.extend({
        /** The typed name when it is a former name of the unit (R20), else null. */
        formerName: z.string().nullable(),
      }),
    ),
  },
});

const withdraw = defineRoute({
  method: "post",
  path: "/binding-requests/{id}/withdraw",
  tags,
  summary: "Withdraw one's own open binding request",
  access: personAccess,
  request: {
    params: z.object({ id: z.string().uuid() }),
    body: jsonBody(z.object({ reason: textField({ max: 200 }).optional() }), false),
  },
  responses: {
    200: dataResponse("Withdrawn", bindingRequestView),
  },
});

const incoming = defineRoute({
  method: "get",
  path: "/units/{unitId}/binding-requests",
  tags,
  summary:
    "新进账号管理: the unit's binding requests (open ones by default), searchable by name, ID number or request number",
  access: deciderAccess,
  request: {
    params: unitParam,
    query: listQuery(["submittedAt"]).extend({
      state: z.enum(["OPEN", "CLOSED"]).default("OPEN"),
      q: textField({ max: 50 }).optional(),
    }),
  },
  responses: {
    200: { description: "Requests", content: { "application/json": { schema: listResponse(incomingView) } } },
  },
});

const decide = defineRoute({
  method: "post",
  path: "/units/{unitId}/binding-requests/decisions",
  tags,
  summary:
    "Accept or reject one or several binding requests (R12: real-person session); one result per request",
  access: deciderAccess,
  request: {
    params: unitParam,
    headers: idempotencyKeyHeader,
    body: jsonBody(
      z.object({
        requestIds: z.array(z.string().uuid()).min(1).max(50),
        decision: z.enum(["APPROVE", "REJECT"]),
        reason: textField({ max: 500 }).optional(),
      }),
    ),
  },
  responses: {
    200: dataResponse(
      "Results",
      z.array(
        z.object({
          requestId: z.string(),
          ok: z.boolean(),
          state: z.string().nullable(),
          error: z
            .object({ code: z.string(), message: z.object({ "zh-CN": z.string(), en: z.string() }) })
            .nullable(),
        }),
      ),
    ),
  },
});

export function requestView(row: BindingRequest & { unit: { id: string; name: string } }) {
  return {
    id: row.id,
    requestNumber: row.requestNumber,
    unit: { id: row.unit.id, name: row.unit.name },
    status: row.status as z.infer<typeof bindingRequestView>["status"],
    submittedAt: row.submittedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    decisionReason: row.decisionReason,
  };
}

export const bindingRequestsRouter = new OpenAPIHono<AppEnv>()
  .openapi(suggestions, async (c) => {
    const data = await suggestUnits(c.get("deps").db, c.req.valid("query").q);
    return c.json({ data }, 200);
  })
  .openapi(submit, async (c) => {
    const { actor } = requirePerson(c);
    const deps = c.get("deps");
    const { db } = deps;
    const body = c.req.valid("json");
    if (!body.pledgeAccepted) throw new AppError("PLEDGE_REQUIRED", { field: "pledgeAccepted" });
    const formerNameOf = (unit: { name: string }) => (unit.name === body.unitName ? null : body.unitName);

    // A retry of a submission whose answer was lost finds its request instead of an error.
    const retriedSubmission = async () => {
      const retried = await db.bindingRequest.findUnique({
        where: { submissionId: body.submissionId },
        include: { unit: true },
      });
      if (!retried) return undefined;
      if (retried.personId !== actor.personId) throw new AppError("VALIDATION_FAILED", SUBMISSION_USED);
      if (retried.openPersonId) await ensureBindingWorkflow(deps, retried);
      return c.json({ data: { ...requestView(retried), formerName: formerNameOf(retried.unit) } }, 201);
    };
    // This submission's request (a retry) and the person's open request, in one raw statement (issue
    // 14: two Prisma statements before); the rare retry then reads its request in full.
    const known = await db.$queryRaw<
      Pick<BindingRequest, "id" | "personId" | "unitId" | "workflowId" | "requestNumber" | "submissionId">[]
    >`
      SELECT "id", "personId", "unitId", "workflowId", "requestNumber", "submissionId" FROM "BindingRequest"
      WHERE "submissionId" = ${body.submissionId} OR "openPersonId" = ${actor.personId}`;
    if (known.some((r) => r.submissionId === body.submissionId)) {
      const retried = await retriedSubmission();
      if (retried) return retried;
    }

    // The exact name, current or former (R20): a former name binds to the unit under its current name.
    const found = await findUnitByName(db, body.unitName);
    const unit = found.match === "CURRENT" || found.match === "FORMER" ? found.unit : undefined;
    if (unit?.status !== "ACTIVE") {
      const close =
        found.match === "AMBIGUOUS"
          ? found.units.filter((u) => u.status === "ACTIVE").map((u) => u.name)
          : (await suggestUnits(db, body.unitName)).map((u) => u.currentName);
      throw new AppError("UNIT_NAME_NOT_FOUND", {
        field: "unitName",
        details: { suggestions: [...new Set(close)] },
      });
    }
    if (actor.unitId === unit.id) throw new AppError("ALREADY_BOUND_TO_UNIT", { field: "unitName" });
    // R8: an administrator hands the office on before leaving; accepting would strip the unit of it.
    if (actor.roles.some((g) => g.role === "UNIT_ADMIN" && g.unitId === actor.unitId)) {
      throw new AppError("ADMIN_MUST_HAND_OVER");
    }
    const open = known.find((r) => r.submissionId !== body.submissionId && r.personId === actor.personId);
    if (open) {
      // Perhaps this very submission, stored meanwhile by a concurrent retry of it.
      const own = await retriedSubmission();
      if (own) return own;
      // An open request whose workflow never started (the API stopped in between) is started now.
      await ensureBindingWorkflow(deps, open);
      throw new AppError("BINDING_REQUEST_OPEN", { details: { requestNumber: open.requestNumber } });
    }
    let request: BindingRequest;
    try {
      request = await db.$transaction(async (tx) => {
        const created = await tx.bindingRequest.create({
          data: {
            requestNumber: await newRequestNumber(tx, "BD"),
            personId: actor.personId,
            unitId: unit.id,
            openPersonId: actor.personId,
            pledgeAcceptedAt: new Date(),
            submissionId: body.submissionId,
            workflowId: bindingRequestWorkflowId(actor.personId),
          },
        });
        await writeAuditEvent(tx, {
          action: "binding-request.submitted",
          actor: { type: "PERSON", id: actor.personId },
          origin: auditOrigin(c),
          target: { type: "BindingRequest", id: created.id },
          unitId: unit.id,
          after: { unitId: unit.id, requestNumber: created.requestNumber },
        });
        return created;
      });
    } catch (error) {
      // Two submissions at once: the keys let exactly one in. The other is either a retry of the
      // same submission (answered with its request) or another request while one is open.
      const clash = uniqueViolation(error);
      if (!clash) throw error;
      const first = await retriedSubmission();
      if (first) return first;
      if (!clash.fields.includes("openPersonId")) throw error;
      const open = await db.bindingRequest.findUnique({ where: { openPersonId: actor.personId } });
      throw new AppError("BINDING_REQUEST_OPEN", {
        cause: error,
        details: open ? { requestNumber: open.requestNumber } : undefined,
      });
    }
    await ensureBindingWorkflow(deps, request);
    return c.json({ data: { ...requestView({ ...request, unit }), formerName: formerNameOf(unit) } }, 201);
  })
  .openapi(withdraw, async (c) => {
    const { actor } = requirePerson(c);
    const { db, temporal } = c.get("deps");
    const request = await db.bindingRequest.findFirst({
      where: { id: c.req.valid("param").id, personId: actor.personId },
    });
    if (!request) throw new AppError("NOT_FOUND");
    if (request.openPersonId === null) throw new AppError("REQUEST_CLOSED");
    const reason = c.req.valid("json")?.reason || undefined;
    const storedStatus = async () =>
      (await db.bindingRequest.findUnique({ where: { id: request.id }, select: { status: true } }))?.status;
    await answerAppliedWithdrawal(
      () =>
        mapWorkflowErrors(
          () =>
            sendToBindingWorkflow(c.get("deps"), request, () =>
              executeUpdateWithin(
                c.get("deps"),
                temporal.workflow.getHandle(request.workflowId),
                withdrawBindingRequest,
                {
                  args: [{ requestId: request.id, personId: actor.personId, reason }],
                },
              ),
            ),
          {
            byFailureType: {
              [REQUEST_CLOSED]: "REQUEST_CLOSED",
              [NOT_THE_REQUESTER]: "NOT_FOUND",
            },
            closed: "REQUEST_CLOSED",
          },
        ),
      storedStatus,
    );
    const fresh = await db.bindingRequest.findUniqueOrThrow({
      where: { id: request.id },
      include: { unit: true },
    });
    return c.json({ data: requestView(fresh) }, 200);
  })
  .openapi(incoming, async (c) => {
    const { actor } = requirePerson(c);
    const { unitId } = c.req.valid("param");
    requireUnitRole(actor, unitId);
    const query = c.req.valid("query");
    const { db } = c.get("deps");
    const where: Prisma.BindingRequestWhereInput = {
      unitId,
      openPersonId: query.state === "OPEN" ? { not: null } : null,
      // A name, a full ID number, or part of the request number (as in 审核工作台's search).
      ...(query.q
        ? { OR: [{ person: personSearch(query.q) }, { requestNumber: { contains: query.q } }] }
        : {}),
    };
    const [rows, total] = await Promise.all([
      db.bindingRequest.findMany({
        where,
        include: {
          unit: true,
          person: { include: APPLICANT_INCLUDE },
        },
        orderBy: { submittedAt: query.order },
        ...paging(query),
      }),
      db.bindingRequest.count({ where }),
    ]);
    const tasks = await db.humanTask.findMany({
      where: { requestId: { in: rows.map((r) => r.id) }, kind: BINDING_TASK_KIND },
      select: { id: true, requestId: true, dueAt: true, status: true, assigneeId: true },
    });
    const assigneeIds = [...new Set(tasks.flatMap((t) => (t.assigneeId ? [t.assigneeId] : [])))];
    const assignees = assigneeIds.length
      ? await db.person.findMany({ where: { id: { in: assigneeIds } }, select: { id: true, name: true } })
      : [];
    const data = rows.map((row) => {
      const task = tasks.find((t) => t.requestId === row.id);
      return {
        ...requestView(row),
        person: applicantView(row.person),
        expiresAt: task?.dueAt?.toISOString() ?? null,
        task: task
          ? {
              id: task.id,
              status: task.status,
              assignee: assignees.find((p) => p.id === task.assigneeId) ?? null,
            }
          : null,
      };
    });
    return c.json({ data, total }, 200);
  })
  .openapi(decide, async (c) => {
    const { actor } = requirePerson(c);
    const { unitId } = c.req.valid("param");
    requireUnitRole(actor, unitId);
    const { requestIds, decision, reason } = c.req.valid("json");
    const clientKey = c.req.valid("header")["idempotency-key"];
    if (decision === "REJECT" && !reason) throw new AppError("DECISION_REASON_REQUIRED", { field: "reason" });
    const deps = c.get("deps");
    const inUnit = await deps.db.bindingRequest.findMany({
      where: { id: { in: requestIds }, unitId },
      select: { id: true },
    });
    const data = [];
    // One after another: each is its own workflow Update, and one failure does not stop the rest.
    for (const requestId of new Set(requestIds)) {
      try {
        if (!inUnit.some((r) => r.id === requestId)) throw new AppError("BINDING_REQUEST_NOT_FOUND");
        const state = await decideBindingRequestAs(
          deps,
          actor,
          requestId,
          { decision, reason, clientKey },
          auditOrigin(c),
        );
        data.push({ requestId, ok: true, state, error: null });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        data.push({
          requestId,
          ok: false,
          state: null,
          error: { code: error.code, message: error.localized },
        });
      }
    }
    return c.json({ data }, 200);
  });

/** A search box that takes a name fragment or a full ID number (of any accepted document). */
export function personSearch(q: string): Prisma.PersonWhereInput {
  const idNumber = idNumberSearched(q);
  return idNumber ? { idNumber } : { name: { contains: q } };
}
