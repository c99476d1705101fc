import { useLink } from "@refinedev/core";
import { Alert, type AlertProps } from "antd";
import { useTranslation } from "react-i18next";
import type { RegistrationStatus, RegistrationStatusCode } from "../../api/types";
import { LOGIN_PATH, REGISTER_PATHS } from "../../config/paths";
import { writeDraft } from "../../hooks/use-form-draft";
import { UNIT_REGISTRATION_DRAFT_KEY, type UnitRegistrationValues } from "../unit-registration/form-values";

/**
 * 重新注册 (issue 13 item 4): the wizard opens prefilled from this closed request — every field but
 * the password, and its materials while they are stored — with the reviewer's reason on top.
 */
const prefillFrom = (status: RegistrationStatus) => {
  const previous = status.resubmission;
  if (!previous) return;
  const { businessLicence, authorizationLetter, legalRepMobile, unitType, ...facts } = previous;
  writeDraft<UnitRegistrationValues>(UNIT_REGISTRATION_DRAFT_KEY, {
    step: 0,
    values: {
      ...facts,
      unitType: unitType as UnitRegistrationValues["unitType"],
      ...(legalRepMobile ? { legalRepMobile } : {}),
      ...(businessLicence ? { businessLicence: { upload: businessLicence } } : {}),
      ...(authorizationLetter ? { authorizationLetter: { upload: authorizationLetter } } : {}),
    },
    basedOn: { requestNumber: status.requestNumber, status: status.status, reason: status.decisionReason },
  });
};

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
      <Link to={REGISTER_PATHS.unit} onClick={() => prefillFrom(status)} data-testid="status-register-again">
        {t("registrationStatus.actions.register")}
      </Link>
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
