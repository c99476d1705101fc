import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.js";
import * as handlers from "./registrations.handlers.js";
import * as routes from "./registrations.routes.js";

// Fixed paths first, so "uscc-availability" and "access" are not taken for request numbers.
export const registrationsRouter = new OpenAPIHono<AppEnv>()
  .openapi(routes.submit, handlers.submit)
  .openapi(routes.preparePassword, handlers.preparePassword)
  .openapi(routes.usccAvailability, handlers.usccAvailability)
  .openapi(routes.requestAccessCode, handlers.requestAccessCode)
  .openapi(routes.grantAccess, handlers.grantAccess)
  .openapi(routes.show, handlers.show)
  .openapi(routes.withdraw, handlers.withdraw);
