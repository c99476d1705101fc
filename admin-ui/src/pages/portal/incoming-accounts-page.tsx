import { CheckOutlined, CloseOutlined, SearchOutlined } from "@ant-design/icons";
import { getDefaultSortOrder, useTable } from "@refinedev/antd";
import { type CrudFilters, useCustomMutation, useLink, useList } from "@refinedev/core";
import {
  App,
  Badge,
  Button,
  Flex,
  Form,
  Input,
  Popconfirm,
  Space,
  Table,
  type TableColumnsType,
  type TableProps,
  Tabs,
  Tooltip,
  Typography,
} from "antd";
import type { TFunction } from "i18next";
import { type Key, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type {
  BindingDecision,
  BindingDecisionResult,
  BindingDecisionSubmission,
  IncomingBindingRequest,
} from "../../api/types";
import { BindingStatusTag } from "../../components/binding-status-tag";
import { FilteredEmpty } from "../../components/filtered-empty";
import { TASKS_PATH } from "../../config/paths";
import { useIdempotencyKey } from "../../hooks/use-idempotency-key";
import { currentLocale } from "../../i18n";
import { formatDateTime } from "../../utils/format";
import { characterLimit } from "../../utils/validators";
import { type PortalContext, PortalShell } from "./portal-shell";
import { ReasonModal } from "./reason-modal";
import { TableLoadError } from "./table-load-error";
import { useActionError } from "./use-portal-action";

type RequestState = "OPEN" | "CLOSED";
const RESOURCE = "incoming-accounts";
const REASON_MAX = 500;
const POLL_MS = 10_000;

interface RequestSearch {
  q?: string;
}

const apiPath = (unitId: string) => `units/${unitId}/binding-requests`;

const personLabel = (request: IncomingBindingRequest): string =>
  request.person.name?.trim() || request.person.idNumberMasked;

/** Where the person comes from: accepting ends their binding to the current unit (R16). */
const Origin = ({ request }: { request: IncomingBindingRequest }) => {
  const { t } = useTranslation();
  return request.person.currentUnitName ? (
    <Typography.Text>
      {t("incomingAccounts.transferFrom", { unit: request.person.currentUnitName })}
    </Typography.Text>
  ) : (
    <Typography.Text type="secondary">{t("incomingAccounts.firstUnit")}</Typography.Text>
  );
};

/**
 * Column widths (px) that fit the content width at 1440 px (about 1190 beside the menu), so no column
 * sits behind the fixed 操作 column there; narrower screens scroll sideways (scroll.x is their sum).
 */
const WIDTHS = {
  OPEN: {
    selection: 48,
    person: 200,
    origin: 200,
    requestNumber: 180,
    submittedAt: 170,
    expiresAt: 170,
    actions: 180,
  },
  CLOSED: { person: 200, requestNumber: 170, submittedAt: 160, status: 100, closedAt: 160, reason: 300 },
} as const;
const tableWidth = (state: RequestState) =>
  Object.values(WIDTHS[state]).reduce<number>((sum, width) => sum + width, 0);

/** The request number, a link to the same request's task in 审核工作台 (the two are one item). */
const RequestNumber = ({ request }: { request: IncomingBindingRequest }) => {
  const { t } = useTranslation();
  const Link = useLink();
  if (!request.task) return <>{request.requestNumber}</>;
  return (
    <Tooltip title={t("incomingAccounts.openTask")}>
      <Link to={`${TASKS_PATH}/${request.task.id}`} data-testid={`incoming-task-${request.id}`}>
        {request.requestNumber}
      </Link>
    </Tooltip>
  );
};

const baseColumns = (
  t: TFunction,
  state: RequestState,
  sorters: Parameters<typeof getDefaultSortOrder>[1],
) => {
  const open = state === "OPEN";
  const widths: Record<string, number> = WIDTHS[state];
  const columns: TableColumnsType<IncomingBindingRequest> = [
    {
      key: "person",
      title: t("incomingAccounts.fields.person"),
      width: widths.person,
      render: (_, request) => (
        <Flex vertical>
          <Typography.Text strong>
            {request.person.name?.trim() || t("unitAccounts.nameMissing")}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {request.person.idNumberMasked} · {request.person.mobileMasked}
          </Typography.Text>
        </Flex>
      ),
    },
    ...(open
      ? [
          {
            key: "origin",
            title: t("incomingAccounts.fields.origin"),
            width: widths.origin,
            render: (_: unknown, request: IncomingBindingRequest) => <Origin request={request} />,
          },
        ]
      : []),
    {
      key: "requestNumber",
      dataIndex: "requestNumber",
      title: t("incomingAccounts.fields.requestNumber"),
      width: widths.requestNumber,
      render: (_, request) => <RequestNumber request={request} />,
    },
    {
      key: "submittedAt",
      dataIndex: "submittedAt",
      title: t("incomingAccounts.fields.submittedAt"),
      width: widths.submittedAt,
      sorter: true,
      defaultSortOrder: getDefaultSortOrder("submittedAt", sorters),
      render: (value: string) => formatDateTime(value),
    },
  ];
  if (open) {
    columns.push({
      key: "expiresAt",
      dataIndex: "expiresAt",
      title: t("incomingAccounts.fields.expiresAt"),
      width: widths.expiresAt,
      render: (value: string | null) =>
        value ? formatDateTime(value) : <Typography.Text type="secondary">-</Typography.Text>,
    });
  } else {
    columns.push(
      {
        key: "status",
        dataIndex: "status",
        title: t("incomingAccounts.fields.status"),
        width: widths.status,
        render: (_, request) => <BindingStatusTag status={request.status} />,
      },
      {
        key: "closedAt",
        dataIndex: "closedAt",
        title: t("incomingAccounts.fields.closedAt"),
        width: widths.closedAt,
        render: (value: string | null) => (value ? formatDateTime(value) : "-"),
      },
      {
        key: "decisionReason",
        dataIndex: "decisionReason",
        title: t("incomingAccounts.fields.reason"),
        width: widths.reason,
        ellipsis: { showTitle: true },
        render: (value: string | null) => value ?? <Typography.Text type="secondary">-</Typography.Text>,
      },
    );
  }
  return columns;
};

/** Reports a decision over one or several requests: one line per request that could not be decided. */
const useDecisionReport = () => {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  return (decision: BindingDecision, results: BindingDecisionResult[], rows: IncomingBindingRequest[]) => {
    const done = results.filter(({ ok }) => ok).length;
    const failures = results.filter(({ ok }) => !ok);
    const doneText =
      decision === "APPROVE"
        ? t("incomingAccounts.result.accepted", { count: done })
        : t("incomingAccounts.result.rejected", { count: done });
    if (failures.length === 0) {
      void message.success(doneText);
      return;
    }
    const locale = currentLocale();
    modal.warning({
      title: t("incomingAccounts.result.partialTitle", { count: failures.length }),
      width: 560,
      content: (
        <Flex vertical gap="small" data-testid="incoming-decision-failures">
          {done > 0 && <Typography.Text>{doneText}</Typography.Text>}
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {failures.map(({ requestId, error }) => {
              const row = rows.find(({ id }) => id === requestId);
              return (
                <li key={requestId}>
                  {t("incomingAccounts.result.failure", {
                    who: row ? `${personLabel(row)} (${row.requestNumber})` : requestId,
                    message: error?.message[locale] ?? error?.code ?? "",
                  })}
                </li>
              );
            })}
          </ul>
        </Flex>
      ),
    });
  };
};

interface RequestTableProps {
  context: PortalContext;
  state: RequestState;
  /** After a decision: the pending count in the tab reloads. */
  onDecided: () => void;
}

const RequestTable = ({ context, state, onDecided }: RequestTableProps) => {
  const { t } = useTranslation();
  const { unit, me } = context;
  const onActionError = useActionError();
  const report = useDecisionReport();
  const [selected, setSelected] = useState<Key[]>([]);
  const [rejecting, setRejecting] = useState<IncomingBindingRequest>();
  const { tableProps, searchFormProps, tableQuery, sorters, filters, setFilters, setCurrentPage } = useTable<
    IncomingBindingRequest,
    ApiHttpError,
    RequestSearch
  >({
    resource: RESOURCE,
    meta: { apiPath: apiPath(unit.id) },
    syncWithLocation: false,
    pagination: { pageSize: 20 },
    // Open requests oldest first (they expire first); settled ones newest first.
    sorters: { initial: [{ field: "submittedAt", order: state === "OPEN" ? "asc" : "desc" }] },
    filters: { permanent: [{ field: "state", operator: "eq", value: state }] },
    onSearch: ({ q }): CrudFilters => [{ field: "q", operator: "eq", value: q?.trim() || undefined }],
    queryOptions: { refetchInterval: state === "OPEN" ? POLL_MS : false },
    errorNotification: false,
  });
  const { mutate, mutation } = useCustomMutation<
    BindingDecisionResult[],
    ApiHttpError,
    BindingDecisionSubmission
  >();
  const rows = tableQuery.data?.data ?? [];
  const idempotency = useIdempotencyKey();
  const query = filters.find((filter) => "field" in filter && filter.field === "q")?.value as
    | string
    | undefined;
  const clearSearch = () => {
    searchFormProps.form?.resetFields();
    setFilters([], "replace");
    setCurrentPage(1);
  };
  // A new order starts on page 1 (antd keeps the page on a sort).
  const onChange: TableProps<IncomingBindingRequest>["onChange"] = (
    pagination,
    tableFilters,
    sorter,
    extra,
  ) => {
    tableProps.onChange?.(pagination, tableFilters, sorter, extra);
    if (extra.action === "sort") setCurrentPage(1);
  };

  const decide = (requestIds: string[], decision: BindingDecision, reason?: string) => {
    const involved = rows.filter(({ id }) => requestIds.includes(id));
    mutate(
      {
        url: `${apiPath(unit.id)}/decisions`,
        method: "post",
        values: { requestIds, decision, ...(reason ? { reason } : {}) },
        config: { headers: idempotency.headers(`${requestIds.join(",")}:${decision}:${reason ?? ""}`) },
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: ({ data }) => {
          idempotency.answered();
          report(decision, data, involved);
          setRejecting(undefined);
          setSelected((keys) => keys.filter((key) => !requestIds.includes(String(key))));
          void tableQuery.refetch();
          onDecided();
        },
        onError: (error) => {
          idempotency.answered(error);
          onActionError(error);
          void tableQuery.refetch();
        },
      },
    );
  };

  if (tableQuery.error) {
    return <TableLoadError error={tableQuery.error} onRetry={() => void tableQuery.refetch()} />;
  }

  const columns = baseColumns(t, state, sorters);
  if (state === "OPEN") {
    columns.push({
      key: "actions",
      title: t("unitAccounts.fields.actions"),
      width: WIDTHS.OPEN.actions,
      fixed: "right",
      render: (_, request) => {
        // The workbench's claim rule: a colleague's claim makes the request theirs to decide.
        const holder = request.task?.status === "CLAIMED" ? request.task.assignee : null;
        if (holder && holder.id !== me.person?.id) {
          return (
            <Tooltip title={t("tasks.claim.rule")}>
              <Typography.Text type="secondary" data-testid={`incoming-claimed-${request.id}`}>
                {t("incomingAccounts.claimedByOther", { name: holder.name ?? t("me.nameMissing") })}
              </Typography.Text>
            </Tooltip>
          );
        }
        return (
          <Space size="small" wrap>
            <Popconfirm
              title={t("incomingAccounts.accept.confirmTitle", { name: personLabel(request) })}
              description={
                <Typography.Text type="secondary" style={{ display: "block", maxWidth: 320 }}>
                  {request.person.currentUnitName
                    ? t("incomingAccounts.accept.transferNote", {
                        from: request.person.currentUnitName,
                        unit: unit.name,
                      })
                    : t("incomingAccounts.accept.note", { unit: unit.name })}
                </Typography.Text>
              }
              okText={t("incomingAccounts.accept.button")}
              cancelText={t("unitAccounts.cancel")}
              okButtonProps={{ "data-testid": "incoming-confirm", loading: mutation.isPending }}
              onConfirm={() => decide([request.id], "APPROVE")}
              destroyOnHidden
            >
              <Button
                size="small"
                type="primary"
                icon={<CheckOutlined />}
                data-testid={`incoming-accept-${request.id}`}
              >
                {t("incomingAccounts.accept.button")}
              </Button>
            </Popconfirm>
            <Button
              size="small"
              danger
              icon={<CloseOutlined />}
              onClick={() => setRejecting(request)}
              data-testid={`incoming-reject-${request.id}`}
            >
              {t("incomingAccounts.reject.button")}
            </Button>
          </Space>
        );
      },
    });
  }

  const selectedIds = selected.map(String);
  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center" wrap gap="small">
        <Form<RequestSearch> {...searchFormProps} layout="inline" style={{ rowGap: 8 }}>
          <Form.Item name="q">
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t("incomingAccounts.filters.q")}
              style={{ width: 280 }}
              count={characterLimit(50)}
              data-testid="incoming-search-q"
            />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" type="primary" data-testid="incoming-search-submit">
              {t("unitAccounts.filters.search")}
            </Button>
          </Form.Item>
        </Form>
        {state === "OPEN" && (
          <Space>
            {selectedIds.length > 0 && (
              <Typography.Text type="secondary">
                {t("incomingAccounts.batch.selected", { count: selectedIds.length })}
              </Typography.Text>
            )}
            <Popconfirm
              title={t("incomingAccounts.batch.confirmTitle", { count: selectedIds.length })}
              description={
                <Typography.Text type="secondary" style={{ display: "block", maxWidth: 320 }}>
                  {t("incomingAccounts.batch.confirmDescription", { unit: unit.name })}
                </Typography.Text>
              }
              okText={t("incomingAccounts.accept.button")}
              cancelText={t("unitAccounts.cancel")}
              okButtonProps={{ "data-testid": "incoming-confirm", loading: mutation.isPending }}
              onConfirm={() => decide(selectedIds, "APPROVE")}
              disabled={selectedIds.length === 0}
              destroyOnHidden
            >
              <Button
                type="primary"
                icon={<CheckOutlined />}
                disabled={selectedIds.length === 0}
                loading={mutation.isPending}
                data-testid="incoming-accept-selected"
              >
                {t("incomingAccounts.batch.button")}
              </Button>
            </Popconfirm>
          </Space>
        )}
      </Flex>
      <Table<IncomingBindingRequest>
        {...tableProps}
        rowKey="id"
        columns={columns}
        onChange={onChange}
        rowSelection={
          state === "OPEN"
            ? {
                selectedRowKeys: selected,
                onChange: setSelected,
                preserveSelectedRowKeys: false,
                columnWidth: WIDTHS.OPEN.selection,
                // A request a colleague claimed is theirs to decide (the workbench's claim rule).
                getCheckboxProps: (request) => ({
                  disabled: request.task?.status === "CLAIMED" && request.task.assignee?.id !== me.person?.id,
                }),
              }
            : undefined
        }
        tableLayout="fixed"
        scroll={{ x: tableWidth(state) }}
        locale={{
          emptyText: (
            <FilteredEmpty
              filtered={Boolean(query)}
              description={
                state === "OPEN" ? t("incomingAccounts.emptyOpen") : t("incomingAccounts.emptyClosed")
              }
              noMatch={t("common.noMatchQuery", { q: query })}
              onClear={clearSearch}
              testId={`incoming-empty-${state.toLowerCase()}`}
            />
          ),
        }}
        data-testid={`incoming-table-${state.toLowerCase()}`}
      />
      <ReasonModal
        open={rejecting !== undefined}
        title={t("incomingAccounts.reject.title", { name: rejecting ? personLabel(rejecting) : "" })}
        label={t("incomingAccounts.reject.reasonLabel")}
        placeholder={t("incomingAccounts.reject.reasonPlaceholder")}
        required
        maxLength={REASON_MAX}
        okText={t("incomingAccounts.reject.button")}
        danger
        loading={mutation.isPending}
        testId="incoming-reject"
        onSubmit={(reason) => rejecting && decide([rejecting.id], "REJECT", reason)}
        onCancel={() => setRejecting(undefined)}
      />
    </Flex>
  );
};

const IncomingRequests = ({ context }: { context: PortalContext }) => {
  const { t } = useTranslation();
  const [state, setState] = useState<RequestState>("OPEN");
  // The number of open requests, for the tab; the table itself pages on the server.
  const { result: open, query: openQuery } = useList<IncomingBindingRequest, ApiHttpError>({
    resource: RESOURCE,
    meta: { apiPath: apiPath(context.unit.id) },
    pagination: { currentPage: 1, pageSize: 1 },
    filters: [{ field: "state", operator: "eq", value: "OPEN" }],
    queryOptions: { refetchInterval: POLL_MS },
    errorNotification: false,
  });
  return (
    <Tabs
      activeKey={state}
      onChange={(key) => setState(key as RequestState)}
      destroyOnHidden
      items={[
        {
          key: "OPEN",
          label: (
            <Space size="small" data-testid="incoming-tab-open">
              {t("incomingAccounts.tabs.OPEN")}
              {(open.total ?? 0) > 0 && <Badge count={open.total} overflowCount={99} />}
            </Space>
          ),
          children: (
            <RequestTable context={context} state="OPEN" onDecided={() => void openQuery.refetch()} />
          ),
        },
        {
          key: "CLOSED",
          label: <span data-testid="incoming-tab-closed">{t("incomingAccounts.tabs.CLOSED")}</span>,
          children: (
            <RequestTable context={context} state="CLOSED" onDecided={() => void openQuery.refetch()} />
          ),
        },
      ]}
    />
  );
};

/** 新进账号管理 (R16): people who asked to join the unit; the administrator or a handler accepts or rejects. */
export const IncomingAccountsPage = () => {
  const { t } = useTranslation();
  return (
    <PortalShell
      title={t("resources.incomingAccounts")}
      intro={
        <>
          {t("incomingAccounts.intro")}
          <br />
          <span data-testid="incoming-same-task">{t("incomingAccounts.sameTask")}</span>
        </>
      }
    >
      {(context) => <IncomingRequests key={context.unit.id} context={context} />}
    </PortalShell>
  );
};
