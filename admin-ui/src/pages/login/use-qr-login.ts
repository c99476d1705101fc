import { useCustomMutation, useGo, useInvalidateAuthStore, useLogin, useParsed } from "@refinedev/core";
import { useCallback, useEffect, useRef, useState } from "react";
import { API_URL, type ApiHttpError, apiRequest, isApiHttpError } from "../../api/http";
import type { QrChallenge, RealPersonCheckStatus } from "../../api/types";
import { useSecondsLeft } from "../../hooks/use-seconds-left";
import type { QrLoginValues } from "../../providers/auth-provider";
import { safeRedirect } from "./safe-redirect";

const CHALLENGES_URL = "auth/qr-challenges";
/** The fallback when the browser cannot follow the server-sent events. */
const POLL_MS = 1000;

/**
 * What the login page shows: the challenge's status, or
 * ISSUING (no QR code yet), ISSUE_FAILED, LOST (this browser no longer holds the challenge, e.g. another
 * tab issued a newer one) and LOGIN_FAILED (the phone confirmed, but the session was refused).
 */
export type QrLoginStatus = RealPersonCheckStatus | "ISSUING" | "ISSUE_FAILED" | "LOST" | "LOGIN_FAILED";

const isOpen = (status: RealPersonCheckStatus): boolean => status === "PENDING" || status === "SCANNED";

/** The API no longer knows the challenge for this browser: its cookie was replaced or has gone. */
const isLost = (error: unknown): boolean =>
  isApiHttpError(error) && (error.statusCode === 404 || error.code === "REAL_PERSON_CHECK_NOT_FOUND");

export interface QrLoginState {
  challenge?: QrChallenge;
  status: QrLoginStatus;
  /** Seconds until the QR code expires, while it may still be scanned. */
  secondsLeft?: number;
  /** Why the QR code could not be issued, or why the session was refused. */
  error?: ApiHttpError;
  /** The progress could not be read for a moment (it is being retried). */
  followError?: ApiHttpError;
  issuing: boolean;
  /** Issues a new QR code (and forgets the current one). */
  refresh: () => void;
}

/**
 * Follows one challenge: its server-sent `status` events, or (when the stream fails) a poll every second.
 * Stops once the challenge passed, failed or expired.
 */
const useFollowChallenge = (issued: QrChallenge | undefined) => {
  const [followed, setFollowed] = useState<QrChallenge>();
  const [followError, setFollowError] = useState<ApiHttpError>();
  const [lost, setLost] = useState(false);

  useEffect(() => {
    setFollowError(undefined);
    setLost(false);
    if (!issued || !isOpen(issued.status)) return;
    const url = `${API_URL}/${CHALLENGES_URL}/${encodeURIComponent(issued.challengeId)}`;
    let stopped = false;
    let source: EventSource | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const stop = () => {
      stopped = true;
      source?.close();
      clearTimeout(timer);
    };
    const update = (next: QrChallenge) => {
      if (stopped || next.challengeId !== issued.challengeId) return;
      setFollowed(next);
      setFollowError(undefined);
      if (!isOpen(next.status)) stop();
    };
    const poll = async () => {
      try {
        const { data } = await apiRequest<{ data: QrChallenge }>("GET", url);
        update(data);
      } catch (error) {
        if (stopped) return;
        if (isLost(error)) {
          setLost(true);
          stop();
          return;
        }
        setFollowError(error as ApiHttpError);
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };

    if (typeof EventSource === "function") {
      // Same origin: the challenge's cookie goes along.
      source = new EventSource(`${url}/events`);
      source.addEventListener("status", (event) => {
        try {
          update(JSON.parse((event as MessageEvent<string>).data) as QrChallenge);
        } catch {
          // A malformed event: the next one (or the poll) tells the status.
        }
      });
      // The stream failed or ended early (a proxy, a refused cookie): poll instead.
      source.onerror = () => {
        source?.close();
        source = undefined;
        if (!stopped) void poll();
      };
    } else {
      void poll();
    }
    return stop;
  }, [issued]);

  const current = followed?.challengeId === issued?.challengeId ? followed : issued;
  return { current, followError, lost };
};

/**
 * R12 QR login: issues a challenge bound to this browser, follows it while the phone scans and checks the
 * face, then exchanges it for a REAL_PERSON session through the auth provider and enters the console.
 */
export const useQrLogin = (): QrLoginState => {
  const [issued, setIssued] = useState<QrChallenge>();
  const [loginError, setLoginError] = useState<ApiHttpError>();
  const exchanged = useRef<string>(undefined);
  const go = useGo();
  const { params } = useParsed<{ to?: string }>();
  const invalidateAuthStore = useInvalidateAuthStore();

  const { mutate, mutation } = useCustomMutation<QrChallenge, ApiHttpError>();
  const refresh = useCallback(() => {
    setLoginError(undefined);
    mutate(
      {
        url: CHALLENGES_URL,
        method: "post",
        values: {},
        successNotification: false,
        errorNotification: false,
      },
      { onSuccess: ({ data }) => setIssued(data) },
    );
  }, [mutate]);

  // Issue the first QR code once the panel shows (once: StrictMode runs effects twice in development).
  const issuedOnce = useRef(false);
  useEffect(() => {
    if (issuedOnce.current) return;
    issuedOnce.current = true;
    refresh();
  }, [refresh]);

  const { current, followError, lost } = useFollowChallenge(issued);

  const { mutate: login } = useLogin<QrLoginValues>({
    mutationOptions: {
      // Replaces Refine's default handler, which only toasts: the refusal belongs next to the QR code.
      onSuccess: async ({ success, error, redirectTo }) => {
        if (!success) {
          setLoginError(error as ApiHttpError | undefined);
          return;
        }
        go({ to: safeRedirect(params?.to) ?? redirectTo ?? "/", type: "replace" });
        await invalidateAuthStore();
      },
    },
  });

  // The phone confirmed: exchange the challenge for the session, once.
  useEffect(() => {
    if (current?.status !== "PASSED" || exchanged.current === current.challengeId) return;
    exchanged.current = current.challengeId;
    login({ qrChallengeId: current.challengeId });
  }, [current, login]);

  const open = current !== undefined && isOpen(current.status);
  const secondsLeft = useSecondsLeft(open ? current.expiresAt : undefined);

  let status: QrLoginStatus;
  if (mutation.isPending) status = "ISSUING";
  else if (mutation.error) status = "ISSUE_FAILED";
  else if (!current) status = "ISSUING";
  // Refused because this browser no longer holds the challenge (another tab issued a newer one): lost.
  else if (lost || (loginError && isLost(loginError))) status = "LOST";
  else if (loginError) status = "LOGIN_FAILED";
  // The server notices the expiry a moment later; the page must not look scannable meanwhile.
  else if (open && secondsLeft === 0) status = "EXPIRED";
  else status = current.status;

  return {
    challenge: current,
    status,
    secondsLeft: open ? secondsLeft : undefined,
    error: mutation.error ?? loginError ?? undefined,
    followError: open ? followError : undefined,
    issuing: mutation.isPending,
    refresh,
  };
};
