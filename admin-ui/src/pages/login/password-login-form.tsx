import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { type RefineError, useGo, useInvalidateAuthStore, useLogin, useParsed } from "@refinedev/core";
import { Alert, Button, Form, Input } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type { LoginValues } from "../../providers/auth-provider";
import { showFieldError, useConsoleForm } from "../../utils/form-errors";
import { currentPasswordRules, loginAccountRules } from "../../utils/validators";
import { safeRedirect } from "./safe-redirect";

const LOGIN_FIELDS = ["account", "password"] as const;

const isLoginField = (field: unknown): field is keyof LoginValues =>
  field === "account" || field === "password";

export const PasswordLoginForm = () => {
  const { t } = useTranslation();
  const [form] = useConsoleForm<LoginValues>();
  const [formError, setFormError] = useState<{ readonly message: string }>();
  const go = useGo();
  const { params } = useParsed<{ to?: string }>();
  const invalidateAuthStore = useInvalidateAuthStore();

  const showError = (error: Error | RefineError) => {
    // Through showFieldError, so the message on the field follows a language switch (issue 13.7).
    if (
      !(
        "field" in error &&
        isLoginField(error.field) &&
        showFieldError(form, error as ApiHttpError, LOGIN_FIELDS)
      )
    ) {
      setFormError(error);
    }
  };

  const { mutate: login, isPending } = useLogin<LoginValues>({
    mutationOptions: {
      // Replaces Refine's default handler, which only toasts: the API's message belongs on the form.
      onSuccess: async ({ success, error, redirectTo }) => {
        if (!success) {
          if (error) showError(error);
          return;
        }
        go({ to: safeRedirect(params?.to) ?? redirectTo ?? "/", type: "replace" });
        await invalidateAuthStore();
      },
    },
  });

  const onFinish = (values: LoginValues) => {
    setFormError(undefined);
    login(values);
  };

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={onFinish}>
      <Form.Item<LoginValues>
        name="account"
        label={t("login.fields.account.label")}
        normalize={(value: string) => value.trim()}
        rules={loginAccountRules(t)}
      >
        <Input
          prefix={<UserOutlined />}
          placeholder={t("login.fields.account.placeholder")}
          autoComplete="username"
          size="large"
          data-testid="login-account"
        />
      </Form.Item>
      <Form.Item<LoginValues>
        name="password"
        label={t("login.fields.password.label")}
        rules={currentPasswordRules(t)}
      >
        <Input.Password
          prefix={<LockOutlined />}
          placeholder={t("login.fields.password.placeholder")}
          autoComplete="current-password"
          size="large"
          data-testid="login-password"
        />
      </Form.Item>
      {formError && <Alert type="error" showIcon message={formError.message} style={{ marginBottom: 24 }} />}
      <Button
        type="primary"
        htmlType="submit"
        size="large"
        block
        loading={isPending}
        data-testid="login-submit"
      >
        {t("login.submit")}
      </Button>
    </Form>
  );
};
