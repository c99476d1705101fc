import { Form, Input, Modal } from "antd";
import type { ReactNode } from "react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useConsoleForm } from "../../utils/form-errors";
import { characterLimit, lengthRule } from "../../utils/validators";

interface ReasonModalProps {
  open: boolean;
  title: ReactNode;
  /** What happens on OK, shown above the reason (e.g. a warning). */
  description?: ReactNode;
  label: string;
  placeholder?: string;
  required?: boolean;
  minLength?: number;
  maxLength: number;
  okText: string;
  danger?: boolean;
  loading?: boolean;
  /** Test ids: `<testId>-reason` on the text area, `<testId>-confirm` on OK. */
  testId: string;
  onSubmit: (reason: string | undefined) => void;
  onCancel: () => void;
}

interface ReasonValues {
  reason?: string;
}

/** Asks for the reason of a decision (reject, exit, disable) before it is sent; the reason goes to the history. */
export const ReasonModal = ({
  open,
  title,
  description,
  label,
  placeholder,
  required = false,
  minLength,
  maxLength,
  okText,
  danger = false,
  loading = false,
  testId,
  onSubmit,
  onCancel,
}: ReasonModalProps) => {
  const { t } = useTranslation();
  const [form] = useConsoleForm<ReasonValues>();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t("unitAccounts.cancel")}
      okButtonProps={{ danger, "data-testid": `${testId}-confirm` }}
      confirmLoading={loading}
      onOk={() => form.submit()}
      onCancel={onCancel}
    >
      {description}
      <Form<ReasonValues>
        form={form}
        layout="vertical"
        onFinish={({ reason }) => onSubmit(reason?.trim() || undefined)}
        style={{ marginTop: description ? 16 : 0 }}
      >
        <Form.Item
          name="reason"
          label={label}
          rules={[
            ...(required
              ? [{ required: true, whitespace: true, message: t("unitAccounts.reason.required") }]
              : []),
            // Characters (code points), with the API's sentence for the reason field.
            lengthRule("reason", { min: minLength, max: maxLength }),
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 6 }}
            count={{ ...characterLimit(maxLength), show: true }}
            placeholder={placeholder}
            data-testid={`${testId}-reason`}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};
