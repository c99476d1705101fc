import { IdcardOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import { showFieldError, useConsoleForm } from "../../utils/form-errors";
import { idNumberRules, normalizeCode } from "../../utils/validators";
import { APP_USER_STORAGE_KEY, type MobileCheckState } from "./use-mobile-check";

interface SignInValues {
  idNumber: string;
}

const rememberedIdNumber = (): string | undefined => localStorage.getItem(APP_USER_STORAGE_KEY) ?? undefined;

/**
 * A QR login names the mini program's signed-in user. The real app knows its user; the simulation asks for
 * the person's ID number once and then only asks to confirm it.
 */
export const AppUserSignIn = ({ state }: { state: MobileCheckState }) => {
  const { t } = useTranslation();
  const [form] = useConsoleForm<SignInValues>();
  const [remembered] = useState(rememberedIdNumber);
  const [formError, setFormError] = useState<{ readonly message: string }>();
  const idNumber = Form.useWatch("idNumber", form);
  const confirming = remembered !== undefined && idNumber === remembered;

  const onFinish = ({ idNumber: value }: SignInValues) => {
    setFormError(undefined);
    state.signIn(value, {
      onSuccess: () => localStorage.setItem(APP_USER_STORAGE_KEY, value),
      onError: (error: ApiHttpError) => {
        if (!showFieldError(form, error, ["idNumber"])) setFormError(error);
      },
    });
  };

  return (
    <Flex vertical gap="middle">
      <Flex vertical gap={4}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          <UserOutlined /> {t("mobileApp.signIn.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("mobileApp.signIn.description")}</Typography.Text>
      </Flex>
      <Form<SignInValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ idNumber: remembered }}
        onFinish={onFinish}
      >
        <Form.Item<SignInValues>
          name="idNumber"
          label={t("mobileApp.signIn.idNumber.label")}
          extra={
            confirming ? t("mobileApp.signIn.idNumber.remembered") : t("mobileApp.signIn.idNumber.extra")
          }
          normalize={normalizeCode}
          validateDebounce={300}
          rules={idNumberRules(t)}
        >
          <Input
            prefix={<IdcardOutlined />}
            size="large"
            maxLength={18}
            autoComplete="off"
            placeholder={t("mobileApp.signIn.idNumber.placeholder")}
            data-testid="mobile-app-id-number"
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
          loading={state.signingIn}
          data-testid="mobile-app-sign-in"
        >
          {confirming ? t("mobileApp.signIn.confirm") : t("mobileApp.signIn.submit")}
        </Button>
      </Form>
    </Flex>
  );
};
