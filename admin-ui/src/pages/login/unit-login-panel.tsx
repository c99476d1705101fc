import { BankOutlined, LockOutlined, MobileOutlined } from "@ant-design/icons";
import {
  type RefineError,
  useCustomMutation,
  useGo,
  useInvalidateAuthStore,
  useLink,
  useLogin,
} from "@refinedev/core";
import { Alert, Button, Flex, Form, Input, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type { UnitLoginChallenge } from "../../api/types";
import { SendCodeButton, SMS_RESEND_SECONDS, SmsCodeInput } from "../../components/send-code-button";
import { UNIT_ACCOUNT_RECOVERY_PATH, UNIT_PASSWORD_RESET_PATH } from "../../config/paths";
import { useCooldown } from "../../hooks/use-cooldown";
import type { UnitLoginValues } from "../../providers/auth-provider";
import { showFieldError, useConsoleForm } from "../../utils/form-errors";
import { currentPasswordRules, smsCodeRules } from "../../utils/validators";

interface CredentialValues {
  account: string;
  password: string;
}

interface CodeValues {
  code: string;
}

const UnitLoginLinks = () => {
  const { t } = useTranslation();
  const Link = useLink();
  return (
    <Flex justify="space-between">
      <Link to={UNIT_ACCOUNT_RECOVERY_PATH}>{t("unitLogin.recoverAccount")}</Link>
      <Link to={UNIT_PASSWORD_RESET_PATH}>{t("unitLogin.resetPassword")}</Link>
    </Flex>
  );
};

/** Step 2: the code sent to the contact mobile, with a resend countdown. */
const CodeStep = ({
  challenge,
  resending,
  resendError,
  secondsLeft,
  onResend,
  onBack,
}: {
  challenge: UnitLoginChallenge;
  resending: boolean;
  resendError?: { readonly message: string };
  secondsLeft: number;
  onResend: () => void;
  onBack: () => void;
}) => {
  const { t } = useTranslation();
  const [form] = useConsoleForm<CodeValues>();
  const [formError, setFormError] = useState<{ readonly message: string }>();
  const go = useGo();
  const invalidateAuthStore = useInvalidateAuthStore();

  const showError = (error: Error | RefineError) => {
    if (!showFieldError(form, error as ApiHttpError, ["code"])) setFormError(error);
  };

  const { mutate: login, isPending } = useLogin<UnitLoginValues>({
    mutationOptions: {
      onSuccess: async ({ success, error, redirectTo }) => {
        if (!success) {
          if (error) showError(error);
          return;
        }
        go({ to: redirectTo ?? "/", type: "replace" });
        await invalidateAuthStore();
      },
    },
  });

  return (
    <Form<CodeValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={({ code }) => {
        setFormError(undefined);
        login({ challengeId: challenge.challengeId, code: code.trim() });
      }}
    >
      <Alert
        type="info"
        showIcon
        icon={<MobileOutlined />}
        style={{ marginBottom: 16 }}
        message={t("unitLogin.codeSent", {
          mobile: challenge.mobileMasked,
          minutes: Math.max(1, Math.round(challenge.expiresInSeconds / 60)),
        })}
      />
      <Form.Item<CodeValues> label={t("unitLogin.fields.code.label")} required>
        <Space.Compact block>
          <Form.Item<CodeValues> name="code" noStyle rules={smsCodeRules(t)}>
            <SmsCodeInput size="large" data-testid="unit-login-code" />
          </Form.Item>
          <SendCodeButton
            size="large"
            secondsLeft={secondsLeft}
            sent
            loading={resending}
            onClick={onResend}
            data-testid="unit-login-resend"
          />
        </Space.Compact>
      </Form.Item>
      {(formError ?? resendError) && (
        <Alert
          type="error"
          showIcon
          message={(formError ?? resendError)?.message}
          style={{ marginBottom: 24 }}
        />
      )}
      <Flex vertical gap="small">
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={isPending}
          data-testid="unit-login-submit"
        >
          {t("unitLogin.submit")}
        </Button>
        <Button type="link" onClick={onBack}>
          {t("unitLogin.back")}
        </Button>
      </Flex>
    </Form>
  );
};

/**
 * 单位登录 (R5): account (the USCC, or a legacy account name) and password, then a code sent to the
 * contact mobile. A unit login only maintains the unit profile and designates the first administrator (R6).
 */
export const UnitLoginPanel = () => {
  const { t } = useTranslation();
  const [form] = useConsoleForm<CredentialValues>();
  // Kept for "resend": the code step has no password field of its own.
  const [credentials, setCredentials] = useState<CredentialValues>();
  const [challenge, setChallenge] = useState<UnitLoginChallenge>();
  const [formError, setFormError] = useState<{ readonly message: string }>();
  const [resendError, setResendError] = useState<{ readonly message: string }>();
  const cooldown = useCooldown(SMS_RESEND_SECONDS);
  const { mutate, mutation } = useCustomMutation<UnitLoginChallenge, ApiHttpError, CredentialValues>();

  const requestCode = (values: CredentialValues, resend: boolean) => {
    setFormError(undefined);
    setResendError(undefined);
    mutate(
      {
        url: "auth/unit-login/code",
        method: "post",
        values: { account: values.account.trim(), password: values.password },
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: ({ data }) => {
          setCredentials(values);
          setChallenge(data);
          cooldown.start();
        },
        onError: (error) => {
          if (resend) setResendError(error);
          else if (!showFieldError(form, error, ["account", "password"])) setFormError(error);
        },
      },
    );
  };

  if (challenge && credentials) {
    return (
      <Flex vertical gap="middle">
        <CodeStep
          key={challenge.challengeId}
          challenge={challenge}
          resending={mutation.isPending}
          resendError={resendError}
          secondsLeft={cooldown.secondsLeft}
          onResend={() => requestCode(credentials, true)}
          onBack={() => setChallenge(undefined)}
        />
        <UnitLoginLinks />
      </Flex>
    );
  }

  return (
    <Flex vertical gap="middle">
      <Typography.Text type="secondary">{t("unitLogin.description")}</Typography.Text>
      <Form<CredentialValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={credentials}
        onFinish={(values) => requestCode(values, false)}
      >
        <Form.Item<CredentialValues>
          name="account"
          label={t("unitLogin.fields.account.label")}
          extra={t("unitLogin.fields.account.extra")}
          rules={[{ required: true, whitespace: true, message: t("unitLogin.fields.account.required") }]}
        >
          <Input
            prefix={<BankOutlined />}
            size="large"
            autoComplete="username"
            placeholder={t("unitLogin.fields.account.placeholder")}
            data-testid="unit-login-account"
          />
        </Form.Item>
        <Form.Item<CredentialValues>
          name="password"
          label={t("unitLogin.fields.password.label")}
          rules={currentPasswordRules(t)}
        >
          <Input.Password
            prefix={<LockOutlined />}
            size="large"
            autoComplete="current-password"
            placeholder={t("login.fields.password.placeholder")}
            data-testid="unit-login-password"
          />
        </Form.Item>
        {formError && (
          <Alert type="error" showIcon message={formError.message} style={{ marginBottom: 24 }} />
        )}
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={mutation.isPending}
          data-testid="unit-login-send-code"
        >
          {t("unitLogin.sendCode")}
        </Button>
      </Form>
      <UnitLoginLinks />
    </Flex>
  );
};
