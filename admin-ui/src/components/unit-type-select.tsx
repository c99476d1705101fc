import { Select, type SelectProps } from "antd";
import { useTranslation } from "react-i18next";
import { SELF_REGISTERING_UNIT_TYPES, UNIT_TYPES } from "../../../domain/unit-types";
import type { UnitType } from "../api/types";

type UnitTypeSelectProps = Omit<SelectProps<UnitType>, "options"> & {
  /** R21: only lists and the provincial HR department deal with HR-department units. */
  includeHrDepartment?: boolean;
};

export const UnitTypeSelect = ({ includeHrDepartment = false, ...props }: UnitTypeSelectProps) => {
  const { t } = useTranslation();
  const types = includeHrDepartment ? UNIT_TYPES : SELF_REGISTERING_UNIT_TYPES;
  return (
    <Select<UnitType>
      {...props}
      options={types.map((type) => ({ value: type, label: t(`unitTypes.${type}`) }))}
    />
  );
};
