import { RollbackOutlined } from "@ant-design/icons";
import { type BaseRecord, useCustomMutation } from "@refinedev/core";
import { App, Button, type ButtonProps, Flex, Input, Popconfirm, Typography } from "antd";
import { useState } from "react";
import type { ApiHttpError } from "../api/http";
import { characterLimit } from "../utils/validators";
import { WhyNotInline } from "./why-not";

const REASON_MAX = 200;

export interface WithdrawRequestButtonProps {
  /** The withdraw route under /api, e.g. `binding-requests/<id>/withdraw`. */
  url: string;
  texts: {
    button: string;
    confirmTitle: string;
    confirmDescription: string;
    reasonPlaceholder: string;
    ok: string;
    cancel: string;
    done: string;
  };
  testIds: { button: string; reason: string; confirm: string };
  /** Called after the attempt either way: the request is read again (withdrawn, or settled meanwhile). */
  onDone: () => void;
  size?: ButtonProps["size"];
}

/** 撤回 a request the applicant made (R2, R16), with an optional reason that its history shows (R25). */
export const WithdrawRequestButton = ({ url, texts, testIds, onDone, size }: WithdrawRequestButtonProps) => {
  const { message } = App.useApp();
  const [reason, setReason] = useState("");
  const { mutateAsync, mutation } = useCustomMutation<BaseRecord, ApiHttpError, { reason?: string }>();

  const withdraw = async () => {
    try {
      await mutateAsync({
        url,
        method: "post",
        values: reason.trim() ? { reason: reason.trim() } : {},
        successNotification: false,
        errorNotification: false,
      });
      setReason("");
      void message.success(texts.done);
    } catch (error) {
      void message.error(<WhyNotInline error={error as ApiHttpError} />);
    }
    onDone();
  };

  return (
    <Popconfirm
      title={texts.confirmTitle}
      description={
        <Flex vertical gap={4} style={{ width: 320 }}>
          <Typography.Text type="secondary">{texts.confirmDescription}</Typography.Text>
          <Input.TextArea
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            count={characterLimit(REASON_MAX)}
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={texts.reasonPlaceholder}
            data-testid={testIds.reason}
          />
        </Flex>
      }
      okText={texts.ok}
      cancelText={texts.cancel}
      okButtonProps={{ danger: true, "data-testid": testIds.confirm }}
      onConfirm={withdraw}
      destroyOnHidden
    >
      <Button
        danger
        size={size}
        icon={<RollbackOutlined />}
        loading={mutation.isPending}
        data-testid={testIds.button}
      >
        {texts.button}
      </Button>
    </Popconfirm>
  );
};
