// R27: changing the unit's contact mobile. The new mobile proves itself with an SMS code; the
// change then needs the legal representative's face check, or a reviewer's decision.
import { OpenAPIHono, type RouteHandler, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { AppError } from "../../../domain/errors.js";
import { maskMobile } from "../../../domain/masking.js";
import { hitUniqueKey } from "../../../lib/unique.js";
import type { ContactMobileChange } from "../../../prisma/generated/client.js";
import { contactMobileChangeWorkflowId } from "../../../workflows/contracts.js";
import type { contactMobileChange } from "../../../workflows/index.js";
import type { AppDependencies, AppEnv } from "../../context.js";
import { identifierText, mobileField, textField } from "../../fields.js";
import { dataResponse, defineRoute, jsonBody } from "../../route.js";
import { requireActor } from "../../sessions.js";
import { consumeSmsCode, issueSmsCode } from "../../sms-codes.js";
import { ensureRequestWorkflow } from "../../workflow-calls.js";
import { historyEntrySchema, loadRequestHistory } from "../request-history.js";
import { canEditUnitProfile } from "./unit-scope.js";

const tags = ["units"];
const idParam = z.object({ id: z.string().uuid() });
const access = { actor: "any" } as const;

/** The states a contact mobile change goes through (R27): its RequestStatus column takes no other. */
const CHANGE_STATUSES = [
  "SUBMITTED",
  "AWAITING_REAL_PERSON_AUTH",
  "IN_MANUAL_REVIEW",
  "APPROVED",
  "REJECTED",
] as const;

const changeView = z
  .object({
    id: z.string(),
    status: z.enum(CHANGE_STATUSES),
    method: z.enum(["FACE_CHECK", "MANUAL_REVIEW"]),
    newMobileMasked: z.string(),
    checkUrl: z.string().nullable(),
    decisionReason: z.string().nullable(),
    submittedAt: z.string(),
    closedAt: z.string().nullable(),
    history: z.array(historyEntrySchema),
  })
  .openapi("ContactMobileChange");
const viewResponse = { content: { "application/json": { schema: z.object({ data: changeView }) } } };

const sendCode = defineRoute({
  method: "post",
  path: "/units/{id}/contact-mobile-change/code",
  tags,
  summary: "Send a code to the new mobile, proving the unit holds it",
  access,
  request: {
    params: idParam,
    body: jsonBody(z.object({ newMobile: mobileField })),
  },
  responses: {
    200: dataResponse("Code sent", z.object({ challengeId: z.string() })),
  },
});

const start = defineRoute({
  method: "post",
  path: "/units/{id}/contact-mobile-change",
  tags,
  summary: "Ask for the change: confirmed by the legal representative's face check, or decided by a reviewer",
  access,
  request: {
    params: idParam,
    body: jsonBody(
      z.object({
        challengeId: z.string().uuid(),
        code: identifierText().regex(/^\d{6}$/),
        method: z.enum(["FACE_CHECK", "MANUAL_REVIEW"]),
        explanation: textField({ max: 500 }).optional(),
      }),
    ),
  },
  responses: { 201: { description: "Started", ...viewResponse } },
});

const show = defineRoute({
  method: "get",
  path: "/units/{id}/contact-mobile-change",
  tags,
  summary: "The unit's latest contact mobile change, with the face-check link while it waits for it",
  access,
  request: { params: idParam },
  responses: { 200: { description: "The change", ...viewResponse } },
});

function editableUnit(c: Context<AppEnv>, unitId: string) {
  const actor = requireActor(c);
  if (!canEditUnitProfile(actor, unitId)) throw new AppError("UNIT_NOT_FOUND");
  return actor;
}

async function view(c: Context<AppEnv>, changeId: string) {
  const { db, realPersonAuth } = c.get("deps");
  const change = await db.contactMobileChange.findUniqueOrThrow({ where: { id: changeId } });
  const [check, history] = await Promise.all([
    db.realPersonCheck.findFirst({ where: { requestId: changeId } }),
    loadRequestHistory(db, "CONTACT_MOBILE_CHANGE", changeId),
  ]);
  const waiting = change.status === "AWAITING_REAL_PERSON_AUTH" && check;
  return {
    id: change.id,
    status: change.status as (typeof CHANGE_STATUSES)[number],
    method: change.method,
    newMobileMasked: maskMobile(change.newMobile),
    checkUrl: waiting ? realPersonAuth.checkUrl(check.token) : null,
    decisionReason: change.decisionReason,
    submittedAt: change.submittedAt.toISOString(),
    closedAt: change.closedAt?.toISOString() ?? null,
    history,
  };
}

const sendCodeHandler: RouteHandler<typeof sendCode, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  editableUnit(c, id);
  const deps = c.get("deps");
  const { newMobile } = c.req.valid("json");
  const unit = await deps.db.unit.findUniqueOrThrow({ where: { id } });
  if (unit.contactMobile === newMobile)
    throw new AppError("CONTACT_MOBILE_UNCHANGED", { field: "newMobile" });
  const { codeId } = await issueSmsCode(deps, {
    mobile: newMobile,
    purpose: "CONTACT_MOBILE_CHANGE",
    subjectId: id,
  });
  return c.json({ data: { challengeId: codeId } }, 200);
};

/** Starts the change's workflow unless it runs; the unit's previous change may still be finishing. */
async function ensureChangeWorkflow(deps: AppDependencies, change: ContactMobileChange): Promise<void> {
  const runs = await ensureRequestWorkflow<typeof contactMobileChange>(
    deps,
    "contactMobileChange",
    change.id,
    {
      taskQueue: deps.config.temporal.taskQueue,
      workflowId: change.workflowId,
      args: [
        {
          changeId: change.id,
          method: change.method,
          timings: {
            ...deps.config.registration,
            faceCheckTtlSeconds: deps.config.contactMobileCheckTtlSeconds,
          },
        },
      ],
    },
    2000,
  );
  if (runs === "other") throw new AppError("SERVICE_UNAVAILABLE");
}

const startHandler: RouteHandler<typeof start, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  editableUnit(c, id);
  const deps = c.get("deps");
  const { challengeId, code, method, explanation } = c.req.valid("json");
  const unit = await deps.db.unit.findUniqueOrThrow({ where: { id } });
  if (method === "MANUAL_REVIEW" && !explanation) {
    throw new AppError("VALIDATION_FAILED", {
      field: "explanation",
      message: {
        "zh-CN": "申请人工审核时请说明法定代表人无法人脸识别的原因",
        en: "For manual review, explain why the legal representative cannot do the face check",
      },
    });
  }
  if (method === "FACE_CHECK" && !(unit.legalRepName && unit.legalRepIdNumber)) {
    throw new AppError("LEGAL_REP_UNKNOWN", { field: "method" });
  }
  const open = await deps.db.contactMobileChange.findUnique({ where: { openUnitId: id } });
  if (open) {
    // Stored by an API that stopped before starting its workflow: it starts now.
    await ensureChangeWorkflow(deps, open);
    throw new AppError("CONTACT_MOBILE_CHANGE_IN_PROGRESS");
  }
  const challenge = await deps.db.smsCode.findUnique({ where: { id: challengeId } });
  await consumeSmsCode(deps, { codeId: challengeId, purpose: "CONTACT_MOBILE_CHANGE", code, subjectId: id });
  const workflowId = contactMobileChangeWorkflowId(id);
  const change = await deps.db.contactMobileChange
    .create({
      data: {
        unitId: id,
        openUnitId: id,
        previousMobile: unit.contactMobile,
        newMobile: challenge!.mobile,
        method,
        explanation: explanation ?? null,
        workflowId,
      },
    })
    .catch((error: unknown) => {
      // Two changes at once: the open-change key lets exactly one in.
      if (hitUniqueKey(error, "openUnitId")) {
        throw new AppError("CONTACT_MOBILE_CHANGE_IN_PROGRESS", { cause: error });
      }
      throw error;
    });
  // When Temporal is away the change stays stored (503): the unit's next attempt starts it.
  await ensureChangeWorkflow(deps, change);
  return c.json({ data: await view(c, change.id) }, 201);
};

const showHandler: RouteHandler<typeof show, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  editableUnit(c, id);
  const latest = await c
    .get("deps")
    .db.contactMobileChange.findFirst({ where: { unitId: id }, orderBy: { submittedAt: "desc" } });
  if (!latest) throw new AppError("NOT_FOUND");
  return c.json({ data: await view(c, latest.id) }, 200);
};

export const contactMobileChangeRouter = new OpenAPIHono<AppEnv>()
  .openapi(sendCode, sendCodeHandler)
  .openapi(start, startHandler)
  .openapi(show, showHandler);
