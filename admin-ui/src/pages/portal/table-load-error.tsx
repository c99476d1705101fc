import { Button, Result } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import { RealPersonRequired } from "../../components/real-person-required";
import { isRealPersonSessionRequired } from "../../components/real-person-step-up";
import { WhyNotInline } from "../../components/why-not";
import { useRefreshSession } from "../../hooks/use-refresh-session";

interface TableLoadErrorProps {
  error: ApiHttpError;
  onRetry: () => void;
}

/** A portal list the API refused: the step-up for REAL_PERSON_SESSION_REQUIRED (R12), else the message and a retry. */
export const TableLoadError = ({ error, onRetry }: TableLoadErrorProps) => {
  const { t } = useTranslation();
  const refreshSession = useRefreshSession();
  const realPerson = isRealPersonSessionRequired(error as unknown);
  // The identity said REAL_PERSON but the API disagrees: reload it so the header tells the truth.
  useEffect(() => {
    if (realPerson) void refreshSession();
  }, [realPerson, refreshSession]);
  if (realPerson) return <RealPersonRequired onRaised={onRetry} />;
  return (
    <Result
      status="error"
      title={t("unitAccounts.loadFailed")}
      subTitle={<WhyNotInline error={error} />}
      extra={<Button onClick={onRetry}>{t("unitAccounts.retry")}</Button>}
    />
  );
};
