import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.js";
import * as handlers from "./auth.handlers.js";
import * as routes from "./auth.routes.js";
import { qrLoginRouter } from "./qr-login.js";
import { unitLoginRouter } from "./unit-login.js";

export const authRouter = new OpenAPIHono<AppEnv>()
  .route("/", unitLoginRouter)
  .route("/", qrLoginRouter)
  .openapi(routes.login, handlers.login)
  .openapi(routes.logout, handlers.logout)
  .openapi(routes.me, handlers.me)
  .openapi(routes.startStepUp, handlers.startStepUp)
  .openapi(routes.showStepUp, handlers.showStepUp);
