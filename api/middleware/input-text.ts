// Issue 11 item 6: every string a request carries passes one normaliser before any route validates it,
// so that no route can forget it. A JSON body's strings (at any depth) and the path and query parameters
// are put in canonical form (NFC); a JSON string with an unpaired surrogate is refused here with
// VALIDATION_FAILED naming the field. Identifiers (NFKC), invisible characters in names and lengths in
// characters are the field schemas' part (api/fields.ts).
import type { HonoRequest, MiddlewareHandler } from "hono";
import { AppError } from "../../domain/errors.js";
import { fieldLabel } from "../../domain/field-messages.js";
import { canonicalText, isWellFormedText } from "../../domain/text-input.js";
import type { AppEnv } from "../context.js";
import { errorResponse } from "../errors.js";

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * The deepest nesting of objects and arrays a JSON body may have (levels; no route's body has more
 * than a few). The walks below recurse, so a body nested thousands of levels deep (25 KB of brackets
 * passes the body limit) overflowed the stack: a 500 on every route, anonymous ones included. Such a
 * body is refused before any of them runs.
 */
export const MAX_JSON_DEPTH = 32;

/** Whether `value` nests objects or arrays more than `limit` levels deep; iterative, for any depth. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== "object" || item === null) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}

/** The path ("items.0.name") of the first key or string with an unpaired surrogate, or null. */
function malformedAt(value: unknown, at: string[] = []): string[] | null {
  if (typeof value === "string") return isWellFormedText(value) ? null : at;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = malformedAt(item, [...at, String(index)]);
      if (found) return found;
    }
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (!isWellFormedText(key)) return [...at, key];
      const found = malformedAt(item, [...at, key]);
      if (found) return found;
    }
  }
  return null;
}

function canonical(value: unknown): unknown {
  if (typeof value === "string") return canonicalText(value);
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [canonicalText(key), canonical(item)]),
    );
  }
  return value;
}

const canonicalRecord = <T extends string | string[]>(record: Record<string, T>) =>
  Object.fromEntries(
    Object.entries(record).map(([key, value]) => [
      key,
      Array.isArray(value) ? value.map(canonicalText) : canonicalText(value as string),
    ]),
  ) as Record<string, T>;

/**
 * Path and query parameters read in canonical form. Hono decodes them from the URL on each call (an
 * unpaired surrogate cannot survive that decoding: its bytes are not UTF-8 and stay percent-encoded),
 * so the request's readers are wrapped rather than their results replaced.
 */
function canonicalParameters(req: HonoRequest) {
  const param = req.param.bind(req) as (key?: string) => unknown;
  const query = req.query.bind(req) as (key?: string) => unknown;
  const queries = req.queries.bind(req) as (key?: string) => unknown;
  const read =
    (reader: (key?: string) => unknown) =>
    (key?: string): unknown => {
      const value = reader(key);
      if (typeof value === "string") return canonicalText(value);
      if (Array.isArray(value)) return value.map((item) => canonicalText(String(item)));
      if (typeof value === "object" && value !== null)
        return canonicalRecord(value as Record<string, string>);
      return value;
    };
  Object.assign(req, { param: read(param), query: read(query), queries: read(queries) });
}

/** The path ("items.0.name") of the first key or string of a JSON body holding NUL, or null. */
function nulAt(value: unknown, at: string[] = []): string[] | null {
  if (typeof value === "string") return value.includes("\0") ? at : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulAt(item, [...at, String(index)]);
      if (found) return found;
    }
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes("\0")) return [...at, key];
      const found = nulAt(item, [...at, key]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * NUL (U+0000) in the path, a query parameter or a JSON string is refused: no text column can hold
 * it (PostgreSQL refuses it outright; the same answer on SQLite), and no name or identifier
 * contains it.
 */
function refuseNul(c: Parameters<MiddlewareHandler<AppEnv>>[0], where: string[] | null) {
  const field = where?.join(".") || undefined;
  const label = where?.length ? fieldLabel(where) : { "zh-CN": "提交的内容", en: "the request" };
  const en = label.en.charAt(0).toUpperCase() + label.en.slice(1);
  return errorResponse(
    c,
    new AppError("VALIDATION_FAILED", {
      field,
      message: {
        "zh-CN": `${label["zh-CN"]}含有不可见的控制字符（空字符 U+0000），无法保存，请删除后重新输入。`,
        en: `${en} contains an invisible control character (NUL, U+0000), which cannot be stored; remove it and type it again.`,
      },
      details: [{ field: field ?? "", code: "nul_character" }],
    }),
  );
}

function nulInUrl(url: string): string[] | null {
  const { pathname, searchParams } = new URL(url);
  let path = pathname;
  try {
    path = decodeURIComponent(pathname);
  } catch {}
  if (path.includes("\0")) return [];
  for (const [key, value] of searchParams) if (key.includes("\0") || value.includes("\0")) return [key];
  return null;
}

/** The boundary normaliser; runs after the body limit and before every route. */
export function inputText(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const nulInRequestUrl = nulInUrl(c.req.url);
    if (nulInRequestUrl) return refuseNul(c, nulInRequestUrl);
    canonicalParameters(c.req);
    const mediaType = (c.req.header("content-type") ?? "").split(";")[0]?.trim() ?? "";
    if (!JSON_MEDIA_TYPE.test(mediaType) || !c.req.raw.body) return next();
    const text = await c.req.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // The route's validator answers MALFORMED_JSON.
      return next();
    }
    if (nestedDeeperThan(parsed, MAX_JSON_DEPTH))
      return errorResponse(
        c,
        new AppError("VALIDATION_FAILED", {
          message: {
            "zh-CN": `提交的内容嵌套层级过深（超过 ${MAX_JSON_DEPTH} 层），无法处理，请检查后重新提交。`,
            en: `The request is nested more than ${MAX_JSON_DEPTH} levels deep, which no form of this service sends; check it and submit it again.`,
          },
          details: [{ field: "", code: "nesting_too_deep" }],
        }),
      );
    const nul = nulAt(parsed);
    if (nul) return refuseNul(c, nul);
    const malformed = malformedAt(parsed);
    if (malformed) {
      const field = malformed.join(".") || undefined;
      // A sentence about the field by its label (issue 13 item 2), never its code name.
      const label = field ? fieldLabel(malformed) : { "zh-CN": "提交的内容", en: "the request" };
      const en = label.en.charAt(0).toUpperCase() + label.en.slice(1);
      return errorResponse(
        c,
        new AppError("VALIDATION_FAILED", {
          field,
          message: {
            "zh-CN": `${label["zh-CN"]}含有无法识别的字符（不成对的 UTF-16 代理项），请重新输入。`,
            en: `${en} contains an unpaired UTF-16 surrogate, which is no character; type it again.`,
          },
          details: [{ field: field ?? "", code: "unpaired_surrogate" }],
        }),
      );
    }
    // Every later reader (the route's validator, a handler) gets the canonical text. Hono keeps each
    // read body in bodyCache as a promise of it (its declared type says otherwise).
    c.req.bodyCache = {
      text: Promise.resolve(JSON.stringify(canonical(parsed))),
    } as unknown as typeof c.req.bodyCache;
    return next();
  };
}
