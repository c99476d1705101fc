// Server-side sessions. The cookie holds a random token; the database holds only its SHA-256,
// so a leaked database does not leak usable sessions.
import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import proxyaddr from "proxy-addr";
import type { Actor, Role, SessionStrength, Subsystem } from "../domain/authorization.js";
import { AppError } from "../domain/errors.js";
import type { AuditOrigin } from "../lib/audit.js";
import type { Config } from "../lib/config.js";
import type { Database } from "../lib/database.js";
import { addressMatcher } from "../lib/networks.js";
import type { RequestType } from "../prisma/generated/client.js";
import type { AppEnv, CurrentSession } from "./context.js";

export const SESSION_COOKIE = "zc_session";
/**
 * Set and cleared beside the HttpOnly session cookie, readable by the console's script and holding no
 * secret ("1"): the console asks `/api/auth/me` only when it is there, so anonymous pages never make a
 * request that is bound to answer 401 (issue 13.7). The session cookie alone still decides.
 */
export const SESSION_MARKER_COOKIE = "zc_signed_in";
/** A separate cookie, so checking a request's status never touches the login session. */
export const REQUEST_ACCESS_COOKIE = "zc_request";
const REQUEST_ACCESS_MINUTES = 30;
/** lastSeenAt is refreshed at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;

/** How a session token is stored: its SHA-256 (the token itself is only in the cookie). */
export const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

export type NewSession =
  | { kind: "PERSON"; personId: string; strength: "PASSWORD" | "REAL_PERSON" }
  | { kind: "UNIT"; unitId: string }
  | { kind: "REQUEST"; requestType: RequestType; requestId: string };

const newToken = () => randomBytes(32).toString("base64url");

/**
 * Starts a session and sets its cookie. A session this browser already had under the same cookie ends
 * (issue 11.5): a login never leaves the older session usable behind a new one.
 */
export async function startSession(c: Context<AppEnv>, subject: NewSession): Promise<void> {
  const { db, config } = c.get("deps");
  const cookie = subject.kind === "REQUEST" ? REQUEST_ACCESS_COOKIE : SESSION_COOKIE;
  const token = newToken();
  const now = new Date();
  const lifetimeSeconds =
    subject.kind === "REQUEST" ? REQUEST_ACCESS_MINUTES * 60 : config.session.absoluteHours * 3600;
  const absoluteExpiresAt = new Date(now.getTime() + lifetimeSeconds * 1000);
  const previous = getCookie(c, cookie);
  if (previous) {
    await db.session.updateMany({
      where: { id: tokenHash(previous), revokedAt: null },
      data: { revokedAt: now },
    });
  }
  await db.session.create({
    data: {
      id: tokenHash(token),
      kind: subject.kind,
      personId: subject.kind === "PERSON" ? subject.personId : null,
      unitId: subject.kind === "UNIT" ? subject.unitId : null,
      requestType: subject.kind === "REQUEST" ? subject.requestType : null,
      requestId: subject.kind === "REQUEST" ? subject.requestId : null,
      strength: subject.kind === "PERSON" ? subject.strength : "PASSWORD",
      ipAddress: clientAddress(c),
      userAgent: c.req.header("user-agent")?.slice(0, 300) ?? null,
      absoluteExpiresAt,
    },
  });
  setSessionCookie(c, cookie, token, lifetimeSeconds);
}

function setSessionCookie(c: Context<AppEnv>, name: string, token: string, maxAgeSeconds: number): void {
  const options = {
    sameSite: "Lax",
    secure: c.get("deps").config.session.cookieSecure,
    path: "/",
    maxAge: maxAgeSeconds,
  } as const;
  setCookie(c, name, token, { ...options, httpOnly: true });
  if (name === SESSION_COOKIE) setCookie(c, SESSION_MARKER_COOKIE, "1", { ...options, httpOnly: false });
}

/** Ends the session cookie and its marker in the browser (logout, or a session that is gone). */
export function clearSessionCookies(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
  deleteCookie(c, SESSION_MARKER_COOKIE, { path: "/" });
}

/** The request carries a session cookie or its marker: the browser believes it has a session. */
export function hasSessionCookies(c: Context<AppEnv>): boolean {
  return getCookie(c, SESSION_COOKIE) !== undefined || getCookie(c, SESSION_MARKER_COOKIE) !== undefined;
}

/**
 * Raises a login session to `strength` under a new token (issue 11.5: a token seen before the step-up
 * never opens the stronger session). Keeps the session's start and absolute expiry; call it inside the
 * transaction that consumes the check. The old token no longer finds the session.
 */
export async function renewSessionToken(
  c: Context<AppEnv>,
  tx: Pick<Database, "session">,
  sessionId: string,
  strength: SessionStrength,
): Promise<void> {
  const token = newToken();
  const row = await tx.session.update({ where: { id: sessionId }, data: { id: tokenHash(token), strength } });
  const remainingSeconds = Math.max(0, Math.floor((row.absoluteExpiresAt.getTime() - Date.now()) / 1000));
  setSessionCookie(c, SESSION_COOKIE, token, remainingSeconds);
}

export async function endSession(c: Context<AppEnv>): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) {
    await c.get("deps").db.session.updateMany({
      where: { id: tokenHash(token), revokedAt: null },
      data: { revokedAt: new Date() },
    });
  }
  clearSessionCookies(c);
}

export function idleExpiresAt(session: CurrentSession, config: Config): Date {
  const idle = new Date(session.lastSeenAt.getTime() + config.session.idleMinutes * 60_000);
  return idle < session.absoluteExpiresAt ? idle : session.absoluteExpiresAt;
}

/** Loads the session behind the cookie, or null when there is none or it has ended. */
export async function loadSession(
  c: Context<AppEnv>,
): Promise<{ session: CurrentSession; actor: Actor } | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return null;
  const { db, config } = c.get("deps");
  const now = new Date();
  const row = await sessionRow(db, tokenHash(token));
  if (!row || row.revokedAt || row.kind === "REQUEST") return null;
  const session: CurrentSession = {
    id: row.id,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    absoluteExpiresAt: row.absoluteExpiresAt,
  };
  const disabled =
    (row.kind === "PERSON" && row.personStatus !== "ENABLED") ||
    (row.kind === "UNIT" && row.unitStatus !== "ACTIVE");
  if (idleExpiresAt(session, config) <= now || disabled) {
    await db.session.update({ where: { id: row.id }, data: { revokedAt: now } });
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.session.update({ where: { id: row.id }, data: { lastSeenAt: now } });
    session.lastSeenAt = now;
  }
  if (row.kind === "UNIT" && row.unitId) {
    return { session, actor: { kind: "UNIT", unitId: row.unitId, strength: "PASSWORD" } };
  }
  if (!row.personId) return null;
  const grants = await db.$queryRaw<{ role: string; subsystem: string; unitId: string }[]>`
    SELECT "role", CAST("subsystem" AS TEXT) AS "subsystem", "unitId" FROM "RoleBinding"
    WHERE "personId" = ${row.personId} AND "revokedAt" IS NULL`;
  return {
    session,
    actor: {
      kind: "PERSON",
      personId: row.personId,
      strength: row.strength,
      roles: grants.map((g) => ({
        role: g.role as Role,
        subsystem: g.subsystem as Subsystem,
        unitId: g.unitId,
      })),
      unitId: row.boundUnitId,
    },
  };
}

type SessionRow = {
  id: string;
  kind: "PERSON" | "UNIT" | "REQUEST";
  personId: string | null;
  unitId: string | null;
  strength: SessionStrength;
  createdAt: Date;
  lastSeenAt: Date;
  absoluteExpiresAt: Date;
  revokedAt: Date | null;
  /** The status of the session's person (PERSON sessions), else null. */
  personStatus: string | null;
  /** The status of the session's unit (UNIT sessions), else null. */
  unitStatus: string | null;
  /** The unit the session's person is bound to now, if any. */
  boundUnitId: string | null;
};

/**
 * The session stored under `id` with its subject's status and the person's current unit, in ONE
 * statement, raw SQL (the same on SQLite and PostgreSQL): every signed-in request reads it, and as
 * Prisma queries it took three (issue 14: ~0.45 ms of CPU per Prisma statement, its query compiler,
 * against ~0.13 ms for a raw one). Enum columns are read as text; times as Date on either database.
 */
async function sessionRow(db: Database, id: string): Promise<SessionRow | null> {
  const [row] = await db.$queryRaw<
    (Omit<SessionRow, "createdAt" | "lastSeenAt" | "absoluteExpiresAt" | "revokedAt"> & {
      createdAt: Date | string;
      lastSeenAt: Date | string;
      absoluteExpiresAt: Date | string;
      revokedAt: Date | string | null;
    })[]
  >`
    SELECT s."id", CAST(s."kind" AS TEXT) AS "kind", s."personId", s."unitId",
      CAST(s."strength" AS TEXT) AS "strength", s."createdAt", s."lastSeenAt", s."absoluteExpiresAt",
      s."revokedAt", CAST(p."status" AS TEXT) AS "personStatus", CAST(u."status" AS TEXT) AS "unitStatus",
      b."unitId" AS "boundUnitId"
    FROM "Session" s
    LEFT JOIN "Person" p ON s."kind" = 'PERSON' AND p."id" = s."personId"
    LEFT JOIN "Unit" u ON s."kind" = 'UNIT' AND u."id" = s."unitId"
    LEFT JOIN "Binding" b ON s."kind" = 'PERSON' AND b."activePersonId" = s."personId"
    WHERE s."id" = ${id}`;
  if (!row) return null;
  return {
    ...row,
    createdAt: new Date(row.createdAt),
    lastSeenAt: new Date(row.lastSeenAt),
    absoluteExpiresAt: new Date(row.absoluteExpiresAt),
    revokedAt: row.revokedAt === null ? null : new Date(row.revokedAt),
  };
}

/** The session that startSession just began: its cookie is only in the response so far. */
export async function loadStartedSession(
  c: Context<AppEnv>,
): Promise<{ session: CurrentSession; actor: Actor }> {
  // The last one: a stale cookie of this browser may have been cleared earlier in the same response.
  const prefix = `${SESSION_COOKIE}=`;
  const cookie = c.res.headers
    .getSetCookie()
    .filter((line) => line.startsWith(prefix))
    .at(-1)
    ?.split(";")[0];
  c.req.raw.headers.set("cookie", cookie ?? "");
  const current = await loadSession(c);
  if (!current) throw new Error("The session just started cannot be loaded");
  return current;
}

/** The request that the status-page cookie grants access to, if it is still valid. */
export async function loadRequestAccess(
  c: Context<AppEnv>,
): Promise<{ requestType: RequestType; requestId: string } | null> {
  const token = getCookie(c, REQUEST_ACCESS_COOKIE);
  if (!token) return null;
  const row = await c.get("deps").db.session.findUnique({ where: { id: tokenHash(token) } });
  if (row?.kind !== "REQUEST" || row.revokedAt || row.absoluteExpiresAt <= new Date()) return null;
  return row.requestType && row.requestId ? { requestType: row.requestType, requestId: row.requestId } : null;
}

/**
 * The client's address: the socket's peer, or, when that peer is one of TRUSTED_PROXIES, the nearest
 * X-Forwarded-For hop that is not (proxy-addr's rule), so a client cannot forge its address.
 */
export function clientAddress(c: Context<AppEnv>): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming?.socket?.remoteAddress) return "unknown";
  return proxyaddr(incoming, addressMatcher(c.get("deps").config.trustedProxies));
}

/** The logged-in actor, or AUTH_REQUIRED (routes declare who may call; this narrows the type). */
export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.get("actor");
  if (!actor) throw new AppError("AUTH_REQUIRED");
  return actor;
}

/** The logged-in person and their session, or AUTH_REQUIRED. */
export function requirePerson(c: Context<AppEnv>): {
  actor: Extract<Actor, { kind: "PERSON" }>;
  session: CurrentSession;
} {
  const actor = c.get("actor");
  const session = c.get("session");
  if (actor?.kind !== "PERSON" || !session) throw new AppError("AUTH_REQUIRED");
  return { actor, session };
}

/**
 * Where a change came from, for the audit log (R26): the client address, and the strength of the
 * session it was made in (a unit login is a password session). `strength` names it for a session
 * that is being started by the request itself (a login), which the context does not hold yet.
 */
export function auditOrigin(c: Context<AppEnv>, strength?: SessionStrength): AuditOrigin {
  return {
    ipAddress: clientAddress(c),
    userAgent: c.req.header("user-agent"),
    requestId: c.get("requestId"),
    sessionStrength: strength ?? c.get("actor")?.strength,
  };
}
