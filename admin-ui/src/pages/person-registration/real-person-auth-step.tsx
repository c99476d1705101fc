import { CheckCircleOutlined, ExportOutlined, LoadingOutlined, ScanOutlined } from "@ant-design/icons";
import { Alert, Flex, QRCode, type QRCodeProps, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { RealPersonCheckStatus } from "../../api/types";
import { isSimulatedMobileUrl } from "../../components/real-person-step-up";
import { ScanAdvice } from "../../components/scan-advice";
import { formatCountdown } from "../../utils/format";
import type { PersonRegistrationProgress } from "./use-person-registration";

const QR_SIZE = 200;

const qrStatus = (checkStatus: RealPersonCheckStatus): QRCodeProps["status"] => {
  if (checkStatus === "SCANNED") return "scanned";
  if (checkStatus === "PASSED" || checkStatus === "CONSUMED") return "loading";
  if (checkStatus === "PENDING") return "active";
  return "expired";
};

const checkTextType = (checkStatus: RealPersonCheckStatus): "success" | "danger" | undefined => {
  if (checkStatus === "FAILED" || checkStatus === "EXPIRED") return "danger";
  return checkStatus === "PENDING" ? undefined : "success";
};

const statusIcon: Partial<Record<RealPersonCheckStatus, ReactNode>> = {
  PENDING: <ScanOutlined />,
  SCANNED: <CheckCircleOutlined />,
  PASSED: <LoadingOutlined />,
  CONSUMED: <LoadingOutlined />,
};

/**
 * Step 2 of 个人注册: the registrant scans this QR code with the 贵州人社 mini program and passes the face
 * check; the account is created then. Shown while the registration awaits it.
 */
export const RealPersonAuthStep = ({ progress }: { progress: PersonRegistrationProgress }) => {
  const { t } = useTranslation();
  const { registration, status, checkStatus, secondsLeft, pollError } = progress;
  const { qrUrl } = registration;
  return (
    <Flex gap="large" wrap align="flex-start" justify="center">
      <Flex vertical align="center" gap="small">
        <div data-testid="person-registration-qr" data-url={qrUrl}>
          <QRCode value={qrUrl} size={QR_SIZE} status={qrStatus(checkStatus)} />
        </div>
        {secondsLeft !== undefined && secondsLeft > 0 && (
          <Typography.Text type="secondary">
            {t("personRegister.auth.expiresIn", { time: formatCountdown(secondsLeft) })}
          </Typography.Text>
        )}
      </Flex>
      <Flex vertical gap="middle" style={{ flex: "1 1 300px", minWidth: 0 }}>
        <Typography.Paragraph style={{ margin: 0 }}>
          {t("personRegister.auth.description")}
        </Typography.Paragraph>
        <Typography.Text
          strong
          type={checkTextType(checkStatus)}
          data-testid="person-registration-status"
          data-status={status}
          data-check-status={checkStatus}
        >
          {statusIcon[checkStatus]} {t(`personRegister.auth.statuses.${checkStatus}`)}
        </Typography.Text>
        {pollError && (
          <Alert
            type="warning"
            showIcon
            message={t("personRegister.auth.pollFailed", { message: pollError.message })}
          />
        )}
        <ScanAdvice />
        {isSimulatedMobileUrl(qrUrl) && (
          <Typography.Link
            href={qrUrl}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="person-registration-simulate"
          >
            <ExportOutlined /> {t("personRegister.auth.simulate")}
          </Typography.Link>
        )}
      </Flex>
    </Flex>
  );
};
