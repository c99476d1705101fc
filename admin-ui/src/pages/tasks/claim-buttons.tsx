import { InfoCircleOutlined, LockOutlined, SwapOutlined, UnlockOutlined } from "@ant-design/icons";
import { useCustomMutation, useGetIdentity } from "@refinedev/core";
import { App, Button, Space, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type { Me, Task } from "../../api/types";
import { WhyNotInline } from "../../components/why-not";

interface ClaimButtonsProps {
  task: Task;
  /** The signed-in person's id. */
  meId?: string;
  onChanged: () => void;
  /** In a table row: small buttons, the rule in a tooltip instead of beside them. */
  compact?: boolean;
}

/**
 * The claim rule, said where claiming is offered: no claim is needed, deciding claims the task
 * (the API's rule for every kind of task, api/routes/tasks/task-claims.ts).
 */
export const ClaimRuleNote = () => {
  const { t } = useTranslation();
  return (
    <Tooltip title={t("tasks.claim.rule")}>
      <Typography.Text type="secondary" data-testid="task-claim-rule">
        <InfoCircleOutlined /> {t("tasks.claim.ruleShort")}
      </Typography.Text>
    </Tooltip>
  );
};

/**
 * 领取 an open task (others then see who is on it), 释放 one's own back to the queue, or, for a
 * platform supervisor, 接管 a platform task another reviewer holds. Claiming is optional: deciding
 * claims the task anyway, which the page says beside the button.
 */
export const ClaimButtons = ({ task, meId, onChanged, compact = false }: ClaimButtonsProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useGetIdentity<Me>();
  const { mutate, mutation } = useCustomMutation<Task, ApiHttpError, Record<string, never>>();
  const act = (action: "claim" | "release", done: string) =>
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
          void message.success(done);
          onChanged();
        },
        onError: (error) => {
          void message.error(<WhyNotInline error={error} />);
          onChanged();
        },
      },
    );

  const size = compact ? "small" : "middle";
  const button = (() => {
    if (task.status === "OPEN") {
      return (
        <Tooltip title={compact ? t("tasks.claim.rule") : undefined}>
          <Button
            size={size}
            icon={<LockOutlined />}
            loading={mutation.isPending}
            onClick={() => act("claim", t("tasks.claim.claimDone"))}
            data-testid="task-claim"
          >
            {t("tasks.claim.claim")}
          </Button>
        </Tooltip>
      );
    }
    if (task.status !== "CLAIMED") return null;
    if (task.assignee?.id === meId) {
      return (
        <Button
          size={size}
          icon={<UnlockOutlined />}
          loading={mutation.isPending}
          onClick={() => act("release", t("tasks.claim.releaseDone"))}
          data-testid="task-release"
        >
          {t("tasks.claim.release")}
        </Button>
      );
    }
    // The API lets a platform supervisor take over a platform task (api/routes/tasks/task-claims.ts).
    const supervisor = me?.roles.some((r) => r.role === "PLATFORM_SUPERVISOR");
    if (supervisor && task.queue !== "UNIT") {
      return (
        <Button
          size={size}
          icon={<SwapOutlined />}
          loading={mutation.isPending}
          onClick={() => act("claim", t("tasks.claim.takeOverDone"))}
          data-testid="task-take-over"
        >
          {t("tasks.claim.takeOver")}
        </Button>
      );
    }
    return null;
  })();

  if (compact) return button;
  const open = task.status === "OPEN" || task.status === "CLAIMED";
  return (
    <Space wrap>
      {open && <ClaimRuleNote />}
      {button}
    </Space>
  );
};
