import { useCustom } from "@refinedev/core";
import type { ApiHttpError } from "../../api/http";
import type { PersonRegistration, PersonRegistrationStatus, RealPersonCheckStatus } from "../../api/types";
import { useSecondsLeft } from "../../hooks/use-seconds-left";

const POLL_MS = 1000;

const isAwaiting = (registration?: PersonRegistration): boolean =>
  registration?.status === "AWAITING_REAL_PERSON_AUTH";

export interface PersonRegistrationProgress {
  registration: PersonRegistration;
  /** The registration's status; EXPIRED once the countdown ran out before the API noticed. */
  status: PersonRegistrationStatus;
  checkStatus: RealPersonCheckStatus;
  /** Seconds until the QR code expires, while the face check is awaited. */
  secondsLeft?: number;
  /** The progress could not be read for a moment (it is being retried). */
  pollError: ApiHttpError | null;
}

/** Follows a submitted registration every second while its face check is awaited. */
export const usePersonRegistration = (submitted: PersonRegistration): PersonRegistrationProgress => {
  const { query } = useCustom<PersonRegistration, ApiHttpError>({
    url: `persons/registrations/${encodeURIComponent(submitted.id)}`,
    method: "get",
    queryOptions: {
      queryKey: ["persons", "registrations", submitted.id],
      initialData: { data: submitted },
      // The answer to the submit is fresh; the next read is due in a second.
      initialDataUpdatedAt: Date.now(),
      staleTime: POLL_MS,
      refetchInterval: ({ state }) => (isAwaiting(state.data?.data) ? POLL_MS : false),
      refetchIntervalInBackground: true,
    },
    errorNotification: false,
  });
  const registration = query.data?.data ?? submitted;
  const awaiting = isAwaiting(registration);
  const secondsLeft = useSecondsLeft(awaiting ? registration.expiresAt : undefined);
  const lapsed = awaiting && secondsLeft === 0 && registration.checkStatus !== "PASSED";
  return {
    registration,
    status: lapsed ? "EXPIRED" : registration.status,
    checkStatus: lapsed ? "EXPIRED" : registration.checkStatus,
    secondsLeft: awaiting ? secondsLeft : undefined,
    pollError: awaiting ? query.error : null,
  };
};
