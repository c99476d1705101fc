import { useCustomMutation, useGo } from "@refinedev/core";
import { Alert, Button, Form, Input, Result } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import { LOGIN_PATH } from "../../config/paths";
import { showFieldError, useConsoleForm } from "../../utils/form-errors";
import { characterLimit, idNumberRules, normalizeCode, trimmed } from "../../utils/validators";
import { PublicCard } from "./public-card";

interface RecoveryValues {
  usccOrName: string;
  legalRepIdNumber: string;
}

/**
 * 找回单位账号 (R22): the USCC or full unit name and the legal representative's ID number; if they match,
 * the account name goes to the registered contact mobile. The page never says whether they matched.
 */
export const UnitAccountRecoveryPage = () => {
  const { t } = useTranslation();
  const go = useGo();
  const [form] = useConsoleForm<RecoveryValues>();
  const [sent, setSent] = useState(false);
  const [formError, setFormError] = useState<{ readonly message: string }>();
  const { mutate, mutation } = useCustomMutation<Record<string, never>, ApiHttpError, RecoveryValues>();

  const onFinish = (values: RecoveryValues) => {
    setFormError(undefined);
    mutate(
      {
        url: "units/account-recovery",
        method: "post",
        values: { usccOrName: trimmed(values.usccOrName), legalRepIdNumber: values.legalRepIdNumber },
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: () => setSent(true),
        onError: (error) => {
          if (!showFieldError(form, error, ["usccOrName", "legalRepIdNumber"])) setFormError(error);
        },
      },
    );
  };

  return (
    <PublicCard
      title={t("unitAccount.recovery.title")}
      intro={t("unitAccount.recovery.intro")}
      finished={sent}
    >
      {sent ? (
        <Result
          status="success"
          title={t("unitAccount.recovery.sentTitle")}
          subTitle={t("unitAccount.recovery.sent")}
          extra={
            <Button type="primary" onClick={() => go({ to: `${LOGIN_PATH}?tab=unit` })}>
              {t("unitAccount.toUnitLogin")}
            </Button>
          }
          style={{ padding: 0 }}
        />
      ) : (
        <Form<RecoveryValues> form={form} layout="vertical" requiredMark={false} onFinish={onFinish}>
          <Form.Item<RecoveryValues>
            name="usccOrName"
            label={t("unitAccount.recovery.fields.usccOrName.label")}
            extra={t("unitAccount.recovery.fields.usccOrName.extra")}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t("unitAccount.recovery.fields.usccOrName.required"),
              },
            ]}
          >
            <Input count={characterLimit(100)} data-testid="recovery-uscc-or-name" />
          </Form.Item>
          <Form.Item<RecoveryValues>
            name="legalRepIdNumber"
            label={t("unitAccount.recovery.fields.legalRepIdNumber.label")}
            normalize={normalizeCode}
            validateDebounce={300}
            rules={idNumberRules(t)}
          >
            <Input maxLength={18} autoComplete="off" data-testid="recovery-legal-rep-id-number" />
          </Form.Item>
          {formError && (
            <Alert type="error" showIcon message={formError.message} style={{ marginBottom: 24 }} />
          )}
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={mutation.isPending}
            data-testid="recovery-submit"
          >
            {t("unitAccount.recovery.submit")}
          </Button>
        </Form>
      )}
    </PublicCard>
  );
};
