import {
  CheckCircleOutlined,
  ExportOutlined,
  LoadingOutlined,
  QrcodeOutlined,
  ReloadOutlined,
} from "@ant-design/icons";
import { Alert, Button, Flex, QRCode, type QRCodeProps, Result, Typography } from "antd";
import type { ReactNode } from "react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { type ApiHttpError, isApiHttpError } from "../api/http";
import type { RealPersonCheckStatus } from "../api/types";
import { MOBILE_CHECK_PATH } from "../config/paths";
import { type StepUpState, useStepUp } from "../hooks/use-step-up";
import { formatCountdown } from "../utils/format";
import { ScanAdvice } from "./scan-advice";

const QR_SIZE = 200;

/** R12: the API refuses administrator and handler work in a password session with this code. */
export const isRealPersonSessionRequired = (error: unknown): error is ApiHttpError =>
  isApiHttpError(error) && error.code === "REAL_PERSON_SESSION_REQUIRED";

/** The QR code leads to this console's simulated mobile page (the offline dev adapter), not a real app. */
export const isSimulatedMobileUrl = (url: string): boolean => {
  try {
    return new URL(url, window.location.href).pathname.startsWith(`${MOBILE_CHECK_PATH}/`);
  } catch {
    return false;
  }
};

const qrStatus = (state: StepUpState): QRCodeProps["status"] => {
  if (state.starting || state.status === "PASSED") return "loading";
  switch (state.status) {
    case "SCANNED":
      return "scanned";
    case "FAILED":
    case "EXPIRED":
    case "CONSUMED":
      return "expired";
    default:
      return "active";
  }
};

const statusTextType: Partial<Record<RealPersonCheckStatus, "success" | "warning" | "danger">> = {
  SCANNED: "success",
  PASSED: "success",
  FAILED: "danger",
  EXPIRED: "warning",
  CONSUMED: "danger",
};

type ClosedStatus = "FAILED" | "EXPIRED" | "CONSUMED";

/** A check that can no longer raise this session; CONSUMED here means: by another session (success renders apart). */
const isClosed = (status: RealPersonCheckStatus): status is ClosedStatus =>
  status === "FAILED" || status === "EXPIRED" || status === "CONSUMED";

const StepUpStatus = ({ status }: { status: RealPersonCheckStatus }) => {
  const { t } = useTranslation();
  const icon =
    status === "PASSED" ? <LoadingOutlined /> : status === "SCANNED" ? <CheckCircleOutlined /> : null;
  return (
    <Typography.Text strong type={statusTextType[status]} data-testid="step-up-status" data-status={status}>
      {icon} {t(`stepUp.statuses.${status}`)}
    </Typography.Text>
  );
};

/** What to do now that the check cannot succeed any more (the status line above says why): a new QR code. */
const ClosedAlert = ({ state, status }: { state: StepUpState; status: ClosedStatus }) => {
  const { t } = useTranslation();
  return (
    <Alert
      type={status === "EXPIRED" ? "warning" : "error"}
      showIcon
      message={t(`stepUp.closedAdvice.${status}`)}
      action={
        <Button
          size="small"
          icon={<ReloadOutlined />}
          loading={state.starting}
          onClick={state.start}
          data-testid="step-up-regenerate"
        >
          {t("stepUp.regenerate")}
        </Button>
      }
    />
  );
};

/** Over a QR code that failed or was used elsewhere, antd's "expired" overlay would say the wrong thing. */
const overlayText = { FAILED: "stepUp.qrFailed", CONSUMED: "stepUp.qrUsed" } as const;

const StepUpQrCode = ({ state, qrUrl }: { state: StepUpState; qrUrl: string }) => {
  const { t } = useTranslation();
  const overlay =
    state.status === "FAILED" || state.status === "CONSUMED" ? overlayText[state.status] : undefined;
  const renderStatus: QRCodeProps["statusRender"] = (info) => (
    <Flex vertical align="center">
      <Typography.Text type="danger">{overlay && t(overlay)}</Typography.Text>
      <Button type="link" icon={<ReloadOutlined />} onClick={info.onRefresh}>
        {info.locale?.refresh}
      </Button>
    </Flex>
  );
  return (
    <Flex vertical align="center" gap="small">
      <div data-testid="step-up-qr" data-url={qrUrl}>
        <QRCode
          value={qrUrl}
          size={QR_SIZE}
          status={qrStatus(state)}
          onRefresh={state.start}
          statusRender={overlay && !state.starting ? renderStatus : undefined}
        />
      </div>
      {state.secondsLeft !== undefined && state.secondsLeft > 0 && (
        <Typography.Text type="secondary">
          {t("stepUp.expiresIn", { time: formatCountdown(state.secondsLeft) })}
        </Typography.Text>
      )}
    </Flex>
  );
};

const StepUpPanel = ({ state, onCancel }: { state: StepUpState; onCancel: () => void }) => {
  const { t } = useTranslation();
  const { current, status } = state;
  if (!current || !status) return null;
  return (
    <Flex gap="large" wrap align="flex-start">
      <StepUpQrCode state={state} qrUrl={current.qrUrl} />
      <Flex vertical gap="middle" style={{ flex: "1 1 320px", minWidth: 0 }}>
        <StepUpStatus status={status} />
        {isClosed(status) && <ClosedAlert state={state} status={status} />}
        {state.pollError && (
          <Alert
            type="warning"
            showIcon
            message={t("stepUp.pollFailed", { message: state.pollError.message })}
          />
        )}
        {state.startError && <Alert type="error" showIcon message={state.startError.message} />}
        <ScanAdvice />
        <Flex justify="space-between" align="center" wrap gap="small">
          {isSimulatedMobileUrl(current.qrUrl) ? (
            <Typography.Link
              href={current.qrUrl}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="step-up-simulate"
            >
              <ExportOutlined /> {t("stepUp.simulate")}
            </Typography.Link>
          ) : (
            <span />
          )}
          <Button onClick={onCancel}>{t("stepUp.cancel")}</Button>
        </Flex>
      </Flex>
    </Flex>
  );
};

const StepUpIntro = ({ state, explained }: { state: StepUpState; explained: boolean }) => {
  const { t } = useTranslation();
  return (
    <Flex vertical gap="middle" align="flex-start">
      {!explained && (
        <Typography.Paragraph style={{ margin: 0 }}>{t("stepUp.description")}</Typography.Paragraph>
      )}
      {state.startError && (
        <Alert
          type="error"
          showIcon
          message={t("stepUp.startFailed")}
          description={state.startError.message}
          style={{ alignSelf: "stretch" }}
        />
      )}
      <Button
        type="primary"
        icon={<QrcodeOutlined />}
        loading={state.starting}
        onClick={state.start}
        data-testid="step-up-start"
      >
        {t("stepUp.start")}
      </Button>
    </Flex>
  );
};

const StepUpSucceeded = ({ extra }: { extra?: ReactNode }) => {
  const { t } = useTranslation();
  return (
    <Result
      status="success"
      title={
        <span data-testid="step-up-status" data-status="CONSUMED">
          {t("stepUp.success.title")}
        </span>
      }
      subTitle={t("stepUp.success.description")}
      extra={extra}
      style={{ padding: "16px 0" }}
    />
  );
};

export interface RealPersonStepUpProps {
  /** Issue the QR code at once, e.g. in a dialog opened after REAL_PERSON_SESSION_REQUIRED. */
  autoStart?: boolean;
  /** Called once the session is REAL_PERSON; the signed-in account is being reloaded at that moment. */
  onSuccess?: () => void;
  /** Called after the user cancelled the QR code (it then simply expires on the server). */
  onCancel?: () => void;
  /** Shown under the success message, e.g. a button that retries the refused action. */
  successExtra?: ReactNode;
  /** The page around says why already (the real-person gate): the intro does not say it again. */
  explained?: boolean;
}

/**
 * R12: raises the current password session to REAL_PERSON with a QR code scanned by the 贵州人社 mini program
 * and a face check on the phone. Renders no card of its own, so it fits a card as well as a dialog.
 */
export const RealPersonStepUp = ({
  autoStart = false,
  onSuccess,
  onCancel,
  successExtra,
  explained = false,
}: RealPersonStepUpProps) => {
  const state = useStepUp(onSuccess);
  const autoStarted = useRef(false);
  const { start } = state;

  useEffect(() => {
    if (autoStart && !autoStarted.current) {
      autoStarted.current = true;
      start();
    }
  }, [autoStart, start]);

  if (state.succeeded) return <StepUpSucceeded extra={successExtra} />;
  if (!state.current) return <StepUpIntro state={state} explained={explained} />;
  return (
    <StepUpPanel
      state={state}
      onCancel={() => {
        state.reset();
        onCancel?.();
      }}
    />
  );
};
