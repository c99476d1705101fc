import { IdcardOutlined, MobileOutlined, UserOutlined } from "@ant-design/icons";
import { useCustomMutation } from "@refinedev/core";
import { Alert, Button, Form, Input, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PERSON_NAME_MAX } from "../../../../domain/person-name";
import type { ApiHttpError } from "../../api/http";
import type { PersonRegistration, PersonRegistrationSubmission, SmsCodeSent } from "../../api/types";
import { NewPasswordFields } from "../../components/new-password-fields";
import { SendCodeButton, SMS_RESEND_SECONDS, SmsCodeInput } from "../../components/send-code-button";
import { useCooldown } from "../../hooks/use-cooldown";
import { useFormDraft } from "../../hooks/use-form-draft";
import { showFieldError, useConsoleForm } from "../../utils/form-errors";
import { formatDateTime } from "../../utils/format";
import {
  characterLimit,
  idNumberRules,
  mobileRules,
  normalizeCode,
  personNameRules,
  smsCodeRules,
  toMobile,
} from "../../utils/validators";
import { LoginChoices } from "./login-choices";

export interface PersonRegistrationValues {
  name: string;
  idNumber: string;
  mobile: string;
  code: string;
  password: string;
  passwordConfirm: string;
}

/** The fields the API may name in an error; `codeId` belongs to the code the form sent. */
const API_FIELDS = ["name", "idNumber", "mobile", "code", "password"] as const;

/** localStorage key of the form's draft (issue 13 item 4): name, ID number and mobile, never the code or password. */
const PERSON_REGISTRATION_DRAFT_KEY = "zc.draft.person-registration";
const UNSTORED_FIELDS = ["code", "password", "passwordConfirm"] as const;

/** A code sent to this mobile (normalized), for the registration to name. */
interface SentCode extends SmsCodeSent {
  mobile: string;
}

interface PersonRegistrationFormProps {
  /** Values to start with, e.g. the identity of a registration that failed and is tried again. */
  initialValues?: Partial<PersonRegistrationValues>;
  /** The registration was opened; `identity` is what a retry starts with. */
  onRegistered: (
    registration: PersonRegistration,
    identity: Pick<PersonRegistrationValues, "name" | "idNumber" | "mobile">,
  ) => void;
}

/** Step 1 of 个人注册 (R15): name, ID number, the mobile proved by an SMS code, and the password. */
export const PersonRegistrationForm = ({ initialValues, onRegistered }: PersonRegistrationFormProps) => {
  const { t } = useTranslation();
  const [form] = useConsoleForm<PersonRegistrationValues>();
  const draft = useFormDraft(PERSON_REGISTRATION_DRAFT_KEY, form, { omit: UNSTORED_FIELDS });
  // A retry's identity comes first; else what was typed before a reload.
  const startValues = initialValues ?? draft.restored?.values;
  const showRestored = draft.notice && !initialValues && draft.restored !== undefined;
  const cooldown = useCooldown(SMS_RESEND_SECONDS);
  const [sent, setSent] = useState<SentCode>();
  const [formError, setFormError] = useState<{ readonly message: string }>();
  const [alreadyRegistered, setAlreadyRegistered] = useState<{ readonly message: string }>();
  const mobile = Form.useWatch("mobile", form);
  const { mutate: sendCode, mutation: sending } = useCustomMutation<
    SmsCodeSent,
    ApiHttpError,
    { mobile: string }
  >();
  const { mutate: register, mutation: registering } = useCustomMutation<
    PersonRegistration,
    ApiHttpError,
    PersonRegistrationSubmission
  >();

  // A code proves the mobile it was sent to: after the number changed, another code is needed.
  const sentToCurrentMobile = sent !== undefined && sent.mobile === toMobile(mobile ?? "");

  const onSend = async () => {
    setFormError(undefined);
    let values: Pick<PersonRegistrationValues, "mobile">;
    try {
      values = await form.validateFields(["mobile"]);
    } catch {
      return;
    }
    const normalized = toMobile(values.mobile);
    sendCode(
      {
        url: "persons/registration-codes",
        method: "post",
        values: { mobile: normalized },
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: ({ data }) => {
          setSent({ ...data, mobile: normalized });
          cooldown.start();
          form.setFields([{ name: "code", errors: [] }]);
        },
        onError: (error) => {
          if (showFieldError(form, error, ["mobile"])) return;
          // SMS_SEND_LIMIT and the like: next to the button that was pressed.
          form.setFields([{ name: "code", errors: [error.message] }]);
        },
      },
    );
  };

  const onFinish = (values: PersonRegistrationValues) => {
    setFormError(undefined);
    setAlreadyRegistered(undefined);
    const normalized = toMobile(values.mobile);
    if (!sent || sent.mobile !== normalized) {
      const key = sent ? "personRegister.code.mobileChanged" : "personRegister.code.notSent";
      form.setFields([{ name: "code", errors: [t(key)] }]);
      return;
    }
    register(
      {
        url: "persons/registrations",
        method: "post",
        values: {
          name: values.name.trim(),
          idNumber: values.idNumber,
          mobile: normalized,
          codeId: sent.codeId,
          code: values.code.trim(),
          password: values.password,
        },
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: ({ data }) => {
          draft.clear();
          onRegistered(data, { name: values.name.trim(), idNumber: values.idNumber, mobile: normalized });
        },
        onError: (error) => {
          if (error.code === "PERSON_ALREADY_REGISTERED") {
            setAlreadyRegistered(error);
            form.setFields([{ name: "idNumber", errors: [t("personRegister.alreadyRegistered.field")] }]);
            return;
          }
          if (!showFieldError(form, error, API_FIELDS)) setFormError(error);
        },
      },
    );
  };

  return (
    <Form<PersonRegistrationValues>
      form={form}
      layout="vertical"
      requiredMark="optional"
      scrollToFirstError
      initialValues={startValues}
      // "Already registered" was about the ID number entered then.
      onValuesChange={(changed: Partial<PersonRegistrationValues>) => {
        if ("idNumber" in changed) setAlreadyRegistered(undefined);
        draft.save(0);
      }}
      onFinish={onFinish}
    >
      {showRestored && draft.restored && (
        <Alert
          type="info"
          showIcon
          closable
          onClose={draft.dismissNotice}
          style={{ marginBottom: 24 }}
          data-testid="person-draft-restored"
          message={t("registration.draft.restored", { time: formatDateTime(draft.restored.savedAt) })}
          description={t("personRegister.draftNotKept")}
          action={
            <Button size="small" onClick={draft.discard} data-testid="person-draft-discard">
              {t("registration.draft.discard")}
            </Button>
          }
        />
      )}
      <Form.Item<PersonRegistrationValues>
        name="name"
        label={t("personRegister.fields.name.label")}
        rules={personNameRules(t)}
      >
        <Input
          prefix={<UserOutlined />}
          count={characterLimit(PERSON_NAME_MAX)}
          autoComplete="name"
          placeholder={t("personRegister.fields.name.placeholder")}
          data-testid="person-name"
        />
      </Form.Item>
      <Form.Item<PersonRegistrationValues>
        name="idNumber"
        label={t("personRegister.fields.idNumber.label")}
        extra={t("personRegister.fields.idNumber.extra")}
        normalize={normalizeCode}
        validateDebounce={300}
        rules={idNumberRules(t)}
      >
        <Input
          prefix={<IdcardOutlined />}
          maxLength={18}
          autoComplete="off"
          placeholder={t("personRegister.fields.idNumber.placeholder")}
          data-testid="person-id-number"
        />
      </Form.Item>
      <Form.Item<PersonRegistrationValues>
        name="mobile"
        label={t("personRegister.fields.mobile.label")}
        validateDebounce={300}
        rules={mobileRules(t)}
      >
        <Input
          prefix={<MobileOutlined />}
          maxLength={20}
          inputMode="tel"
          autoComplete="tel"
          placeholder={t("personRegister.fields.mobile.placeholder")}
          data-testid="person-mobile"
        />
      </Form.Item>
      <Form.Item<PersonRegistrationValues>
        label={t("personRegister.fields.code.label")}
        required
        extra={
          sentToCurrentMobile
            ? t("personRegister.code.sent", {
                mobile: sent.mobileMasked,
                minutes: Math.max(1, Math.round(sent.expiresInSeconds / 60)),
              })
            : t("personRegister.code.hint")
        }
      >
        <Space.Compact block>
          <Form.Item<PersonRegistrationValues> name="code" noStyle rules={smsCodeRules(t)}>
            <SmsCodeInput data-testid="person-code" />
          </Form.Item>
          <SendCodeButton
            // The wait applies to the number the last code went to; another number may get one at once.
            secondsLeft={sentToCurrentMobile ? cooldown.secondsLeft : 0}
            sent={sentToCurrentMobile}
            loading={sending.isPending}
            onClick={() => void onSend()}
            data-testid="person-send-code"
          />
        </Space.Compact>
      </Form.Item>
      <NewPasswordFields
        name="password"
        confirmName="passwordConfirm"
        label={t("personRegister.fields.password.label")}
        confirmLabel={t("personRegister.fields.passwordConfirm.label")}
        testIds={{ password: "person-password", confirm: "person-password-confirm" }}
      />
      {alreadyRegistered && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 24 }}
          message={alreadyRegistered.message}
          description={
            <div style={{ marginTop: 8 }}>
              <LoginChoices />
            </div>
          }
          data-testid="person-already-registered"
        />
      )}
      {formError && (
        <Alert
          type="error"
          showIcon
          message={formError.message}
          style={{ marginBottom: 24 }}
          data-testid="person-register-error"
        />
      )}
      <Button
        type="primary"
        htmlType="submit"
        size="large"
        block
        loading={registering.isPending}
        data-testid="person-register-submit"
      >
        {t("personRegister.submit")}
      </Button>
    </Form>
  );
};
