import { DownloadOutlined } from "@ant-design/icons";
import { getDefaultSortOrder, List, useTable } from "@refinedev/antd";
import { type CrudFilter, useGetIdentity } from "@refinedev/core";
import {
  Alert,
  Button,
  DatePicker,
  Empty,
  Flex,
  Input,
  Result,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { API_URL, type ApiHttpError } from "../../api/http";
import type { AuditEvent, Me } from "../../api/types";
import { RealPersonRequired } from "../../components/real-person-required";
import { isRealPersonSessionRequired } from "../../components/real-person-step-up";
import { SessionStrengthTag } from "../../components/session-strength-tag";
import { WhyNotInline } from "../../components/why-not";
import { currentLocale } from "../../i18n";
import { hasAnyRole } from "../../providers/roles";
import { formatDateTime } from "../../utils/format";
import { AuditEventDrawer } from "./audit-event-drawer";
import {
  actionFilterOptions,
  actionText,
  actorNameText,
  actorTypeText,
  targetTypeText,
} from "./audit-labels";
import { UnitFilter } from "./unit-filter";

/** Where the console shows the audit log (审计日志). */
export const AUDIT_LOG_PATH = "/audit-log";

const FILTER_FIELDS = ["unitId", "actor", "action", "from", "to"] as const;
type FilterField = (typeof FILTER_FIELDS)[number];

const filterValue = (filters: CrudFilter[], field: FilterField): string | undefined => {
  const value = filters.find((filter) => "field" in filter && filter.field === field)?.value;
  return typeof value === "string" && value !== "" ? value : undefined;
};

/** The export link: the same filters as the list, the console's language for the column headers. */
const exportUrl = (filters: CrudFilter[]): string => {
  const query = new URLSearchParams({ locale: currentLocale() });
  for (const field of FILTER_FIELDS) {
    const value = filterValue(filters, field);
    if (value) query.set(field, value);
  }
  return `${API_URL}/audit-events/export.csv?${query}`;
};

/**
 * 审计日志 (R26): platform auditors read every unit's events, unit administrators (real-person
 * session, R12) their unit's and its subordinates'. The API builds that scope into its query; this
 * page filters, shows one event's before/after, and exports the filtered log as CSV.
 */
export const AuditLogPage = () => {
  const { t } = useTranslation();
  const { data: me } = useGetIdentity<Me>();
  const [shown, setShown] = useState<AuditEvent>();
  const [actorInput, setActorInput] = useState("");
  const { tableProps, sorters, filters, setFilters, tableQuery } = useTable<AuditEvent, ApiHttpError>({
    resource: "audit-events",
    sorters: { initial: [{ field: "at", order: "desc" }] },
    pagination: { pageSize: 20 },
    syncWithLocation: false,
    errorNotification: false,
  });
  const setFilter = (field: FilterField, value?: string) =>
    setFilters([{ field, operator: "eq", value: value || undefined }], "merge");

  const error = tableQuery.error;
  // R12: an administrator in a password session raises it here, and the log appears.
  if (isRealPersonSessionRequired(error as unknown)) {
    return (
      <List title={t("resources.auditLog")}>
        <RealPersonRequired onRaised={() => void tableQuery.refetch()} />
      </List>
    );
  }

  const from = filterValue(filters, "from");
  const to = filterValue(filters, "to");
  const auditor = me ? hasAnyRole(me, ["PLATFORM_AUDITOR"]) : false;

  return (
    <List
      title={t("resources.auditLog")}
      headerButtons={
        <Tooltip title={t("auditLog.exportHint")}>
          <Button
            icon={<DownloadOutlined />}
            href={exportUrl(filters)}
            download
            disabled={Boolean(error)}
            data-testid="audit-export"
          >
            {t("auditLog.export")}
          </Button>
        </Tooltip>
      }
    >
      <Flex vertical gap="middle">
        <Alert
          type="info"
          showIcon
          message={auditor ? t("auditLog.scope.all") : t("auditLog.scope.units")}
          description={t("auditLog.intro")}
        />
        <Space wrap size="middle">
          <UnitFilter
            value={filterValue(filters, "unitId")}
            onChange={(unitId) => setFilter("unitId", unitId)}
          />
          <Input.Search
            allowClear
            style={{ width: 300 }}
            placeholder={t("auditLog.filters.actor")}
            value={actorInput}
            onChange={(e) => setActorInput(e.target.value)}
            onSearch={(value) => setFilter("actor", value.trim())}
            data-testid="audit-filter-actor"
          />
          <Select<string>
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 240 }}
            placeholder={t("auditLog.filters.action")}
            value={filterValue(filters, "action")}
            onChange={(value) => setFilter("action", value)}
            options={actionFilterOptions(t)}
            data-testid="audit-filter-action"
          />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            placeholder={[t("auditLog.filters.dateFrom"), t("auditLog.filters.dateTo")]}
            value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
            onChange={(range) =>
              setFilters(
                [
                  { field: "from", operator: "eq", value: range?.[0]?.format("YYYY-MM-DD") },
                  { field: "to", operator: "eq", value: range?.[1]?.format("YYYY-MM-DD") },
                ],
                "merge",
              )
            }
            data-testid="audit-filter-dates"
          />
        </Space>
        {error ? (
          <Result
            status="error"
            title={t("auditLog.loadFailed")}
            subTitle={<WhyNotInline error={error} />}
            extra={<Button onClick={() => void tableQuery.refetch()}>{t("auditLog.retry")}</Button>}
          />
        ) : (
          <Table<AuditEvent>
            {...tableProps}
            rowKey="id"
            onRow={(event) => ({ "data-testid": "audit-row", "data-sequence": event.sequence }) as never}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("auditLog.empty")} />,
            }}
            scroll={{ x: 1100 }}
          >
            <Table.Column<AuditEvent>
              dataIndex="at"
              title={t("auditLog.fields.at")}
              sorter
              defaultSortOrder={getDefaultSortOrder("at", sorters)}
              width={210}
              render={formatDateTime}
            />
            <Table.Column<AuditEvent>
              dataIndex="action"
              title={t("auditLog.fields.action")}
              render={(_, event) => (
                <Flex vertical>
                  <span>{actionText(event.action, t)}</span>
                  {actionText(event.action, t) !== event.action && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {event.action}
                    </Typography.Text>
                  )}
                </Flex>
              )}
            />
            <Table.Column<AuditEvent>
              key="actor"
              title={t("auditLog.fields.actor")}
              render={(_, event) => (
                <Flex vertical>
                  <span>
                    {actorNameText(event.actor, t) ?? "-"}{" "}
                    <Tag bordered={false}>{actorTypeText(event.actor.type, t)}</Tag>
                  </span>
                  {event.actor.idNumberMasked && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {event.actor.idNumberMasked}
                    </Typography.Text>
                  )}
                </Flex>
              )}
            />
            <Table.Column<AuditEvent>
              dataIndex="sessionStrength"
              title={t("auditLog.fields.sessionStrength")}
              width={170}
              render={(_, event) =>
                event.sessionStrength ? (
                  <SessionStrengthTag strength={event.sessionStrength} kind={event.actor.type} />
                ) : (
                  "-"
                )
              }
            />
            <Table.Column<AuditEvent>
              key="unit"
              title={t("auditLog.fields.unit")}
              render={(_, event) => event.unit?.name ?? "-"}
            />
            <Table.Column<AuditEvent>
              key="target"
              title={t("auditLog.fields.target")}
              width={140}
              render={(_, event) => targetTypeText(event.target.type, t)}
            />
            <Table.Column<AuditEvent>
              dataIndex="ipAddress"
              title={t("auditLog.fields.ipAddress")}
              width={140}
              render={(value: string | null) => value ?? "-"}
            />
            <Table.Column<AuditEvent>
              key="details"
              title={t("auditLog.fields.details")}
              width={90}
              fixed="right"
              render={(_, event) => (
                <Button size="small" onClick={() => setShown(event)} data-testid="audit-row-open">
                  {t("auditLog.detail.open")}
                </Button>
              )}
            />
          </Table>
        )}
      </Flex>
      <AuditEventDrawer event={shown} onClose={() => setShown(undefined)} />
    </List>
  );
};
