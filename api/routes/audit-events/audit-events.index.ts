import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.js";
import * as handlers from "./audit-events.handlers.js";
import * as routes from "./audit-events.routes.js";

// Fixed paths (/audit-events/export.csv, /audit-events/units) are all this router has: no /{id}.
export const auditEventsRouter = new OpenAPIHono<AppEnv>()
  .openapi(routes.list, handlers.list)
  .openapi(routes.exportCsv, handlers.exportCsv)
  .openapi(routes.units, handlers.units);
