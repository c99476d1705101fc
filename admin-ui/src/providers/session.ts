import { API_URL, type ApiHttpError, apiRequest } from "../api/http";
import type { Me } from "../api/types";
import { i18n } from "../i18n";

// The auth and access-control providers share one copy of the session, so the sider's many
// permission checks do not each call the API.
let current: Promise<Me> | undefined;

/** Set by the API beside its HttpOnly session cookie, and cleared with it; it holds no secret. */
const SESSION_MARKER_COOKIE = "zc_signed_in";

/**
 * Whether this browser may have a session: only then is `/api/auth/me` worth asking. An anonymous page
 * (login, registration) makes no request that is bound to answer 401 (issue 13.7).
 */
export const mayBeSignedIn = (): boolean =>
  document.cookie.split(";").some((pair) => pair.trim().startsWith(`${SESSION_MARKER_COOKIE}=`));

/** What `/api/auth/me` would answer without a session, known without asking. */
const noSession = (): ApiHttpError => ({
  statusCode: 401,
  code: "AUTH_REQUIRED",
  get message() {
    return i18n.t("errors.signInRequired");
  },
});

export const fetchMe = async (): Promise<Me> => {
  if (!mayBeSignedIn()) throw noSession();
  const { data } = await apiRequest<{ data: Me }>("GET", `${API_URL}/auth/me`);
  current = Promise.resolve(data);
  return data;
};

export const getMe = (): Promise<Me> => {
  current ??= fetchMe().catch((error: unknown) => {
    current = undefined;
    throw error;
  });
  return current;
};

export const rememberMe = (me: Me): void => {
  current = Promise.resolve(me);
};

export const forgetMe = (): void => {
  current = undefined;
};
