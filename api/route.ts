// Every route declares its access rule; defineRoute puts the check in front of the handler and
// into the OpenAPI document (x-access), and a test asserts that no operation lacks one.
import { createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { type AccessRule, checkAccess, describeRule } from "../domain/authorization.js";
import { AppError } from "../domain/errors.js";
import type { AppEnv } from "./context.js";
import { errorSchema } from "./errors.js";

export function authorize(rule: AccessRule): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const problem = checkAccess(c.get("actor"), rule);
    // What the rule asks for, so that the refusal can say who would grant it (api/errors.ts).
    if (problem) {
      throw new AppError(problem, {
        details: { requiredActor: rule.actor, ...(rule.roles?.length ? { requiredRoles: rule.roles } : {}) },
      });
    }
    await next();
  };
}

const errorResponses = {
  400: { description: "Invalid input", content: { "application/json": { schema: errorSchema } } },
  401: { description: "Not logged in", content: { "application/json": { schema: errorSchema } } },
  403: { description: "Not allowed", content: { "application/json": { schema: errorSchema } } },
} as const;

export function defineRoute<R extends Omit<RouteConfig, "middleware">>(config: R & { access: AccessRule }) {
  const { access, ...route } = config;
  return createRoute({
    ...route,
    description: [route.description, `Access: ${describeRule(access)}.`].filter(Boolean).join("\n\n"),
    "x-access": access,
    middleware: [authorize(access)] as const,
    responses: { ...errorResponses, ...route.responses },
  });
}

/** A required (by default) JSON request body. */
export const jsonBody = <T extends z.ZodType>(schema: T, required = true) => ({
  required,
  content: { "application/json": { schema } },
});

/** A JSON response `{ data: T }`, the shape of every single-item answer. */
export const dataResponse = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { "application/json": { schema: z.object({ data: schema }) } },
});
