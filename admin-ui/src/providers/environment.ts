import { API_URL, apiRequest } from "../api/http";
import type { PlatformEnvironment } from "../api/types";

// The installation's mode (R28) never changes while the console is open: asked once, shared by the
// ribbon, the access-control provider and the face-check pages.
let current: Promise<PlatformEnvironment> | undefined;

/** The mode (APP_ENV) and the development stand-ins in use, from `GET /api/environment`. */
export const getEnvironment = (): Promise<PlatformEnvironment> => {
  current ??= apiRequest<{ data: PlatformEnvironment }>("GET", `${API_URL}/environment`).then(
    ({ data }) => data,
    (error: unknown) => {
      current = undefined;
      throw error;
    },
  );
  return current;
};
