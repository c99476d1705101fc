import { useKeys } from "@refinedev/core";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { forgetMe } from "../providers/session";

/**
 * Reloads the signed-in account after the session changed on the server (e.g. a step-up to REAL_PERSON):
 * drops the shared copy of Me, then refetches the identity, the permissions and every access-control answer.
 * Not Refine's `useInvalidateAuthStore`: refetching "check" makes <Authenticated> unmount the whole console.
 */
export const useRefreshSession = (): (() => Promise<void>) => {
  const queryClient = useQueryClient();
  const { keys } = useKeys();
  return useCallback(async () => {
    forgetMe();
    await Promise.all(
      [
        keys().auth().action("identity").get(),
        keys().auth().action("permissions").get(),
        keys().access().get(),
      ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );
  }, [queryClient, keys]);
};
