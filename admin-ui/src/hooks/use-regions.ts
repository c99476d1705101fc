import { useList } from "@refinedev/core";
import { useMemo } from "react";
import type { ApiHttpError } from "../api/http";
import type { Region } from "../api/types";

export interface RegionsState {
  regions: Region[];
  byCode: Map<string, Region>;
  isLoading: boolean;
  error: ApiHttpError | null;
}

/** Guizhou's regions (about a hundred rows, parents first); they change once a year at most. */
export const useRegions = (): RegionsState => {
  const { result, query } = useList<Region, ApiHttpError>({
    resource: "regions",
    pagination: { mode: "off" },
    queryOptions: { staleTime: Number.POSITIVE_INFINITY },
    errorNotification: false,
  });
  const regions = result.data;
  const byCode = useMemo(() => new Map(regions.map((region) => [region.code, region])), [regions]);
  return { regions, byCode, isLoading: query.isLoading, error: query.error };
};
