// R15 personal registration: name, ID number, mobile proved by an SMS code, a password, and then
// the registrant's real-person authentication on the mobile app; the account exists only after it.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { AppError } from "../../../domain/errors.js";
import { maskMobile } from "../../../domain/masking.js";
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
    const { db, config, realPersonAuth, temporal } = deps;
    // Each registration opens a face check, which the vendor bills: limited per client address.
    await consumeAddressAllowance(deps, "REGISTRATION", clientAddress(c));
    // The code first: without one, nobody learns whether an ID number is registered.
    await consumeSmsCode(deps, {
      codeId: body.codeId,
      purpose: "PERSON_REGISTRATION",
      code: body.code,
      subjectId: body.mobile,
    });
    if (await db.person.findUnique({ where: { idNumber: body.idNumber } })) {
      throw new AppError("PERSON_ALREADY_REGISTERED", { field: "idNumber" });
    }
    const registration = await db.personRegistration.create({
      data: {
        name: body.name,
        idNumber: body.idNumber,
        mobile: body.mobile,
        passwordHash: await hashPassword(body.password),
      },
    });
    const ttlSeconds = config.realPersonCheckTtlSeconds;
    const check = await realPersonAuth.startCheck({
      purpose: "PERSON_REGISTRATION",
      subjectName: body.name,
      subjectIdNumber: body.idNumber,
      requestId: registration.id,
      expiresAt: new Date(Date.now() + ttlSeconds * 1000),
    });
    await db.personRegistration.update({ where: { id: registration.id }, data: { checkId: check.checkId } });
    await startWorkflowWithin<typeof personRegistration>(c.get("deps"), "personRegistration", {
      taskQueue: config.temporal.taskQueue,
      workflowId: personRegistrationWorkflowId(registration.id),
      args: [{ registrationId: registration.id, checkId: check.checkId, ttlSeconds }],
    });
    return c.json({ data: await view(c.get("deps"), registration.id) }, 201);
  })
  .openapi(show, async (c) => c.json({ data: await view(c.get("deps"), c.req.valid("param").id) }, 200));

async function view(deps: AppEnv["Variables"]["deps"], id: string) {
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
  };
}
