// What the simulated mobile app calls after scanning a QR code or opening an SMS link: the token
// in the code is the only credential, so these routes are public and reveal masked data only.
// Development only (R28): the app reports its own verdict, so these routes exist only with the
// simulated adapter and never in production (api/app.ts). It reads a check like any page does,
// through GET /api/real-person-checks/{token}.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { AppError } from "../../../domain/errors.js";
import {
  CHECK_NOT_OPEN,
  completeRealPersonCheck,
  realPersonCheckWorkflowId,
  scanRealPersonCheck,
} from "../../../workflows/contracts.js";
import { consumeAddressAllowance } from "../../address-limits.js";
import type { AppEnv } from "../../context.js";
import { validationError } from "../../errors.js";
import { idNumberField } from "../../fields.js";
import { dataResponse, defineRoute, jsonBody } from "../../route.js";
import { clientAddress } from "../../sessions.js";
import { executeUpdateWithin, mapWorkflowErrors } from "../../workflow-calls.js";
import {
  checkView,
  checkViewOf,
  findCheck,
  tokenParam,
  whenStarted,
} from "../real-person-checks/real-person-checks.js";

const tags = ["mobile"];

const scan = defineRoute({
  method: "post",
  path: "/mobile/checks/{token}/scan",
  tags,
  summary: "The mobile app scanned the QR code (the computer shows 已扫码)",
  description:
    "For a QR login the app names its logged-in user in an optional JSON body `{ idNumber }`. The " +
    "simulated app asks the tester for that person's ID number; a real app adapter knows its user.",
  access: { actor: "anonymous" },
  // The body is optional, and apps send none for other checks: read leniently, not by the validator.
  request: { params: tokenParam },
  responses: {
    200: dataResponse("Scanned", checkView),
  },
});

const confirm = defineRoute({
  method: "post",
  path: "/mobile/checks/{token}/face",
  tags,
  summary: "The face check's verdict (simulated app: the tester chooses it)",
  description: "For a QR login, `idNumber` names the app's user, who must be the one who scanned.",
  access: { actor: "anonymous" },
  request: {
    params: tokenParam,
    body: jsonBody(z.object({ passed: z.boolean(), idNumber: idNumberField.optional() })),
  },
  responses: {
    200: dataResponse("Recorded", checkView),
  },
});

const closedCodes = {
  byFailureType: { [CHECK_NOT_OPEN]: "REAL_PERSON_CHECK_CLOSED" },
  closed: "REAL_PERSON_CHECK_CLOSED",
} as const;

export const mobileRouter = new OpenAPIHono<AppEnv>()
  .openapi(scan, async (c) => {
    const deps = c.get("deps");
    const { db, temporal } = deps;
    // Before the token is looked up: the same answer for every guess once the address is over.
    await consumeAddressAllowance(deps, "QR_SCAN", clientAddress(c));
    const check = openCheck(await findCheck(db, c.req.valid("param").token));
    if (check.purpose === "QR_LOGIN") await identifyLogin(db, check, await appUserOf(c));
    const handle = temporal.workflow.getHandle(realPersonCheckWorkflowId(check.id));
    await mapWorkflowErrors(
      () => whenStarted(check, () => executeUpdateWithin(deps, handle, scanRealPersonCheck, { args: [] })),
      closedCodes,
    );
    return c.json({ data: await checkViewOf(deps, await findCheck(db, check.token)) }, 200);
  })
  .openapi(confirm, async (c) => {
    const deps = c.get("deps");
    const { db, temporal } = deps;
    const check = openCheck(await findCheck(db, c.req.valid("param").token));
    const { passed, idNumber } = c.req.valid("json");
    // Only the phone that scanned a login code may confirm it.
    if (check.purpose === "QR_LOGIN" && (!idNumber || idNumber !== check.subjectIdNumber)) {
      throw new AppError("QR_CHALLENGE_OTHER_PHONE");
    }
    // Only now, with the face checked, is it told whether the ID number has an account that may log in.
    const refusal = check.purpose === "QR_LOGIN" && passed ? await loginAfterFaceCheck(db, check) : undefined;
    const handle = temporal.workflow.getHandle(realPersonCheckWorkflowId(check.id));
    await mapWorkflowErrors(
      () =>
        whenStarted(check, () =>
          executeUpdateWithin(deps, handle, completeRealPersonCheck, {
            args: [{ passed: passed && !refusal }],
          }),
        ),
      closedCodes,
    );
    if (refusal) throw new AppError(refusal, { field: "idNumber" });
    return c.json({ data: await checkViewOf(deps, await findCheck(db, check.token)) }, 200);
  });

/**
 * A check past its expiry is closed, whatever its workflow's timer says yet: on a busy worker the
 * timer fires late, and the console already shows the code as expired.
 */
function openCheck<T extends { expiresAt: Date }>(check: T): T {
  if (check.expiresAt <= new Date()) throw new AppError("REAL_PERSON_CHECK_CLOSED");
  return check;
}

const appUserBody = z.object({ idNumber: idNumberField.optional() });

/** The app user named in the scan's optional body. */
async function appUserOf(c: Context<AppEnv>): Promise<string | undefined> {
  const text = await c.req.text();
  if (!text.trim()) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("MALFORMED_JSON");
  }
  const parsed = appUserBody.safeParse(json);
  if (!parsed.success) throw validationError(parsed.error, json);
  return parsed.data.idNumber;
}

/**
 * Issue 11.4: a scan binds a QR login to the ID number the app names, once, and answers the same
 * whether that ID number is unknown, disabled or registered: one guess per challenge, and challenges
 * are limited per address (qr-login.ts). Whose account it is comes out only after the face check.
 */
async function identifyLogin(
  db: AppEnv["Variables"]["deps"]["db"],
  check: { id: string; subjectIdNumber: string | null; status: string },
  idNumber: string | undefined,
) {
  if (check.subjectIdNumber && idNumber && idNumber !== check.subjectIdNumber) {
    throw new AppError("QR_CHALLENGE_OTHER_PHONE");
  }
  if (check.subjectIdNumber || check.status !== "PENDING") return;
  if (!idNumber) throw new AppError("VALIDATION_FAILED", { field: "idNumber" });
  const { count } = await db.realPersonCheck.updateMany({
    where: { id: check.id, subjectIdNumber: null, status: "PENDING" },
    data: { subjectIdNumber: idNumber },
  });
  if (count === 0) throw new AppError("REAL_PERSON_CHECK_CLOSED");
}

/**
 * After a passed face check of a QR login: the person whose login it is, if their account may log
 * in (set on the check for the exchange), or why not (PERSON_NOT_REGISTERED, AUTH_ACCOUNT_DISABLED).
 */
async function loginAfterFaceCheck(
  db: AppEnv["Variables"]["deps"]["db"],
  check: { id: string; subjectIdNumber: string | null },
): Promise<"PERSON_NOT_REGISTERED" | "AUTH_ACCOUNT_DISABLED" | undefined> {
  const person = check.subjectIdNumber
    ? await db.person.findUnique({ where: { idNumber: check.subjectIdNumber } })
    : null;
  if (!person) return "PERSON_NOT_REGISTERED";
  if (person.status !== "ENABLED") return "AUTH_ACCOUNT_DISABLED";
  await db.realPersonCheck.updateMany({
    where: { id: check.id, status: { in: ["PENDING", "SCANNED"] } },
    data: { personId: person.id, subjectName: person.name },
  });
  return undefined;
}
