import { useCustomMutation } from "@refinedev/core";
import { Alert, Button, Flex, Form, Input, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { checkRequestNumber } from "../../../../domain/request-number";
import type { ApiHttpError } from "../../api/http";
import type { RegistrationStatus } from "../../api/types";
import { SendCodeButton, SMS_RESEND_SECONDS, SmsCodeInput } from "../../components/send-code-button";
import { useCooldown } from "../../hooks/use-cooldown";
import { showFieldError, useConsoleForm } from "../../utils/form-errors";
import { mobileRules, normalizeCode, smsCodeRules, toMobile } from "../../utils/validators";

interface AccessValues {
  requestNumber: string;
  contactMobile: string;
  code: string;
}

const FIELDS = ["requestNumber", "contactMobile", "code"] as const;

interface AccessFormProps {
  initialRequestNumber?: string;
  /** The earlier 30-minute access ran out. */
  expired: boolean;
  onAccess: (status: RegistrationStatus) => void;
}

/**
 * Request number and contact mobile → SMS code to that mobile → the status. A mistyped number is
 * refused on its field as it is typed (domain/request-number.ts, as the API checks it); a number and
 * mobile that do not belong together get one answer from the API, and the resend countdown starts
 * only once a code was sent (issue 13 item 4).
 */
export const AccessForm = ({ initialRequestNumber, expired, onAccess }: AccessFormProps) => {
  const { t } = useTranslation();
  const [form] = useConsoleForm<AccessValues>();
  const cooldown = useCooldown(SMS_RESEND_SECONDS);
  const [sentTo, setSentTo] = useState<string>();
  const [formError, setFormError] = useState<{ readonly message: string }>();
  const { mutate: sendCode, mutation: sending } = useCustomMutation<
    Record<string, never>,
    ApiHttpError,
    { requestNumber: string; contactMobile: string }
  >();
  const { mutate: verify, mutation: verifying } = useCustomMutation<
    RegistrationStatus,
    ApiHttpError,
    Pick<AccessValues, "requestNumber" | "code">
  >();

  const onError = (error: ApiHttpError) => {
    if (!showFieldError(form, error, FIELDS)) setFormError(error);
  };

  const onSend = async () => {
    setFormError(undefined);
    let requestNumber: string;
    let contactMobile: string;
    try {
      ({ requestNumber, contactMobile } = await form.validateFields(["requestNumber", "contactMobile"]));
    } catch {
      return;
    }
    sendCode(
      {
        url: "registrations/access-code",
        method: "post",
        values: { requestNumber, contactMobile: toMobile(contactMobile) },
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
          {
            validator: (_, value?: string) => {
              const problem = value ? checkRequestNumber(value, "DW") : null;
              return problem
                ? Promise.reject(new Error(t(`registrationStatus.fields.requestNumber.problems.${problem}`)))
                : Promise.resolve();
            },
          },
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
        name="contactMobile"
        label={t("registrationStatus.fields.contactMobile.inputLabel")}
        extra={t("registrationStatus.fields.contactMobile.extra")}
        rules={mobileRules(t)}
      >
        <Input inputMode="numeric" maxLength={20} autoComplete="tel" data-testid="status-contact-mobile" />
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
      {formError && <Alert type="error" showIcon message={formError.message} style={{ marginBottom: 24 }} />}
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
