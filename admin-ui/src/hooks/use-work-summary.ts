import { useGetIdentity } from "@refinedev/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { API_URL, type ApiHttpError, apiRequest } from "../api/http";
import type { Me, WorkQueue, WorkSummary } from "../api/types";
import { hasWork } from "../providers/roles";

const WORK_KEY = ["me", "work"] as const;
const REFRESH_MS = 30_000;

/**
 * 我的工作: the pending counts of the person's queues, shared by the menu's badges and the work page
 * (one query key), refreshed every 30 s. Keyed by person and session strength, so a step-up (R12)
 * or another login loads them again. Plain react-query rather than useCustom: the key must be known
 * to refresh it after a decision (useRefreshWorkAfterChanges).
 */
export const useWorkSummary = () => {
  const { data: me } = useGetIdentity<Me>();
  const enabled = Boolean(me && hasWork(me));
  const query = useQuery<WorkSummary, ApiHttpError>({
    queryKey: [...WORK_KEY, me?.person?.id, me?.strength],
    queryFn: async () => (await apiRequest<{ data: WorkSummary }>("GET", `${API_URL}/me/work`)).data,
    enabled,
    refetchInterval: REFRESH_MS,
  });
  return { ...query, enabled };
};

/** The queue's entry of the summary, if the person works it. */
export const workQueue = (summary: WorkSummary | undefined, queue: WorkQueue["queue"]) =>
  summary?.queues.find((entry) => entry.queue === queue);

/**
 * Counts change with every decision, claim or acceptance the person makes: every mutation of the
 * console goes through react-query, so one subscription refreshes the counts after any that succeeded,
 * without each page having to remember it. Mounted once, by the menu.
 */
export const useRefreshWorkAfterChanges = (): void => {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      queryClient.getMutationCache().subscribe((event) => {
        if (event.type === "updated" && event.action.type === "success") {
          void queryClient.invalidateQueries({ queryKey: WORK_KEY });
        }
      }),
    [queryClient],
  );
};
