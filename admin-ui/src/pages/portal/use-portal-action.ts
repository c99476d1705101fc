import { type BaseRecord, useCustomMutation } from "@refinedev/core";
import { App } from "antd";
import { createElement, useCallback } from "react";
import type { ApiHttpError } from "../../api/http";
import type { UnitAccount } from "../../api/types";
import { isRealPersonSessionRequired } from "../../components/real-person-step-up";
import { WhyNotInline } from "../../components/why-not";
import { useRefreshSession } from "../../hooks/use-refresh-session";

/** Refusals that may mean the signed-in person's roles changed since the page loaded (e.g. one was revoked). */
const ROLES_MAY_HAVE_CHANGED = new Set([
  "FORBIDDEN_ROLE",
  "FORBIDDEN_UNIT_SCOPE",
  "FORBIDDEN_ROLE_GRANT",
  "ONLY_ADMIN",
]);

/**
 * How a portal page reports a refused action: the API's message with what would make it possible and
 * who can help (WhyNotInline), in the current language; for
 * REAL_PERSON_SESSION_REQUIRED (R12) the identity is reloaded too, so the page shows the step-up, and
 * for a refused role or scope as well, so menus and pages follow a role revoked meanwhile.
 */
export const useActionError = (): ((error: ApiHttpError) => void) => {
  const { message } = App.useApp();
  const refreshSession = useRefreshSession();
  return useCallback(
    (error: ApiHttpError) => {
      void message.error(createElement(WhyNotInline, { error }));
      if (ROLES_MAY_HAVE_CHANGED.has(error.code ?? "") || isRealPersonSessionRequired(error)) {
        void refreshSession();
      }
    },
    [message, refreshSession],
  );
};

/**
 * An action on one account of the unit (`units/:unitId/accounts/:personId/<action>`), then the list
 * reloaded: on success after `onDone`, on refusal after the error is shown (the list may have changed).
 */
export const useAccountAction = <TValues extends object>(
  unitId: string,
  action: string,
  refetch: () => unknown,
) => {
  const onActionError = useActionError();
  const { mutate, mutation } = useCustomMutation<BaseRecord, ApiHttpError, TValues>();
  const run = (account: UnitAccount, values: TValues, onDone: () => void) =>
    mutate(
      {
        url: `units/${unitId}/accounts/${account.personId}/${action}`,
        method: "post",
        values,
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: () => {
          onDone();
          void refetch();
        },
        onError: (error) => {
          onActionError(error);
          void refetch();
        },
      },
    );
  return { run, pending: mutation.isPending };
};
