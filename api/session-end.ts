// Why a session ended, told to the person it ended for (R18): a request that arrives with the
// cookie of a session ended by disabling the account is answered ACCOUNT_DISABLED naming the unit
// that disabled it, not the bare AUTH_REQUIRED of someone who never signed in. The console takes
// that answer to its login page, which says so.

import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { AppError } from "../domain/errors.js";
import { disablingUnit } from "../lib/account-status.js";
import type { AppEnv } from "./context.js";
import { SESSION_COOKIE, tokenHash } from "./sessions.js";

/** ACCOUNT_DISABLED (401) naming the unit that disabled `personId`, with the R18 explanation. */
export async function accountDisabledError(
  c: Context<AppEnv>,
  personId: string,
  code: "ACCOUNT_DISABLED" | "AUTH_ACCOUNT_DISABLED" = "ACCOUNT_DISABLED",
): Promise<AppError> {
  const unit = await disablingUnit(c.get("deps").db, personId);
  const by = unit ? { "zh-CN": unit.name, en: unit.name } : { "zh-CN": "所在单位", en: "your unit" };
  return new AppError(code, {
    message:
      code === "ACCOUNT_DISABLED"
        ? {
            "zh-CN": `您的账号已被${by["zh-CN"]}停用，已退出登录`,
            en: `Your account was disabled by ${by.en}; you have been signed out`,
          }
        : {
            "zh-CN": `您的账号已被${by["zh-CN"]}停用，暂时不能登录`,
            en: `Your account was disabled by ${by.en}; you cannot sign in for now`,
          },
    details: {
      rule: "R18",
      unitId: unit?.id ?? null,
      unitName: unit?.name ?? null,
      remedy: {
        "zh-CN": "如需继续使用，请联系该单位的管理员在“统一门户子系统 → 本单位账号”中启用您的账号",
        en: "To use it again, ask that unit's administrator to enable your account (Unified portal → Unit accounts)",
      },
    },
  });
}

/**
 * The refusal to answer: AUTH_REQUIRED becomes ACCOUNT_DISABLED when the request's session cookie
 * belongs to a person whose account is disabled; every other error stays as it is.
 */
export async function explainSessionEnd(c: Context<AppEnv>, error: AppError): Promise<AppError> {
  if (error.code !== "AUTH_REQUIRED") return error;
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return error;
  try {
    const session = await c.get("deps").db.session.findUnique({
      where: { id: tokenHash(token) },
      select: { kind: true, personId: true, person: { select: { status: true } } },
    });
    if (session?.kind !== "PERSON" || !session.personId || session.person?.status !== "DISABLED")
      return error;
    return await accountDisabledError(c, session.personId);
  } catch (failure) {
    c.get("logger")?.warn({ err: failure }, "session end not explained");
    return error;
  }
}
