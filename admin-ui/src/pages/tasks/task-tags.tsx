import { Space, Tag, type TagProps, Tooltip } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Task, TaskStatus } from "../../api/types";
import { formatDateTime } from "../../utils/format";

const statusColor: Record<TaskStatus, TagProps["color"]> = {
  OPEN: "blue",
  CLAIMED: "processing",
  COMPLETED: "success",
  CANCELLED: "default",
};

const OUTCOMES = ["APPROVE", "REJECT", "WITHDRAWN", "EXPIRED", "PUSH", "RETURN"] as const;
type Outcome = (typeof OUTCOMES)[number];
const isOutcome = (outcome: string | null): outcome is Outcome => OUTCOMES.includes(outcome as Outcome);

export const TASK_KINDS = [
  "unitRegistrationReview",
  "contactMobileChangeReview",
  "bindingRequestReview",
  "affiliationRequestReview",
  "titleApplicationPush",
] as const;
type Kind = (typeof TASK_KINDS)[number];
const isKind = (kind: string): kind is Kind => (TASK_KINDS as readonly string[]).includes(kind);

/** What the task is about: a unit registration's review, a contact mobile change's review (R27), … */
export const taskKindText = (kind: string, t: TFunction): string =>
  t(`tasks.kinds.${isKind(kind) ? kind : "other"}`);

/** What became of a closed task: approved, rejected, or withdrawn by the applicant. */
export const outcomeText = (outcome: string | null, t: TFunction): string | null =>
  isOutcome(outcome) ? t(`tasks.outcomes.${outcome}`) : outcome;

export const TaskStatusTag = ({ task }: { task: Task }) => {
  const { t } = useTranslation();
  const outcome = task.completedAt ? outcomeText(task.outcome, t) : null;
  return (
    <Tag
      color={task.outcome === "REJECT" || task.outcome === "RETURN" ? "error" : statusColor[task.status]}
      data-status={task.status}
      data-outcome={task.outcome ?? undefined}
    >
      {t(`tasks.statuses.${task.status}`)}
      {outcome && ` · ${outcome}`}
    </Tag>
  );
};

/** Overdue, reminded and escalated, each with its time. */
export const TaskFlags = ({ task }: { task: Task }) => {
  const { t } = useTranslation();
  return (
    <Space size={[0, 4]} wrap>
      {task.overdue && (
        <Tag color="error" data-testid="task-overdue">
          {t("tasks.flags.overdue")}
        </Tag>
      )}
      {task.escalatedAt && (
        <Tooltip title={t("tasks.flags.escalatedAt", { time: formatDateTime(task.escalatedAt) })}>
          <Tag color="volcano">{t("tasks.flags.escalated")}</Tag>
        </Tooltip>
      )}
      {task.remindedAt && (
        <Tooltip title={t("tasks.flags.remindedAt", { time: formatDateTime(task.remindedAt) })}>
          <Tag color="gold">{t("tasks.flags.reminded")}</Tag>
        </Tooltip>
      )}
    </Space>
  );
};
