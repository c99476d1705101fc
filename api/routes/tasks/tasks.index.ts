import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.js";
import * as handlers from "./tasks.handlers.js";
import * as routes from "./tasks.routes.js";

export const tasksRouter = new OpenAPIHono<AppEnv>()
  .openapi(routes.list, handlers.list)
  .openapi(routes.show, handlers.show)
  .openapi(routes.claim, handlers.claim)
  .openapi(routes.release, handlers.release)
  .openapi(routes.decide, handlers.decide)
  .openapi(routes.uploadContent, handlers.uploadContent);
