// One error shape everywhere: { error: { code, message: { zh-CN, en }, field?, requestId, details? } };
// refusals explain themselves in `details` (rule, remedy, contacts: see domain/errors.ts).
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import {
  AppError,
  type ErrorCode,
  explanationIn,
  isExplainedRefusal,
  type LocalizedMessage,
} from "../domain/errors.js";
import { type FieldProblem, fieldLabel, fieldProblemMessage } from "../domain/field-messages.js";
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

/**
 * What a field refinement of api/fields.ts puts in its issue's params: a whole sentence, or one that
 * names the field by its label (known only here, from the issue's path).
 */
export type IssueParams = {
  message?: LocalizedMessage;
  describe?: (label: LocalizedMessage) => LocalizedMessage;
  /** What the field is when its name alone says less (a person-name field called "name"). */
  subject?: LocalizedMessage;
};

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The problem a zod issue of its own kind stands for (domain/field-messages.ts). */
function problemOf(issue: z.core.$ZodIssue, input: unknown): FieldProblem {
  const value = input === NO_INPUT ? NO_INPUT : valueAt(input, issue.path);
  const missing = value == null;
  // An empty or blank string is a value not given, whatever the format it misses.
  if (typeof value === "string" && value.trim() === "" && issue.code !== "custom")
    return { kind: "REQUIRED" };
  switch (issue.code) {
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string")
        return missing || min <= 1 ? { kind: "REQUIRED" } : { kind: "TOO_SHORT", min };
      if (issue.origin === "array" || issue.origin === "set") return { kind: "TOO_FEW", min };
      return { kind: "OUT_OF_RANGE", min };
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return { kind: "TOO_LONG", max };
      if (issue.origin === "array" || issue.origin === "set") return { kind: "TOO_MANY", max };
      return { kind: "OUT_OF_RANGE", max };
    }
    case "invalid_type":
      if (missing || /received undefined$/.test(issue.message)) return { kind: "REQUIRED" };
      return issue.expected === "number" || issue.expected === "int" || issue.expected === "bigint"
        ? { kind: "NOT_A_NUMBER" }
        : { kind: "INVALID" };
    case "invalid_value":
      return { kind: "NOT_ONE_OF", values: issue.values.map(String) };
    case "unrecognized_keys":
      return { kind: "UNKNOWN_FIELD", names: issue.keys };
    default:
      return { kind: "INVALID" };
  }
}

const NO_INPUT = Symbol("no input");

/**
 * The sentence for one issue, naming its field in the reader's words (issue 13 item 2): never a
 * validator's raw wording, never the field's code name.
 */
export function issueMessage(issue: z.core.$ZodIssue, input: unknown = NO_INPUT): LocalizedMessage {
  const params = (issue as { params?: IssueParams }).params;
  const label = fieldLabel(issue.path.map(String), params?.subject);
  if (params?.describe) return asSentence(params.describe(label));
  if (params?.message) return asSentence(params.message);
  return fieldProblemMessage(label, problemOf(issue, input));
}

/** A message ends like a sentence, whichever refinement wrote it. */
function asSentence(message: LocalizedMessage): LocalizedMessage {
  const zh = message["zh-CN"].trim();
  const en = message.en.trim();
  return {
    "zh-CN": /[。！？）)]$/.test(zh) ? zh : `${zh}。`,
    en: /[.!?)]$/.test(en) ? en : `${en}.`,
  };
}

/**
 * Turns the first zod issue into a VALIDATION_FAILED error naming the offending field, its message a
 * translated sentence about that field. `input` (what was validated) tells a missing value from a
 * wrong one.
 */
export function validationError(error: z.ZodError, input: unknown = NO_INPUT): AppError {
  const issue = error.issues[0];
  if (!issue) return new AppError("VALIDATION_FAILED");
  const field = issue.path.map(String).join(".") || undefined;
  return new AppError("VALIDATION_FAILED", {
    field,
    message: issueMessage(issue, input),
    details: error.issues.map((i) => ({ field: i.path.join("."), code: i.code })),
  });
}

export function validationHook(
  result: { success: true } | { success: false; error: z.ZodError; data?: unknown },
  c: Context<AppEnv>,
): Response | undefined {
  if (!result.success) {
    return errorResponse(c, validationError(result.error, "data" in result ? result.data : NO_INPUT));
  }
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
