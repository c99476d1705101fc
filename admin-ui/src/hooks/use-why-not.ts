import { useCustom } from "@refinedev/core";
import { useCallback, useMemo } from "react";
import type { ApiHttpError } from "../api/http";
import type { RefusalExplanation } from "../api/types";
import { type WhyNotText, whyNotOf } from "../components/why-not";
import { currentLocale } from "../i18n";

/**
 * What the API would answer if the signed-in person tried an action it refuses with one of `codes`
 * (`GET /api/explanations`): the console disables such a control and shows this on hover, so the
 * tooltip and the refusal say the same thing and name the same people. `unitId`: the unit the
 * action concerns. Nothing is asked while `codes` is empty.
 */
export const useWhyNot = (codes: string[], unitId?: string) => {
  const key = [...new Set(codes)].sort().join(",");
  const { query } = useCustom<RefusalExplanation[], ApiHttpError>({
    url: "explanations",
    method: "get",
    config: { query: { codes: key, ...(unitId ? { unitId } : {}) } },
    queryOptions: { enabled: key.length > 0, staleTime: 60_000 },
    errorNotification: false,
  });
  const explanations = useMemo(() => query.data?.data ?? [], [query.data]);
  /** The API's explanation of `code`, or undefined while loading or when it does not apply. */
  const whyNot = useCallback(
    (code: string): WhyNotText | undefined => {
      const found = explanations.find((e) => e.code === code);
      return found
        ? whyNotOf({ message: found.message[currentLocale()], details: found.details })
        : undefined;
    },
    [explanations],
  );
  return { whyNot, isLoading: query.isLoading };
};
