import { useGo } from "@refinedev/core";
import { Alert, Button, Flex, Result, Steps, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { SubmittedRegistration } from "../../api/types";
import { LOGIN_PATH, registrationStatusPath } from "../../config/paths";

const AUTOMATIC_STEPS = ["registry", "faceCheck", "done"] as const;

/** After submitting: the request number to keep, and what happens next (R2, R3). */
export const RegistrationResult = ({ submitted }: { submitted: SubmittedRegistration }) => {
  const { t } = useTranslation();
  const go = useGo();
  return (
    <Result
      status="success"
      title={t("registration.result.title")}
      subTitle={
        <Flex vertical align="center" gap={4}>
          <span>{t("registration.result.requestNumber")}</span>
          <Typography.Title level={3} copyable style={{ margin: 0 }} data-testid="reg-request-number">
            {submitted.requestNumber}
          </Typography.Title>
          <span>{t("registration.result.keep")}</span>
        </Flex>
      }
      extra={[
        <Button
          key="status"
          type="primary"
          data-testid="reg-status-link"
          onClick={() => go({ to: registrationStatusPath(submitted.requestNumber) })}
        >
          {t("registration.result.status")}
        </Button>,
        <Button key="login" onClick={() => go({ to: LOGIN_PATH })}>
          {t("registration.result.login")}
        </Button>,
      ]}
    >
      <Flex vertical gap="middle">
        <Typography.Text strong>{t("registration.result.nextTitle")}</Typography.Text>
        {submitted.usccCheckWarning ? (
          <Alert type="warning" showIcon message={t("registration.result.manualReviewNow")} />
        ) : (
          <Steps
            direction="vertical"
            size="small"
            current={0}
            items={AUTOMATIC_STEPS.map((step) => ({
              title: t(`registration.result.steps.${step}.title`),
              description: t(`registration.result.steps.${step}.description`),
            }))}
          />
        )}
        <Typography.Text type="secondary">{t("registration.result.manualReview")}</Typography.Text>
      </Flex>
    </Result>
  );
};
