import { getDefaultSortOrder, List, useTable } from "@refinedev/antd";
import { type CrudFilter, useLink } from "@refinedev/core";
import { Empty, Flex, Select, Space, Switch, Table, Typography, theme } from "antd";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type { Task, TaskStatus } from "../../api/types";
import { TASKS_PATH } from "../../config/paths";
import { formatDateTime } from "../../utils/format";
import { TASK_KINDS, TaskFlags, TaskStatusTag, taskKindText } from "./task-tags";
import { UnitTasksHint } from "./unit-tasks-hint";

const STATUSES: TaskStatus[] = ["OPEN", "CLAIMED", "COMPLETED", "CANCELLED"];

const filterValue = (filters: CrudFilter[], field: string): unknown =>
  filters.find((filter) => "field" in filter && filter.field === field)?.value;

const DueAt = ({ task }: { task: Task }) => {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  if (!task.dueAt) return <Typography.Text type="secondary">{t("tasks.noDueAt")}</Typography.Text>;
  return (
    <span style={task.overdue ? { color: token.colorError, fontWeight: 600 } : undefined}>
      {formatDateTime(task.dueAt)}
    </span>
  );
};

/** 我的任务: the review tasks the reviewer may act on, the most urgent first. */
export const TaskList = () => {
  const { t } = useTranslation();
  const Link = useLink();
  const { tableProps, sorters, filters, setFilters, tableQuery } = useTable<Task, ApiHttpError>({
    resource: "tasks",
    sorters: { initial: [{ field: "dueAt", order: "asc" }] },
    pagination: { pageSize: 20 },
  });

  const setFilter = (field: string, value?: string) =>
    setFilters([{ field, operator: "eq", value }], "merge");
  const status = filterValue(filters, "status") as TaskStatus | undefined;
  const kind = filterValue(filters, "kind") as string | undefined;
  const overdue = filterValue(filters, "overdue") === "true";
  const mine = filterValue(filters, "mine") === "true";

  return (
    <List
      title={t("resources.tasks")}
      headerButtons={
        <Space size="large" wrap>
          <Select<TaskStatus>
            allowClear
            style={{ width: 160 }}
            placeholder={t("tasks.filters.allStatuses")}
            value={status}
            onChange={(value) => setFilter("status", value)}
            options={STATUSES.map((value) => ({ value, label: t(`tasks.statuses.${value}`) }))}
            data-testid="task-filter-status"
          />
          <Select<string>
            allowClear
            style={{ width: 180 }}
            placeholder={t("tasks.filters.allKinds")}
            value={kind}
            onChange={(value) => setFilter("kind", value)}
            options={TASK_KINDS.map((value) => ({ value, label: taskKindText(value, t) }))}
            data-testid="task-filter-kind"
          />
          <Space>
            <Switch
              checked={overdue}
              onChange={(on) => setFilter("overdue", on ? "true" : undefined)}
              data-testid="task-filter-overdue"
            />
            <Typography.Text>{t("tasks.filters.overdue")}</Typography.Text>
          </Space>
          <Space>
            <Switch
              checked={mine}
              onChange={(on) => setFilter("mine", on ? "true" : undefined)}
              data-testid="task-filter-mine"
            />
            <Typography.Text>{t("tasks.filters.mine")}</Typography.Text>
          </Space>
        </Space>
      }
    >
      <UnitTasksHint onRaised={() => void tableQuery.refetch()} />
      <Table<Task>
        {...tableProps}
        rowKey="id"
        onRow={(task) =>
          ({ "data-testid": "task-row", "data-task-id": task.id }) as HTMLAttributes<HTMLElement>
        }
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("tasks.empty")} /> }}
        scroll={{ x: 960 }}
      >
        <Table.Column<Task>
          dataIndex="title"
          title={t("tasks.fields.title.label")}
          minWidth={240}
          render={(_, task) => (
            <Flex vertical>
              <Link to={`${TASKS_PATH}/${task.id}`}>{task.title}</Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {taskKindText(task.kind, t)}
              </Typography.Text>
            </Flex>
          )}
        />
        <Table.Column<Task>
          dataIndex="status"
          title={t("tasks.fields.status.label")}
          width={110}
          render={(_, task) => <TaskStatusTag task={task} />}
        />
        <Table.Column<Task>
          dataIndex="assignee"
          title={t("tasks.fields.assignee.label")}
          width={120}
          render={(_, task) =>
            task.assignee ? (
              (task.assignee.name ?? t("me.nameMissing"))
            ) : (
              <Typography.Text type="secondary">{t("tasks.unassigned")}</Typography.Text>
            )
          }
        />
        <Table.Column<Task>
          dataIndex="dueAt"
          title={t("tasks.fields.dueAt.label")}
          sorter
          defaultSortOrder={getDefaultSortOrder("dueAt", sorters)}
          width={220}
          render={(_, task) => <DueAt task={task} />}
        />
        <Table.Column<Task>
          key="flags"
          title={t("tasks.fields.flags.label")}
          width={200}
          render={(_, task) => <TaskFlags task={task} />}
        />
        <Table.Column<Task>
          dataIndex="createdAt"
          title={t("tasks.fields.createdAt.label")}
          sorter
          defaultSortOrder={getDefaultSortOrder("createdAt", sorters)}
          width={220}
          render={formatDateTime}
        />
      </Table>
    </List>
  );
};
