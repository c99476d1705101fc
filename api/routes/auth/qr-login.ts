// QR login (R12): the login page shows a short-lived challenge as a QR code; the mobile app scans
// it, shows its user who is logging in where, checks the face and confirms. The page follows the
// challenge over server-sent events and, once it passed, exchanges it for a REAL_PERSON session.
// A secret cookie ties the challenge to the browser that showed it, so only that browser can
// use it, and only once.
import { createHash, randomBytes } from "node:crypto";
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { streamSSE } from "hono/streaming";
import { AppError } from "../../../domain/errors.js";
import { maskName } from "../../../domain/masking.js";
import { writeAuditEvent } from "../../../lib/audit.js";
import type { RealPersonCheck } from "../../../prisma/generated/client.js";
import { realPersonCheckWorkflowId } from "../../../workflows/contracts.js";
import type { realPersonCheck } from "../../../workflows/index.js";
import type { AppEnv } from "../../context.js";
import { dataResponse, defineRoute } from "../../route.js";
import { accountDisabledError } from "../../session-end.js";
import { auditOrigin, clientAddress, loadStartedSession, startSession } from "../../sessions.js";
import { startWorkflowWithin } from "../../workflow-calls.js";
import { describeMe, meSchema } from "./me.js";

const tags = ["auth"];
const access = { actor: "anonymous" } as const;
const CHALLENGE_COOKIE = "zc_qr";
/** Scoped to one challenge, so two login tabs of one browser each keep their own. */
const cookiePath = (challengeId: string) => `/api/auth/qr-challenges/${challengeId}`;
/** How often the event stream looks for a change: the page notices a confirmation within a second. */
const POLL_MS = 300;
/** QR codes one address may request in ten minutes (a login page renews one every two minutes). */
const MAX_CHALLENGES_PER_ADDRESS = 60;

const secretHash = (secret: string) => createHash("sha256").update(secret).digest("hex");

const challengeView = z
  .object({
    challengeId: z.string(),
    status: z.enum(["PENDING", "SCANNED", "PASSED", "FAILED", "EXPIRED", "CONSUMED"]),
    qrUrl: z.string(),
    expiresAt: z.string(),
    /** Who scanned it (masked), once scanned. */
    scannedByMasked: z.string().nullable(),
  })
  .openapi("QrChallenge");

const challengeParam = z.object({ id: z.string().uuid() });

const create = defineRoute({
  method: "post",
  path: "/auth/qr-challenges",
  tags,
  summary: "Issue a QR login challenge (valid QR_LOGIN_TTL_SECONDS) bound to this browser",
  access,
  responses: {
    201: dataResponse("Issued", challengeView),
  },
});

const show = defineRoute({
  method: "get",
  path: "/auth/qr-challenges/{id}",
  tags,
  summary: "The challenge's status (fallback for clients without server-sent events)",
  access,
  request: { params: challengeParam },
  responses: {
    200: dataResponse("Status", challengeView),
  },
});

const events = defineRoute({
  method: "get",
  path: "/auth/qr-challenges/{id}/events",
  tags,
  summary: "Server-sent `status` events (a QrChallenge as JSON) until the challenge passes, fails or expires",
  access,
  request: { params: challengeParam },
  responses: {
    200: { description: "Event stream", content: { "text/event-stream": { schema: z.string() } } },
  },
});

const exchange = defineRoute({
  method: "post",
  path: "/auth/qr-challenges/{id}/session",
  tags,
  summary: "Exchange a passed challenge for a REAL_PERSON session (once, from the browser that showed it)",
  access,
  request: { params: challengeParam },
  responses: {
    200: dataResponse("Logged in", meSchema),
  },
});

/** The challenge, only for the browser holding its secret cookie. */
async function findChallenge(c: Context<AppEnv>, id: string): Promise<RealPersonCheck> {
  const secret = getCookie(c, CHALLENGE_COOKIE);
  const check = secret
    ? await c.get("deps").db.realPersonCheck.findFirst({
        where: { id, purpose: "QR_LOGIN", sessionId: secretHash(secret) },
      })
    : null;
  if (!check) throw new AppError("REAL_PERSON_CHECK_NOT_FOUND");
  return check;
}

function view(c: Context<AppEnv>, check: RealPersonCheck): z.infer<typeof challengeView> {
  // The workflow marks expiry a moment late; the page must not wait for it.
  const lapsed = (check.status === "PENDING" || check.status === "SCANNED") && check.expiresAt <= new Date();
  return {
    challengeId: check.id,
    status: lapsed ? "EXPIRED" : check.status,
    qrUrl: c.get("deps").realPersonAuth.checkUrl(check.token),
    expiresAt: check.expiresAt.toISOString(),
    scannedByMasked: check.subjectName ? maskName(check.subjectName) : null,
  };
}

export const qrLoginRouter = new OpenAPIHono<AppEnv>()
  .openapi(create, async (c) => {
    const { db, config, realPersonAuth } = c.get("deps");
    // Each challenge costs a row, a workflow and a stream: a limit per address keeps that cheap.
    const since = new Date(Date.now() - 10 * 60_000);
    const recent = await db.realPersonCheck.count({
      where: { purpose: "QR_LOGIN", originIp: clientAddress(c), createdAt: { gte: since } },
    });
    if (recent >= MAX_CHALLENGES_PER_ADDRESS) throw new AppError("QR_CHALLENGES_TOO_MANY");
    const secret = randomBytes(32).toString("base64url");
    const ttlSeconds = config.qrLoginTtlSeconds;
    const issued = await realPersonAuth.startCheck({
      purpose: "QR_LOGIN",
      sessionId: secretHash(secret),
      originIp: clientAddress(c),
      originUserAgent: c.req.header("user-agent")?.slice(0, 300),
      expiresAt: new Date(Date.now() + ttlSeconds * 1000),
    });
    await startWorkflowWithin<typeof realPersonCheck>(c.get("deps"), "realPersonCheck", {
      taskQueue: config.temporal.taskQueue,
      workflowId: realPersonCheckWorkflowId(issued.checkId),
      args: [{ checkId: issued.checkId, ttlSeconds }],
    });
    setCookie(c, CHALLENGE_COOKIE, secret, {
      httpOnly: true,
      sameSite: "Strict",
      secure: config.session.cookieSecure,
      path: cookiePath(issued.checkId),
      maxAge: ttlSeconds + 60,
    });
    const check = await db.realPersonCheck.findUniqueOrThrow({ where: { id: issued.checkId } });
    return c.json({ data: view(c, check) }, 201);
  })
  .openapi(show, async (c) => c.json({ data: view(c, await findChallenge(c, c.req.valid("param").id)) }, 200))
  .openapi(events, async (c) => {
    const { db } = c.get("deps");
    const first = await findChallenge(c, c.req.valid("param").id);
    return streamSSE(c, async (stream) => {
      let last = "";
      const stopAt = first.expiresAt.getTime() + 5_000;
      while (!stream.aborted && Date.now() < stopAt) {
        const current = view(c, await db.realPersonCheck.findUniqueOrThrow({ where: { id: first.id } }));
        const key = `${current.status}:${current.scannedByMasked ?? ""}`;
        if (key !== last) {
          await stream.writeSSE({ event: "status", data: JSON.stringify(current) });
          last = key;
        }
        if (current.status !== "PENDING" && current.status !== "SCANNED") return;
        await stream.sleep(POLL_MS);
      }
    }) as never;
  })
  .openapi(exchange, async (c) => {
    const { db, config } = c.get("deps");
    const check = await findChallenge(c, c.req.valid("param").id);
    const status = view(c, check).status;
    if (status === "EXPIRED") throw new AppError("QR_CHALLENGE_EXPIRED");
    if (status === "CONSUMED") throw new AppError("QR_CHALLENGE_USED");
    if (status === "FAILED") throw new AppError("QR_CHALLENGE_FAILED");
    if (status !== "PASSED" || !check.personId) throw new AppError("QR_CHALLENGE_PENDING");
    const person = await db.person.findUniqueOrThrow({ where: { id: check.personId } });
    if (person.status !== "ENABLED") throw await accountDisabledError(c, person.id, "AUTH_ACCOUNT_DISABLED");
    // Conditional update: a replayed exchange (or two at once) finds the challenge used.
    const { count } = await db.realPersonCheck.updateMany({
      where: { id: check.id, status: "PASSED" },
      data: { status: "CONSUMED" },
    });
    if (count === 0) throw new AppError("QR_CHALLENGE_USED");
    await startSession(c, { kind: "PERSON", personId: person.id, strength: "REAL_PERSON" });
    await writeAuditEvent(db, {
      action: "session.login",
      actor: { type: "PERSON", id: person.id },
      origin: auditOrigin(c, "REAL_PERSON"),
      target: { type: "Person", id: person.id },
      after: { strength: "REAL_PERSON", method: "QR" },
    });
    const current = await loadStartedSession(c);
    return c.json({ data: await describeMe(db, config, current.actor, current.session) }, 200);
  });
