// The Hono application: request id, session, logging, errors, the routes, the OpenAPI document,
// its interactive docs, and (when built) the console, so one port serves both.
import { createRequire } from "node:module";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { OpenAPIHono } from "@hono/zod-openapi";
import { Scalar } from "@scalar/hono-api-reference";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { AppError } from "../domain/errors.js";
import { PLATFORM_NAME } from "../domain/platform.js";
import { MAX_UPLOAD_BYTES } from "../domain/upload-rules.js";
import { developmentStandIns } from "../lib/config.js";
import type { AppDependencies, AppEnv } from "./context.js";
import { errorResponse, handleError, handleNotFound, validationHook } from "./errors.js";
import { inputText } from "./middleware/input-text.js";
import { requestContext } from "./middleware/request-context.js";
import { affiliationRequestsRouter } from "./routes/affiliation-requests/affiliation-requests.js";
import { auditEventsRouter } from "./routes/audit-events/audit-events.index.js";
import { authRouter } from "./routes/auth/auth.index.js";
import { bindingRequestsRouter } from "./routes/binding-requests/binding-requests.js";
import { smsOutboxRouter } from "./routes/dev/sms-outbox.index.js";
import { environmentRouter } from "./routes/environment/environment.js";
import { explanationsRouter } from "./routes/explanations/explanations.js";
import { healthRouter } from "./routes/health/health.index.js";
import { createDependencyProbe, type HealthProbe } from "./routes/health/health.probe.js";
import { mobileRouter } from "./routes/mobile/mobile.index.js";
import { myRequestsRouter } from "./routes/persons/my-requests.js";
import { myWorkRouter } from "./routes/persons/my-work.js";
import { personRegistrationRouter } from "./routes/persons/person-registration.js";
import { realPersonChecksRouter } from "./routes/real-person-checks/real-person-checks.js";
import { regionsRouter } from "./routes/regions/regions.index.js";
import { registrationsRouter } from "./routes/registrations/registrations.index.js";
import { roleBindingsRouter } from "./routes/role-bindings/role-bindings.js";
import { rolesRouter } from "./routes/roles/roles.index.js";
import { tasksRouter } from "./routes/tasks/tasks.index.js";
import { titleApplicationsRouter } from "./routes/title-applications/title-applications.js";
import { unitAccountsRouter } from "./routes/units/unit-accounts.js";
import { unitsRouter } from "./routes/units/units.index.js";
import { uploadsRouter } from "./routes/uploads/uploads.index.js";

const MAX_JSON_BYTES = 1024 * 1024;

/**
 * Issue 11.5: the headers of every answer (console and API). The console is Vite's build: scripts and
 * styles from its own files; antd writes its styles inline at run time ('unsafe-inline' for styles only).
 * The API docs page (Scalar) runs a script of its own and is the one exception (apiDocsHeaders).
 * Handlers that set their own policy keep it (uploaded materials: a sandbox).
 */
const SECURITY_HEADERS: NonNullable<Parameters<typeof secureHeaders>[0]> = {
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", "data:", "blob:"],
    fontSrc: ["'self'", "data:"],
    connectSrc: ["'self'"],
    frameSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  referrerPolicy: "same-origin",
  overwrite: false,
};

/** The interactive API docs (Scalar) run inline script and fetch the document: their own, looser policy. */
const apiDocsHeaders = secureHeaders({
  ...SECURITY_HEADERS,
  contentSecurityPolicy: {
    ...SECURITY_HEADERS.contentSecurityPolicy,
    scriptSrc: ["'self'", "'unsafe-inline'"],
  },
});

/**
 * `health`: the readiness probe, owned by the caller (started at boot, stopped on close). Without one,
 * the app makes its own, which starts probing on the first /api/health request.
 */
export function createApp(deps: AppDependencies & { health?: HealthProbe }) {
  const { health = createDependencyProbe(deps), ...dependencies } = deps;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  // Issue 11.5: the server names every request; a client's X-Request-Id is only logged beside it.
  app.use(requestId({ headerName: "" }));
  app.use(secureHeaders(SECURITY_HEADERS));
  app.use(requestContext(dependencies));
  // SameSite cookies plus an Origin check on state-changing requests keep other sites out.
  app.use("/api/*", csrf());
  // Uploads may be larger than JSON bodies; both are cut off before they are read whole.
  const jsonLimit = bodyLimit({
    maxSize: MAX_JSON_BYTES,
    onError: (c) => errorResponse(c, new AppError("PAYLOAD_TOO_LARGE")),
  });
  const uploadLimit = bodyLimit({
    maxSize: MAX_UPLOAD_BYTES + 64 * 1024,
    onError: (c) => errorResponse(c, new AppError("UPLOAD_TOO_LARGE", { field: "file" })),
  });
  // GET and HEAD carry no body (the request object Hono builds for them has none), so they skip the
  // limit: asking for the body builds a full WHATWG Request per request (issue 14: a sixth of a
  // trivial route's CPU).
  app.use("/api/*", (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    return c.req.path === "/api/uploads" ? uploadLimit(c, next) : jsonLimit(c, next);
  });
  // Issue 11 item 6: one normaliser for every string of every route, before any validation.
  app.use("/api/*", inputText());

  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .route("/", healthRouter(health))
    .route("/", environmentRouter)
    .route("/", authRouter)
    .route("/", regionsRouter)
    .route("/", realPersonChecksRouter)
    .route("/", uploadsRouter)
    .route("/", registrationsRouter)
    .route("/", tasksRouter)
    .route("/", personRegistrationRouter)
    .route("/", myRequestsRouter)
    .route("/", myWorkRouter)
    .route("/", auditEventsRouter)
    .route("/", rolesRouter)
    .route("/", explanationsRouter)
    .route("/", roleBindingsRouter)
    .route("/", titleApplicationsRouter)
    // Fixed paths (/units/name-suggestions) before /units/{id}.
    .route("/", bindingRequestsRouter)
    .route("/", affiliationRequestsRouter)
    .route("/", unitAccountsRouter)
    .route("/", unitsRouter);
  // R28: the development stand-ins' routes exist only in development, and only with their adapter.
  const standIns = developmentStandIns(deps.config);
  if (standIns.smsOutbox) api.route("/", smsOutboxRouter);
  if (standIns.simulatedMobileApp) api.route("/", mobileRouter);

  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: `${PLATFORM_NAME["zh-CN"]} API / ${PLATFORM_NAME.en} API`,
      version: "1",
      description:
        "Errors always have the shape { error: { code, message: { zh-CN, en }, field?, requestId } }. " +
        "Sessions are HttpOnly cookies; each operation states its access rule (x-access).",
    },
    servers: [{ url: "/api" }],
  });
  api.get(
    "/docs",
    apiDocsHeaders,
    Scalar({ url: "/api/openapi.json", cdn: "/api/docs/scalar.js", pageTitle: "API docs" }),
  );
  api.get("/docs/scalar.js", serveStatic({ path: scalarBundlePath() }));
  api.all("/*", handleNotFound);
  app.route("/api", api);

  if (deps.consoleDir) {
    const root = path.relative(process.cwd(), deps.consoleDir);
    app.use("/*", serveStatic({ root }));
    // Client-side routes of the console: every other GET gets index.html.
    app.get("/*", serveStatic({ path: path.join(root, "index.html") }));
  }
  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}

export type App = ReturnType<typeof createApp>;

function scalarBundlePath(): string {
  const require = createRequire(import.meta.url);
  // The standalone bundle is not in the package's exports; it sits beside the main entry.
  const main = require.resolve("@scalar/api-reference");
  return path.relative(process.cwd(), path.join(path.dirname(main), "browser", "standalone.js"));
}
