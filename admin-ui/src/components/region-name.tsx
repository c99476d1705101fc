import { useRegions } from "../hooks/use-regions";

/** A region with its prefecture, e.g. "毕节市 / 七星关区"; the API's name (or the code) until the list loads. */
export const RegionName = ({ code, name }: { code: string; name?: string | null }) => {
  const { byCode } = useRegions();
  const region = byCode.get(code);
  const parent = region?.level === "COUNTY" && region.parentCode ? byCode.get(region.parentCode) : undefined;
  if (!region) return <>{name ?? code}</>;
  return <>{parent ? `${parent.name} / ${region.name}` : region.name}</>;
};
