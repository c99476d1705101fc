import { useCustom, useCustomMutation } from "@refinedev/core";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ApiHttpError } from "../../api/http";
import type { MobileCheck, MobileCheckScan } from "../../api/types";

/** Body of `POST .../scan` (for a QR login: the app's user) and `POST .../face`. */
type CheckReport = MobileCheckScan & { passed?: boolean };

/** The simulated app remembers its user on this browser, as the real app stays signed in. */
export const APP_USER_STORAGE_KEY = "mobileApp.idNumber";

/** Errors of an identified scan that end the check, rather than ask for another ID number. */
const CHECK_ENDING_CODES = new Set(["REAL_PERSON_CHECK_CLOSED", "REAL_PERSON_CHECK_NOT_FOUND"]);

export interface MobileCheckState {
  check?: MobileCheck;
  loading: boolean;
  error: ApiHttpError | null;
  /** A QR login waits for the app's user to be named before the scan is reported. */
  needsUser: boolean;
  /** Reports the scan of a QR login for this user; `onError` gets the errors that concern the user. */
  signIn: (
    idNumber: string,
    handlers: { onSuccess: () => void; onError: (error: ApiHttpError) => void },
  ) => void;
  signingIn: boolean;
  /** The face-check verdict being sent, if any. */
  sendingVerdict?: boolean;
  sendVerdict: (passed: boolean) => void;
  retry: () => void;
}

/**
 * What the mobile app does with a scanned check: read it, report the scan once (a QR login first names the
 * app's user), then report the face check.
 */
export const useMobileCheck = (token: string): MobileCheckState => {
  // Read like any page reads a check; the simulated app's own routes take its reports.
  const checkUrl = `real-person-checks/${encodeURIComponent(token)}`;
  const url = `mobile/checks/${encodeURIComponent(token)}`;
  // The answers to scan and face supersede the first read.
  const [latest, setLatest] = useState<MobileCheck>();
  const scanReported = useRef(false);
  /** A QR login's face check is confirmed by the same app user who scanned it. */
  const appUser = useRef<string | undefined>(undefined);

  const { query } = useCustom<MobileCheck, ApiHttpError>({
    url: checkUrl,
    method: "get",
    queryOptions: { refetchOnWindowFocus: false },
    errorNotification: false,
  });
  const { mutate, mutation } = useCustomMutation<MobileCheck, ApiHttpError, CheckReport>();
  const report = useCallback(
    (action: "scan" | "face", values: CheckReport) =>
      mutate(
        { url: `${url}/${action}`, method: "post", values, errorNotification: false },
        { onSuccess: ({ data }) => setLatest(data) },
      ),
    [mutate, url],
  );

  // A separate mutation: a wrong ID number belongs on the sign-in form, not on the whole screen.
  const { mutate: mutateSignIn, mutation: signInMutation } = useCustomMutation<
    MobileCheck,
    ApiHttpError,
    CheckReport
  >();
  const [endingError, setEndingError] = useState<ApiHttpError | null>(null);
  const signIn = useCallback<MobileCheckState["signIn"]>(
    (idNumber, handlers) =>
      mutateSignIn(
        { url: `${url}/scan`, method: "post", values: { idNumber }, errorNotification: false },
        {
          onSuccess: ({ data }) => {
            scanReported.current = true;
            appUser.current = idNumber;
            setLatest(data);
            handlers.onSuccess();
          },
          onError: (error) => {
            if (error.code && CHECK_ENDING_CODES.has(error.code)) setEndingError(error);
            else handlers.onError(error);
          },
        },
      ),
    [mutateSignIn, url],
  );

  const firstRead = query.data?.data;
  const needsUser = firstRead?.purpose === "QR_LOGIN" && (latest ?? firstRead).status === "PENDING";
  useEffect(() => {
    if (firstRead?.status === "PENDING" && firstRead.purpose !== "QR_LOGIN" && !scanReported.current) {
      scanReported.current = true;
      report("scan", {});
    }
  }, [firstRead?.status, firstRead?.purpose, report]);

  const { reset } = mutation;
  const { refetch } = query;
  const retry = useCallback(() => {
    reset();
    setEndingError(null);
    void refetch();
  }, [reset, refetch]);
  const isLogin = firstRead?.purpose === "QR_LOGIN";
  const sendVerdict = useCallback(
    (passed: boolean) =>
      report("face", {
        passed,
        ...(isLogin
          ? { idNumber: appUser.current ?? localStorage.getItem(APP_USER_STORAGE_KEY) ?? undefined }
          : {}),
      }),
    [report, isLogin],
  );

  return {
    check: latest ?? firstRead,
    loading: query.isLoading,
    error: endingError ?? mutation.error ?? query.error,
    needsUser,
    signIn,
    signingIn: signInMutation.isPending,
    sendingVerdict: mutation.isPending ? mutation.variables?.values.passed : undefined,
    sendVerdict,
    retry,
  };
};
