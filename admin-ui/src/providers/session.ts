import { API_URL, apiRequest } from "../api/http";
import type { Me } from "../api/types";

// The auth and access-control providers share one copy of the session, so the sider's many
// permission checks do not each call the API.
let current: Promise<Me> | undefined;

export const fetchMe = async (): Promise<Me> => {
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
