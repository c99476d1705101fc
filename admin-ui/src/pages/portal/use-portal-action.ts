import { App } from "antd";
import { useCallback } from "react";
import type { ApiHttpError } from "../../api/http";
import { isRealPersonSessionRequired } from "../../components/real-person-step-up";
import { useRefreshSession } from "../../hooks/use-refresh-session";

/**
 * How a portal page reports a refused action: the API's message in the current language; for
 * REAL_PERSON_SESSION_REQUIRED (R12) the identity is reloaded too, so the page shows the step-up.
 */
export const useActionError = (): ((error: ApiHttpError) => void) => {
  const { message } = App.useApp();
  const refreshSession = useRefreshSession();
  return useCallback(
    (error: ApiHttpError) => {
      void message.error(error.message);
      if (isRealPersonSessionRequired(error)) void refreshSession();
    },
    [message, refreshSession],
  );
};
