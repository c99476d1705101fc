import { useCustom } from "@refinedev/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../api/http";
import type { CatalogueRole } from "../api/types";
import { isLocale } from "../i18n";

/**
 * The role catalogue (`GET /api/roles`): every subsystem's roles with their labels, who grants them
 * and what they require. The console reads the same rows as the API, so a new role needs no code here.
 */
export const useRoleCatalogue = () => {
  const { i18n } = useTranslation();
  const { query } = useCustom<CatalogueRole[], ApiHttpError>({
    url: "roles",
    method: "get",
    queryOptions: { staleTime: 5 * 60_000 },
    errorNotification: false,
  });
  const roles = useMemo(() => query.data?.data ?? [], [query.data]);
  const locale = isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : "zh-CN";
  const label = useMemo(() => {
    const byKey = new Map(roles.map((r) => [r.role, r]));
    /** The role's label in the current language; its code when the catalogue does not know it. */
    return (role: string): string => {
      const entry = byKey.get(role);
      if (!entry) return role;
      return locale === "en" ? entry.labelEn : entry.labelZh;
    };
  }, [roles, locale]);
  /** Roles whose holders grant some role: the ones that may use 账号角色管理. */
  const granterRoles = useMemo(() => [...new Set(roles.flatMap((r) => r.grantableBy))], [roles]);
  return { roles, label, granterRoles, query };
};
