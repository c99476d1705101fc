import type { QueryClientConfig } from "@tanstack/react-query";
import { isApiHttpError } from "../api/http";

const MAX_RETRIES = 2;

/** Client errors (4xx) will not change on retry: show them at once instead of after back-off. */
export const queryClientConfig: QueryClientConfig = {
  defaultOptions: {
    queries: {
      retry: (failureCount, error) =>
        !(isApiHttpError(error) && error.statusCode >= 400 && error.statusCode < 500) &&
        failureCount < MAX_RETRIES,
    },
  },
};
