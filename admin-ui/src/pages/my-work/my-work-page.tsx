import { AuditOutlined, RightOutlined, UserAddOutlined } from "@ant-design/icons";
import { useLink } from "@refinedev/core";
import { Alert, Card, Col, Flex, Row, Skeleton, Space, Statistic, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { WorkQueue } from "../../api/types";
import { RealPersonRequired } from "../../components/real-person-required";
import { PORTAL_PATHS, TASKS_PATH } from "../../config/paths";
import { useWorkSummary } from "../../hooks/use-work-summary";

/** The workbench's list with one of its switches on (useTable reads its filters from the URL). */
const tasksWith = (filter: "overdue" | "mine"): string => {
  const query = new URLSearchParams({
    "filters[0][field]": filter,
    "filters[0][operator]": "eq",
    "filters[0][value]": "true",
  });
  return `${TASKS_PATH}?${query}`;
};

const QUEUES: Record<WorkQueue["queue"], { path: string; icon: ReactNode }> = {
  TASKS: { path: TASKS_PATH, icon: <AuditOutlined /> },
  INCOMING_ACCOUNTS: { path: PORTAL_PATHS.incomingAccounts, icon: <UserAddOutlined /> },
};

const QueueCard = ({ queue }: { queue: WorkQueue }) => {
  const { t } = useTranslation();
  const Link = useLink();
  const { path, icon } = QUEUES[queue.queue];
  const counts = [
    { key: "overdue", value: queue.overdue, to: tasksWith("overdue") },
    { key: "mine", value: queue.mine, to: tasksWith("mine") },
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
              <QueueCard queue={queue} />
            </Col>
          ))}
        </Row>
      )}
    </Flex>
  );
};
