import type { ButtonProps } from "antd";
import { useTranslation } from "react-i18next";
import type { BindingRequest } from "../../api/types";
import { WithdrawRequestButton } from "../../components/withdraw-request-button";

interface WithdrawBindingButtonProps {
  request: Pick<BindingRequest, "id" | "unit">;
  /** Called after the attempt either way: the requests are read again (withdrawn, or settled meanwhile). */
  onDone: () => void;
  size?: ButtonProps["size"];
  testId: string;
}

/** 撤回 an open binding request (R16). */
export const WithdrawBindingButton = ({ request, onDone, size, testId }: WithdrawBindingButtonProps) => {
  const { t } = useTranslation();
  const unit = request.unit.name;
  return (
    <WithdrawRequestButton
      url={`binding-requests/${request.id}/withdraw`}
      texts={{
        button: t("binding.withdraw.button"),
        confirmTitle: t("binding.withdraw.confirmTitle"),
        confirmDescription: t("binding.withdraw.confirmDescription", { unit }),
        reasonPlaceholder: t("binding.withdraw.reasonPlaceholder"),
        ok: t("binding.withdraw.ok"),
        cancel: t("binding.withdraw.cancel"),
        done: t("binding.withdraw.done", { unit }),
      }}
      testIds={{ button: testId, reason: "binding-withdraw-reason", confirm: "binding-withdraw-confirm" }}
      onDone={onDone}
      size={size}
    />
  );
};
