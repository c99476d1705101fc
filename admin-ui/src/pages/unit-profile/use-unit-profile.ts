import { useCustom } from "@refinedev/core";
import type { ApiHttpError } from "../../api/http";
import type { UnitProfile } from "../../api/types";

export const unitProfileUrl = (unitId: string): string => `units/${encodeURIComponent(unitId)}/profile`;

/** The unit's basic facts as the unit login may see and maintain them (R6). */
export const useUnitProfile = (unitId: string) =>
  useCustom<UnitProfile, ApiHttpError>({
    url: unitProfileUrl(unitId),
    method: "get",
    errorNotification: false,
  }).query;
