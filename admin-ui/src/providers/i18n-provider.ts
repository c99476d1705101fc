import type { I18nProvider } from "@refinedev/core";
import type { ParseKeys } from "i18next";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";

/**
 * Refine's translate over i18next. Rebuilt when the language changes so Refine's components re-render.
 * Refine asks for its own keys (e.g. "notifications.error") with an English default for missing ones.
 */
export const useI18nProvider = (): I18nProvider => {
  const { t, i18n } = useTranslation();
  return useMemo(
    () => ({
      translate: (key, options, defaultMessage) =>
        typeof options === "string"
          ? t(key as ParseKeys, { defaultValue: options })
          : t(key as ParseKeys, { ...options, defaultValue: defaultMessage }),
      changeLocale: (locale) => i18n.changeLanguage(locale),
      getLocale: () => i18n.language,
    }),
    [t, i18n],
  );
};
