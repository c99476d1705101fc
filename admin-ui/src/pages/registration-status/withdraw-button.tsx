import { RollbackOutlined } from "@ant-design/icons";
import { useCustomMutation } from "@refinedev/core";
import { App, Button, Flex, Input, Popconfirm, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type { RegistrationStatus } from "../../api/types";

const REASON_MAX = 200;

interface WithdrawButtonProps {
  requestNumber: string;
  /** Called after the attempt either way: the status is read again (withdrawn, or closed meanwhile). */
  onDone: () => void;
}

/** 撤回申请 (R2), with an optional reason that the history shows. */
export const WithdrawButton = ({ requestNumber, onDone }: WithdrawButtonProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [reason, setReason] = useState("");
  const { mutateAsync, mutation } = useCustomMutation<
    RegistrationStatus,
    ApiHttpError,
    { reason?: string }
  >();

  const withdraw = async () => {
    try {
      await mutateAsync({
        url: `registrations/${encodeURIComponent(requestNumber)}/withdraw`,
        method: "post",
        values: reason.trim() ? { reason: reason.trim() } : {},
        successNotification: false,
        errorNotification: false,
      });
      void message.success(t("registrationStatus.withdraw.done"));
      onDone();
    } catch (error) {
      void message.error((error as ApiHttpError).message);
      onDone();
    }
  };

  return (
    <Popconfirm
      title={t("registrationStatus.withdraw.confirmTitle")}
      description={
        <Flex vertical gap={4} style={{ width: 320 }}>
          <Typography.Text type="secondary">
            {t("registrationStatus.withdraw.confirmDescription")}
          </Typography.Text>
          <Input.TextArea
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            maxLength={REASON_MAX}
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={t("registrationStatus.withdraw.reasonPlaceholder")}
            data-testid="status-withdraw-reason"
          />
        </Flex>
      }
      okText={t("registrationStatus.withdraw.ok")}
      cancelText={t("registrationStatus.withdraw.cancel")}
      okButtonProps={{ danger: true, "data-testid": "status-withdraw-confirm" }}
      onConfirm={withdraw}
    >
      <Button danger icon={<RollbackOutlined />} loading={mutation.isPending} data-testid="status-withdraw">
        {t("registrationStatus.withdraw.button")}
      </Button>
    </Popconfirm>
  );
};
