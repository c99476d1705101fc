import { PlusOutlined, RollbackOutlined } from "@ant-design/icons";
import { List, useTable } from "@refinedev/antd";
import { useCustomMutation, useGetIdentity } from "@refinedev/core";
import {
  Alert,
  App,
  Button,
  Empty,
  Flex,
  Popconfirm,
  Result,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type { Me, TitleApplication, TitleApplicationStatus } from "../../api/types";
import { WhyNot, WhyNotInline, WhyNotTooltip } from "../../components/why-not";
import { useRoleCatalogue } from "../../hooks/use-role-catalogue";
import { useWhyNot } from "../../hooks/use-why-not";
import { formatDateTime } from "../../utils/format";

const STATUS_COLORS: Record<TitleApplicationStatus, string> = {
  IN_PROGRESS: "processing",
  COMPLETED: "success",
  WITHDRAWN: "default",
};

/** R10: the roles the person holds that exclude a title application, as the catalogue says. */
const useExcludingRoles = () => {
  const { data: me } = useGetIdentity<Me>();
  const catalogue = useRoleCatalogue();
  const excluding = (me?.roles ?? []).filter((held) =>
    catalogue.roles.some(
      (r) => r.subsystem === held.subsystem && r.role === held.role && r.excludesTitleApplication,
    ),
  );
  return excluding.map((held) => ({ ...held, label: catalogue.label(held.role) }));
};

/**
 * 职称评审子系统 → 职称申报 (minimal): open a title application, follow its status, withdraw it while in
 * progress. R10 (业务互斥): administrators and handlers cannot apply; the page says so before they try,
 * in the API's words (who can help), and 新建职称申报 is disabled with the same text on hover.
 */
export const TitleApplicationsPage = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const excluding = useExcludingRoles();
  // The refusal opening an application would get now (R10), with the administrator to ask.
  const { whyNot } = useWhyNot(excluding.length > 0 ? ["TITLE_APPLICATION_EXCLUDED_BY_ROLE"] : []);
  const exclusion = whyNot("TITLE_APPLICATION_EXCLUDED_BY_ROLE");
  const [refusal, setRefusal] = useState<ApiHttpError>();
  const { tableProps, tableQuery } = useTable<TitleApplication, ApiHttpError>({
    resource: "title-applications",
    syncWithLocation: false,
    pagination: { pageSize: 10 },
    sorters: { initial: [{ field: "createdAt", order: "desc" }] },
    errorNotification: false,
  });
  const { mutate, mutation } = useCustomMutation<TitleApplication, ApiHttpError>();
  const inProgress = tableQuery.data?.data.find((a) => a.status === "IN_PROGRESS");

  const act = (url: string, done: string) => {
    setRefusal(undefined);
    mutate(
      { url, method: "post", values: {}, successNotification: false, errorNotification: false },
      {
        onSuccess: () => void message.success(done),
        onError: (error) => setRefusal(error),
        onSettled: () => void tableQuery.refetch(),
      },
    );
  };

  const columns: TableColumnsType<TitleApplication> = [
    {
      key: "createdAt",
      dataIndex: "createdAt",
      title: t("titleApplications.fields.createdAt"),
      width: 220,
      render: (value: string) => formatDateTime(value),
    },
    {
      key: "status",
      dataIndex: "status",
      title: t("titleApplications.fields.status"),
      width: 120,
      render: (status: TitleApplicationStatus) => (
        <Tag color={STATUS_COLORS[status]} data-testid="title-application-status" data-status={status}>
          {t(`titleApplications.statuses.${status}`)}
        </Tag>
      ),
    },
    {
      key: "actions",
      title: t("titleApplications.fields.actions"),
      width: 120,
      render: (_, application) =>
        application.status === "IN_PROGRESS" ? (
          <Popconfirm
            title={t("titleApplications.withdraw.confirmTitle")}
            description={t("titleApplications.withdraw.confirmDescription")}
            okText={t("titleApplications.withdraw.button")}
            okButtonProps={{ danger: true, "data-testid": "title-application-withdraw-confirm" }}
            cancelText={t("unitAccounts.cancel")}
            onConfirm={() =>
              act(`title-applications/${application.id}/withdraw`, t("titleApplications.withdraw.done"))
            }
            destroyOnHidden
          >
            <Button
              size="small"
              danger
              icon={<RollbackOutlined />}
              loading={mutation.isPending}
              data-testid={`title-application-withdraw-${application.id}`}
            >
              {t("titleApplications.withdraw.button")}
            </Button>
          </Popconfirm>
        ) : (
          <Typography.Text type="secondary">-</Typography.Text>
        ),
    },
  ];

  const openBlocked = inProgress ? t("titleApplications.open.oneAtATime") : exclusion;
  const openButton = (
    <Popconfirm
      title={t("titleApplications.open.confirmTitle")}
      description={
        <Typography.Paragraph style={{ maxWidth: 320, margin: 0 }}>
          {t("titleApplications.open.confirmDescription")}
        </Typography.Paragraph>
      }
      okText={t("titleApplications.open.button")}
      okButtonProps={{ "data-testid": "title-application-open-confirm" }}
      cancelText={t("unitAccounts.cancel")}
      disabled={openBlocked !== undefined}
      onConfirm={() => act("title-applications", t("titleApplications.open.done"))}
      destroyOnHidden
    >
      <WhyNotTooltip reason={openBlocked}>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          disabled={openBlocked !== undefined}
          loading={mutation.isPending}
          data-testid="title-application-open"
        >
          {t("titleApplications.open.button")}
        </Button>
      </WhyNotTooltip>
    </Popconfirm>
  );

  return (
    <List title={t("resources.titleApplications")} headerButtons={openButton}>
      <Flex vertical gap="middle">
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t("titleApplications.intro")}
        </Typography.Paragraph>
        {excluding.length > 0 &&
          (exclusion ? (
            <WhyNot
              type="warning"
              title={t("titleApplications.exclusion.title")}
              error={exclusion}
              testId="title-application-exclusion"
            />
          ) : (
            <Alert
              type="warning"
              showIcon
              message={t("titleApplications.exclusion.title")}
              description={t("titleApplications.exclusion.description", {
                roles: excluding
                  .map((r) => t("titleApplications.exclusion.role", { unit: r.unitName, role: r.label }))
                  .join(t("common.listSeparator")),
              })}
              data-testid="title-application-exclusion"
            />
          ))}
        {refusal && (
          <WhyNot
            error={refusal}
            title={t("titleApplications.refused")}
            closable
            onClose={() => setRefusal(undefined)}
            testId="title-application-refusal"
          />
        )}
        {tableQuery.error ? (
          <Result
            status="error"
            title={t("unitAccounts.loadFailed")}
            subTitle={<WhyNotInline error={tableQuery.error} />}
            extra={<Button onClick={() => void tableQuery.refetch()}>{t("unitAccounts.retry")}</Button>}
          />
        ) : (
          <Table<TitleApplication>
            {...tableProps}
            rowKey="id"
            columns={columns}
            locale={{
              emptyText: (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("titleApplications.empty")} />
              ),
            }}
            data-testid="title-applications-table"
          />
        )}
      </Flex>
    </List>
  );
};
