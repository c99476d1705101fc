import type { AuthProvider } from "@refinedev/core";
import { API_URL, type ApiHttpError, apiRequest, isApiHttpError } from "../api/http";
import type { Me } from "../api/types";
import { LOGIN_PATH } from "../config/paths";
import { fetchMe, forgetMe, getMe, rememberMe } from "./session";

export interface LoginValues {
  /** Resident ID number or mobile number. */
  account: string;
  password: string;
}

const isUnauthorized = (error: unknown): boolean => isApiHttpError(error) && error.statusCode === 401;

export const authProvider: AuthProvider = {
  login: async ({ account, password }: LoginValues) => {
    try {
      const { data } = await apiRequest<{ data: Me }>("POST", `${API_URL}/auth/login`, {
        body: { account, password },
      });
      rememberMe(data);
      return { success: true, redirectTo: "/" };
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
      return { authenticated: false, redirectTo: LOGIN_PATH, error: error as ApiHttpError };
    }
  },

  onError: async (error) => {
    if (isUnauthorized(error)) {
      return { logout: true, redirectTo: LOGIN_PATH, error };
    }
    return {};
  },

  getIdentity: async () => getMe().catch(() => null),

  getPermissions: async () => (await getMe()).roles,
};
