import { useCustomMutation, useGo } from "@refinedev/core";
import { Alert, Button, Flex, Form, Input, Result, Space, Steps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import { NewPasswordFields } from "../../components/new-password-fields";
import { SendCodeButton, SMS_RESEND_SECONDS, SmsCodeInput } from "../../components/send-code-button";
import { LOGIN_PATH } from "../../config/paths";
import { type Cooldown, useCooldown } from "../../hooks/use-cooldown";
import { showFieldError, useConsoleForm } from "../../utils/form-errors";
import { smsCodeRules, trimmed } from "../../utils/validators";
import { PublicCard } from "./public-card";

interface AccountValues {
  account: string;
}

interface ResetValues {
  code: string;
  newPassword: string;
  newPasswordConfirm: string;
}

const useResetCode = (cooldown: Cooldown) => {
  const { mutate, mutation } = useCustomMutation<{ challengeId: string }, ApiHttpError, AccountValues>();
  const request = (
    account: string,
    onSent: (challengeId: string) => void,
    onError: (e: ApiHttpError) => void,
  ) =>
    mutate(
      {
        url: "units/password-reset/code",
        method: "post",
        values: { account: trimmed(account) },
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: ({ data }) => {
          cooldown.start();
          onSent(data.challengeId);
        },
        onError,
      },
    );
  return { request, sending: mutation.isPending };
};

interface AccountStepProps {
  cooldown: Cooldown;
  onSent: (account: string, challengeId: string) => void;
}

const AccountStep = ({ cooldown, onSent }: AccountStepProps) => {
  const { t } = useTranslation();
  const [form] = useConsoleForm<AccountValues>();
  const [formError, setFormError] = useState<{ readonly message: string }>();
  const { request, sending } = useResetCode(cooldown);
  return (
    <Form<AccountValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={({ account }) => {
        setFormError(undefined);
        request(
          account,
          (challengeId) => onSent(account, challengeId),
          (error) => {
            if (!showFieldError(form, error, ["account"])) setFormError(error);
          },
        );
      }}
    >
      <Form.Item<AccountValues>
        name="account"
        label={t("unitLogin.fields.account.label")}
        extra={t("unitLogin.fields.account.extra")}
        rules={[{ required: true, whitespace: true, message: t("unitLogin.fields.account.required") }]}
      >
        <Input maxLength={64} autoComplete="username" data-testid="reset-account" />
      </Form.Item>
      {formError && <Alert type="error" showIcon message={formError.message} style={{ marginBottom: 24 }} />}
      <SendCodeButton
        type="primary"
        htmlType="submit"
        block
        secondsLeft={cooldown.secondsLeft}
        sent={false}
        loading={sending}
        data-testid="reset-send-code"
      />
    </Form>
  );
};

interface ResetStepProps {
  account: string;
  challengeId: string;
  cooldown: Cooldown;
  onDone: () => void;
}

const ResetStep = ({ account, challengeId, cooldown, onDone }: ResetStepProps) => {
  const { t } = useTranslation();
  const [form] = useConsoleForm<ResetValues>();
  const [formError, setFormError] = useState<{ readonly message: string }>();
  // A resent code replaces the challenge.
  const [challenge, setChallenge] = useState(challengeId);
  const { request, sending } = useResetCode(cooldown);
  const { mutate, mutation } = useCustomMutation<
    Record<string, never>,
    ApiHttpError,
    { challengeId: string; code: string; newPassword: string }
  >();
  const onError = (error: ApiHttpError) => {
    if (!showFieldError(form, error, ["code", "newPassword"])) setFormError(error);
  };

  const onFinish = ({ code, newPassword }: ResetValues) => {
    setFormError(undefined);
    mutate(
      {
        url: "units/password-reset",
        method: "post",
        values: { challengeId: challenge, code: code.trim(), newPassword },
        successNotification: false,
        errorNotification: false,
      },
      { onSuccess: onDone, onError },
    );
  };

  return (
    <Form<ResetValues> form={form} layout="vertical" requiredMark={false} onFinish={onFinish}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message={t("unitAccount.reset.sent", { account })}
      />
      <Form.Item<ResetValues> label={t("unitLogin.fields.code.label")} required>
        <Space.Compact block>
          <Form.Item<ResetValues> name="code" noStyle rules={smsCodeRules(t)}>
            <SmsCodeInput data-testid="reset-code" />
          </Form.Item>
          <SendCodeButton
            secondsLeft={cooldown.secondsLeft}
            sent
            loading={sending}
            onClick={() => request(account, setChallenge, onError)}
            data-testid="reset-resend"
          />
        </Space.Compact>
      </Form.Item>
      <NewPasswordFields
        name="newPassword"
        confirmName="newPasswordConfirm"
        label={t("unitAccount.reset.fields.newPassword.label")}
        confirmLabel={t("unitAccount.reset.fields.newPasswordConfirm.label")}
        testIds={{ password: "reset-new-password", confirm: "reset-new-password-confirm" }}
      />
      {formError && <Alert type="error" showIcon message={formError.message} style={{ marginBottom: 24 }} />}
      <Button type="primary" htmlType="submit" block loading={mutation.isPending} data-testid="reset-submit">
        {t("unitAccount.reset.submit")}
      </Button>
    </Form>
  );
};

/** 忘记密码 (R27): a code to the unit's contact mobile, then a new password under R15. */
export const UnitPasswordResetPage = () => {
  const { t } = useTranslation();
  const go = useGo();
  const [sent, setSent] = useState<{ account: string; challengeId: string }>();
  const [done, setDone] = useState(false);
  // Shared by both steps: going back to change the account does not skip the wait.
  const cooldown = useCooldown(SMS_RESEND_SECONDS);
  const step = done ? 2 : sent ? 1 : 0;
  return (
    <PublicCard title={t("unitAccount.reset.title")} intro={t("unitAccount.reset.intro")} finished={done}>
      <Steps
        size="small"
        current={step}
        status={done ? "finish" : "process"}
        items={[
          { title: t("unitAccount.reset.steps.account") },
          { title: t("unitAccount.reset.steps.password") },
          { title: t("unitAccount.reset.steps.done") },
        ]}
      />
      {done ? (
        <Result
          status="success"
          title={t("unitAccount.reset.doneTitle")}
          subTitle={t("unitAccount.reset.done")}
          extra={
            <Button
              type="primary"
              onClick={() => go({ to: `${LOGIN_PATH}?tab=unit` })}
              data-testid="reset-done-login"
            >
              {t("unitAccount.toUnitLogin")}
            </Button>
          }
          style={{ padding: 0 }}
        />
      ) : sent ? (
        <Flex vertical gap="small">
          <ResetStep
            account={sent.account}
            challengeId={sent.challengeId}
            cooldown={cooldown}
            onDone={() => setDone(true)}
          />
          <Button type="link" onClick={() => setSent(undefined)}>
            {t("unitAccount.reset.changeAccount")}
          </Button>
        </Flex>
      ) : (
        <AccountStep
          cooldown={cooldown}
          onSent={(account, challengeId) => setSent({ account, challengeId })}
        />
      )}
    </PublicCard>
  );
};
