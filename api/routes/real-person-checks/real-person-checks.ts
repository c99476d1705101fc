// A face check as the person doing it sees it, whatever the adapter: the page a QR code or SMS link
// opens (/face-check/<token>) shows it, and with a real vendor sends the person on to the vendor's
// page. The token in the link is the only credential, so these routes are public and show masked
// data only. The verdict never comes from here: the worker fetches it from the vendor (R28).
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { WorkflowNotFoundError } from "@temporalio/common";
import { isCheckTokenShape, normalizeCheckToken } from "../../../domain/check-token.js";
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
/** The token as the link delivered it: text glued after it (SMS punctuation) is cut off by findCheck. */
export const tokenParam = z.object({ token: z.string().min(1).max(256) });

export const checkView = z
  .object({
    purpose: z.enum(["QR_LOGIN", "PERSON_REGISTRATION", "LEGAL_REP_VERIFICATION", "STEP_UP"]),
    status: z.enum(["PENDING", "SCANNED", "PASSED", "FAILED", "EXPIRED", "CONSUMED"]),
    subjectNameMasked: z.string().nullable(),
    /**
     * What the check authorises, for whoever holds its link: the request it confirms (a legal
     * representative's check: a unit registration or a contact mobile change; a personal
     * registration), that request's number (a contact mobile change has none) and unit name.
     * Null for a login or a session's step-up. Never an ID number or a mobile.
     */
    requestType: z.enum(["UNIT_REGISTRATION", "CONTACT_MOBILE_CHANGE", "PERSON_REGISTRATION"]).nullable(),
    requestNumber: z.string().nullable(),
    unitName: z.string().nullable(),
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
  summary: "A face check by the token of its QR code or SMS link: purpose, request, masked name, status",
  description:
    "Text glued after the token (the SMS's punctuation, e.g. `<token>，7天内有效`) is ignored. " +
    "Answers REAL_PERSON_CHECK_NOT_FOUND for a token that was never issued.",
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

/**
 * The check of a QR code's or link's token, read as domain/check-token.ts normalizeCheckToken
 * reads it (text glued after the token is ignored); REAL_PERSON_CHECK_NOT_FOUND otherwise.
 */
export async function findCheck(db: AppDependencies["db"], raw: string): Promise<RealPersonCheck> {
  const token = normalizeCheckToken(raw);
  if (!isCheckTokenShape(token)) throw new AppError("REAL_PERSON_CHECK_NOT_FOUND");
  const check = await db.realPersonCheck.findUnique({ where: { token } });
  if (!check) throw new AppError("REAL_PERSON_CHECK_NOT_FOUND");
  return check;
}

type CheckView = z.infer<typeof checkView>;

/** The request a check confirms, as its link's holder may see it: type, number and unit name. */
async function requestOf(
  db: AppDependencies["db"],
  check: RealPersonCheck,
): Promise<Pick<CheckView, "requestType" | "requestNumber" | "unitName">> {
  const none = { requestType: null, requestNumber: null, unitName: null };
  if (!check.requestId) return none;
  if (check.purpose === "PERSON_REGISTRATION") return { ...none, requestType: "PERSON_REGISTRATION" };
  if (check.purpose !== "LEGAL_REP_VERIFICATION") return none;
  const registration = await db.unitRegistration.findUnique({
    where: { id: check.requestId },
    select: { requestNumber: true, unitName: true, unit: { select: { name: true } } },
  });
  if (registration) {
    return {
      requestType: "UNIT_REGISTRATION",
      requestNumber: registration.requestNumber,
      unitName: registration.unit?.name ?? registration.unitName,
    };
  }
  const change = await db.contactMobileChange.findUnique({
    where: { id: check.requestId },
    select: { unit: { select: { name: true } } },
  });
  if (change)
    return { requestType: "CONTACT_MOBILE_CHANGE", requestNumber: null, unitName: change.unit.name };
  return none;
}

/** What the person doing the check may see of it (R3, R27): masked name, the request it confirms. */
export async function checkViewOf(deps: AppDependencies, check: RealPersonCheck): Promise<CheckView> {
  return {
    ...(await requestOf(deps.db, check)),
    origin:
      check.purpose === "QR_LOGIN"
        ? { ipAddress: check.originIp, userAgent: check.originUserAgent, at: check.createdAt.toISOString() }
        : null,
    purpose: check.purpose as CheckView["purpose"],
    status: check.status as CheckView["status"],
    subjectNameMasked: check.subjectName ? maskName(check.subjectName) : null,
    expiresAt: check.expiresAt.toISOString(),
    qrUrl: deps.realPersonAuth.checkUrl(check.token),
  };
}

export const realPersonChecksRouter = new OpenAPIHono<AppEnv>()
  .openapi(show, async (c) => {
    const deps = c.get("deps");
    const check = await findCheck(deps.db, c.req.valid("param").token);
    return c.json({ data: await checkViewOf(deps, check) }, 200);
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
