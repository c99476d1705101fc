import { useTranslation } from "react-i18next";
import { WithdrawRequestButton } from "../../components/withdraw-request-button";

interface WithdrawButtonProps {
  requestNumber: string;
  /** Called after the attempt either way: the status is read again (withdrawn, or closed meanwhile). */
  onDone: () => void;
}

/** 撤回申请 of a unit registration (R2). */
export const WithdrawButton = ({ requestNumber, onDone }: WithdrawButtonProps) => {
  const { t } = useTranslation();
  return (
    <WithdrawRequestButton
      url={`registrations/${encodeURIComponent(requestNumber)}/withdraw`}
      texts={{
        button: t("registrationStatus.withdraw.button"),
        confirmTitle: t("registrationStatus.withdraw.confirmTitle"),
        confirmDescription: t("registrationStatus.withdraw.confirmDescription"),
        reasonPlaceholder: t("registrationStatus.withdraw.reasonPlaceholder"),
        ok: t("registrationStatus.withdraw.ok"),
        cancel: t("registrationStatus.withdraw.cancel"),
        done: t("registrationStatus.withdraw.done"),
      }}
      testIds={{
        button: "status-withdraw",
        reason: "status-withdraw-reason",
        confirm: "status-withdraw-confirm",
      }}
      onDone={onDone}
    />
  );
};
