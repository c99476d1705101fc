import { useCustom, useCustomMutation } from "@refinedev/core";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ApiHttpError } from "../api/http";
import type { RealPersonCheckStatus, StepUp } from "../api/types";
import { useRefreshSession } from "./use-refresh-session";
import { useSecondsLeft } from "./use-seconds-left";

const STEP_UP_URL = "auth/step-up";
const POLL_MS = 1000;

/** The check is still waiting for the phone (PASSED: the next poll raises the session and answers CONSUMED). */
const OPEN_STATUSES = new Set<RealPersonCheckStatus>(["PENDING", "SCANNED", "PASSED"]);

export const isOpenCheck = (status: RealPersonCheckStatus): boolean => OPEN_STATUSES.has(status);

export interface StepUpState {
  /** The current check; undefined before the first QR code is issued. */
  current?: StepUp;
  /** The API status, or EXPIRED once the countdown ran out before the API noticed. */
  status?: RealPersonCheckStatus;
  secondsLeft?: number;
  /** The session is REAL_PERSON now. */
  succeeded: boolean;
  starting: boolean;
  startError: ApiHttpError | null;
  pollError: ApiHttpError | null;
  /** Issues a (new) QR code. */
  start: () => void;
  /** Forgets the current QR code and stops polling. */
  reset: () => void;
}

/**
 * A step-up of the current session to REAL_PERSON: issues the QR code, polls its progress every second while
 * the phone has not answered, and reloads the signed-in account once the API raised the session.
 */
export const useStepUp = (onSuccess?: () => void): StepUpState => {
  const [started, setStarted] = useState<StepUp>();
  const refreshSession = useRefreshSession();
  const reported = useRef<string>(undefined);

  const { mutate, mutation } = useCustomMutation<StepUp, ApiHttpError>();
  const start = useCallback(
    () =>
      mutate(
        { url: STEP_UP_URL, method: "post", values: {}, errorNotification: false },
        { onSuccess: ({ data }) => setStarted(data) },
      ),
    [mutate],
  );
  const { reset: resetMutation } = mutation;
  const reset = useCallback(() => {
    setStarted(undefined);
    resetMutation();
  }, [resetMutation]);

  const { query } = useCustom<StepUp, ApiHttpError>({
    url: `${STEP_UP_URL}/${started?.checkId}`,
    method: "get",
    queryOptions: {
      enabled: started !== undefined,
      refetchInterval: ({ state }) => (isOpenCheck(state.data?.data.status ?? "PENDING") ? POLL_MS : false),
    },
    errorNotification: false,
  });

  const polled = query.data?.data;
  const current = polled?.checkId === started?.checkId ? polled : started;
  const open = current !== undefined && isOpenCheck(current.status);
  const secondsLeft = useSecondsLeft(open ? current.expiresAt : undefined);
  const status = open && secondsLeft === 0 ? "EXPIRED" : current?.status;
  const succeeded = current?.status === "CONSUMED" && current.strength === "REAL_PERSON";

  useEffect(() => {
    if (!succeeded || !current || reported.current === current.checkId) return;
    reported.current = current.checkId;
    onSuccess?.();
    void refreshSession();
  }, [succeeded, current, onSuccess, refreshSession]);

  return {
    current,
    status,
    secondsLeft,
    succeeded,
    starting: mutation.isPending,
    startError: mutation.error,
    pollError: open ? query.error : null,
    start,
    reset,
  };
};
