import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import { currentLocale, LOCALES } from "../i18n";

export const LocaleSwitch = () => {
  const { t, i18n } = useTranslation();
  return (
    <Segmented
      size="small"
      aria-label={t("locales.label")}
      data-testid="locale-switch"
      value={currentLocale()}
      options={LOCALES.map((locale) => ({ value: locale, label: t(`locales.${locale}`) }))}
      onChange={(locale) => i18n.changeLanguage(locale)}
    />
  );
};
