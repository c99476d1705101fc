import { Select, type SelectProps } from "antd";
import { useTranslation } from "react-i18next";
import type { SelfRegisteringUnitType, UnitType } from "../api/types";

export const SELF_REGISTERING_UNIT_TYPES: SelfRegisteringUnitType[] = [
  "ENTERPRISE",
  "PUBLIC_INSTITUTION",
  "GOVERNMENT_AGENCY",
  "SOCIAL_ORGANIZATION",
];

export const UNIT_TYPES: UnitType[] = [...SELF_REGISTERING_UNIT_TYPES, "HR_DEPARTMENT"];

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
