import { useCustomMutation } from "@refinedev/core";
import { Alert, Button, Flex, Form, Input, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type { RegistrationStatus } from "../../api/types";
import { SendCodeButton, SMS_RESEND_SECONDS, SmsCodeInput } from "../../components/send-code-button";
import { useCooldown } from "../../hooks/use-cooldown";
import { showFieldError } from "../../utils/form-errors";
import { normalizeCode, smsCodeRules } from "../../utils/validators";

interface AccessValues {
  requestNumber: string;
  code: string;
}

const FIELDS = ["requestNumber", "code"] as const;
const REQUEST_NUMBER = /^[A-Z0-9]{6,40}$/;

interface AccessFormProps {
  initialRequestNumber?: string;
  /** The earlier 30-minute access ran out. */
  expired: boolean;
  onAccess: (status: RegistrationStatus) => void;
}

/** Request number → SMS code to the contact mobile → the status (the API never says whether a number exists). */
export const AccessForm = ({ initialRequestNumber, expired, onAccess }: AccessFormProps) => {
  const { t } = useTranslation();
  const [form] = Form.useForm<AccessValues>();
  const cooldown = useCooldown(SMS_RESEND_SECONDS);
  const [sentTo, setSentTo] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const { mutate: sendCode, mutation: sending } = useCustomMutation<
    Record<string, never>,
    ApiHttpError,
    { requestNumber: string }
  >();
  const { mutate: verify, mutation: verifying } = useCustomMutation<
    RegistrationStatus,
    ApiHttpError,
    AccessValues
  >();

  const onError = (error: ApiHttpError) => {
    if (!showFieldError(form, error, FIELDS)) setFormError(error.message);
  };

  const onSend = async () => {
    setFormError(undefined);
    let requestNumber: string;
    try {
      ({ requestNumber } = await form.validateFields(["requestNumber"]));
    } catch {
      return;
    }
    sendCode(
      {
        url: "registrations/access-code",
        method: "post",
        values: { requestNumber },
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: () => {
          setSentTo(requestNumber);
          cooldown.start();
        },
        onError,
      },
    );
  };

  const onFinish = (values: AccessValues) => {
    setFormError(undefined);
    verify(
      {
        url: "registrations/access",
        method: "post",
        values: { requestNumber: values.requestNumber, code: values.code.trim() },
        successNotification: false,
        errorNotification: false,
      },
      { onSuccess: ({ data }) => onAccess(data), onError },
    );
  };

  return (
    <Form<AccessValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={{ requestNumber: initialRequestNumber }}
      onFinish={onFinish}
    >
      {expired && (
        <Alert
          type="info"
          showIcon
          message={t("registrationStatus.access.expired")}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form.Item<AccessValues>
        name="requestNumber"
        label={t("registrationStatus.fields.requestNumber.label")}
        extra={t("registrationStatus.fields.requestNumber.extra")}
        normalize={normalizeCode}
        rules={[
          { required: true, message: t("registrationStatus.fields.requestNumber.required") },
          { pattern: REQUEST_NUMBER, message: t("registrationStatus.fields.requestNumber.invalid") },
        ]}
      >
        <Input
          placeholder={t("registrationStatus.fields.requestNumber.placeholder")}
          maxLength={40}
          autoComplete="off"
          data-testid="status-request-number"
        />
      </Form.Item>
      <Form.Item<AccessValues>
        label={t("registrationStatus.fields.code.label")}
        extra={sentTo ? t("registrationStatus.access.sent") : t("registrationStatus.access.hint")}
        required
      >
        <Space.Compact block>
          <Form.Item<AccessValues> name="code" noStyle rules={smsCodeRules(t)}>
            <SmsCodeInput data-testid="status-code" />
          </Form.Item>
          <SendCodeButton
            secondsLeft={cooldown.secondsLeft}
            sent={sentTo !== undefined}
            loading={sending.isPending}
            onClick={() => void onSend()}
            data-testid="status-send-code"
          />
        </Space.Compact>
      </Form.Item>
      {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 24 }} />}
      <Flex>
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={verifying.isPending}
          data-testid="status-submit"
        >
          {t("registrationStatus.access.submit")}
        </Button>
      </Flex>
    </Form>
  );
};
