// One error shape everywhere: { error: { code, message: { zh-CN, en }, field?, requestId } }.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import en from "zod/v4/locales/en.js";
import zhCN from "zod/v4/locales/zh-CN.js";
import { AppError, type ErrorCode, type LocalizedMessage } from "../domain/errors.js";
import type { AppEnv } from "./context.js";

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

export function handleError(error: Error, c: Context<AppEnv>): Response {
  if (error instanceof AppError) return errorResponse(c, error);
  if (error instanceof HTTPException) {
    if (/malformed json/i.test(error.message)) return errorResponse(c, new AppError("MALFORMED_JSON"));
    if (error.status === 413) return errorResponse(c, new AppError("PAYLOAD_TOO_LARGE"));
    if (error.status === 403) return errorResponse(c, new AppError("FORBIDDEN_ROLE"));
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
    /** Machine-readable specifics, e.g. close unit names for UNIT_NAME_NOT_FOUND. */
    details: z.unknown().optional(),
  }),
});
