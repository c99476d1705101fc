import { LockOutlined, UnlockOutlined } from "@ant-design/icons";
import { useCustomMutation } from "@refinedev/core";
import { App, Button } from "antd";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type { Task } from "../../api/types";
import { WhyNotInline } from "../../components/why-not";

interface ClaimButtonsProps {
  task: Task;
  /** The signed-in reviewer's person id. */
  meId?: string;
  onChanged: () => void;
}

/** 领取 an open task (others then see it as taken) or 释放 one's own back to the queue. */
export const ClaimButtons = ({ task, meId, onChanged }: ClaimButtonsProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { mutate, mutation } = useCustomMutation<Task, ApiHttpError, Record<string, never>>();
  const act = (action: "claim" | "release") =>
    mutate(
      {
        url: `tasks/${encodeURIComponent(task.id)}/${action}`,
        method: "post",
        values: {},
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: () => {
          void message.success(t(`tasks.claim.${action}Done`));
          onChanged();
        },
        onError: (error) => {
          void message.error(<WhyNotInline error={error} />);
          onChanged();
        },
      },
    );

  if (task.status === "OPEN") {
    return (
      <Button
        type="primary"
        icon={<LockOutlined />}
        loading={mutation.isPending}
        onClick={() => act("claim")}
        data-testid="task-claim"
      >
        {t("tasks.claim.claim")}
      </Button>
    );
  }
  if (task.status === "CLAIMED" && task.assignee?.id === meId) {
    return (
      <Button
        icon={<UnlockOutlined />}
        loading={mutation.isPending}
        onClick={() => act("release")}
        data-testid="task-release"
      >
        {t("tasks.claim.release")}
      </Button>
    );
  }
  return null;
};
