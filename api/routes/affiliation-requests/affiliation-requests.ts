// R13 affiliation requests (关联上级单位 / 归口): the unit's administrator or a handler chooses its
// superior (系统配置子系统 → 单位基础信息管理 → 主管部门（上级推送节点） → 主管部门更改), the superior's decide
// (查询并选择提交归口申请的单位 → 通过 / 不通过), the requesting unit's may withdraw. The
// affiliationRequest workflow owns each request; all of them act in real-person sessions (R12).
import { OpenAPIHono, z } from "@hono/zod-openapi";
import {
  CYCLE_AT_SUBMISSION,
  HR_SUPERIOR_REFUSAL,
  openRequestRefusal,
  SAME_SUPERIOR_REFUSAL,
  superiorTypeAllowed,
} from "../../../domain/affiliation.js";
import { REAL_PERSON_ROLES, type Role } from "../../../domain/authorization.js";
import { AppError } from "../../../domain/errors.js";
import { maskName } from "../../../domain/masking.js";
import { writeAuditEventForUnits } from "../../../lib/audit.js";
import { uniqueViolation } from "../../../lib/unique.js";
import { superiorChain } from "../../../lib/unit-hierarchy.js";
import { suggestUnits } from "../../../lib/unit-suggestions.js";
import { type AffiliationRequest, Prisma } from "../../../prisma/generated/client.js";
import {
  affiliationRequestWorkflowId,
  NOT_A_UNIT_DECIDER,
  REAL_PERSON_REQUIRED,
  REQUEST_CLOSED,
  withdrawAffiliationRequest,
} from "../../../workflows/contracts.js";
import type { AppEnv } from "../../context.js";
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
import { SUBMISSION_USED } from "../binding-requests/binding-requests.js";
import { listQuery, listResponse, paging } from "../list-query.js";
import { historyEntrySchema, loadRequestHistory } from "../request-history.js";
import { PLATFORM_ROLES } from "../units/unit-scope.js";
import { unitSubtreeSql } from "../units/unit-subtree.js";
import { UNIT_TYPES } from "../units/units.routes.js";
import {
  AFFILIATION_INCLUDE,
  affiliationRequestView,
  affiliationRequestViewOf,
  affiliationRequestViews,
  decidesFor,
  holdsUnitRole,
  isPlatformStaff,
} from "./affiliation-request-view.js";
import { decideAffiliationRequestAs } from "./decide.js";
import { ensureAffiliationWorkflow, sendToAffiliationWorkflow } from "./workflow.js";

const tags = ["affiliation-requests"];
/** The deciders of a unit act in real-person sessions (R12); the handlers narrow to the unit. */
const deciderAccess = { actor: "person", roles: REAL_PERSON_ROLES, strength: "REAL_PERSON" } as const;
/** Readers: the deciders of a unit the request concerns, and platform staff. */
const readerAccess = {
  actor: "person",
  roles: [...REAL_PERSON_ROLES, ...(PLATFORM_ROLES as Role[])],
} as const;
const unitParam = z.object({ unitId: z.string().uuid() });
const idParam = z.object({ id: z.string().uuid() });
const USCC_FORMAT = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

const candidates = defineRoute({
  method: "get",
  path: "/units/{unitId}/superior-candidates",
  tags,
  summary:
    "主管部门更改: units the unit may ask to become its superior, by USCC (exact) or name (suggestions); never the unit, its subordinates (a cycle, R13) or disabled units, and for an HR department only HR departments (R21)",
  access: deciderAccess,
  request: {
    params: unitParam,
    query: z.object({ q: textField({ min: 1, max: 100 }) }),
  },
  responses: {
    200: dataResponse(
      "Up to 10 candidates, best first",
      z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          uscc: z.string().nullable(),
          type: z.enum(UNIT_TYPES),
          regionName: z.string(),
        }),
      ),
    ),
  },
});

const submit = defineRoute({
  method: "post",
  path: "/units/{unitId}/affiliation-requests",
  tags,
  summary:
    "Ask the chosen unit to become this unit's superior (R13); one open request per unit. The current superior stays until the new one approves",
  access: deciderAccess,
  request: {
    params: unitParam,
    body: jsonBody(
      z.object({
        superiorUnitId: z.string().uuid(),
        /** Chosen by the form: a retried submission finds its request. */
        submissionId: z.string().uuid(),
      }),
    ),
  },
  responses: { 201: dataResponse("Submitted", affiliationRequestView) },
});

const list = defineRoute({
  method: "get",
  path: "/units/{unitId}/affiliation-requests",
  tags,
  summary:
    "The unit's affiliation requests: outgoing (it asked) or incoming (it was asked: 查询并选择提交归口申请的单位), open ones by default",
  access: readerAccess,
  request: {
    params: unitParam,
    query: listQuery(["submittedAt"]).extend({
      direction: z.enum(["outgoing", "incoming"]).default("outgoing"),
      state: z.enum(["OPEN", "CLOSED", "ALL"]).default("OPEN"),
      q: textField({ max: 100 })
        .optional()
        .openapi({ description: "Part of the other unit's name, or its USCC" }),
    }),
  },
  responses: {
    200: {
      description: "Requests",
      content: { "application/json": { schema: listResponse(affiliationRequestView) } },
    },
  },
});

const show = defineRoute({
  method: "get",
  path: "/affiliation-requests/{id}",
  tags,
  summary:
    "An affiliation request and its full history (R25), for the staff of either unit and platform staff",
  access: readerAccess,
  request: { params: idParam },
  responses: {
    200: dataResponse(
      "The request",
      affiliationRequestView
        .extend({ history: z.array(historyEntrySchema) })
        .openapi("AffiliationRequestDetail"),
    ),
  },
});

const withdraw = defineRoute({
  method: "post",
  path: "/affiliation-requests/{id}/withdraw",
  tags,
  summary: "The requesting unit's administrator or a handler withdraws its open request",
  access: deciderAccess,
  request: {
    params: idParam,
    body: jsonBody(z.object({ reason: textField({ max: 200 }).optional() }), false),
  },
  responses: { 200: dataResponse("Withdrawn", affiliationRequestView) },
});

const decide = defineRoute({
  method: "post",
  path: "/affiliation-requests/{id}/decision",
  tags,
  summary:
    "The superior unit's administrator or a handler approves (sets the superior, refusing a cycle: R13) or rejects with a reason. A retry with the same Idempotency-Key gets the first outcome",
  access: deciderAccess,
  request: {
    params: idParam,
    headers: idempotencyKeyHeader,
    body: jsonBody(
      z.object({
        decision: z.enum(["APPROVE", "REJECT"]),
        reason: textField({ max: 500 }).optional(),
      }),
    ),
  },
  responses: { 200: dataResponse("Decided", affiliationRequestView) },
});

type PersonActor = ReturnType<typeof requirePerson>["actor"];

/** R12 and the unit's scope: the unit's administrator or a handler in a real-person session. */
function requireDecider(actor: PersonActor, unitId: string): void {
  if (!holdsUnitRole(actor, unitId)) throw new AppError("FORBIDDEN_UNIT_SCOPE", { details: { unitId } });
  if (!decidesFor(actor, unitId)) throw new AppError("REAL_PERSON_SESSION_REQUIRED");
}

/** A request the actor may see: they decide for one of its units, or are platform staff (R25). */
async function visibleRequest(db: Parameters<typeof loadRequestHistory>[0], actor: PersonActor, id: string) {
  const request = await db.affiliationRequest.findUnique({ where: { id }, include: AFFILIATION_INCLUDE });
  if (!request) throw new AppError("AFFILIATION_REQUEST_NOT_FOUND");
  if (isPlatformStaff(actor)) return request;
  const units = [request.unitId, request.superiorUnitId];
  if (units.some((unitId) => decidesFor(actor, unitId))) return request;
  if (units.some((unitId) => holdsUnitRole(actor, unitId)))
    throw new AppError("REAL_PERSON_SESSION_REQUIRED");
  throw new AppError("AFFILIATION_REQUEST_NOT_FOUND");
}

export const affiliationRequestsRouter = new OpenAPIHono<AppEnv>()
  .openapi(candidates, async (c) => {
    const { actor } = requirePerson(c);
    const { unitId } = c.req.valid("param");
    requireDecider(actor, unitId);
    const { q } = c.req.valid("query");
    const { db } = c.get("deps");
    // The unit and everything below it would close a cycle (R13); an HR department asks only HR
    // departments (R21, domain/affiliation.ts superiorTypeAllowed).
    const asking = await db.unit.findUnique({ where: { id: unitId }, select: { type: true } });
    const below =
      asking?.type === "HR_DEPARTMENT"
        ? Prisma.sql`SELECT "id" FROM "Unit" WHERE "type" <> 'HR_DEPARTMENT' OR "id" IN (${unitSubtreeSql([unitId])})`
        : unitSubtreeSql([unitId]);
    const byUscc = USCC_FORMAT.test(q.toUpperCase())
      ? await db.$queryRaw<{ id: string }[]>`
          SELECT "id" FROM "Unit" WHERE "uscc" = ${q.toUpperCase()} AND "status" = 'ACTIVE'
            AND "id" NOT IN (${below})`
      : [];
    const byName = await suggestUnits(db, q, { limit: 10, exclude: below });
    const ids = [...new Set([...byUscc.map((u) => u.id), ...byName.map((u) => u.id)])].slice(0, 10);
    const units = await db.unit.findMany({
      where: { id: { in: ids } },
      include: { region: { select: { name: true } } },
    });
    const data = ids.flatMap((id) => {
      const unit = units.find((u) => u.id === id);
      return unit
        ? [{ id: unit.id, name: unit.name, uscc: unit.uscc, type: unit.type, regionName: unit.region.name }]
        : [];
    });
    return c.json({ data }, 200);
  })
  .openapi(submit, async (c) => {
    const { actor } = requirePerson(c);
    const { unitId } = c.req.valid("param");
    requireDecider(actor, unitId);
    const deps = c.get("deps");
    const { db } = deps;
    const body = c.req.valid("json");

    // A retry of a submission whose answer was lost finds its request instead of an error.
    const retriedSubmission = async () => {
      const retried = await db.affiliationRequest.findUnique({
        where: { submissionId: body.submissionId },
        include: AFFILIATION_INCLUDE,
      });
      if (!retried) return undefined;
      if (retried.unitId !== unitId) throw new AppError("VALIDATION_FAILED", SUBMISSION_USED);
      if (retried.openUnitId) await ensureAffiliationWorkflow(deps, retried);
      return c.json({ data: await affiliationRequestViewOf(db, retried, actor) }, 201);
    };
    const retried = await retriedSubmission();
    if (retried) return retried;

    const unit = await db.unit.findUniqueOrThrow({ where: { id: unitId } });
    const superior = await db.unit.findUnique({ where: { id: body.superiorUnitId } });
    if (superior?.status !== "ACTIVE") throw new AppError("UNIT_NOT_FOUND", { field: "superiorUnitId" });
    if (!superiorTypeAllowed(unit.type, superior.type)) {
      throw new AppError("AFFILIATION_SUPERIOR_NOT_ALLOWED", {
        field: "superiorUnitId",
        details: HR_SUPERIOR_REFUSAL,
      });
    }
    // Advisory here (the hierarchy may change before the decision): the approval checks again.
    if ((await superiorChain(db, superior.id)).includes(unit.id)) {
      throw new AppError("AFFILIATION_CYCLE", { field: "superiorUnitId", details: CYCLE_AT_SUBMISSION });
    }
    if (unit.parentUnitId === superior.id) {
      throw new AppError("AFFILIATION_SAME_SUPERIOR", {
        field: "superiorUnitId",
        details: SAME_SUPERIOR_REFUSAL,
      });
    }
    const open = await db.affiliationRequest.findUnique({ where: { openUnitId: unitId } });
    if (open) {
      // Perhaps this very submission, stored meanwhile by a concurrent retry of it.
      const own = await retriedSubmission();
      if (own) return own;
      // An open request whose workflow never started (the API stopped in between) is started now.
      await ensureAffiliationWorkflow(deps, open);
      throw new AppError("AFFILIATION_REQUEST_OPEN", { details: openRequestRefusal(open.requestNumber) });
    }
    let request: AffiliationRequest;
    try {
      request = await db.$transaction(async (tx) => {
        const created = await tx.affiliationRequest.create({
          data: {
            requestNumber: await newRequestNumber(tx, "GK"),
            unitId,
            superiorUnitId: superior.id,
            openUnitId: unitId,
            previousSuperiorUnitId: unit.parentUnitId,
            submissionId: body.submissionId,
            requestedById: actor.personId,
            workflowId: affiliationRequestWorkflowId(unitId),
          },
        });
        await writeAuditEventForUnits(
          tx,
          {
            action: "affiliation-request.submitted",
            actor: { type: "PERSON", id: actor.personId },
            origin: auditOrigin(c),
            target: { type: "AffiliationRequest", id: created.id },
            after: {
              requestNumber: created.requestNumber,
              unitId,
              superiorUnitId: superior.id,
              previousSuperiorUnitId: unit.parentUnitId,
            },
          },
          [unitId, superior.id],
        );
        return created;
      });
    } catch (error) {
      // Two submissions at once: the keys let exactly one in. The other is either a retry of the
      // same submission (answered with its request) or another request while one is open.
      const clash = uniqueViolation(error);
      if (!clash) throw error;
      const first = await retriedSubmission();
      if (first) return first;
      if (!clash.fields.includes("openUnitId")) throw error;
      const other = await db.affiliationRequest.findUnique({ where: { openUnitId: unitId } });
      throw new AppError("AFFILIATION_REQUEST_OPEN", {
        cause: error,
        details: other ? openRequestRefusal(other.requestNumber) : undefined,
      });
    }
    await ensureAffiliationWorkflow(deps, request);
    const stored = await db.affiliationRequest.findUniqueOrThrow({
      where: { id: request.id },
      include: AFFILIATION_INCLUDE,
    });
    return c.json({ data: await affiliationRequestViewOf(db, stored, actor) }, 201);
  })
  .openapi(list, async (c) => {
    const { actor } = requirePerson(c);
    const { unitId } = c.req.valid("param");
    if (!isPlatformStaff(actor)) requireDecider(actor, unitId);
    const query = c.req.valid("query");
    const { db } = c.get("deps");
    const incoming = query.direction === "incoming";
    const other: Prisma.UnitWhereInput | undefined = query.q
      ? { OR: [{ name: { contains: query.q } }, { uscc: query.q.toUpperCase() }] }
      : undefined;
    const where: Prisma.AffiliationRequestWhereInput = {
      ...(incoming ? { superiorUnitId: unitId } : { unitId }),
      ...(query.state === "OPEN" ? { openUnitId: { not: null } } : {}),
      ...(query.state === "CLOSED" ? { openUnitId: null } : {}),
      ...(other ? (incoming ? { unit: other } : { superiorUnit: other }) : {}),
    };
    const [rows, total] = await Promise.all([
      db.affiliationRequest.findMany({
        where,
        include: AFFILIATION_INCLUDE,
        orderBy: { submittedAt: query.order },
        ...paging(query),
      }),
      db.affiliationRequest.count({ where }),
    ]);
    return c.json({ data: await affiliationRequestViews(db, rows, actor), total }, 200);
  })
  .openapi(show, async (c) => {
    const { actor } = requirePerson(c);
    const { db } = c.get("deps");
    const request = await visibleRequest(db, actor, c.req.valid("param").id);
    const [view, history] = await Promise.all([
      affiliationRequestViewOf(db, request, actor),
      loadRequestHistory(db, "AFFILIATION_REQUEST", request.id),
    ]);
    return c.json({ data: { ...view, history } }, 200);
  })
  .openapi(withdraw, async (c) => {
    const { actor } = requirePerson(c);
    const deps = c.get("deps");
    const { db, temporal } = deps;
    const request = await visibleRequest(db, actor, c.req.valid("param").id);
    requireDecider(actor, request.unitId);
    if (request.openUnitId === null) throw new AppError("REQUEST_CLOSED");
    const reason = c.req.valid("json")?.reason || undefined;
    const person = await db.person.findUniqueOrThrow({ where: { id: actor.personId } });
    const role = actor.roles.find((g) => g.unitId === request.unitId && REAL_PERSON_ROLES.includes(g.role))!;
    const storedStatus = async () =>
      (await db.affiliationRequest.findUnique({ where: { id: request.id }, select: { status: true } }))
        ?.status;
    await answerAppliedWithdrawal(
      () =>
        mapWorkflowErrors(
          () =>
            sendToAffiliationWorkflow(deps, request, () =>
              executeUpdateWithin(
                deps,
                temporal.workflow.getHandle(request.workflowId),
                withdrawAffiliationRequest,
                {
                  args: [
                    {
                      requestId: request.id,
                      personId: actor.personId,
                      personRole: role.role,
                      personLabel: maskName(person.name),
                      deciderRoles: actor.roles.map((g) => ({ role: g.role, unitId: g.unitId })),
                      strength: actor.strength,
                      reason,
                    },
                  ],
                },
              ),
            ),
          {
            byFailureType: {
              [REQUEST_CLOSED]: "REQUEST_CLOSED",
              [NOT_A_UNIT_DECIDER]: "FORBIDDEN_UNIT_SCOPE",
              [REAL_PERSON_REQUIRED]: "REAL_PERSON_SESSION_REQUIRED",
            },
            closed: "REQUEST_CLOSED",
            details: { unitId: request.unitId },
          },
        ),
      storedStatus,
    );
    const fresh = await db.affiliationRequest.findUniqueOrThrow({
      where: { id: request.id },
      include: AFFILIATION_INCLUDE,
    });
    return c.json({ data: await affiliationRequestViewOf(db, fresh, actor) }, 200);
  })
  .openapi(decide, async (c) => {
    const { actor } = requirePerson(c);
    const deps = c.get("deps");
    const { id } = c.req.valid("param");
    const { decision, reason } = c.req.valid("json");
    const clientKey = c.req.valid("header")["idempotency-key"];
    await decideAffiliationRequestAs(deps, actor, id, { decision, reason, clientKey }, auditOrigin(c));
    const fresh = await deps.db.affiliationRequest.findUniqueOrThrow({
      where: { id },
      include: AFFILIATION_INCLUDE,
    });
    return c.json({ data: await affiliationRequestViewOf(deps.db, fresh, actor) }, 200);
  });
