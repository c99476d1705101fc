import { Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { checkPassword } from "../../../domain/password-policy";
import { PasswordPolicyMeter } from "./password-policy-meter";

interface NewPasswordFieldsProps {
  /** Form field of the password. */
  name: string;
  /** Form field of the repetition; it is not sent to the API. */
  confirmName: string;
  label: string;
  confirmLabel: string;
  testIds?: { password?: string; confirm?: string };
}

/** A new password under R15 with a live strength meter, and its confirmation. */
export const NewPasswordFields = ({
  name,
  confirmName,
  label,
  confirmLabel,
  testIds,
}: NewPasswordFieldsProps) => {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const password: string = Form.useWatch(name, form) ?? "";
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        extra={<PasswordPolicyMeter password={password} />}
        rules={[
          { required: true, message: t("validation.password.required") },
          () => ({
            validator: (_, value?: string) => {
              if (!value) return Promise.resolve();
              const { missing } = checkPassword(value);
              if (missing.length === 0) return Promise.resolve();
              // Typed with a full-width or Chinese input method: say so first (issue 13 item 3).
              const rest = missing.filter((r) => r !== "HALF_WIDTH");
              const list = rest.map((r) => t(`password.requirements.${r}`)).join(t("common.listSeparator"));
              const sentences = [
                ...(missing.includes("HALF_WIDTH") ? [t("validation.password.halfWidth")] : []),
                ...(rest.length > 0 ? [t("validation.password.missing", { list })] : []),
              ];
              return Promise.reject(new Error(sentences.join(t("common.sentenceSeparator"))));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid={testIds?.password} />
      </Form.Item>
      <Form.Item
        name={confirmName}
        label={confirmLabel}
        dependencies={[name]}
        rules={[
          { required: true, message: t("validation.password.confirmRequired") },
          ({ getFieldValue }) => ({
            validator: (_, value?: string) =>
              !value || value === getFieldValue(name)
                ? Promise.resolve()
                : Promise.reject(new Error(t("validation.password.mismatch"))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid={testIds?.confirm} />
      </Form.Item>
    </>
  );
};
