import { useCustomMutation } from "@refinedev/core";
import { Alert, App, Flex, Form, type FormInstance, Input, Modal, Radio, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type {
  ContactMobileChange,
  ContactMobileChangeMethod,
  ContactMobileChangeRequest,
  UnitProfile,
} from "../../api/types";
import { SendCodeButton, SMS_RESEND_SECONDS, SmsCodeInput } from "../../components/send-code-button";
import { useCooldown } from "../../hooks/use-cooldown";
import { showFieldError, useConsoleForm } from "../../utils/form-errors";
import { characterLimit, mobileRules, smsCodeRules, toMobile, trimmed } from "../../utils/validators";
import { contactMobileChangeUrl } from "./use-contact-mobile-change";

interface ChangeValues {
  newMobile: string;
  code: string;
  method: ContactMobileChangeMethod;
  explanation?: string;
}

const FIELDS = ["newMobile", "code", "method", "explanation"] as const;
const METHODS: ContactMobileChangeMethod[] = ["FACE_CHECK", "MANUAL_REVIEW"];
const EXPLANATION_MAX = 500;

/** The code went to this mobile; the change will be to it (the API takes the mobile from the challenge). */
interface SentCode {
  challengeId: string;
  mobile: string;
}

const MethodField = ({ faceCheckPossible }: { faceCheckPossible: boolean }) => {
  const { t } = useTranslation();
  return (
    <Form.Item<ChangeValues>
      name="method"
      label={t("unitProfile.contactMobileChange.modal.fields.method.label")}
      extra={
        faceCheckPossible
          ? undefined
          : t("unitProfile.contactMobileChange.modal.fields.method.faceUnavailable")
      }
    >
      <Radio.Group style={{ width: "100%" }}>
        <Flex vertical gap="small">
          {METHODS.map((method) => (
            <Radio
              key={method}
              value={method}
              disabled={method === "FACE_CHECK" && !faceCheckPossible}
              data-testid={
                method === "FACE_CHECK" ? "contact-mobile-method-face" : "contact-mobile-method-review"
              }
            >
              <Flex vertical>
                <span>{t(`unitProfile.contactMobileChange.modal.methods.${method}.label`)}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`unitProfile.contactMobileChange.modal.methods.${method}.description`)}
                </Typography.Text>
              </Flex>
            </Radio>
          ))}
        </Flex>
      </Radio.Group>
    </Form.Item>
  );
};

interface CodeFieldProps {
  /** The code that went out, if it went to the mobile now entered. */
  sent?: SentCode;
  /** A code went out, but to a mobile since edited. */
  stale: boolean;
  /** Seconds before another code may go to the mobile now entered. */
  secondsLeft: number;
  sending: boolean;
  onSend: () => void;
}

const CodeField = ({ sent, stale, secondsLeft, sending, onSend }: CodeFieldProps) => {
  const { t } = useTranslation();
  const extra = sent
    ? t("unitProfile.contactMobileChange.modal.fields.code.sent", { mobile: sent.mobile })
    : stale
      ? t("unitProfile.contactMobileChange.modal.fields.code.mobileChanged")
      : t("unitProfile.contactMobileChange.modal.fields.code.hint", { button: t("smsCode.send") });
  return (
    <Form.Item<ChangeValues>
      label={t("unitProfile.contactMobileChange.modal.fields.code.label")}
      extra={extra}
      required
    >
      <Space.Compact block>
        <Form.Item<ChangeValues> name="code" noStyle rules={smsCodeRules(t)}>
          <SmsCodeInput data-testid="contact-mobile-code" />
        </Form.Item>
        <SendCodeButton
          secondsLeft={secondsLeft}
          sent={sent !== undefined}
          loading={sending}
          onClick={onSend}
          data-testid="contact-mobile-send-code"
        />
      </Space.Compact>
    </Form.Item>
  );
};

/** Required, and only asked for, when a reviewer decides: they need to know why no face check is possible. */
const ExplanationField = ({ form }: { form: FormInstance<ChangeValues> }) => {
  const { t } = useTranslation();
  const method = Form.useWatch("method", form);
  if (method !== "MANUAL_REVIEW") return null;
  return (
    <Form.Item<ChangeValues>
      name="explanation"
      label={t("unitProfile.contactMobileChange.modal.fields.explanation.label")}
      rules={[
        {
          required: true,
          whitespace: true,
          message: t("unitProfile.contactMobileChange.modal.fields.explanation.required"),
        },
      ]}
    >
      <Input.TextArea
        count={{ ...characterLimit(EXPLANATION_MAX), show: true }}
        autoSize={{ minRows: 3, maxRows: 6 }}
        placeholder={t("unitProfile.contactMobileChange.modal.fields.explanation.placeholder")}
        data-testid="contact-mobile-explanation"
      />
    </Form.Item>
  );
};

interface ContactMobileChangeModalProps {
  profile: UnitProfile;
  open: boolean;
  onClose: () => void;
  onSubmitted: (change: ContactMobileChange) => void;
  /** The unit has a change in progress after all (another session started it): read it again. */
  onStale: () => void;
}

/**
 * 变更联系人手机 (R27): the new mobile proves itself with a code, then the legal representative confirms by
 * face check, or a reviewer decides. What was typed survives closing the dialog, until a change is submitted.
 */
export const ContactMobileChangeModal = ({
  profile,
  open,
  onClose,
  onSubmitted,
  onStale,
}: ContactMobileChangeModalProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = useConsoleForm<ChangeValues>();
  const cooldown = useCooldown(SMS_RESEND_SECONDS);
  const [lastSent, setLastSent] = useState<SentCode>();
  // The code (and its resend wait) belongs to the mobile it went to; another mobile needs its own code.
  const newMobile = Form.useWatch("newMobile", form);
  const sameMobile = lastSent !== undefined && toMobile(trimmed(newMobile)) === lastSent.mobile;
  const sent = sameMobile ? lastSent : undefined;
  const [formError, setFormError] = useState<{ readonly message: string }>();
  const url = contactMobileChangeUrl(profile.id);
  const faceCheckPossible = profile.legalRepName !== null;
  const { mutate: sendCode, mutation: sending } = useCustomMutation<
    { challengeId: string },
    ApiHttpError,
    { newMobile: string }
  >();
  const { mutate: submit, mutation: submitting } = useCustomMutation<
    ContactMobileChange,
    ApiHttpError,
    ContactMobileChangeRequest
  >();

  const onError = (error: ApiHttpError) => {
    if (!showFieldError(form, error, FIELDS)) setFormError(error);
  };

  const onSend = async () => {
    setFormError(undefined);
    let entered: string;
    try {
      ({ newMobile: entered } = await form.validateFields(["newMobile"]));
    } catch {
      return;
    }
    const mobile = toMobile(entered.trim());
    sendCode(
      {
        url: `${url}/code`,
        method: "post",
        values: { newMobile: mobile },
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: ({ data }) => {
          setLastSent({ challengeId: data.challengeId, mobile });
          cooldown.start();
        },
        onError,
      },
    );
  };

  const onFinish = (values: ChangeValues) => {
    setFormError(undefined);
    if (!sent) {
      form.setFields([
        { name: "code", errors: [t("unitProfile.contactMobileChange.modal.fields.code.sendFirst")] },
      ]);
      return;
    }
    submit(
      {
        url,
        method: "post",
        values: {
          challengeId: sent.challengeId,
          code: values.code.trim(),
          method: values.method,
          ...(values.method === "MANUAL_REVIEW" ? { explanation: trimmed(values.explanation) } : {}),
        },
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: ({ data }) => {
          void message.success(t("unitProfile.contactMobileChange.modal.submitted"));
          form.resetFields();
          setLastSent(undefined);
          onSubmitted(data);
        },
        onError: (error) => {
          onError(error);
          if (error.code === "CONTACT_MOBILE_CHANGE_IN_PROGRESS") onStale();
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t("unitProfile.contactMobileChange.modal.title")}
      okText={t("unitProfile.contactMobileChange.modal.submit")}
      cancelText={t("unitProfile.contactMobileChange.modal.cancel")}
      confirmLoading={submitting.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "contact-mobile-submit" }}
      width={600}
    >
      <Typography.Paragraph type="secondary">
        {t("unitProfile.contactMobileChange.modal.intro")}
      </Typography.Paragraph>
      <Form<ChangeValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ method: faceCheckPossible ? "FACE_CHECK" : "MANUAL_REVIEW" }}
        onFinish={onFinish}
      >
        <Form.Item<ChangeValues>
          name="newMobile"
          label={t("unitProfile.contactMobileChange.modal.fields.newMobile.label")}
          validateDebounce={300}
          rules={mobileRules(t)}
        >
          <Input maxLength={20} inputMode="tel" autoComplete="tel" data-testid="contact-mobile-new" />
        </Form.Item>
        <CodeField
          sent={sent}
          stale={lastSent !== undefined && !sameMobile}
          secondsLeft={sameMobile ? cooldown.secondsLeft : 0}
          sending={sending.isPending}
          onSend={() => void onSend()}
        />
        <MethodField faceCheckPossible={faceCheckPossible} />
        <ExplanationField form={form} />
        <Alert
          type="info"
          showIcon
          message={t("unitProfile.contactMobileChange.modal.notice", { mobile: profile.contactMobileMasked })}
        />
        {formError && (
          <Alert
            type="error"
            showIcon
            message={formError.message}
            style={{ marginTop: 16 }}
            data-testid="contact-mobile-error"
          />
        )}
      </Form>
    </Modal>
  );
};
