// R15 personal registration: name, ID number, mobile proved by an SMS code, a password, and then
// the registrant's real-person authentication on the mobile app; the account exists only after it.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { AppError } from "../../../domain/errors.js";
import { maskMobile } from "../../../domain/masking.js";
import type { Database } from "../../../lib/database.js";
import { hashPassword } from "../../../lib/passwords.js";
import { personRegistrationWorkflowId } from "../../../workflows/contracts.js";
import type { personRegistration } from "../../../workflows/index.js";
import { consumeAddressAllowance } from "../../address-limits.js";
import type { AppEnv } from "../../context.js";
import { identifierText, idNumberField, mobileField, passwordField, personNameField } from "../../fields.js";
import { dataResponse, defineRoute, jsonBody } from "../../route.js";
import { clientAddress } from "../../sessions.js";
import { consumeSmsCode, issueSmsCode } from "../../sms-codes.js";
import { startWorkflowWithin } from "../../workflow-calls.js";

const tags = ["persons"];
const access = { actor: "anonymous" } as const;

const registrationView = z
  .object({
    id: z.string(),
    status: z.enum(["AWAITING_REAL_PERSON_AUTH", "REGISTERED", "FAILED", "EXPIRED", "ALREADY_REGISTERED"]),
    /** Progress of the face check while it is awaited. */
    checkStatus: z.enum(["PENDING", "SCANNED", "PASSED", "FAILED", "EXPIRED", "CONSUMED"]),
    qrUrl: z.string(),
    expiresAt: z.string(),
    /**
     * After a failed or expired face check: until when the registrant may try it again with the
     * mobile already verified (POST …/face-check-retry), without a new SMS code; null otherwise.
     */
    retryUntil: z.string().nullable(),
  })
  .openapi("PersonRegistration");

const sendCode = defineRoute({
  method: "post",
  path: "/persons/registration-codes",
  tags,
  summary: "Send an SMS code that proves the registrant's mobile",
  access,
  request: {
    body: jsonBody(z.object({ mobile: mobileField })),
  },
  responses: {
    200: dataResponse(
      "Code sent",
      z.object({ codeId: z.string(), mobileMasked: z.string(), expiresInSeconds: z.number() }),
    ),
  },
});

const register = defineRoute({
  method: "post",
  path: "/persons/registrations",
  tags,
  summary: "Register a personal account; it is created once the registrant's face check passes (R15)",
  access,
  request: {
    body: jsonBody(
      z.object({
        name: personNameField,
        idNumber: idNumberField,
        mobile: mobileField,
        codeId: z.string().uuid(),
        code: identifierText().regex(/^\d{6}$/),
        password: passwordField,
      }),
    ),
  },
  responses: {
    201: dataResponse("Registration opened; the face check's QR code is issued", registrationView),
  },
});

const show = defineRoute({
  method: "get",
  path: "/persons/registrations/{id}",
  tags,
  summary: "Progress of a personal registration (the registration page polls it)",
  access,
  request: { params: z.object({ id: z.string().uuid() }) },
  responses: {
    200: dataResponse("Progress", registrationView),
  },
});

const retry = defineRoute({
  method: "post",
  path: "/persons/registrations/{id}/face-check-retry",
  tags,
  summary:
    "After a failed or expired face check, try it again with the same verified mobile, within the SMS code's validity after the check ended (R15): a new registration with a new QR code",
  access,
  request: {
    params: z.object({ id: z.string().uuid() }),
    body: jsonBody(z.object({ password: passwordField })),
  },
  responses: {
    201: dataResponse("Registration opened again; a new face check's QR code is issued", registrationView),
  },
});

type Deps = AppEnv["Variables"]["deps"];
type Registrant = { name: string; idNumber: string; mobile: string };

/**
 * Opens a registration whose mobile is verified: its face check and its workflow (R15). `admit` runs
 * in the transaction that stores the registration and may refuse it (throw), so a check it makes
 * cannot be raced by a concurrent call.
 */
async function openRegistration(
  deps: Deps,
  registrant: Registrant,
  password: string,
  admit?: (tx: Pick<Database, "personRegistration">) => Promise<void>,
) {
  const { db, config, realPersonAuth } = deps;
  if (await db.person.findUnique({ where: { idNumber: registrant.idNumber } })) {
    throw new AppError("PERSON_ALREADY_REGISTERED", { field: "idNumber" });
  }
  const passwordHash = await hashPassword(password);
  const registration = await db.$transaction(async (tx) => {
    await admit?.(tx);
    return tx.personRegistration.create({ data: { ...registrant, passwordHash } });
  });
  const ttlSeconds = config.realPersonCheckTtlSeconds;
  const check = await realPersonAuth.startCheck({
    purpose: "PERSON_REGISTRATION",
    subjectName: registrant.name,
    subjectIdNumber: registrant.idNumber,
    requestId: registration.id,
    expiresAt: new Date(Date.now() + ttlSeconds * 1000),
  });
  await db.personRegistration.update({ where: { id: registration.id }, data: { checkId: check.checkId } });
  await startWorkflowWithin<typeof personRegistration>(deps, "personRegistration", {
    taskQueue: config.temporal.taskQueue,
    workflowId: personRegistrationWorkflowId(registration.id),
    args: [{ registrationId: registration.id, checkId: check.checkId, ttlSeconds }],
  });
  return registration;
}

/**
 * Until when a closed registration may try its face check again with its verified mobile: the SMS
 * code's validity, counted from the end of the check, for a check that failed or expired — and only
 * while no later registration of the same person was opened (each failure is retried once).
 */
async function retryUntil(
  deps: { db: Pick<Database, "personRegistration">; config: Deps["config"] },
  registration: { idNumber: string; status: string; submittedAt: Date; closedAt: Date | null },
): Promise<Date | null> {
  if ((registration.status !== "FAILED" && registration.status !== "EXPIRED") || !registration.closedAt) {
    return null;
  }
  const until = new Date(registration.closedAt.getTime() + deps.config.smsCodes.ttlSeconds * 1000);
  if (until <= new Date()) return null;
  const later = await deps.db.personRegistration.count({
    where: { idNumber: registration.idNumber, submittedAt: { gt: registration.submittedAt } },
  });
  return later === 0 ? until : null;
}

export const personRegistrationRouter = new OpenAPIHono<AppEnv>()
  .openapi(sendCode, async (c) => {
    const { mobile } = c.req.valid("json");
    const deps = c.get("deps");
    const { codeId } = await issueSmsCode(deps, {
      mobile,
      purpose: "PERSON_REGISTRATION",
      subjectId: mobile,
      // Anyone may ask: a limit per address keeps this from sending SMS to many numbers.
      ipAddress: clientAddress(c),
    });
    const data = {
      codeId,
      mobileMasked: maskMobile(mobile),
      expiresInSeconds: deps.config.smsCodes.ttlSeconds,
    };
    return c.json({ data }, 200);
  })
  .openapi(register, async (c) => {
    const body = c.req.valid("json");
    const deps = c.get("deps");
    // Each registration opens a face check, which the vendor bills: limited per client address.
    await consumeAddressAllowance(deps, "REGISTRATION", clientAddress(c));
    // The code first: without one, nobody learns whether an ID number is registered.
    await consumeSmsCode(deps, {
      codeId: body.codeId,
      purpose: "PERSON_REGISTRATION",
      code: body.code,
      subjectId: body.mobile,
    });
    const registration = await openRegistration(
      deps,
      { name: body.name, idNumber: body.idNumber, mobile: body.mobile },
      body.password,
    );
    return c.json({ data: await view(c.get("deps"), registration.id) }, 201);
  })
  .openapi(retry, async (c) => {
    const deps = c.get("deps");
    const failed = await deps.db.personRegistration.findUnique({ where: { id: c.req.valid("param").id } });
    if (!failed) throw new AppError("NOT_FOUND");
    if (!(await retryUntil(deps, failed))) throw new AppError("FACE_CHECK_RETRY_NOT_AVAILABLE");
    // A new face check is billed like a registration: the same limit per client address.
    await consumeAddressAllowance(deps, "REGISTRATION", clientAddress(c));
    const registration = await openRegistration(
      deps,
      { name: failed.name, idNumber: failed.idNumber, mobile: failed.mobile },
      c.req.valid("json").password,
      // Asked again where the new registration is stored: of retries sent at once, one opens a check.
      async (tx) => {
        if (!(await retryUntil({ db: tx, config: deps.config }, failed))) {
          throw new AppError("FACE_CHECK_RETRY_NOT_AVAILABLE");
        }
      },
    );
    return c.json({ data: await view(deps, registration.id) }, 201);
  })
  .openapi(show, async (c) => c.json({ data: await view(c.get("deps"), c.req.valid("param").id) }, 200));

async function view(deps: Deps, id: string) {
  const registration = await deps.db.personRegistration.findUnique({ where: { id } });
  const check = registration?.checkId
    ? await deps.db.realPersonCheck.findUnique({ where: { id: registration.checkId } })
    : null;
  if (!registration || !check) throw new AppError("NOT_FOUND");
  return {
    id: registration.id,
    status: registration.status,
    checkStatus: check.status,
    qrUrl: deps.realPersonAuth.checkUrl(check.token),
    expiresAt: check.expiresAt.toISOString(),
    retryUntil: (await retryUntil(deps, registration))?.toISOString() ?? null,
  };
}
