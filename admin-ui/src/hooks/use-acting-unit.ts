import { useGetIdentity } from "@refinedev/core";
import { useMemo, useSyncExternalStore } from "react";
import type { Me, RoleCode } from "../api/types";
import { isKnownRole, UNIT_STAFF_ROLES } from "../providers/roles";

const STORAGE_KEY = "console.actingUnit";
const UNIT_STAFF = UNIT_STAFF_ROLES;

/** A unit the signed-in person administers or handles, with the roles held there. */
export interface ActingUnitOption {
  id: string;
  name: string;
  roles: RoleCode[];
}

export interface ActingUnit {
  /** Every unit where the person is UNIT_ADMIN or TITLE_HANDLER, in the order /auth/me lists them. */
  units: ActingUnitOption[];
  /** The unit the portal pages act for; undefined while the identity loads or without such a unit. */
  unit?: ActingUnitOption;
  /** R18, R19: some actions are the administrator's alone. */
  isAdmin: boolean;
  me?: Me;
  isLoading: boolean;
  select: (unitId: string) => void;
}

const actingUnits = (me?: Me): ActingUnitOption[] => {
  const byUnit = new Map<string, ActingUnitOption>();
  for (const { role, unitId, unitName } of me?.roles ?? []) {
    if (!isKnownRole(role) || !UNIT_STAFF.includes(role)) continue;
    const option = byUnit.get(unitId) ?? { id: unitId, name: unitName, roles: [] };
    if (!option.roles.includes(role)) option.roles.push(role);
    byUnit.set(unitId, option);
  }
  return [...byUnit.values()];
};

// The chosen unit is shared by every component on the page (the picker and the list) and kept for the tab.
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const chosenUnitId = (): string | null => sessionStorage.getItem(STORAGE_KEY);
const choose = (unitId: string): void => {
  sessionStorage.setItem(STORAGE_KEY, unitId);
  for (const listener of listeners) listener();
};

/**
 * 统一门户子系统: the unit the administrator or handler acts for. Usually the person holds roles in one
 * unit; with several, the choice is kept for the browser tab so every portal page acts for the same unit.
 */
export const useActingUnit = (): ActingUnit => {
  const { data: me, isLoading } = useGetIdentity<Me>();
  const units = useMemo(() => actingUnits(me ?? undefined), [me]);
  const chosen = useSyncExternalStore(subscribe, chosenUnitId);
  const unit = units.find(({ id }) => id === chosen) ?? units[0];
  return {
    units,
    unit,
    isAdmin: unit?.roles.includes("UNIT_ADMIN") ?? false,
    me: me ?? undefined,
    isLoading,
    select: choose,
  };
};
