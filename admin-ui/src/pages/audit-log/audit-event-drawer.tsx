import { Descriptions, Drawer, Empty, Flex, Table, Tag, Typography, theme } from "antd";
import { useTranslation } from "react-i18next";
import type { AuditEvent } from "../../api/types";
import { SessionStrengthTag } from "../../components/session-strength-tag";
import { formatDateTime } from "../../utils/format";
import { actionText, actorNameText, actorTypeText, targetTypeText } from "./audit-labels";

interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Field by field when both sides are objects (or missing); otherwise the whole value as one row. */
const fieldChanges = (before: unknown, after: unknown): FieldChange[] => {
  if ((before === null || isRecord(before)) && (after === null || isRecord(after))) {
    const b = before ?? {};
    const a = after ?? {};
    const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return fields.map((field) => ({
      field,
      before: b[field],
      after: a[field],
      changed: JSON.stringify(b[field]) !== JSON.stringify(a[field]),
    }));
  }
  return [{ field: "", before, after, changed: JSON.stringify(before) !== JSON.stringify(after) }];
};

const Value = ({ value }: { value: unknown }) => {
  const { t } = useTranslation();
  if (value === undefined || value === null) {
    return <Typography.Text type="secondary">{t("auditLog.detail.nothing")}</Typography.Text>;
  }
  if (typeof value === "string") return <Typography.Text>{value}</Typography.Text>;
  return (
    <Typography.Text code style={{ whiteSpace: "pre-wrap" }}>
      {JSON.stringify(value, null, 2)}
    </Typography.Text>
  );
};

/** Who, when, through which session, from where (R26), and the before/after as a field diff. */
export const AuditEventDrawer = ({ event, onClose }: { event?: AuditEvent; onClose: () => void }) => {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const changes =
    event && (event.before !== null || event.after !== null) ? fieldChanges(event.before, event.after) : [];
  return (
    <Drawer
      open={event !== undefined}
      onClose={onClose}
      width={720}
      destroyOnHidden
      title={event ? t("auditLog.detail.title", { sequence: event.sequence ?? "-" }) : undefined}
      data-testid="audit-event-drawer"
    >
      {event && (
        <Flex vertical gap="large">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t("auditLog.fields.at")}>{formatDateTime(event.at)}</Descriptions.Item>
            <Descriptions.Item label={t("auditLog.fields.action")}>
              {actionText(event.action, t)} <Typography.Text code>{event.action}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t("auditLog.fields.actor")}>
              <Flex gap="small" wrap>
                <Tag>{actorTypeText(event.actor.type, t)}</Tag>
                {actorNameText(event.actor, t)}
                {event.actor.idNumberMasked && (
                  <Typography.Text type="secondary">{event.actor.idNumberMasked}</Typography.Text>
                )}
              </Flex>
            </Descriptions.Item>
            <Descriptions.Item label={t("auditLog.fields.sessionStrength")}>
              {event.sessionStrength ? (
                <SessionStrengthTag strength={event.sessionStrength} kind={event.actor.type} />
              ) : (
                <Typography.Text type="secondary">{t("auditLog.noSession")}</Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t("auditLog.fields.ipAddress")}>
              {event.ipAddress ?? "-"}
            </Descriptions.Item>
            <Descriptions.Item label={t("auditLog.fields.userAgent")}>
              {event.userAgent ?? "-"}
            </Descriptions.Item>
            <Descriptions.Item label={t("auditLog.fields.unit")}>{event.unit?.name ?? "-"}</Descriptions.Item>
            <Descriptions.Item label={t("auditLog.fields.target")}>
              {targetTypeText(event.target.type, t)}{" "}
              {event.target.id && <Typography.Text code>{event.target.id}</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label={t("auditLog.fields.requestId")}>
              {event.requestId ?? "-"}
            </Descriptions.Item>
            <Descriptions.Item label={t("auditLog.fields.hash")}>
              <Typography.Text code copyable style={{ wordBreak: "break-all" }}>
                {event.hash ?? "-"}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Title level={5}>{t("auditLog.detail.changes")}</Typography.Title>
            {changes.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("auditLog.detail.noChanges")} />
            ) : (
              <Table<FieldChange>
                size="small"
                pagination={false}
                rowKey="field"
                dataSource={changes}
                onRow={(row) => ({
                  style: row.changed ? { background: token.colorWarningBg } : undefined,
                })}
                data-testid="audit-event-changes"
              >
                <Table.Column<FieldChange>
                  dataIndex="field"
                  title={t("auditLog.detail.field")}
                  width={180}
                  render={(field: string) => <Typography.Text code>{field || "-"}</Typography.Text>}
                />
                <Table.Column<FieldChange>
                  dataIndex="before"
                  title={t("auditLog.detail.before")}
                  render={(value: unknown) => <Value value={value} />}
                />
                <Table.Column<FieldChange>
                  dataIndex="after"
                  title={t("auditLog.detail.after")}
                  render={(value: unknown) => <Value value={value} />}
                />
              </Table>
            )}
          </div>
        </Flex>
      )}
    </Drawer>
  );
};
