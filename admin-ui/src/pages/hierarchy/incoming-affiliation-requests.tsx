import { CheckOutlined, CloseOutlined, HistoryOutlined, SearchOutlined } from "@ant-design/icons";
import { useTable } from "@refinedev/antd";
import { type CrudFilters, useCustomMutation } from "@refinedev/core";
import {
  App,
  Button,
  Flex,
  Form,
  Input,
  Popconfirm,
  Segmented,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from "antd";
import type { TFunction } from "i18next";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type { AffiliationRequest, TaskDecision, UnitRef } from "../../api/types";
import { WhyNotTooltip } from "../../components/why-not";
import { useIdempotencyKey } from "../../hooks/use-idempotency-key";
import { formatDateTime } from "../../utils/format";
import { characterLimit } from "../../utils/validators";
import { TableEmpty } from "../portal/portal-shell";
import { ReasonModal } from "../portal/reason-modal";
import { TableLoadError } from "../portal/table-load-error";
import { useActionError } from "../portal/use-portal-action";
import { AffiliationRequestDrawer } from "./affiliation-request-drawer";
import { AffiliationStatusTag } from "./affiliation-status-tag";
import { affiliationRequestsUrl, affiliationRequestUrl } from "./use-hierarchy";

type RequestState = "OPEN" | "CLOSED";
const REASON_MAX = 500;
const POLL_MS = 10_000;

interface RequestSearch {
  q?: string;
}

const Muted = ({ children }: { children: string }) => (
  <Typography.Text type="secondary">{children}</Typography.Text>
);

const columns = (t: TFunction, state: RequestState): TableColumnsType<AffiliationRequest> => [
  {
    key: "requestNumber",
    dataIndex: "requestNumber",
    title: t("hierarchy.affiliation.fields.requestNumber"),
    width: 180,
  },
  {
    key: "unit",
    title: t("hierarchy.incoming.fields.unit"),
    width: 240,
    render: (_, request) => <Typography.Text strong>{request.unit.name}</Typography.Text>,
  },
  {
    key: "previousSuperiorUnit",
    title: t("hierarchy.affiliation.fields.previousSuperiorUnit"),
    width: 220,
    render: (_, request) => request.previousSuperiorUnit?.name ?? <Muted>{t("unitProfile.noParent")}</Muted>,
  },
  {
    key: "submittedAt",
    title: t("hierarchy.affiliation.fields.submittedAt"),
    width: 200,
    render: (_, request) => formatDateTime(request.submittedAt),
  },
  ...(state === "OPEN"
    ? [
        {
          key: "expiresAt",
          title: t("hierarchy.affiliation.fields.expiresAt"),
          width: 200,
          render: (_: unknown, request: AffiliationRequest) =>
            request.expiresAt ? formatDateTime(request.expiresAt) : <Muted>-</Muted>,
        },
      ]
    : [
        {
          key: "status",
          title: t("hierarchy.affiliation.fields.status"),
          width: 100,
          render: (_: unknown, request: AffiliationRequest) => (
            <AffiliationStatusTag status={request.status} />
          ),
        },
        {
          key: "closedAt",
          title: t("hierarchy.affiliation.fields.closedAt"),
          width: 200,
          render: (_: unknown, request: AffiliationRequest) =>
            request.closedAt ? formatDateTime(request.closedAt) : <Muted>-</Muted>,
        },
        {
          key: "decisionReason",
          title: t("hierarchy.affiliation.fields.decisionReason"),
          width: 200,
          ellipsis: true,
          render: (_: unknown, request: AffiliationRequest) => request.decisionReason ?? <Muted>-</Muted>,
        },
      ]),
];

interface IncomingAffiliationRequestsProps {
  /** The superior unit: the requests name it. */
  unit: UnitRef;
  /** After a decision (e.g. to refresh a pending count). */
  onDecided?: () => void;
}

/** The requests of one state: a table of its own (search, page) for each. */
const RequestsTable = ({
  unit,
  onDecided,
  state,
  stateSwitch,
}: IncomingAffiliationRequestsProps & { state: RequestState; stateSwitch: ReactNode }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onActionError = useActionError();
  const [rejecting, setRejecting] = useState<AffiliationRequest>();
  const [historyOf, setHistoryOf] = useState<string>();
  const idempotency = useIdempotencyKey();
  const { tableProps, searchFormProps, tableQuery } = useTable<
    AffiliationRequest,
    ApiHttpError,
    RequestSearch
  >({
    resource: "affiliation-requests-incoming",
    meta: { apiPath: affiliationRequestsUrl(unit.id) },
    syncWithLocation: false,
    pagination: { pageSize: 10 },
    filters: {
      permanent: [
        { field: "direction", operator: "eq", value: "incoming" },
        { field: "state", operator: "eq", value: state },
      ],
    },
    onSearch: ({ q }): CrudFilters => [{ field: "q", operator: "eq", value: q?.trim() || undefined }],
    queryOptions: { refetchInterval: state === "OPEN" ? POLL_MS : false },
    errorNotification: false,
  });
  const { mutate, mutation } = useCustomMutation<
    AffiliationRequest,
    ApiHttpError,
    { decision: TaskDecision; reason?: string }
  >();

  const decide = (request: AffiliationRequest, decision: TaskDecision, reason?: string) =>
    mutate(
      {
        url: affiliationRequestUrl(request.id, "decision"),
        method: "post",
        values: { decision, ...(reason ? { reason } : {}) },
        config: { headers: idempotency.headers(`${request.id}:${decision}:${reason ?? ""}`) },
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: () => {
          idempotency.answered();
          setRejecting(undefined);
          void message.success(
            t(`hierarchy.incoming.done.${decision}`, {
              unit: request.unit.name,
              number: request.requestNumber,
            }),
          );
          void tableQuery.refetch();
          onDecided?.();
        },
        onError: (error) => {
          idempotency.answered(error);
          onActionError(error);
          void tableQuery.refetch();
        },
      },
    );

  const actions: TableColumnsType<AffiliationRequest>[number] = {
    key: "actions",
    title: t("unitManagement.fields.actions.label"),
    width: state === "OPEN" ? 260 : 110,
    fixed: "right",
    render: (_, request) => {
      const why = request.canDecide ? undefined : t("hierarchy.incoming.cannotDecide");
      return (
        <Space size="small" wrap>
          {state === "OPEN" && (
            <>
              <Popconfirm
                title={t("hierarchy.incoming.approve.confirmTitle", { unit: request.unit.name })}
                description={
                  <Typography.Text type="secondary" style={{ display: "block", maxWidth: 340 }}>
                    {t("hierarchy.incoming.approve.confirmDescription", {
                      unit: request.unit.name,
                      superior: unit.name,
                    })}
                  </Typography.Text>
                }
                okText={t("hierarchy.incoming.approve.button")}
                cancelText={t("unitAccounts.cancel")}
                okButtonProps={{ loading: mutation.isPending, "data-testid": "affiliation-approve-confirm" }}
                onConfirm={() => decide(request, "APPROVE")}
                disabled={!request.canDecide}
                destroyOnHidden
              >
                <WhyNotTooltip reason={why}>
                  <Button
                    size="small"
                    type="primary"
                    icon={<CheckOutlined />}
                    disabled={!request.canDecide}
                    data-testid={`affiliation-approve-${request.id}`}
                  >
                    {t("hierarchy.incoming.approve.button")}
                  </Button>
                </WhyNotTooltip>
              </Popconfirm>
              <WhyNotTooltip reason={why}>
                <Button
                  size="small"
                  danger
                  icon={<CloseOutlined />}
                  disabled={!request.canDecide}
                  onClick={() => setRejecting(request)}
                  data-testid={`affiliation-reject-${request.id}`}
                >
                  {t("hierarchy.incoming.reject.button")}
                </Button>
              </WhyNotTooltip>
            </>
          )}
          <Button
            size="small"
            icon={<HistoryOutlined />}
            onClick={() => setHistoryOf(request.id)}
            data-testid={`affiliation-history-${request.id}`}
          >
            {t("hierarchy.affiliation.history")}
          </Button>
        </Space>
      );
    },
  };

  return (
    <Flex vertical gap="middle" data-testid="affiliation-incoming">
      <Flex justify="space-between" align="center" wrap gap="small">
        <Form<RequestSearch> {...searchFormProps} layout="inline" style={{ rowGap: 8 }}>
          <Form.Item name="q">
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t("hierarchy.incoming.filters.q")}
              style={{ width: 280 }}
              count={characterLimit(50)}
              data-testid="affiliation-incoming-q"
            />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" type="primary" data-testid="affiliation-incoming-search">
              {t("unitManagement.filters.search")}
            </Button>
          </Form.Item>
        </Form>
        {stateSwitch}
      </Flex>
      {tableQuery.error ? (
        <TableLoadError error={tableQuery.error} onRetry={() => void tableQuery.refetch()} />
      ) : (
        <Table<AffiliationRequest>
          {...tableProps}
          rowKey="id"
          columns={[...columns(t, state), actions]}
          scroll={{ x: "max-content" }}
          locale={{
            emptyText: (
              <TableEmpty
                description={
                  state === "OPEN" ? t("hierarchy.incoming.emptyOpen") : t("hierarchy.incoming.emptyClosed")
                }
              />
            ),
          }}
          data-testid={`affiliation-incoming-${state.toLowerCase()}`}
        />
      )}
      <ReasonModal
        open={rejecting !== undefined}
        title={t("hierarchy.incoming.reject.title", { unit: rejecting?.unit.name ?? "" })}
        description={
          <Typography.Text type="secondary">{t("hierarchy.incoming.reject.description")}</Typography.Text>
        }
        label={t("hierarchy.incoming.reject.reasonLabel")}
        placeholder={t("hierarchy.incoming.reject.reasonPlaceholder")}
        required
        maxLength={REASON_MAX}
        okText={t("hierarchy.incoming.reject.button")}
        danger
        loading={mutation.isPending}
        testId="affiliation-reject"
        onSubmit={(reason) => rejecting && decide(rejecting, "REJECT", reason)}
        onCancel={() => setRejecting(undefined)}
      />
      <AffiliationRequestDrawer requestId={historyOf} onClose={() => setHistoryOf(undefined)} />
    </Flex>
  );
};

/**
 * 查询并选择提交归口申请的单位 (R13): the requests naming the unit as superior, searchable by the
 * applicant's name or USCC; its administrator and handlers 通过 / 不通过 (with a reason) each one.
 * Every request's history (R25) opens in a drawer.
 */
export const IncomingAffiliationRequests = (props: IncomingAffiliationRequestsProps) => {
  const { t } = useTranslation();
  const [state, setState] = useState<RequestState>("OPEN");
  const stateSwitch = (
    <Segmented<RequestState>
      value={state}
      onChange={setState}
      options={[
        { value: "OPEN", label: t("hierarchy.incoming.states.OPEN") },
        { value: "CLOSED", label: t("hierarchy.incoming.states.CLOSED") },
      ]}
      data-testid="affiliation-incoming-state"
    />
  );
  return <RequestsTable key={state} {...props} state={state} stateSwitch={stateSwitch} />;
};
