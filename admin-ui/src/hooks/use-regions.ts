import { useList } from "@refinedev/core";
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
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

/**
 * One region's name in the reader's language: the Chinese name, or in English the API's translation
 * with the Chinese name beside it, so it still matches the unit's documents: "Bijie City (毕节市)".
 */
export const useRegionLabel = (): ((region: Pick<Region, "name" | "nameEn">) => string) => {
  const { i18n } = useTranslation();
  const english = i18n.resolvedLanguage === "en";
  return useCallback(
    (region) => (english && region.nameEn ? `${region.nameEn} (${region.name})` : region.name),
    [english],
  );
};

/**
 * A region as text, with its prefecture for a county ("毕节市 / 七星关区"), in the reader's language; found
 * by code, or by the Chinese name an API answer carries; the name (or code) as given until the list loads.
 */
export const useRegionText = (): ((code?: string | null, name?: string | null) => string) => {
  const { regions, byCode } = useRegions();
  const label = useRegionLabel();
  const byName = useMemo(() => new Map(regions.map((region) => [region.name, region])), [regions]);
  return useCallback(
    (code, name) => {
      const region = (code ? byCode.get(code) : undefined) ?? (name ? byName.get(name) : undefined);
      if (!region) return name ?? code ?? "";
      const parent =
        region.level === "COUNTY" && region.parentCode ? byCode.get(region.parentCode) : undefined;
      return parent ? `${label(parent)} / ${label(region)}` : label(region);
    },
    [byCode, byName, label],
  );
};
