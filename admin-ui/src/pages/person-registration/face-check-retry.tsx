import { ScanOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Form, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { API_URL, type ApiHttpError, apiRequest } from "../../api/http";
import type { PersonRegistration } from "../../api/types";
import { NewPasswordFields } from "../../components/new-password-fields";
import { useSecondsLeft } from "../../hooks/use-seconds-left";
import { formatCountdown } from "../../utils/format";

interface FaceCheckRetryProps {
  /** The registration whose face check failed or expired, with `retryUntil`. */
  registration: PersonRegistration;
  /** The new registration, awaiting its new face check. */
  onRetried: (registration: PersonRegistration) => void;
}

/**
 * R15 on the computer after a failed or expired face check (issue 13.6): while the mobile's SMS
 * verification is still valid, the registrant tries the face check again with a new QR code — no new
 * SMS code. The password is set again, with its confirmation: the browser never keeps it and the failed
 * registration no longer holds it.
 */
export const FaceCheckRetry = ({ registration, onRetried }: FaceCheckRetryProps) => {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string; passwordConfirm: string }>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiHttpError>();
  const secondsLeft = useSecondsLeft(registration.retryUntil ?? undefined);
  if (!registration.retryUntil) return null;
  if (secondsLeft === 0) {
    return <Alert type="info" showIcon message={t("personRegister.retryFaceCheck.expired")} />;
  }
  const retry = async ({ password }: { password: string }) => {
    setSending(true);
    setError(undefined);
    try {
      const { data } = await apiRequest<{ data: PersonRegistration }>(
        "POST",
        `${API_URL}/persons/registrations/${encodeURIComponent(registration.id)}/face-check-retry`,
        { body: { password } },
      );
      onRetried(data);
    } catch (failure) {
      const refusal = failure as ApiHttpError;
      if (refusal.field === "password") form.setFields([{ name: "password", errors: [refusal.message] }]);
      else setError(refusal);
    } finally {
      setSending(false);
    }
  };
  return (
    <Flex vertical gap="small" style={{ textAlign: "left", maxWidth: 420, margin: "0 auto" }}>
      <Typography.Text data-testid="person-registration-retry-hint">
        {t("personRegister.retryFaceCheck.hint", { time: formatCountdown(secondsLeft ?? 0) })}
      </Typography.Text>
      <Form form={form} layout="vertical" onFinish={retry} requiredMark={false}>
        {/* The account gets the password typed here (the failed registration keeps none), so it is
            set and confirmed like at registration: a typo must not become the account's password. */}
        <NewPasswordFields
          name="password"
          confirmName="passwordConfirm"
          label={t("personRegister.fields.password.label")}
          confirmLabel={t("personRegister.fields.passwordConfirm.label")}
          testIds={{
            password: "person-registration-retry-password",
            confirm: "person-registration-retry-confirm",
          }}
        />
        {error && <Alert type="error" showIcon message={error.message} style={{ marginBottom: 12 }} />}
        <Button
          type="primary"
          htmlType="submit"
          icon={<ScanOutlined />}
          loading={sending}
          data-testid="person-registration-retry"
        >
          {t("personRegister.retryFaceCheck.action")}
        </Button>
      </Form>
    </Flex>
  );
};
