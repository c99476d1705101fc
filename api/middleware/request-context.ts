// Request id, per-request logger, access log (method, path with its tokens redacted, status,
// duration: no bodies, no personal data) and the current session.
import type { MiddlewareHandler } from "hono";
import { redactedPath } from "../../lib/redaction.js";
import type { AppDependencies, AppEnv } from "../context.js";
import { loadSession } from "../sessions.js";

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
