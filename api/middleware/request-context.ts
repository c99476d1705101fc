// Request id, per-request logger, access log (method, path with its tokens redacted, status,
// duration: no bodies, no personal data) and the current session.
import type { MiddlewareHandler } from "hono";
import { redactedPath } from "../../lib/redaction.js";
import type { AppDependencies, AppEnv } from "../context.js";
import { clearSessionCookies, hasSessionCookies, loadSession } from "../sessions.js";

export function requestContext(deps: AppDependencies): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const requestId = c.get("requestId");
    // Issue 11.5: a client's own id is kept beside ours (for tracing across systems), never instead.
    const clientRequestId = c.req
      .header("x-request-id")
      ?.slice(0, 100)
      .replace(/[^\w\-.:=]/g, "");
    const logger = deps.logger.child(clientRequestId ? { requestId, clientRequestId } : { requestId });
    c.set("deps", deps);
    c.set("logger", logger);
    c.header("X-Request-Id", requestId);
    const current = c.req.path.startsWith("/api/") ? await loadSession(c) : null;
    c.set("actor", current?.actor ?? null);
    c.set("session", current?.session ?? null);
    // A session that ended (expired, revoked, account disabled) takes its cookie and marker with it, so
    // the console stops asking who is signed in. Before the handler: a login in this request sets new ones after.
    if (c.req.path.startsWith("/api/") && !current && hasSessionCookies(c)) clearSessionCookies(c);
    await next();
    if (c.req.path.startsWith("/api/")) {
      logger.info(
        {
          method: c.req.method,
          path: redactedPath(c.req.path),
          status: c.res.status,
          ms: Math.round(performance.now() - started),
          actor: current?.actor.kind === "PERSON" ? current.actor.personId : current?.actor.unitId,
        },
        "request",
      );
    }
  };
}
