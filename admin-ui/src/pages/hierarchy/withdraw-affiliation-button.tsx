import type { ButtonProps } from "antd";
import { useTranslation } from "react-i18next";
import type { AffiliationRequest } from "../../api/types";
import { WithdrawRequestButton } from "../../components/withdraw-request-button";
import { affiliationRequestUrl } from "./use-hierarchy";

interface WithdrawAffiliationButtonProps {
  request: Pick<AffiliationRequest, "id" | "superiorUnit">;
  onDone: () => void;
  size?: ButtonProps["size"];
  testId?: string;
}

/** 撤回 (R13): the requesting unit's administrator or handler withdraws the request until it is decided. */
export const WithdrawAffiliationButton = ({
  request,
  onDone,
  size,
  testId = "affiliation-withdraw",
}: WithdrawAffiliationButtonProps) => {
  const { t } = useTranslation();
  const unit = request.superiorUnit.name;
  return (
    <WithdrawRequestButton
      url={affiliationRequestUrl(request.id, "withdraw")}
      size={size}
      onDone={onDone}
      texts={{
        button: t("hierarchy.affiliation.withdraw.button"),
        confirmTitle: t("hierarchy.affiliation.withdraw.confirmTitle"),
        confirmDescription: t("hierarchy.affiliation.withdraw.confirmDescription", { unit }),
        reasonPlaceholder: t("hierarchy.affiliation.withdraw.reasonPlaceholder"),
        ok: t("hierarchy.affiliation.withdraw.ok"),
        cancel: t("hierarchy.affiliation.withdraw.cancel"),
        done: t("hierarchy.affiliation.withdraw.done", { unit }),
      }}
      testIds={{ button: testId, reason: `${testId}-reason`, confirm: `${testId}-confirm` }}
    />
  );
};
