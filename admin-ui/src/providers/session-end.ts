import { type ApiHttpError, isApiHttpError } from "../api/http";

// Why the console's session ended, kept for the login page it lands on (issue 13.6): a person whose
// account a unit disabled is told so, and by which unit, instead of meeting a bare login form. Kept as
// a code and facts (not a rendered sentence), so the page says it in the language chosen there.

const STORAGE_KEY = "console.sessionEnd";

/** Session ends the login page explains. */
export const EXPLAINED_SESSION_ENDS = ["ACCOUNT_DISABLED"] as const;
export type SessionEndCode = (typeof EXPLAINED_SESSION_ENDS)[number];

export interface SessionEnd {
  code: SessionEndCode;
  /** The unit that disabled the account, when the API named it. */
  unitName: string | null;
}

const isExplained = (code: unknown): code is SessionEndCode =>
  (EXPLAINED_SESSION_ENDS as readonly unknown[]).includes(code);

/** Remembers why the session ended when the API's answer says so (ACCOUNT_DISABLED); else nothing. */
export const rememberSessionEnd = (error: unknown): void => {
  if (!isApiHttpError(error) || !isExplained((error as ApiHttpError).code)) return;
  const details = (error as ApiHttpError).details as { unitName?: unknown } | undefined;
  const end: SessionEnd = {
    code: (error as ApiHttpError).code as SessionEndCode,
    unitName: typeof details?.unitName === "string" ? details.unitName : null,
  };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(end));
};

/** Why the last session ended, if the login page should say it. */
export const readSessionEnd = (): SessionEnd | null => {
  try {
    const value = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "null") as Partial<SessionEnd> | null;
    return value && isExplained(value.code)
      ? { code: value.code, unitName: typeof value.unitName === "string" ? value.unitName : null }
      : null;
  } catch {
    return null;
  }
};

/** Forgets it: the person dismissed the message, or signed in again. */
export const clearSessionEnd = (): void => sessionStorage.removeItem(STORAGE_KEY);
