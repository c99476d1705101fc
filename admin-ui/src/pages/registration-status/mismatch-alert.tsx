import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import type { RegistrationStatus } from "../../api/types";
import { comparedFieldList } from "../../components/request-history-timeline";

/**
 * R2: which submitted facts differ from the market-regulation data, and what the applicant may do.
 * Once approved there is nothing left to check: the registered facts say what was taken (R30).
 */
export const MismatchAlert = ({ status }: { status: RegistrationStatus }) => {
  const { t } = useTranslation();
  if (status.mismatchedFields.length === 0 || status.status === "APPROVED") return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="status-mismatch"
      message={t("registrationStatus.mismatch.title", {
        fields: comparedFieldList(status.mismatchedFields, t),
      })}
      description={
        status.canWithdraw ? t("registrationStatus.mismatch.open") : t("registrationStatus.mismatch.closed")
      }
    />
  );
};
