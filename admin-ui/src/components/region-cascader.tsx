import { Cascader, type CascaderProps } from "antd";
import type { TFunction } from "i18next";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Region } from "../api/types";
import { useRegionLabel, useRegions } from "../hooks/use-regions";

interface RegionOption {
  value: string;
  label: string;
  children?: RegionOption[];
}

/** The province itself (provincial units), then prefecture → county; a prefecture may be picked on its own. */
const regionOptions = (
  regions: Region[],
  t: TFunction,
  label: (region: Region) => string,
  includeProvince: boolean,
): RegionOption[] => {
  const childrenOf = (code: string) =>
    regions
      .filter((region) => region.parentCode === code)
      .map((region) => ({ value: region.code, label: label(region) }));
  return regions.flatMap((region): RegionOption[] => {
    if (region.level === "PROVINCE" && includeProvince) {
      return [{ value: region.code, label: t("regions.provinceLevel", { name: label(region) }) }];
    }
    if (region.level === "PREFECTURE") {
      return [{ value: region.code, label: label(region), children: childrenOf(region.code) }];
    }
    return [];
  });
};

const pathOf = (byCode: Map<string, Region>, code?: string): string[] | undefined => {
  const region = code ? byCode.get(code) : undefined;
  if (!region) return undefined;
  return region.level === "COUNTY" && region.parentCode ? [region.parentCode, region.code] : [region.code];
};

type RegionCascaderProps = Omit<
  CascaderProps<RegionOption>,
  "value" | "onChange" | "options" | "multiple" | "loading"
> & {
  value?: string;
  onChange?: (regionCode?: string) => void;
  /** False where only prefectures and counties make sense (e.g. a new HR department). */
  includeProvince?: boolean;
};

const COLUMN_STYLE = { maxWidth: "calc(50vw - 12px)" };

/** Picks one region code (GB/T 2260) from the API's region list. */
export const RegionCascader = ({
  value,
  onChange,
  placeholder,
  includeProvince = true,
  ...props
}: RegionCascaderProps) => {
  const { t } = useTranslation();
  const { regions, byCode, isLoading, error } = useRegions();
  const label = useRegionLabel();
  const options = useMemo(
    () => regionOptions(regions, t, label, includeProvince),
    [regions, t, label, includeProvince],
  );
  return (
    <Cascader<RegionOption>
      {...props}
      options={options}
      loading={isLoading}
      status={error ? "error" : props.status}
      placeholder={error ? t("regions.loadFailed") : (placeholder ?? t("regions.placeholder"))}
      value={pathOf(byCode, value)}
      onChange={(path) => onChange?.(path?.at(-1))}
      changeOnSelect
      // The English labels carry both names ("Qianxinan Buyei and Miao Autonomous Prefecture (黔西南…)"):
      // unbounded, two columns were wider than a phone and the prefectures slid off screen. Each column
      // takes at most half the screen and its labels wrap.
      popupMenuColumnStyle={COLUMN_STYLE}
      optionRender={(option) => <span style={{ whiteSpace: "normal" }}>{option.label}</span>}
      showSearch={{
        // English labels carry the Chinese name too: either can be typed; pinyin without regard to case.
        filter: (input, path) =>
          path.some((option) => option.label.toLowerCase().includes(input.trim().toLowerCase())),
      }}
    />
  );
};
