import { useRegionText } from "../hooks/use-regions";

/**
 * A region with its prefecture, e.g. "毕节市 / 七星关区" (in English "Bijie City (毕节市) / Qixingguan
 * District (七星关区)"); found by code or by the API's Chinese name; that name (or the code) until the list loads.
 */
export const RegionName = ({ code, name }: { code?: string | null; name?: string | null }) => {
  const text = useRegionText();
  return <>{text(code, name)}</>;
};
