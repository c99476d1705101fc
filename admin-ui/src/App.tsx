import { SafetyCertificateOutlined } from "@ant-design/icons";
import { RefineThemes, useNotificationProvider } from "@refinedev/antd";
import { Refine } from "@refinedev/core";
import routerProvider, { DocumentTitleHandler } from "@refinedev/react-router";
import { App as AntdApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { BrowserRouter } from "react-router";
import { EnvironmentRibbon } from "./components/environment-ribbon";
import { buildResources } from "./config/resources";
import { currentLocale, type Locale } from "./i18n";
import { accessControlProvider } from "./providers/access-control-provider";
import { authProvider } from "./providers/auth-provider";
import { dataProvider } from "./providers/data-provider";
import { useI18nProvider } from "./providers/i18n-provider";
import { queryClientConfig } from "./providers/query-client";
import { AppRoutes } from "./routes";

const antdLocales: Record<Locale, typeof zhCN> = { "zh-CN": zhCN, en: enUS };

/**
 * Drawers, dialogs and pop-ups open and close without motion for a person whose system asks for
 * reduced motion (WCAG 2.3.3). Read at load: antd re-mounts the whole tree when motion is turned off
 * later, which would lose what the person was typing.
 */
const THEME = {
  token: {
    ...RefineThemes.Blue.token,
    motion: !window.matchMedia("(prefers-reduced-motion: reduce)").matches,
  },
};

export const App = () => {
  const { t } = useTranslation();
  const i18nProvider = useI18nProvider();
  const resources = useMemo(() => buildResources(t), [t]);
  const platformName = t("app.platformName");
  const locale = currentLocale();

  return (
    <BrowserRouter>
      <ConfigProvider locale={antdLocales[locale]} theme={THEME}>
        <AntdApp>
          <Refine
            routerProvider={routerProvider}
            dataProvider={dataProvider}
            authProvider={authProvider}
            accessControlProvider={accessControlProvider}
            i18nProvider={i18nProvider}
            notificationProvider={useNotificationProvider}
            resources={resources}
            options={{
              syncWithLocation: true,
              disableTelemetry: true,
              title: { text: platformName, icon: <SafetyCertificateOutlined /> },
              reactQuery: { clientConfig: queryClientConfig },
            }}
          >
            <AppRoutes />
            <EnvironmentRibbon />
            {/* Keyed by locale: the handler itself re-runs only when the location changes. */}
            <DocumentTitleHandler
              key={locale}
              handler={({ resource }) =>
                resource?.meta?.label ? `${resource.meta.label} | ${platformName}` : platformName
              }
            />
          </Refine>
        </AntdApp>
      </ConfigProvider>
    </BrowserRouter>
  );
};
