import { RightOutlined } from "@ant-design/icons";
import { getDefaultSortOrder, List, useTable } from "@refinedev/antd";
import { type CrudFilter, useGetIdentity, useLink } from "@refinedev/core";
import {
  Alert,
  Badge,
  Flex,
  Input,
  Select,
  Space,
  Switch,
  Table,
  type TableProps,
  Tabs,
  Tag,
  Typography,
  theme,
} from "antd";
import { type HTMLAttributes, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type { Me, Task, TaskListResponse, TaskQueue, TaskView } from "../../api/types";
import { FilteredEmpty } from "../../components/filtered-empty";
import { TASKS_PATH } from "../../config/paths";
import { useWorkSummary } from "../../hooks/use-work-summary";
import { formatDateTime } from "../../utils/format";
import { characterLimit } from "../../utils/validators";
import { ClaimButtons } from "./claim-buttons";
import { TASK_KINDS, TaskFlags, TaskStatusTag, taskKindText } from "./task-tags";
import { DEFAULT_TASK_VIEW, type TaskFilters } from "./tasks-link";
import { UnitTasksHint } from "./unit-tasks-hint";

const VIEWS: TaskView[] = ["unclaimed", "mine", "open", "closed"];
/** The filters besides the view: any of them set makes an empty list a "nothing matches". */
const NARROWING: (keyof TaskFilters)[] = ["q", "kind", "overdue", "queue", "unitId"];

/**
 * Column widths (px). They add up to less than the content width at 1440 px (the menu and paddings
 * take about 300), so nothing scrolls there; narrower screens scroll the table sideways under the
 * fixed 操作 column, whose width `scroll.x` includes, so no column ends up behind it.
 */
const WIDTHS = { title: 320, status: 130, assignee: 110, dueAt: 230, createdAt: 180, actions: 160 };
const TABLE_WIDTH = Object.values(WIDTHS).reduce((sum, width) => sum + width, 0);

const filterValue = (filters: CrudFilter[], field: string): string | undefined => {
  const value = filters.find((filter) => "field" in filter && filter.field === field)?.value;
  return value === undefined || value === null || value === "" ? undefined : String(value);
};

/** The deadline, in red when passed, with the overdue, escalated and reminded marks beneath. */
const DueAt = ({ task }: { task: Task }) => {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Flex vertical gap={4} align="start">
      {task.dueAt ? (
        <span style={task.overdue ? { color: token.colorError, fontWeight: 600 } : undefined}>
          {formatDateTime(task.dueAt)}
        </span>
      ) : (
        <Typography.Text type="secondary">{t("tasks.noDueAt")}</Typography.Text>
      )}
      <TaskFlags task={task} />
    </Flex>
  );
};

/** The unit of a unit filter, by name when the person works for it (the landing page links here). */
const useUnitName = (unitId?: string): string | undefined => {
  const { data } = useWorkSummary();
  return data?.taskQueues.find((queue) => queue.unit?.id === unitId)?.unit?.name;
};

/**
 * 我的任务: the inbox of the tasks the person may act on, in four tabs with their counts — 待领取,
 * 我已领取, 全部 (every task still to decide, the menu's count) and 已办结 — searchable by request
 * number and unit name. Every filter lives in the URL (Refine's syncWithLocation), so a reload or a
 * link keeps it, and every change of filter or order goes back to page 1.
 */
export const TaskList = () => {
  const { t } = useTranslation();
  const Link = useLink();
  const { data: me } = useGetIdentity<Me>();
  const { tableProps, sorters, filters, setFilters, setCurrentPage, currentPage, pageSize, tableQuery } =
    useTable<Task, ApiHttpError>({
      resource: "tasks",
      syncWithLocation: true,
      sorters: { initial: [{ field: "dueAt", order: "asc" }] },
      filters: { initial: [{ field: "view", operator: "eq", value: DEFAULT_TASK_VIEW }] },
      pagination: { pageSize: 20 },
    });
  const response = tableQuery.data as TaskListResponse | undefined;
  const counts = response?.counts;
  const total = response?.total;

  const current: TaskFilters = {
    view: (filterValue(filters, "view") as TaskView | undefined) ?? DEFAULT_TASK_VIEW,
    kind: filterValue(filters, "kind"),
    overdue: filterValue(filters, "overdue") === "true" ? "true" : undefined,
    queue: filterValue(filters, "queue") as TaskQueue | undefined,
    unitId: filterValue(filters, "unitId"),
    q: filterValue(filters, "q"),
  };
  const narrowed = NARROWING.some((field) => current[field] !== undefined);
  const unitName = useUnitName(current.unitId);

  const [search, setSearch] = useState(current.q ?? "");
  // The URL may change the search (back button, a link): the box follows it.
  useEffect(() => setSearch(current.q ?? ""), [current.q]);

  /** Every filter change starts again on page 1: page 2 of the old filter may not exist in the new. */
  const setFilter = (field: keyof TaskFilters, value?: string) => {
    setFilters([{ field, operator: "eq", value: value || undefined }], "merge");
    setCurrentPage(1);
  };
  const clearFilters = () => {
    setFilters([{ field: "view", operator: "eq", value: current.view }], "replace");
    setSearch("");
    setCurrentPage(1);
  };

  // Tasks decided meanwhile can leave the page past the end: show the last page that has rows.
  useEffect(() => {
    if (total !== undefined && total > 0 && (response?.data.length ?? 0) === 0 && currentPage > 1) {
      setCurrentPage(Math.ceil(total / pageSize));
    }
  }, [total, response, currentPage, pageSize, setCurrentPage]);

  // A new order starts on page 1 too (antd keeps the page on a sort).
  const onChange: TableProps<Task>["onChange"] = (pagination, tableFilters, sorter, extra) => {
    tableProps.onChange?.(pagination, tableFilters, sorter, extra);
    if (extra.action === "sort") setCurrentPage(1);
  };

  const view = current.view ?? DEFAULT_TASK_VIEW;
  const noMatch = current.q ? t("tasks.noMatchQuery", { q: current.q }) : t("tasks.noMatch");

  return (
    <List title={t("resources.tasks")}>
      <Flex vertical gap="middle" style={{ minWidth: 0 }}>
        <UnitTasksHint onRaised={() => void tableQuery.refetch()} />
        <Alert type="info" showIcon message={t("tasks.claim.rule")} data-testid="tasks-claim-rule" />
        <Tabs
          activeKey={view}
          onChange={(key) => setFilter("view", key)}
          items={VIEWS.map((key) => ({
            key,
            label: (
              <Space size={6} data-testid={`tasks-tab-${key}`} data-count={counts?.[key]}>
                <span title={key === "open" ? t("tasks.views.openHint") : undefined}>
                  {t(`tasks.views.${key}`)}
                </span>
                {counts && key !== "closed" && (
                  <Badge
                    count={counts[key]}
                    showZero
                    overflowCount={999}
                    color={key === view ? undefined : "#8c8c8c"}
                  />
                )}
              </Space>
            ),
          }))}
          style={{ marginBottom: 0 }}
        />
        <Flex wrap gap="middle" align="center">
          <Input.Search
            allowClear
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            onSearch={(value) => setFilter("q", value.trim())}
            placeholder={t("tasks.filters.search")}
            count={characterLimit(50)}
            style={{ width: 300 }}
            data-testid="tasks-search"
          />
          <Select<string>
            allowClear
            style={{ width: 200 }}
            placeholder={t("tasks.filters.allKinds")}
            value={current.kind}
            onChange={(value) => setFilter("kind", value)}
            options={TASK_KINDS.map((value) => ({ value, label: taskKindText(value, t) }))}
            data-testid="task-filter-kind"
          />
          {view !== "closed" && (
            <Space>
              <Switch
                checked={current.overdue === "true"}
                onChange={(on) => setFilter("overdue", on ? "true" : undefined)}
                data-testid="task-filter-overdue"
              />
              <Typography.Text>{t("tasks.filters.overdue")}</Typography.Text>
            </Space>
          )}
          {current.queue && (
            <Tag closable onClose={() => setFilter("queue")} data-testid="task-filter-queue">
              {t("tasks.filters.queue", { queue: t(`tasks.queues.${current.queue}`) })}
            </Tag>
          )}
          {current.unitId && (
            <Tag closable onClose={() => setFilter("unitId")} data-testid="task-filter-unit">
              {t("tasks.filters.unit", { unit: unitName ?? t("tasks.filters.unitUnknown") })}
            </Tag>
          )}
        </Flex>
        <Table<Task>
          {...tableProps}
          // Past the API's count limit the total is a floor: say "10,000+" rather than a wrong number.
          pagination={
            tableProps.pagination && {
              ...tableProps.pagination,
              showTotal: (all) =>
                t(response?.capped.includes("total") ? "tasks.totalCapped" : "tasks.total", {
                  total: all.toLocaleString(),
                }),
            }
          }
          onChange={onChange}
          rowKey="id"
          onRow={(task) =>
            ({ "data-testid": "task-row", "data-task-id": task.id }) as HTMLAttributes<HTMLElement>
          }
          locale={{
            emptyText: (
              <FilteredEmpty
                filtered={narrowed}
                description={t(`tasks.emptyViews.${view}`)}
                noMatch={noMatch}
                onClear={clearFilters}
                testId="tasks-empty"
              />
            ),
          }}
          tableLayout="fixed"
          scroll={{ x: TABLE_WIDTH }}
          data-testid="tasks-table"
        >
          <Table.Column<Task>
            dataIndex="title"
            title={t("tasks.fields.title.label")}
            width={WIDTHS.title}
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
            width={WIDTHS.status}
            render={(_, task) => <TaskStatusTag task={task} />}
          />
          <Table.Column<Task>
            dataIndex="assignee"
            title={t("tasks.fields.assignee.label")}
            width={WIDTHS.assignee}
            ellipsis
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
            key="dueAt"
            title={t("tasks.fields.dueAt.label")}
            sorter
            defaultSortOrder={getDefaultSortOrder("dueAt", sorters)}
            width={WIDTHS.dueAt}
            render={(_, task) => <DueAt task={task} />}
          />
          <Table.Column<Task>
            dataIndex="createdAt"
            key="createdAt"
            title={t("tasks.fields.createdAt.label")}
            sorter
            defaultSortOrder={getDefaultSortOrder("createdAt", sorters)}
            width={WIDTHS.createdAt}
            render={formatDateTime}
          />
          <Table.Column<Task>
            key="actions"
            title={t("tasks.fields.actions.label")}
            width={WIDTHS.actions}
            fixed="right"
            render={(_, task) => (
              <Space size="small" wrap>
                <Link to={`${TASKS_PATH}/${task.id}`} data-testid="task-open">
                  {t("tasks.handle")} <RightOutlined />
                </Link>
                <ClaimButtons
                  task={task}
                  meId={me?.person?.id}
                  onChanged={() => void tableQuery.refetch()}
                  compact
                />
              </Space>
            )}
          />
        </Table>
      </Flex>
    </List>
  );
};
