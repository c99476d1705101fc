import { useCustom } from "@refinedev/core";
import type { ApiHttpError } from "../../api/http";
import type { MyRequest } from "../../api/types";

/** While a request waits for the unit, its page asks again this often, so a decision shows without reload. */
export const MY_REQUESTS_POLL_MS = 3000;

export const MY_REQUESTS_URL = "me/requests";

/** R25: the signed-in person's requests, newest first, each with its history; polled while one is open. */
export const useMyRequests = () => {
  const { query } = useCustom<MyRequest[], ApiHttpError>({
    url: MY_REQUESTS_URL,
    method: "get",
    queryOptions: {
      refetchInterval: ({ state }) =>
        state.data?.data.some(({ canWithdraw }) => canWithdraw) ? MY_REQUESTS_POLL_MS : false,
    },
    errorNotification: false,
  });
  const requests = query.data?.data ?? [];
  return {
    requests,
    /** The request still waiting for the unit (R16 allows one at a time). */
    open: requests.find(({ canWithdraw }) => canWithdraw),
    query,
  };
};
