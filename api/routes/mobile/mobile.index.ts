// What the (simulated) mobile app calls after scanning a QR code or opening an SMS link: the
// token in the code is the only credential, so these routes are public and reveal masked data only.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { AppError } from "../../../domain/errors.js";
import { maskName } from "../../../domain/masking.js";
import {
  CHECK_NOT_OPEN,
  completeRealPersonCheck,
  realPersonCheckWorkflowId,
  scanRealPersonCheck,
} from "../../../workflows/contracts.js";
import type { AppEnv } from "../../context.js";
import { defineRoute } from "../../route.js";
import { mapWorkflowErrors } from "../../workflow-errors.js";

const tags = ["mobile"];
const tokenParam = z.object({ token: z.string().min(16).max(64) });
const checkView = z
  .object({
    purpose: z.enum(["QR_LOGIN", "PERSON_REGISTRATION", "LEGAL_REP_VERIFICATION", "STEP_UP"]),
    status: z.enum(["PENDING", "SCANNED", "PASSED", "FAILED", "EXPIRED", "CONSUMED"]),
    subjectNameMasked: z.string().nullable(),
    expiresAt: z.string(),
  })
  .openapi("RealPersonCheck");

const show = defineRoute({
  method: "get",
  path: "/mobile/checks/{token}",
  tags,
  summary: "What the mobile app shows after scanning: purpose, masked name, status",
  access: { actor: "anonymous" },
  request: { params: tokenParam },
  responses: {
    200: {
      description: "The check",
      content: { "application/json": { schema: z.object({ data: checkView }) } },
    },
  },
});

const scan = defineRoute({
  method: "post",
  path: "/mobile/checks/{token}/scan",
  tags,
  summary: "The mobile app scanned the QR code (the computer shows 已扫码)",
  access: { actor: "anonymous" },
  request: { params: tokenParam },
  responses: {
    200: {
      description: "Scanned",
      content: { "application/json": { schema: z.object({ data: checkView }) } },
    },
  },
});

const confirm = defineRoute({
  method: "post",
  path: "/mobile/checks/{token}/face",
  tags,
  summary: "The face check's verdict (simulated app: the tester chooses it)",
  access: { actor: "anonymous" },
  request: {
    params: tokenParam,
    body: { required: true, content: { "application/json": { schema: z.object({ passed: z.boolean() }) } } },
  },
  responses: {
    200: {
      description: "Recorded",
      content: { "application/json": { schema: z.object({ data: checkView }) } },
    },
  },
});

const closedCodes = {
  byFailureType: { [CHECK_NOT_OPEN]: "REAL_PERSON_CHECK_CLOSED" },
  closed: "REAL_PERSON_CHECK_CLOSED",
} as const;

export const mobileRouter = new OpenAPIHono<AppEnv>()
  .openapi(show, async (c) => {
    const check = await findCheck(c.get("deps").db, c.req.valid("param").token);
    return c.json({ data: view(check) }, 200);
  })
  .openapi(scan, async (c) => {
    const { db, temporal } = c.get("deps");
    const check = await findCheck(db, c.req.valid("param").token);
    const handle = temporal.workflow.getHandle(realPersonCheckWorkflowId(check.id));
    await mapWorkflowErrors(() => handle.executeUpdate(scanRealPersonCheck), closedCodes);
    return c.json({ data: view(await findCheck(db, check.token)) }, 200);
  })
  .openapi(confirm, async (c) => {
    const { db, temporal } = c.get("deps");
    const check = await findCheck(db, c.req.valid("param").token);
    const { passed } = c.req.valid("json");
    const handle = temporal.workflow.getHandle(realPersonCheckWorkflowId(check.id));
    await mapWorkflowErrors(
      () => handle.executeUpdate(completeRealPersonCheck, { args: [{ passed }] }),
      closedCodes,
    );
    return c.json({ data: view(await findCheck(db, check.token)) }, 200);
  });

async function findCheck(db: AppEnv["Variables"]["deps"]["db"], token: string) {
  const check = await db.realPersonCheck.findUnique({ where: { token } });
  if (!check) throw new AppError("REAL_PERSON_CHECK_NOT_FOUND");
  return check;
}

function view(check: { purpose: string; status: string; subjectName: string | null; expiresAt: Date }) {
  return {
    purpose: check.purpose as z.infer<typeof checkView>["purpose"],
    status: check.status as z.infer<typeof checkView>["status"],
    subjectNameMasked: check.subjectName ? maskName(check.subjectName) : null,
    expiresAt: check.expiresAt.toISOString(),
  };
}
