import { RollbackOutlined } from "@ant-design/icons";
import { useCustomMutation } from "@refinedev/core";
import { App, Button, type ButtonProps, Flex, Input, Popconfirm, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type { BindingRequest } from "../../api/types";

const REASON_MAX = 200;

interface WithdrawBindingButtonProps {
  request: Pick<BindingRequest, "id" | "unit">;
  /** Called after the attempt either way: the requests are read again (withdrawn, or settled meanwhile). */
  onDone: () => void;
  size?: ButtonProps["size"];
  testId: string;
}

/** 撤回 an open binding request (R16), with an optional reason that its history shows. */
export const WithdrawBindingButton = ({ request, onDone, size, testId }: WithdrawBindingButtonProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [reason, setReason] = useState("");
  const { mutateAsync, mutation } = useCustomMutation<BindingRequest, ApiHttpError, { reason?: string }>();

  const withdraw = async () => {
    try {
      await mutateAsync({
        url: `binding-requests/${request.id}/withdraw`,
        method: "post",
        values: reason.trim() ? { reason: reason.trim() } : {},
        successNotification: false,
        errorNotification: false,
      });
      setReason("");
      void message.success(t("binding.withdraw.done", { unit: request.unit.name }));
    } catch (error) {
      void message.error((error as ApiHttpError).message);
    }
    onDone();
  };

  return (
    <Popconfirm
      title={t("binding.withdraw.confirmTitle")}
      description={
        <Flex vertical gap={4} style={{ width: 320 }}>
          <Typography.Text type="secondary">
            {t("binding.withdraw.confirmDescription", { unit: request.unit.name })}
          </Typography.Text>
          <Input.TextArea
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            maxLength={REASON_MAX}
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={t("binding.withdraw.reasonPlaceholder")}
            data-testid="binding-withdraw-reason"
          />
        </Flex>
      }
      okText={t("binding.withdraw.ok")}
      cancelText={t("binding.withdraw.cancel")}
      okButtonProps={{ danger: true, "data-testid": "binding-withdraw-confirm" }}
      onConfirm={withdraw}
      destroyOnHidden
    >
      <Button
        danger
        size={size}
        icon={<RollbackOutlined />}
        loading={mutation.isPending}
        data-testid={testId}
      >
        {t("binding.withdraw.button")}
      </Button>
    </Popconfirm>
  );
};
