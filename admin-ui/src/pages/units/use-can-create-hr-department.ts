import { useList } from "@refinedev/core";
import type { ApiHttpError } from "../../api/http";
import type { Me, UnitListItem } from "../../api/types";
import { isHrDepartmentAdmin } from "../../providers/roles";

/**
 * R21: only the provincial HR department (the HR department without a superior unit) creates HR-department
 * units. The session says whose administrator this is, the unit list whether that unit has a superior.
 */
export const useCanCreateHrDepartment = (me?: Me | null): boolean => {
  const unit = me?.unit;
  const candidate = me !== undefined && me !== null && isHrDepartmentAdmin(me);
  const { result } = useList<UnitListItem, ApiHttpError>({
    resource: "units",
    filters: [{ field: "q", operator: "eq", value: unit?.name }],
    pagination: { currentPage: 1, pageSize: 10 },
    queryOptions: { enabled: candidate },
    errorNotification: false,
  });
  return candidate && result.data.some((row) => row.id === unit?.id && row.parentUnit === null);
};
