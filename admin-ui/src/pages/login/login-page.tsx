import { useLink, useParsed } from "@refinedev/core";
import { Alert, Button, Card, Divider, Flex, Segmented, Tabs, Typography } from "antd";
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

interface PersonLoginProps {
  method: PersonLoginMethod;
  choose: (method: PersonLoginMethod) => void;
}

const PersonLogin = ({ method, choose }: PersonLoginProps) => {
  const { t } = useTranslation();
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

/**
 * R12 on the login page: administrators and handlers work only in a real-person session, so their way
 * in is 个人登录 → 扫码登录 (a password or unit login lets them in, then refuses their work). The button
 * opens that way.
 */
const StaffWayIn = ({ onChoose }: { onChoose: () => void }) => {
  const { t } = useTranslation();
  return (
    <Alert
      type="info"
      showIcon
      data-testid="login-staff-hint"
      message={t("login.staffHint.title")}
      description={t("login.staffHint.description")}
      action={
        <Button size="small" type="link" onClick={onChoose} data-testid="login-staff-qr">
          {t("login.staffHint.action")}
        </Button>
      }
      style={{ marginTop: 16 }}
    />
  );
};

export const LoginPage = () => {
  const { t } = useTranslation();
  const Link = useLink();
  // `?tab=unit` opens unit login, e.g. from registration's "already registered" message.
  const { params } = useParsed<{ tab?: string; method?: string }>();
  const [tab, setTab] = useState<LoginTab>(params?.tab === "unit" ? "unit" : "person");
  const [method, setMethod] = useState<PersonLoginMethod>(() => initialMethod(params?.method));
  const choose = (next: PersonLoginMethod) => {
    setMethod(next);
    localStorage.setItem(METHOD_STORAGE_KEY, next);
  };
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
        {(tab === "unit" || method !== "qr") && (
          <StaffWayIn
            onChoose={() => {
              setTab("person");
              choose("qr");
            }}
          />
        )}
        <Tabs
          centered
          activeKey={tab}
          onChange={(key) => setTab(key as LoginTab)}
          items={[
            {
              key: "person",
              label: t("login.tabs.person"),
              children: <PersonLogin method={method} choose={choose} />,
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
