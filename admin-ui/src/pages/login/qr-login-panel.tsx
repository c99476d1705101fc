import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  ExportOutlined,
  LoadingOutlined,
  ReloadOutlined,
  ScanOutlined,
} from "@ant-design/icons";
import {
  Alert,
  Button,
  Flex,
  QRCode,
  type QRCodeProps,
  Steps,
  type StepsProps,
  Typography,
  theme,
} from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { isSimulatedMobileUrl } from "../../components/real-person-step-up";
import { formatCountdown } from "../../utils/format";
import { type QrLoginState, type QrLoginStatus, useQrLogin } from "./use-qr-login";

const QR_SIZE = 180;
const STEPS = ["openApp", "scan", "faceCheck"] as const;

/** Statuses after which only a new QR code helps. */
type ClosedStatus = Extract<
  QrLoginStatus,
  "FAILED" | "EXPIRED" | "CONSUMED" | "LOST" | "LOGIN_FAILED" | "ISSUE_FAILED"
>;

const CLOSED = new Set<QrLoginStatus>([
  "FAILED",
  "EXPIRED",
  "CONSUMED",
  "LOST",
  "LOGIN_FAILED",
  "ISSUE_FAILED",
]);

const isClosed = (status: QrLoginStatus): status is ClosedStatus => CLOSED.has(status);

const qrStatus = (status: QrLoginStatus): QRCodeProps["status"] => {
  if (status === "ISSUING" || status === "PASSED") return "loading";
  if (status === "SCANNED") return "scanned";
  if (isClosed(status)) return "expired";
  return "active";
};

/** Where the manual's three steps stand: scanning done once SCANNED, all done once PASSED. */
const stepsProgress = (status: QrLoginStatus): Pick<StepsProps, "current" | "status"> => {
  switch (status) {
    case "SCANNED":
      return { current: 2, status: "process" };
    case "PASSED":
      return { current: 3, status: "finish" };
    case "FAILED":
      // Scanned, but the face check is still to do (with a new QR code); the status line says why.
      return { current: 2, status: "wait" };
    default:
      return { current: -1 };
  }
};

const statusTextType: Partial<Record<QrLoginStatus, "success" | "warning" | "danger">> = {
  SCANNED: "success",
  PASSED: "success",
  FAILED: "danger",
  EXPIRED: "warning",
  CONSUMED: "warning",
  LOST: "warning",
  LOGIN_FAILED: "danger",
  ISSUE_FAILED: "danger",
};

const statusIcon: Partial<Record<QrLoginStatus, ReactNode>> = {
  ISSUING: <LoadingOutlined />,
  PENDING: <ScanOutlined />,
  SCANNED: <CheckCircleOutlined />,
  PASSED: <LoadingOutlined />,
  FAILED: <CloseCircleOutlined />,
  LOGIN_FAILED: <CloseCircleOutlined />,
  ISSUE_FAILED: <CloseCircleOutlined />,
};

const QrStatusLine = ({ state }: { state: QrLoginState }) => {
  const { t } = useTranslation();
  const { status, challenge, error } = state;
  let text: string;
  if (status === "SCANNED") {
    text = challenge?.scannedByMasked
      ? t("qrLogin.statuses.SCANNED", { name: challenge.scannedByMasked })
      : t("qrLogin.statuses.SCANNED_UNKNOWN");
  } else if ((status === "LOGIN_FAILED" || status === "ISSUE_FAILED") && error) {
    text = error.message;
  } else {
    text = t(`qrLogin.statuses.${status}`);
  }
  return (
    <Typography.Text
      strong={status !== "PENDING"}
      type={statusTextType[status]}
      style={{ textAlign: "center" }}
      data-testid="qr-login-status"
      data-status={status}
    >
      {statusIcon[status]} {text}
    </Typography.Text>
  );
};

const QrLoginCode = ({ state }: { state: QrLoginState }) => {
  const { t } = useTranslation();
  const { status, challenge } = state;
  const closed = isClosed(status);
  // antd's own "expired" overlay would say "expired" over a failed check too.
  const renderClosed: QRCodeProps["statusRender"] = (info) => (
    <Flex vertical align="center" gap={4}>
      <Typography.Text type={status === "EXPIRED" ? undefined : "danger"}>
        {t(`qrLogin.overlay.${status as ClosedStatus}`)}
      </Typography.Text>
      <Button type="link" icon={<ReloadOutlined />} onClick={info.onRefresh}>
        {t("qrLogin.overlay.refresh")}
      </Button>
    </Flex>
  );
  return (
    <div data-testid="qr-login-code" data-url={challenge?.qrUrl} data-challenge-id={challenge?.challengeId}>
      <QRCode
        // A placeholder under the loading mask until the first QR code is issued.
        value={challenge?.qrUrl ?? "-"}
        size={QR_SIZE}
        status={qrStatus(status)}
        onRefresh={state.refresh}
        statusRender={closed && !state.issuing ? renderClosed : undefined}
      />
    </div>
  );
};

/**
 * 扫码登录 (R12): a QR code for the 贵州人社 mini program; the phone shows who is logging in where, checks the
 * face, and this page signs in with a real-person session. The manual's advice stays beside it.
 */
export const QrLoginPanel = () => {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const state = useQrLogin();
  const { status, challenge, secondsLeft, followError } = state;
  return (
    <Flex vertical gap="middle">
      <Flex vertical align="center" gap="small">
        <QrLoginCode state={state} />
        <QrStatusLine state={state} />
        <Flex align="center" gap="small" style={{ fontSize: token.fontSizeSM }}>
          {secondsLeft !== undefined && secondsLeft > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
              {t("qrLogin.expiresIn", { time: formatCountdown(secondsLeft) })}
            </Typography.Text>
          )}
          <Button
            type="link"
            size="small"
            icon={<ReloadOutlined />}
            loading={state.issuing}
            disabled={status === "PASSED"}
            onClick={state.refresh}
            data-testid="qr-login-refresh"
          >
            {t("qrLogin.refresh")}
          </Button>
        </Flex>
      </Flex>
      {followError && (
        <Alert
          type="warning"
          showIcon
          message={t("qrLogin.followFailed", { message: followError.message })}
        />
      )}
      <Steps
        direction="vertical"
        size="small"
        {...stepsProgress(status)}
        items={STEPS.map((step) => ({ title: t(`login.qr.steps.${step}`) }))}
      />
      <Alert type="warning" showIcon message={t("login.qr.wechatWarning")} />
      <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
        {t("login.qr.description")}
      </Typography.Text>
      {challenge &&
        (status === "PENDING" || status === "SCANNED") &&
        isSimulatedMobileUrl(challenge.qrUrl) && (
          <Typography.Link
            href={challenge.qrUrl}
            target="_blank"
            rel="noopener noreferrer"
            style={{ alignSelf: "center" }}
            data-testid="qr-login-simulate"
          >
            <ExportOutlined /> {t("qrLogin.simulate")}
          </Typography.Link>
        )}
    </Flex>
  );
};
