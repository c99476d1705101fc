import { getDefaultSortOrder, List, useTable } from "@refinedev/antd";
import { Empty, Result, Space, Switch, Table, Tag, type TagProps, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type { SmsOutboxItem, SmsStatus } from "../../api/types";
import { currentLocale } from "../../i18n";
import { formatDateTime } from "../../utils/format";

const REFRESH_SECONDS = 5;

const statusColor: Record<SmsStatus, TagProps["color"]> = {
  QUEUED: "processing",
  SENT: "success",
  FAILED: "error",
};

// The outbox exists only with the dev SMS adapter; elsewhere the API answers 404.
const isUnavailable = (error?: ApiHttpError | null): boolean => error?.statusCode === 404;

/** 短信发件箱: what the dev SMS adapter "sent", newest first, so developers can read login codes. */
export const SmsOutboxList = () => {
  const { t } = useTranslation();
  const [autoRefresh, setAutoRefresh] = useState(true);
  const { tableProps, tableQuery, sorters } = useTable<SmsOutboxItem, ApiHttpError>({
    sorters: { initial: [{ field: "createdAt", order: "desc" }] },
    pagination: { pageSize: 20 },
    queryOptions: {
      refetchInterval: (query) =>
        autoRefresh && !isUnavailable(query.state.error) ? REFRESH_SECONDS * 1000 : false,
    },
    errorNotification: (error) => (isUnavailable(error) ? false : undefined),
  });

  if (isUnavailable(tableQuery.error)) {
    return (
      <Result
        status="info"
        title={t("smsOutbox.unavailable.title")}
        subTitle={t("smsOutbox.unavailable.description")}
      />
    );
  }

  return (
    <List
      title={t("resources.smsOutbox")}
      headerButtons={
        <Space>
          <Switch checked={autoRefresh} onChange={setAutoRefresh} />
          <Typography.Text>{t("smsOutbox.autoRefresh", { seconds: REFRESH_SECONDS })}</Typography.Text>
        </Space>
      }
    >
      <Table
        {...tableProps}
        rowKey="id"
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("smsOutbox.empty")} />,
        }}
      >
        <Table.Column<SmsOutboxItem>
          dataIndex="createdAt"
          title={t("smsOutbox.fields.createdAt.label")}
          sorter
          defaultSortOrder={getDefaultSortOrder("createdAt", sorters)}
          render={formatDateTime}
          width={220}
        />
        <Table.Column<SmsOutboxItem>
          dataIndex="mobileMasked"
          title={t("smsOutbox.fields.mobileMasked.label")}
          width={140}
        />
        <Table.Column<SmsOutboxItem>
          dataIndex="template"
          title={t("smsOutbox.fields.template.label")}
          // The kind's name in the reader's language; its id (what configuration names) on hover.
          render={(template: string, message) => (
            <Typography.Text title={template} data-template={template}>
              {message.templateName?.[currentLocale()] ?? template}
            </Typography.Text>
          )}
          width={180}
        />
        <Table.Column<SmsOutboxItem> dataIndex="body" title={t("smsOutbox.fields.body.label")} />
        <Table.Column<SmsOutboxItem>
          dataIndex="status"
          title={t("smsOutbox.fields.status.label")}
          render={(status: SmsStatus) => (
            <Tag color={statusColor[status]}>{t(`smsOutbox.statuses.${status}`)}</Tag>
          )}
          width={110}
        />
      </Table>
    </List>
  );
};
