// The kinds of unit (单位类型), one list for the API's schemas and the console's selects.

/** Every unit type; the database's UnitType enum holds the same values. */
export const UNIT_TYPES = [
  "ENTERPRISE",
  "PUBLIC_INSTITUTION",
  "GOVERNMENT_AGENCY",
  "SOCIAL_ORGANIZATION",
  "HR_DEPARTMENT",
] as const;

export type UnitType = (typeof UNIT_TYPES)[number];

/** R21: HR departments are created by the provincial HR department, never self-registered. */
export const SELF_REGISTERING_UNIT_TYPES = UNIT_TYPES.filter(
  (type): type is Exclude<UnitType, "HR_DEPARTMENT"> => type !== "HR_DEPARTMENT",
);
