import type { HttpError } from "@refinedev/core";
import { currentLocale, DEFAULT_LOCALE, i18n, type Locale } from "../i18n";
import type { ApiErrorBody } from "./types";

export const API_URL = "/api";

/**
 * A Refine HttpError that also carries the API's stable error code and the field it concerns. Its
 * `message` reads the current language each time (a getter over the API's zh-CN and en texts), so a
 * message kept on screen switches with the language (issue 13.7).
 */
export interface ApiHttpError extends HttpError {
  code?: string;
  field?: string;
  requestId?: string;
  /** Facts some errors carry, e.g. close unit names for UNIT_NAME_NOT_FOUND. */
  details?: unknown;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS";

interface RequestOptions {
  body?: unknown;
  query?: URLSearchParams;
  headers?: Record<string, string>;
}

const isApiErrorBody = (value: unknown): value is ApiErrorBody =>
  typeof value === "object" &&
  value !== null &&
  "error" in value &&
  typeof (value as ApiErrorBody).error?.message === "object";

/** The message of an API answer in the language on screen now, whenever it is read. */
const localizedMessage = (message: Partial<Record<Locale, string>>): string =>
  message[currentLocale()] ?? message[DEFAULT_LOCALE] ?? "";

const toHttpError = async (response: Response): Promise<ApiHttpError> => {
  const body: unknown = await response.json().catch(() => undefined);
  if (!isApiErrorBody(body)) {
    const statusCode = response.status;
    return {
      statusCode,
      get message() {
        return i18n.t("errors.unexpected", { statusCode });
      },
    };
  }
  const { code, message, field, requestId, details } = body.error;
  return {
    statusCode: response.status,
    get message() {
      return localizedMessage(message);
    },
    code,
    field,
    requestId,
    details,
    get errors() {
      return field ? { [field]: localizedMessage(message) } : undefined;
    },
  };
};

export const isApiHttpError = (error: unknown): error is ApiHttpError =>
  typeof error === "object" && error !== null && "statusCode" in error && "message" in error;

const send = async (url: string, init: RequestInit): Promise<Response> => {
  let response: Response;
  try {
    response = await fetch(url, { credentials: "include", ...init });
  } catch {
    throw {
      statusCode: 0,
      get message() {
        return i18n.t("errors.network");
      },
    } satisfies ApiHttpError;
  }
  if (!response.ok) {
    throw await toHttpError(response);
  }
  return response;
};

/**
 * Calls the API with the session cookie and returns the parsed JSON body (undefined when there is none).
 * Failures are thrown as ApiHttpError with the message in the current locale.
 */
export const apiRequest = async <T>(
  method: Method,
  url: string,
  options: RequestOptions = {},
): Promise<T> => {
  const { body, query, headers } = options;
  const search = query?.toString();
  const response = await send(search ? `${url}?${search}` : url, {
    method,
    headers: {
      Accept: "application/json",
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // 202 and 204 may come without a body.
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
};

/** Posts a multipart form (a file upload); the browser sets the content type with its boundary. */
export const apiUpload = async <T>(url: string, form: FormData, signal?: AbortSignal): Promise<T> => {
  const response = await send(url, {
    method: "POST",
    headers: { Accept: "application/json" },
    body: form,
    signal,
  });
  return (await response.json()) as T;
};
