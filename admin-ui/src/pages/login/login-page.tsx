import { useLink, useParsed } from "@refinedev/core";
import { Card, Divider, Flex, Segmented, Tabs, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PublicLayout } from "../../components/layout/public-layout";
import { REGISTER_PATHS, REGISTRATION_STATUS_PATH } from "../../config/paths";
import { PasswordLoginForm } from "./password-login-form";
import { QrLoginPanel } from "./qr-login-panel";
import { SessionEndAlert } from "./session-end-alert";
import { UnitLoginPanel } from "./unit-login-panel";

type PersonLoginMethod = "password" | "qr";

const METHOD_STORAGE_KEY = "login.personMethod";

const isPersonLoginMethod = (value: unknown): value is PersonLoginMethod =>
  value === "password" || value === "qr";

/**
 * `?method=qr` (or `password`) chooses, e.g. from registration's "already registered" message; otherwise the
 * method used last on this browser, so administrators who scan find the QR code first. Password by default.
 */
const initialMethod = (requested?: string): PersonLoginMethod => {
  if (isPersonLoginMethod(requested)) return requested;
  const stored = localStorage.getItem(METHOD_STORAGE_KEY);
  return isPersonLoginMethod(stored) ? stored : "password";
};

const PersonLogin = ({ requestedMethod }: { requestedMethod?: string }) => {
  const { t } = useTranslation();
  const [method, setMethod] = useState<PersonLoginMethod>(() => initialMethod(requestedMethod));
  const choose = (next: PersonLoginMethod) => {
    setMethod(next);
    localStorage.setItem(METHOD_STORAGE_KEY, next);
  };
  return (
    <Flex vertical gap="large">
      <Segmented<PersonLoginMethod>
        block
        value={method}
        onChange={choose}
        options={[
          {
            value: "password",
            label: <span data-testid="login-method-password">{t("login.tabs.password")}</span>,
          },
          { value: "qr", label: <span data-testid="login-method-qr">{t("login.tabs.qr")}</span> },
        ]}
      />
      {method === "password" ? <PasswordLoginForm /> : <QrLoginPanel />}
    </Flex>
  );
};

type LoginTab = "person" | "unit";

export const LoginPage = () => {
  const { t } = useTranslation();
  const Link = useLink();
  // `?tab=unit` opens unit login, e.g. from registration's "already registered" message.
  const { params } = useParsed<{ tab?: string; method?: string }>();
  const [tab, setTab] = useState<LoginTab>(params?.tab === "unit" ? "unit" : "person");
  return (
    <PublicLayout>
      <Card style={{ width: 440, maxWidth: "100%" }}>
        <Flex vertical align="center" gap={4}>
          <Typography.Title level={4} style={{ margin: 0, textAlign: "center" }}>
            {t("app.platformName")}
          </Typography.Title>
          <Typography.Text type="secondary">{t("login.subtitle")}</Typography.Text>
        </Flex>
        <SessionEndAlert />
        <Tabs
          centered
          activeKey={tab}
          onChange={(key) => setTab(key as LoginTab)}
          items={[
            {
              key: "person",
              label: t("login.tabs.person"),
              children: <PersonLogin requestedMethod={params?.method} />,
            },
            { key: "unit", label: t("login.tabs.unit"), children: <UnitLoginPanel /> },
          ]}
        />
        <Divider style={{ margin: "24px 0 16px" }} />
        <Flex justify="center" align="center" wrap gap="small">
          <Typography.Text type="secondary">{t("login.register.prompt")}</Typography.Text>
          <Link to={REGISTER_PATHS.unit}>{t("login.register.unit")}</Link>
          <Divider type="vertical" />
          <Link to={REGISTER_PATHS.person}>{t("login.register.person")}</Link>
        </Flex>
        <Flex justify="center" style={{ marginTop: 8 }}>
          <Link to={REGISTRATION_STATUS_PATH}>{t("login.registrationStatus")}</Link>
        </Flex>
      </Card>
    </PublicLayout>
  );
};
