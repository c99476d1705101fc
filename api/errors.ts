// One error shape everywhere: { error: { code, message: { zh-CN, en }, field?, requestId, details? } };
// refusals explain themselves in `details` (rule, remedy, contacts: see domain/errors.ts).
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import en from "zod/v4/locales/en.js";
import zhCN from "zod/v4/locales/zh-CN.js";
import {
  AppError,
  type ErrorCode,
  explanationIn,
  isExplainedRefusal,
  type LocalizedMessage,
} from "../domain/errors.js";
import { explainRefusal } from "../lib/explanations.js";
import type { AppEnv } from "./context.js";
import { explainSessionEnd } from "./session-end.js";

export type ErrorBody = {
  error: {
    code: ErrorCode;
    message: LocalizedMessage;
    field?: string;
    requestId?: string;
    details?: unknown;
  };
};

export function errorResponse(c: Context<AppEnv>, error: AppError): Response {
  const body: ErrorBody = {
    error: {
      code: error.code,
      message: error.localized,
      field: error.field,
      requestId: c.get("requestId"),
      details: error.details,
    },
  };
  return c.json(body, error.status as ContentfulStatusCode);
}

const zh = zhCN().localeError;
const english = en().localeError;

function localize(issue: z.core.$ZodIssue): LocalizedMessage {
  // Domain refinements carry their own bilingual message.
  const own = (issue as { params?: { message?: LocalizedMessage } }).params?.message;
  if (own) return own;
  const raw = { ...issue, input: undefined } as unknown as z.core.$ZodRawIssue;
  const pick = (map: z.core.$ZodErrorMap, fallback: string) => {
    const result = map(raw);
    return typeof result === "string" ? result : (result?.message ?? fallback);
  };
  return { "zh-CN": pick(zh, issue.message), en: pick(english, issue.message) };
}

/** Turns the first zod issue into a VALIDATION_FAILED error naming the offending field. */
export function validationError(error: z.ZodError): AppError {
  const issue = error.issues[0];
  if (!issue) return new AppError("VALIDATION_FAILED");
  const field = issue.path.map(String).join(".") || undefined;
  const detail = localize(issue);
  const message: LocalizedMessage = field
    ? { "zh-CN": `${field}：${detail["zh-CN"]}`, en: `${field}: ${detail.en}` }
    : detail;
  return new AppError("VALIDATION_FAILED", {
    field,
    message,
    details: error.issues.map((i) => ({ field: i.path.join("."), code: i.code })),
  });
}

export function validationHook(
  result: { success: true } | { success: false; error: z.ZodError },
  c: Context<AppEnv>,
): Response | undefined {
  if (!result.success) return errorResponse(c, validationError(result.error));
  return undefined;
}

/**
 * A refusal of EXPLAINED_REFUSALS whose throw site gave no remedy gets its Explanation here (see
 * domain/errors.ts), from the actor and the `unitId`, `requiredRoles`, `requiredActor` and `rule` in
 * its details.
 * Explaining never turns the refusal into another error.
 */
async function explained(c: Context<AppEnv>, error: AppError): Promise<AppError> {
  if (!isExplainedRefusal(error.code) || explanationIn(error.details)) return error;
  const facts = (typeof error.details === "object" && error.details !== null ? error.details : {}) as {
    unitId?: unknown;
    requiredRoles?: unknown;
    requiredActor?: unknown;
    rule?: unknown;
  };
  try {
    const explanation = await explainRefusal(c.get("deps").db, error.code, {
      actor: c.get("actor") ?? null,
      unitId: typeof facts.unitId === "string" ? facts.unitId : undefined,
      requiredRoles: Array.isArray(facts.requiredRoles) ? facts.requiredRoles : undefined,
      requiredActor: typeof facts.requiredActor === "string" ? facts.requiredActor : undefined,
      rule: typeof facts.rule === "string" ? facts.rule : undefined,
    });
    return new AppError(error.code, {
      field: error.field,
      message: error.localized,
      details: { ...facts, ...explanation },
      cause: error.cause,
    });
  } catch (failure) {
    c.get("logger")?.warn({ err: failure, code: error.code }, "refusal not explained");
    return error;
  }
}

export async function handleError(error: Error, c: Context<AppEnv>): Promise<Response> {
  if (error instanceof AppError)
    return errorResponse(c, await explained(c, await explainSessionEnd(c, error)));
  if (error instanceof HTTPException) {
    if (/malformed json/i.test(error.message)) return errorResponse(c, new AppError("MALFORMED_JSON"));
    if (error.status === 413) return errorResponse(c, new AppError("PAYLOAD_TOO_LARGE"));
    // Our routes refuse with AppError; the one 403 HTTPException is hono's csrf Origin check.
    if (error.status === 403) return errorResponse(c, new AppError("CSRF_ORIGIN_REFUSED"));
    if (error.status < 500) return errorResponse(c, new AppError("VALIDATION_FAILED"));
  }
  c.get("logger")?.error({ err: error }, "unhandled error");
  return errorResponse(c, new AppError("INTERNAL_ERROR"));
}

export function handleNotFound(c: Context<AppEnv>): Response {
  return errorResponse(c, new AppError("ROUTE_NOT_FOUND"));
}

/** The error schema for OpenAPI responses. */
export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.object({ "zh-CN": z.string(), en: z.string() }),
    field: z.string().optional(),
    requestId: z.string().optional(),
    /**
     * Machine-readable specifics, e.g. close unit names for UNIT_NAME_NOT_FOUND; a refusal's
     * explanation: rule, remedy { zh-CN, en }, contacts (domain/errors.ts).
     */
    details: z.unknown().optional(),
  }),
});
