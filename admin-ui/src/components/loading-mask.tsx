import { Spin } from "antd";
import { useTranslation } from "react-i18next";

/** The full-screen grey mask while the session or the environment loads, with its text (antd Spin tip). */
export const LoadingMask = () => {
  const { t } = useTranslation();
  return <Spin fullscreen tip={t("app.loading")} data-testid="loading-mask" />;
};
