import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import localizedFormat from "dayjs/plugin/localizedFormat";
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import zhCN from "./zh-CN.json";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

const STORAGE_KEY = "console.locale";
const DAYJS_LOCALES: Record<Locale, string> = { "zh-CN": "zh-cn", en: "en" };

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

/** The active locale, narrowed to the ones the console ships. */
export const currentLocale = (): Locale =>
  isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LOCALE;

dayjs.extend(localizedFormat);

i18n.on("languageChanged", (language) => {
  const locale = isLocale(language) ? language : DEFAULT_LOCALE;
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
  dayjs.locale(DAYJS_LOCALES[locale]);
});

const storedLocale = localStorage.getItem(STORAGE_KEY);

await i18n.use(initReactI18next).init({
  resources: {
    "zh-CN": { translation: zhCN },
    // `satisfies` makes a key missing from en.json a type error.
    en: { translation: en satisfies typeof zhCN },
  },
  lng: isLocale(storedLocale) ? storedLocale : DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: LOCALES,
  initAsync: false,
  interpolation: { escapeValue: false },
});

export { i18n };
