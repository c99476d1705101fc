import { useCustom } from "@refinedev/core";
import type { ApiHttpError } from "../../api/http";
import type { MyBindingRequest, MyRequest } from "../../api/types";

/** While a request waits for the unit, its page asks again this often, so a decision shows without reload. */
export const MY_REQUESTS_POLL_MS = 3000;

export const MY_REQUESTS_URL = "me/requests";

const isBindingRequest = (request: MyRequest): request is MyBindingRequest =>
  request.type === "BINDING_REQUEST";

/**
 * R25: the signed-in person's requests, newest first, each with its history: binding requests and the
 * affiliation requests they made for a unit (R13). Polled while a binding request waits for its unit.
 */
export const useMyRequests = () => {
  const { query } = useCustom<MyRequest[], ApiHttpError>({
    url: MY_REQUESTS_URL,
    method: "get",
    queryOptions: {
      refetchInterval: ({ state }) =>
        state.data?.data.some((request) => isBindingRequest(request) && request.canWithdraw)
          ? MY_REQUESTS_POLL_MS
          : false,
    },
    errorNotification: false,
  });
  const requests = query.data?.data ?? [];
  const bindingRequests = requests.filter(isBindingRequest);
  return {
    requests,
    bindingRequests,
    /** The binding request still waiting for the unit (R16 allows one at a time). */
    open: bindingRequests.find(({ canWithdraw }) => canWithdraw),
    query,
  };
};
