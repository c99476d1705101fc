// A face check as the person doing it sees it, whatever the adapter: the page a QR code or SMS link
// opens (/face-check/<token>) shows it, and with a real vendor sends the person on to the vendor's
// page. The token in the link is the only credential, so these routes are public and show masked
// data only. The verdict never comes from here: the worker fetches it from the vendor (R28).
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { WorkflowNotFoundError } from "@temporalio/common";
import { AppError } from "../../../domain/errors.js";
import { maskName } from "../../../domain/masking.js";
import type { RealPersonCheck } from "../../../prisma/generated/client.js";
import {
  CHECK_NOT_OPEN,
  openVendorFaceCheck,
  realPersonCheckWorkflowId,
  VENDOR_UNAVAILABLE,
} from "../../../workflows/contracts.js";
import type { AppDependencies, AppEnv } from "../../context.js";
import { dataResponse, defineRoute } from "../../route.js";
import { executeUpdateWithin, mapWorkflowErrors } from "../../workflow-calls.js";

const tags = ["real-person-checks"];
export const tokenParam = z.object({ token: z.string().min(16).max(64) });

export const checkView = z
  .object({
    purpose: z.enum(["QR_LOGIN", "PERSON_REGISTRATION", "LEGAL_REP_VERIFICATION", "STEP_UP"]),
    status: z.enum(["PENDING", "SCANNED", "PASSED", "FAILED", "EXPIRED", "CONSUMED"]),
    subjectNameMasked: z.string().nullable(),
    expiresAt: z.string(),
    /** QR login: where the login was started, so the person sees who is logging in where. */
    origin: z
      .object({ ipAddress: z.string().nullable(), userAgent: z.string().nullable(), at: z.string() })
      .nullable(),
    /** What the check's QR code carries: the simulated mobile app, or this check's page. */
    qrUrl: z.string(),
  })
  .openapi("RealPersonCheck");

const show = defineRoute({
  method: "get",
  path: "/real-person-checks/{token}",
  tags,
  summary: "A face check by the token of its QR code or SMS link: purpose, masked name, status",
  access: { actor: "anonymous" },
  request: { params: tokenParam },
  responses: {
    200: dataResponse("The check", checkView),
  },
});

const vendorSession = defineRoute({
  method: "post",
  path: "/real-person-checks/{token}/vendor-session",
  tags,
  summary: "Send the person to the face-check vendor's page: opens (or reuses) a vendor session",
  description:
    "Answers the vendor page's URL; the vendor sends the person back to /face-check/{token}. The " +
    "verdict is fetched by the server from the vendor, never taken from the browser. Answers " +
    "REAL_PERSON_CHECK_SIMULATED where the simulated mobile app completes checks (development).",
  access: { actor: "anonymous" },
  request: { params: tokenParam },
  responses: {
    200: dataResponse("The vendor's page", z.object({ url: z.string() })),
  },
});

/** A check's workflow may still be starting (a registration starts it a moment after answering). */
const STARTING_GRACE_MS = 5_000;

/**
 * Sends to a check's workflow; while the check is open, a workflow that is still starting is
 * waited for, a few seconds at most.
 */
export async function whenStarted<T>(check: RealPersonCheck, send: () => Promise<T>): Promise<T> {
  const giveUpAt = Date.now() + STARTING_GRACE_MS;
  for (;;) {
    try {
      return await send();
    } catch (error) {
      const open = check.status === "PENDING" || check.status === "SCANNED";
      if (!(error instanceof WorkflowNotFoundError) || !open || Date.now() > giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The check of a QR code's or link's token; REAL_PERSON_CHECK_NOT_FOUND otherwise. */
export async function findCheck(db: AppDependencies["db"], token: string): Promise<RealPersonCheck> {
  const check = await db.realPersonCheck.findUnique({ where: { token } });
  if (!check) throw new AppError("REAL_PERSON_CHECK_NOT_FOUND");
  return check;
}

/** What the person doing the check may see of it. */
export function checkViewOf(deps: AppDependencies, check: RealPersonCheck): z.infer<typeof checkView> {
  return {
    origin:
      check.purpose === "QR_LOGIN"
        ? { ipAddress: check.originIp, userAgent: check.originUserAgent, at: check.createdAt.toISOString() }
        : null,
    purpose: check.purpose as z.infer<typeof checkView>["purpose"],
    status: check.status as z.infer<typeof checkView>["status"],
    subjectNameMasked: check.subjectName ? maskName(check.subjectName) : null,
    expiresAt: check.expiresAt.toISOString(),
    qrUrl: deps.realPersonAuth.checkUrl(check.token),
  };
}

export const realPersonChecksRouter = new OpenAPIHono<AppEnv>()
  .openapi(show, async (c) => {
    const deps = c.get("deps");
    return c.json({ data: checkViewOf(deps, await findCheck(deps.db, c.req.valid("param").token)) }, 200);
  })
  .openapi(vendorSession, async (c) => {
    const deps = c.get("deps");
    if (!deps.realPersonAuth.vendor) throw new AppError("REAL_PERSON_CHECK_SIMULATED");
    const check = await findCheck(deps.db, c.req.valid("param").token);
    const handle = deps.temporal.workflow.getHandle(realPersonCheckWorkflowId(check.id));
    const url = await mapWorkflowErrors(
      () => whenStarted(check, () => executeUpdateWithin(deps, handle, openVendorFaceCheck, { args: [] })),
      {
        byFailureType: {
          [CHECK_NOT_OPEN]: "REAL_PERSON_CHECK_CLOSED",
          [VENDOR_UNAVAILABLE]: "REAL_PERSON_VENDOR_UNAVAILABLE",
        },
        closed: "REAL_PERSON_CHECK_CLOSED",
      },
    );
    return c.json({ data: { url } }, 200);
  });
