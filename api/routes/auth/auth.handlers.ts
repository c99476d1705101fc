import type { RouteHandler } from "@hono/zod-openapi";
import { AppError } from "../../../domain/errors.js";
import { validateIdNumber } from "../../../domain/id-number.js";
import { normalizeMobile } from "../../../domain/mobile.js";
import { writeAuditEvent } from "../../../lib/audit.js";
import type { Database } from "../../../lib/database.js";
import { upgradedHash, verifyDecoy, verifyPassword } from "../../../lib/passwords.js";
import { realPersonCheckWorkflowId } from "../../../workflows/contracts.js";
import type { realPersonCheck } from "../../../workflows/index.js";
import type { AppEnv } from "../../context.js";
import { accountDisabledError } from "../../session-end.js";
import {
  auditOrigin,
  clientAddress,
  endSession,
  loadStartedSession,
  renewSessionToken,
  requirePerson,
  startSession,
} from "../../sessions.js";
import { startWorkflowWithin } from "../../workflow-calls.js";
import type * as routes from "./auth.routes.js";
import { describeMe } from "./me.js";
import { admitLoginTry, loginSubject } from "./throttle.js";

/** The person behind an account (ID number, or a mobile that exactly one person uses). */
async function findPersonByAccount(db: Database, account: string) {
  const id = validateIdNumber(account);
  if (id.ok) return db.person.findUnique({ where: { idNumber: id.value } });
  const mobile = normalizeMobile(account);
  if (!mobile.ok) return null;
  const matches = await db.person.findMany({ where: { mobile: mobile.value }, take: 2 });
  return matches.length === 1 ? matches[0]! : null;
}

export const login: RouteHandler<typeof routes.login, AppEnv> = async (c) => {
  const { account, password } = c.req.valid("json");
  const { db, config } = c.get("deps");
  const ipAddress = clientAddress(c);
  const person = await findPersonByAccount(db, account);
  // The ID number and every spelling of the mobile count against one budget: the person's.
  const subject = loginSubject("PERSON", person, account);
  const settle = await admitLoginTry(db, config, subject, ipAddress);
  const valid = person ? await verifyPassword(person.passwordHash, password) : await verifyDecoy(password);
  await settle(valid ? "SUCCEEDED" : "FAILED");
  if (!person || !valid) throw new AppError("AUTH_INVALID_CREDENTIALS", { field: "password" });
  if (person.status !== "ENABLED") throw await accountDisabledError(c, person.id, "AUTH_ACCOUNT_DISABLED");
  const upgraded = await upgradedHash(person.passwordHash, password);
  // Conditional: a password changed meanwhile is not overwritten.
  if (upgraded)
    await db.person.updateMany({
      where: { id: person.id, passwordHash: person.passwordHash },
      data: { passwordHash: upgraded },
    });

  await startSession(c, { kind: "PERSON", personId: person.id, strength: "PASSWORD" });
  await writeAuditEvent(db, {
    action: "session.login",
    actor: { type: "PERSON", id: person.id },
    origin: auditOrigin(c, "PASSWORD"),
    target: { type: "Person", id: person.id },
    after: { strength: "PASSWORD" },
  });
  const current = await loadStartedSession(c);
  return c.json({ data: await describeMe(db, config, current.actor, current.session) }, 200);
};

export const logout: RouteHandler<typeof routes.logout, AppEnv> = async (c) => {
  await endSession(c);
  return c.body(null, 204);
};

export const me: RouteHandler<typeof routes.me, AppEnv> = async (c) => {
  const { db, config } = c.get("deps");
  const actor = c.get("actor");
  const session = c.get("session");
  if (!actor || !session) throw new AppError("AUTH_REQUIRED");
  return c.json({ data: await describeMe(db, config, actor, session) }, 200);
};

export const startStepUp: RouteHandler<typeof routes.startStepUp, AppEnv> = async (c) => {
  const { actor, session } = requirePerson(c);
  const { db, config, realPersonAuth } = c.get("deps");
  const person = await db.person.findUniqueOrThrow({ where: { id: actor.personId } });
  const expiresAt = new Date(Date.now() + config.realPersonCheckTtlSeconds * 1000);
  const check = await realPersonAuth.startCheck({
    purpose: "STEP_UP",
    personId: person.id,
    subjectName: person.name ?? undefined,
    subjectIdNumber: person.idNumber,
    sessionId: session.id,
    expiresAt,
  });
  await startWorkflowWithin<typeof realPersonCheck>(c.get("deps"), "realPersonCheck", {
    taskQueue: config.temporal.taskQueue,
    workflowId: realPersonCheckWorkflowId(check.checkId),
    args: [{ checkId: check.checkId, ttlSeconds: config.realPersonCheckTtlSeconds }],
  });
  const data = {
    checkId: check.checkId,
    status: "PENDING" as const,
    qrUrl: check.url,
    expiresAt: expiresAt.toISOString(),
    strength: actor.strength,
  };
  return c.json({ data }, 201);
};

export const showStepUp: RouteHandler<typeof routes.showStepUp, AppEnv> = async (c) => {
  const { actor, session } = requirePerson(c);
  const { db, realPersonAuth } = c.get("deps");
  const { checkId } = c.req.valid("param");
  // Only the session that showed the QR code may be raised by it.
  const where = { id: checkId, personId: actor.personId, sessionId: session.id, purpose: "STEP_UP" as const };
  const check = await db.realPersonCheck.findFirst({ where });
  if (!check) throw new AppError("REAL_PERSON_CHECK_NOT_FOUND");
  let strength = actor.strength;
  if (check.status === "PASSED") {
    // Consume the passed check exactly once, and raise this session in the same transaction.
    strength = await db.$transaction(async (tx) => {
      const { count } = await tx.realPersonCheck.updateMany({
        where: { ...where, status: "PASSED" },
        data: { status: "CONSUMED" },
      });
      if (count === 0) return actor.strength;
      await writeAuditEvent(tx, {
        action: "session.step-up",
        actor: { type: "PERSON", id: actor.personId },
        origin: auditOrigin(c),
        target: { type: "Session" },
        before: { strength: actor.strength },
        after: { strength: "REAL_PERSON" },
      });
      // Issue 11.5: the stronger session gets a new token; the one seen before the step-up ends.
      await renewSessionToken(c, tx, session.id, "REAL_PERSON");
      return "REAL_PERSON" as const;
    });
  }
  const fresh = await db.realPersonCheck.findUniqueOrThrow({ where: { id: checkId } });
  const data = {
    checkId,
    status: fresh.status,
    qrUrl: realPersonAuth.checkUrl(fresh.token),
    expiresAt: fresh.expiresAt.toISOString(),
    strength,
  };
  return c.json({ data }, 200);
};
