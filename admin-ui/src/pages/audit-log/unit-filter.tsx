import { Select } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { API_URL, apiRequest } from "../../api/http";
import { useDebouncedValue } from "../../hooks/use-debounced-value";

interface UnitOption {
  id: string;
  name: string;
}

interface UnitFilterProps {
  value?: string;
  onChange: (unitId?: string) => void;
}

/** The units whose events the signed-in person may read, found by name as they type (R26 scope). */
export const UnitFilter = ({ value, onChange }: UnitFilterProps) => {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim(), 300);
  const [units, setUnits] = useState<UnitOption[]>([]);
  const [loading, setLoading] = useState(false);
  // The chosen unit stays labelled by name while other names are searched.
  const [chosen, setChosen] = useState<UnitOption>();

  useEffect(() => {
    let current = true;
    setLoading(true);
    const query = new URLSearchParams(q ? { q } : {});
    apiRequest<{ data: UnitOption[] }>("GET", `${API_URL}/audit-events/units`, { query })
      .then((body) => current && setUnits(body.data))
      .catch(() => current && setUnits([]))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [q]);

  const options = [...(chosen && !units.some((u) => u.id === chosen.id) ? [chosen] : []), ...units];
  return (
    <Select<string>
      allowClear
      showSearch
      filterOption={false}
      loading={loading}
      style={{ width: 240 }}
      placeholder={t("auditLog.filters.unit")}
      notFoundContent={null}
      value={value}
      onSearch={setSearch}
      onChange={(unitId) => {
        setChosen(units.find((u) => u.id === unitId));
        setSearch("");
        onChange(unitId);
      }}
      options={options.map((u) => ({ value: u.id, label: u.name }))}
      data-testid="audit-filter-unit"
    />
  );
};
