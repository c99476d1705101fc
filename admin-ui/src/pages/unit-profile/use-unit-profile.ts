import { useCustom } from "@refinedev/core";
import type { ApiHttpError } from "../../api/http";
import type { UnitProfile } from "../../api/types";

export const unitProfileUrl = (unitId: string): string => `units/${encodeURIComponent(unitId)}/profile`;

/** 单位基础信息管理 for administrators (R7, R20, R8): the facts with the name history and permissions. */
export const unitDetailUrl = (unitId: string): string => `units/${encodeURIComponent(unitId)}`;

/**
 * The unit's basic facts as the unit login may see and maintain them (R6); with `url` another view of
 * them, e.g. the administrator's unit page (`unitDetailUrl`).
 */
export const useUnitProfile = <P extends UnitProfile = UnitProfile>(
  unitId: string,
  url = unitProfileUrl(unitId),
) =>
  useCustom<P, ApiHttpError>({
    url,
    method: "get",
    errorNotification: false,
  }).query;
