import { AuditOutlined, RightOutlined, UserAddOutlined } from "@ant-design/icons";
import { useLink } from "@refinedev/core";
import { Alert, Card, Col, Divider, Flex, Row, Skeleton, Space, Statistic, Typography, theme } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { WorkQueue, WorkTaskQueue } from "../../api/types";
import { RealPersonRequired } from "../../components/real-person-required";
import { PORTAL_PATHS } from "../../config/paths";
import { useWorkSummary } from "../../hooks/use-work-summary";
import { taskKindText } from "../tasks/task-tags";
import { tasksPath } from "../tasks/tasks-link";

const QUEUES: Record<WorkQueue["queue"], { path: string; icon: ReactNode }> = {
  TASKS: { path: tasksPath({}), icon: <AuditOutlined /> },
  INCOMING_ACCOUNTS: { path: PORTAL_PATHS.incomingAccounts, icon: <UserAddOutlined /> },
};

/**
 * One queue of 审核工作台 (the platform's review queue, the supervisors', or one unit's) with its
 * pending count and a count per kind, each a link to the workbench filtered to it.
 */
const TaskQueueCounts = ({ queue }: { queue: WorkTaskQueue }) => {
  const { t } = useTranslation();
  const Link = useLink();
  const { token } = theme.useToken();
  const base = { queue: queue.queue, unitId: queue.unit?.id };
  const id = `${queue.queue}${queue.unit ? `-${queue.unit.id}` : ""}`;
  return (
    <Flex vertical gap={4} data-testid={`work-task-queue-${id}`} data-pending={queue.pending ?? ""}>
      <Flex justify="space-between" gap="small" wrap>
        <Typography.Text strong>
          {t(`myWork.taskQueues.${queue.queue}`, { unit: queue.unit?.name })}
        </Typography.Text>
        {queue.pending === null ? (
          <Typography.Text type="secondary">{t("myWork.queueHidden")}</Typography.Text>
        ) : (
          <Link to={tasksPath(base)}>{t("myWork.queuePending", { count: queue.pending })}</Link>
        )}
      </Flex>
      {queue.pending !== null && (
        <Flex wrap gap="small">
          {queue.kinds.map((kind) => (
            <Link
              key={kind.kind}
              to={tasksPath({ ...base, kind: kind.kind })}
              data-testid={`work-kind-${id}-${kind.kind}`}
              data-pending={kind.pending ?? ""}
            >
              <Typography.Text type={kind.pending ? undefined : "secondary"}>
                {taskKindText(kind.kind, t)} {kind.pending}
              </Typography.Text>
              {kind.overdue ? (
                <span style={{ color: token.colorError }}>
                  {t("myWork.kindOverdue", { count: kind.overdue })}
                </span>
              ) : null}
            </Link>
          ))}
        </Flex>
      )}
    </Flex>
  );
};

const QueueCard = ({ queue, taskQueues }: { queue: WorkQueue; taskQueues: WorkTaskQueue[] }) => {
  const { t } = useTranslation();
  const Link = useLink();
  const { path, icon } = QUEUES[queue.queue];
  const counts = [
    { key: "overdue", value: queue.overdue, to: tasksPath({ overdue: "true" }) },
    { key: "unclaimed", value: queue.unclaimed, to: tasksPath({ view: "unclaimed" }) },
    { key: "mine", value: queue.mine, to: tasksPath({ view: "mine" }) },
  ] as const;
  return (
    <Card
      data-testid={`work-queue-${queue.queue}`}
      title={
        <Space>
          {icon}
          {t(`myWork.queues.${queue.queue}.title`)}
        </Space>
      }
      extra={
        <Link to={path} data-testid={`work-open-${queue.queue}`}>
          <Space size={4}>
            {t("myWork.open")}
            <RightOutlined />
          </Space>
        </Link>
      }
    >
      <Flex vertical gap="small">
        <Typography.Text type="secondary">{t(`myWork.queues.${queue.queue}.description`)}</Typography.Text>
        {queue.pending === null ? (
          <Typography.Text type="warning" data-testid={`work-pending-${queue.queue}`} data-pending="">
            {t("myWork.realPersonFirst")}
          </Typography.Text>
        ) : (
          <Flex gap="large" wrap align="end">
            <Statistic
              title={t("myWork.pending")}
              value={queue.pending}
              suffix={t("myWork.items")}
              data-testid={`work-pending-${queue.queue}`}
              data-pending={queue.pending}
            />
            {counts.map(({ key, value, to }) =>
              value ? (
                <Link key={key} to={to} data-testid={`work-${key}-${queue.queue}`}>
                  {t(`myWork.${key}`, { count: value })}
                </Link>
              ) : null,
            )}
          </Flex>
        )}
        {queue.queue === "TASKS" && taskQueues.length > 0 && (
          <>
            <Divider orientation="left" plain style={{ margin: "8px 0" }}>
              {t("myWork.byQueue")}
            </Divider>
            <Flex vertical gap="middle">
              {taskQueues.map((entry) => (
                <TaskQueueCounts key={`${entry.queue}-${entry.unit?.id ?? ""}`} queue={entry} />
              ))}
            </Flex>
          </>
        )}
      </Flex>
    </Card>
  );
};

/**
 * 我的工作: where a person with queues lands after login — how much waits for them, and a card per
 * queue with its count and the way in. The counts refresh every 30 s and after each decision.
 */
export const MyWorkPage = () => {
  const { t } = useTranslation();
  const { data, isLoading, error } = useWorkSummary();

  const headline = (() => {
    if (!data) return null;
    if (data.total > 0) return t("myWork.total", { count: data.total });
    return data.realPersonRequired ? t("myWork.totalUnknown") : t("myWork.nothing");
  })();

  return (
    <Flex vertical gap="middle">
      <Card title={t("resources.myWork")}>
        {isLoading && <Skeleton active paragraph={{ rows: 1 }} />}
        {error && (
          <Alert type="error" showIcon message={t("myWork.loadFailed")} description={error.message} />
        )}
        {data && (
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="work-total" data-total={data.total}>
            {headline}
          </Typography.Title>
        )}
      </Card>
      {data?.realPersonRequired && <RealPersonRequired />}
      {data && (
        <Row gutter={[16, 16]}>
          {data.queues.map((queue) => (
            <Col key={queue.queue} xs={24} lg={12}>
              <QueueCard queue={queue} taskQueues={data.taskQueues ?? []} />
            </Col>
          ))}
        </Row>
      )}
    </Flex>
  );
};
