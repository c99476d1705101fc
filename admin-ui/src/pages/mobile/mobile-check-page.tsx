import { Button, Result, Skeleton } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { isCheckTokenShape, normalizeCheckToken } from "../../../../domain/check-token";
import type { ApiHttpError } from "../../api/http";
import type { MobileCheck } from "../../api/types";
import { ScanAdvice } from "../../components/scan-advice";
import { useSecondsLeft } from "../../hooks/use-seconds-left";
import { AppUserSignIn } from "./app-user-sign-in";
import { type CheckOutcome, CheckResult } from "./check-result";
import { CheckSummary } from "./check-summary";
import { FaceCapture } from "./face-capture";
import { MobileFrame } from "./mobile-frame";
import { OutsideAppHelp } from "./outside-app-help";
import { useMobileCheck } from "./use-mobile-check";

/** 404: no such check; 400: a token the API cannot even read. Both mean the QR code is not one of ours. */
const outcomeOfError = (error: ApiHttpError): CheckOutcome | undefined => {
  if (error.statusCode === 404 || error.statusCode === 400) return "invalid";
  if (error.statusCode === 409) return "closed";
  return undefined;
};

const outcomeOfCheck = (check: MobileCheck, secondsLeft: number): CheckOutcome | undefined => {
  switch (check.status) {
    case "PASSED":
    case "CONSUMED":
      return "passed";
    case "FAILED":
      return "failed";
    case "EXPIRED":
      return "expired";
    default:
      return secondsLeft === 0 ? "expired" : undefined;
  }
};

const UnexpectedError = ({ error, onRetry }: { error: ApiHttpError; onRetry: () => void }) => {
  const { t } = useTranslation();
  return (
    <div data-testid="mobile-result" data-outcome="error">
      <Result
        status="error"
        title={t("mobileCheck.results.error.title")}
        subTitle={error.message}
        extra={<Button onClick={onRetry}>{t("mobileCheck.results.error.retry")}</Button>}
        style={{ padding: "16px 0" }}
      />
    </div>
  );
};

const MobileCheckFlow = ({ token }: { token: string }) => {
  const state = useMobileCheck(token);
  const { check, loading, error, sendingVerdict, sendVerdict, retry } = state;
  const [capturing, setCapturing] = useState(false);
  const open = check?.status === "PENDING" || check?.status === "SCANNED";
  const secondsLeft = useSecondsLeft(open ? check.expiresAt : undefined) ?? 0;

  if (error) {
    const outcome = outcomeOfError(error);
    if (!outcome) return <UnexpectedError error={error} onRetry={retry} />;
    return <CheckResult outcome={outcome} extra={outcome === "invalid" ? <ScanAdvice /> : undefined} />;
  }
  if (loading || !check) return <Skeleton active paragraph={{ rows: 6 }} />;
  const outcome = outcomeOfCheck(check, secondsLeft);
  if (outcome) return <CheckResult outcome={outcome} check={check} />;
  if (state.needsUser) return <AppUserSignIn state={state} />;
  if (capturing) {
    return (
      <FaceCapture
        sendingVerdict={sendingVerdict}
        onVerdict={sendVerdict}
        onBack={() => setCapturing(false)}
      />
    );
  }
  return <CheckSummary check={check} secondsLeft={secondsLeft} onStart={() => setCapturing(true)} />;
};

/**
 * The simulated 贵州人社 mini program at `/mobile/check/<token>`: the page a real-person QR code opens.
 * Public: the token in the code is the only credential. Text glued after the token is dropped
 * (domain/check-token.ts), as the API does.
 */
export const MobileCheckPage = () => {
  const { token: linked } = useParams<{ token: string }>();
  const token = linked === undefined ? undefined : normalizeCheckToken(linked);
  const navigate = useNavigate();
  useEffect(() => {
    if (token && linked !== token) void navigate(`/mobile/check/${token}`, { replace: true });
  }, [linked, token, navigate]);
  let screen = <OutsideAppHelp />;
  if (token && isCheckTokenShape(token)) screen = <MobileCheckFlow key={token} token={token} />;
  else if (linked) screen = <CheckResult outcome="invalid" extra={<ScanAdvice />} />;
  return <MobileFrame>{screen}</MobileFrame>;
};
