// R5 unit login: account (USCC, or a legacy custom name) + password, then a code sent to the
// contact mobile. The first step answers the same for an unknown account and a wrong password.
import { OpenAPIHono, type RouteHandler, z } from "@hono/zod-openapi";
import { AppError } from "../../../domain/errors.js";
import { maskMobile } from "../../../domain/masking.js";
import { validateUscc } from "../../../domain/uscc.js";
import { writeAuditEvent } from "../../../lib/audit.js";
import { upgradedHash, verifyDecoy, verifyPassword } from "../../../lib/passwords.js";
import type { AppEnv } from "../../context.js";
import { exactText, identifierText } from "../../fields.js";
import { dataResponse, defineRoute, jsonBody } from "../../route.js";
import { auditOrigin, clientAddress, loadStartedSession, startSession } from "../../sessions.js";
import { consumeSmsCode, issueSmsCode } from "../../sms-codes.js";
import { describeMe, meSchema } from "./me.js";
import { admitLoginTry, loginSubject } from "./throttle.js";

const tags = ["auth"];

/** Units registered here use the USCC (any case); legacy account names are taken as typed. */
export function normalizeUnitAccount(account: string): string {
  const trimmed = account.trim();
  const uscc = validateUscc(trimmed);
  return uscc.ok ? uscc.value : trimmed;
}

const sendCode = defineRoute({
  method: "post",
  path: "/auth/unit-login/code",
  tags,
  summary: "Unit login, step 1: account and password; sends a code to the contact mobile",
  access: { actor: "anonymous" },
  request: {
    body: jsonBody(
      z.object({
        account: identifierText().min(1).max(64),
        password: exactText({ min: 1, max: 128 }),
      }),
    ),
  },
  responses: {
    200: dataResponse(
      "Code sent",
      z.object({
        challengeId: z.string(),
        mobileMasked: z.string(),
        expiresInSeconds: z.number(),
      }),
    ),
  },
});

const verify = defineRoute({
  method: "post",
  path: "/auth/unit-login",
  tags,
  summary:
    "Unit login, step 2: the SMS code; starts a unit session (R6: unit profile and first administrator only)",
  access: { actor: "anonymous" },
  request: {
    body: jsonBody(
      z.object({
        challengeId: z.string().uuid(),
        code: identifierText().regex(/^\d{6}$/),
      }),
    ),
  },
  responses: {
    200: dataResponse("Logged in", meSchema),
  },
});

const sendCodeHandler: RouteHandler<typeof sendCode, AppEnv> = async (c) => {
  const { password } = c.req.valid("json");
  const account = normalizeUnitAccount(c.req.valid("json").account);
  const deps = c.get("deps");
  const ipAddress = clientAddress(c);
  const unit = await deps.db.unit.findUnique({ where: { accountName: account } });
  const subject = loginSubject("UNIT", unit, account);
  const settle = await admitLoginTry(deps.db, deps.config, subject, ipAddress);
  const valid = unit ? await verifyPassword(unit.passwordHash, password) : await verifyDecoy(password);
  await settle(valid ? "SUCCEEDED" : "FAILED");
  if (!unit || !valid) throw new AppError("AUTH_INVALID_CREDENTIALS", { field: "password" });
  if (unit.status !== "ACTIVE") throw new AppError("AUTH_ACCOUNT_DISABLED");
  const upgraded = await upgradedHash(unit.passwordHash, password);
  // Conditional: a password changed meanwhile is not overwritten.
  if (upgraded)
    await deps.db.unit.updateMany({
      where: { id: unit.id, passwordHash: unit.passwordHash },
      data: { passwordHash: upgraded },
    });
  const { codeId } = await issueSmsCode(deps, {
    mobile: unit.contactMobile,
    purpose: "UNIT_LOGIN",
    subjectId: unit.id,
  });
  const data = {
    challengeId: codeId,
    mobileMasked: maskMobile(unit.contactMobile),
    expiresInSeconds: deps.config.smsCodes.ttlSeconds,
  };
  return c.json({ data }, 200);
};

const verifyHandler: RouteHandler<typeof verify, AppEnv> = async (c) => {
  const { challengeId, code } = c.req.valid("json");
  const deps = c.get("deps");
  const challenge = await deps.db.smsCode.findUnique({ where: { id: challengeId } });
  await consumeSmsCode(deps, { codeId: challengeId, purpose: "UNIT_LOGIN", code });
  const unitId = challenge!.subjectId!;
  await startSession(c, { kind: "UNIT", unitId });
  await writeAuditEvent(deps.db, {
    action: "session.unit-login",
    actor: { type: "UNIT", id: unitId },
    origin: auditOrigin(c, "PASSWORD"),
    target: { type: "Unit", id: unitId },
    unitId,
  });
  const current = await loadStartedSession(c);
  return c.json({ data: await describeMe(deps.db, deps.config, current.actor, current.session) }, 200);
};

export const unitLoginRouter = new OpenAPIHono<AppEnv>()
  .openapi(sendCode, sendCodeHandler)
  .openapi(verify, verifyHandler);
