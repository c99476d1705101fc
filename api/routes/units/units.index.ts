import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.js";
import { adminSuccessionRouter } from "./admin-succession.js";
import { contactMobileChangeRouter } from "./contact-mobile-change.js";
import { subordinateUnitsRouter } from "./subordinate-units.js";
import { unitManagementRouter } from "./unit-management.js";
import { unitTreeRouter } from "./unit-tree.js";
import * as handlers from "./units.handlers.js";
import * as routes from "./units.routes.js";

// Fixed paths before /units/{id}/…
export const unitsRouter = new OpenAPIHono<AppEnv>()
  .route("/", contactMobileChangeRouter)
  .openapi(routes.list, handlers.list)
  .openapi(routes.createHrDepartment, handlers.createHrDepartment)
  .openapi(routes.recoverAccount, handlers.recoverAccount)
  .openapi(routes.passwordResetCode, handlers.passwordResetCode)
  .openapi(routes.resetPassword, handlers.resetPassword)
  .openapi(routes.showProfile, handlers.showProfile)
  .openapi(routes.updateProfile, handlers.updateProfile)
  .openapi(routes.designateFirstAdministrator, handlers.designateFirstAdministrator)
  // 单位基础信息管理 (R7, R8, R20); GET /units/{id} comes after every fixed GET path.
  .route("/", subordinateUnitsRouter)
  .route("/", unitTreeRouter)
  .route("/", adminSuccessionRouter)
  .route("/", unitManagementRouter);
