import { theme } from "antd";
import { useTranslation } from "react-i18next";
import { useEnvironment } from "../hooks/use-environment";

/**
 * R28: a development installation says so on every page, in a corner ribbon that lets clicks
 * through: its codes sit in an outbox and its face checks are simulated.
 */
export const EnvironmentRibbon = () => {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const environment = useEnvironment();
  if (environment?.appEnv !== "development") return null;
  return (
    <div
      data-testid="environment-ribbon"
      role="note"
      aria-label={t("environment.ribbonHint")}
      title={t("environment.ribbonHint")}
      style={{
        position: "fixed",
        bottom: 22,
        right: -46,
        width: 180,
        transform: "rotate(-45deg)",
        zIndex: token.zIndexPopupBase + 100,
        pointerEvents: "none",
        textAlign: "center",
        padding: "4px 0",
        background: token.colorError,
        color: token.colorTextLightSolid,
        fontWeight: 600,
        fontSize: token.fontSizeSM,
        letterSpacing: 1,
        boxShadow: token.boxShadowSecondary,
        opacity: 0.92,
      }}
    >
      {t("environment.development")}
    </div>
  );
};
