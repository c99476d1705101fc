import { useLink } from "@refinedev/core";
import { Alert, type AlertProps } from "antd";
import { useTranslation } from "react-i18next";
import type { RegistrationStatus, RegistrationStatusCode } from "../../api/types";
import { LOGIN_PATH, REGISTER_PATHS } from "../../config/paths";

const alertType: Record<RegistrationStatusCode, AlertProps["type"]> = {
  SUBMITTED: "info",
  CHECKING: "info",
  AWAITING_REAL_PERSON_AUTH: "info",
  IN_MANUAL_REVIEW: "warning",
  APPROVED: "success",
  REJECTED: "error",
  WITHDRAWN: "info",
  EXPIRED: "info",
};

/** What the status means for the applicant and what to do next. */
export const StatusExplanation = ({ status }: { status: RegistrationStatus }) => {
  const { t } = useTranslation();
  const Link = useLink();
  const action =
    status.status === "APPROVED" ? (
      <Link to={`${LOGIN_PATH}?tab=unit`}>{t("registrationStatus.actions.login")}</Link>
    ) : status.status === "REJECTED" || status.status === "WITHDRAWN" || status.status === "EXPIRED" ? (
      <Link to={REGISTER_PATHS.unit}>{t("registrationStatus.actions.register")}</Link>
    ) : undefined;
  return (
    <Alert
      type={alertType[status.status]}
      showIcon
      message={t(`registrationStatus.explanations.${status.status}`, {
        mobile: status.contactMobileMasked,
        uscc: status.uscc,
        reason: status.decisionReason ?? "",
      })}
      action={action}
    />
  );
};
