import { useCustom } from "@refinedev/core";
import type { ApiHttpError } from "../../api/http";
import type { ContactMobileChange, ContactMobileChangeStatus } from "../../api/types";

/** How often the page asks whether the legal representative's face check is done. */
const POLL_MS = 2000;

/** Steps that move on by themselves within seconds or minutes; the page polls while the change is in one. */
const MOVING_STATUSES = new Set<ContactMobileChangeStatus>(["SUBMITTED", "AWAITING_REAL_PERSON_AUTH"]);

export const isClosedChange = (change: ContactMobileChange): boolean =>
  change.status === "APPROVED" || change.status === "REJECTED";

export const contactMobileChangeUrl = (unitId: string): string =>
  `units/${encodeURIComponent(unitId)}/contact-mobile-change`;

export interface ContactMobileChangeState {
  /** The unit's latest change; undefined when it never asked for one (the API answers 404). */
  change?: ContactMobileChange;
  loading: boolean;
  /** The latest change could not be read at all. */
  loadError: ApiHttpError | null;
  /** A poll failed while an earlier answer is still shown. */
  pollError: ApiHttpError | null;
  refreshing: boolean;
  refresh: () => void;
}

/**
 * R27: the unit's latest contact mobile change, polled every 2 s while it waits for the face check.
 * `enabled: false` for a viewer who cannot change the contact mobile (e.g. a superior's administrator).
 */
export const useContactMobileChange = (unitId: string, enabled = true): ContactMobileChangeState => {
  const { query } = useCustom<ContactMobileChange, ApiHttpError>({
    url: contactMobileChangeUrl(unitId),
    method: "get",
    errorNotification: false,
    queryOptions: {
      enabled,
      refetchInterval: ({ state }) =>
        state.data && MOVING_STATUSES.has(state.data.data.status) ? POLL_MS : false,
    },
  });
  const error = query.error?.statusCode === 404 ? null : query.error;
  const change = query.error?.statusCode === 404 ? undefined : query.data?.data;
  return {
    change,
    loading: query.isLoading,
    loadError: change ? null : error,
    pollError: change ? error : null,
    refreshing: query.isFetching,
    refresh: () => void query.refetch(),
  };
};
