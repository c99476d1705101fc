import type { AuthProvider } from "@refinedev/core";
import { API_URL, type ApiHttpError, apiRequest, isApiHttpError } from "../api/http";
import type { ApiBody, Me } from "../api/types";
import { homePath, LOGIN_PATH } from "../config/paths";
import { fetchMe, forgetMe, getMe, rememberMe } from "./session";
import { clearSessionEnd, rememberSessionEnd } from "./session-end";

/** Password login: the resident ID number or mobile number, and the password. */
export type LoginValues = ApiBody<"/auth/login", "post">;

/** Step 2 of unit login (R5): the SMS code of the challenge that step 1 started. */
export type UnitLoginValues = ApiBody<"/auth/unit-login", "post">;

/** R12 QR login: a challenge that passed on the phone, exchanged for a REAL_PERSON session. */
export interface QrLoginValues {
  qrChallengeId: string;
}

type AnyLoginValues = LoginValues | UnitLoginValues | QrLoginValues;

const isUnitLogin = (values: AnyLoginValues): values is UnitLoginValues => "challengeId" in values;

const isQrLogin = (values: AnyLoginValues): values is QrLoginValues => "qrChallengeId" in values;

const loginRequest = (values: AnyLoginValues): Promise<{ data: Me }> => {
  if (isQrLogin(values)) {
    return apiRequest(
      "POST",
      `${API_URL}/auth/qr-challenges/${encodeURIComponent(values.qrChallengeId)}/session`,
    );
  }
  if (isUnitLogin(values)) {
    return apiRequest("POST", `${API_URL}/auth/unit-login`, {
      body: { challengeId: values.challengeId, code: values.code },
    });
  }
  return apiRequest("POST", `${API_URL}/auth/login`, {
    body: { account: values.account, password: values.password },
  });
};

const isUnauthorized = (error: unknown): boolean => isApiHttpError(error) && error.statusCode === 401;

/**
 * A 401 that means "no (more) session". Other 401s answer a request, not the session: a wrong
 * password (AUTH_INVALID_CREDENTIALS) or a status page without its code (REQUEST_ACCESS_REQUIRED).
 */
const SESSION_GONE = new Set(["AUTH_REQUIRED", "AUTH_SESSION_EXPIRED", "ACCOUNT_DISABLED"]);
const isSessionGone = (error: unknown): boolean => {
  if (!isUnauthorized(error)) return false;
  const { code } = error as ApiHttpError;
  return code === undefined || SESSION_GONE.has(code);
};

export const authProvider: AuthProvider = {
  login: async (values: AnyLoginValues) => {
    try {
      const { data } = await loginRequest(values);
      clearSessionEnd();
      rememberMe(data);
      return { success: true, redirectTo: homePath(data) };
    } catch (error) {
      return { success: false, error: error as ApiHttpError };
    }
  },

  logout: async () => {
    try {
      await apiRequest("POST", `${API_URL}/auth/logout`);
    } catch (error) {
      // A session that already expired is as good as a finished logout.
      if (!isUnauthorized(error)) {
        return { success: false, error: error as ApiHttpError };
      }
    }
    forgetMe();
    return { success: true, redirectTo: LOGIN_PATH };
  },

  check: async () => {
    try {
      await fetchMe();
      return { authenticated: true };
    } catch (error) {
      forgetMe();
      // A session ended by the unit (R18): the login page says so.
      rememberSessionEnd(error);
      return { authenticated: false, redirectTo: LOGIN_PATH, error: error as ApiHttpError };
    }
  },

  onError: async (error) => {
    if (isSessionGone(error)) {
      rememberSessionEnd(error);
      return { logout: true, redirectTo: LOGIN_PATH, error };
    }
    return {};
  },

  getIdentity: async () => getMe().catch(() => null),

  getPermissions: async () => (await getMe()).roles,
};
