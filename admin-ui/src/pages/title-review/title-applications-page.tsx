import { PlusOutlined, RollbackOutlined } from "@ant-design/icons";
import { List, useTable } from "@refinedev/antd";
import { useCustomMutation, useGetIdentity, useShow } from "@refinedev/core";
import {
  Alert,
  App,
  Button,
  Col,
  Empty,
  Flex,
  Popconfirm,
  Result,
  Row,
  Spin,
  Table,
  type TableColumnsType,
  Typography,
} from "antd";
import { type Key, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type { Me, TitleApplication, TitleApplicationDetail, TitleApplicationStatus } from "../../api/types";
import { RequestHistoryTimeline } from "../../components/request-history-timeline";
import { WhyNot, WhyNotInline, WhyNotTooltip } from "../../components/why-not";
import { mayRetrySameAttempt } from "../../hooks/use-idempotency-key";
import { useRoleCatalogue } from "../../hooks/use-role-catalogue";
import { useWhyNot } from "../../hooks/use-why-not";
import { formatDateTime } from "../../utils/format";
import { newUuid } from "../../utils/uuid";
import { TitleApplicationPath } from "./title-application-path";
import { TitleApplicationStatusTag } from "./title-application-status-tag";

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

/** R31 R25: where one application is on its way up the push chain, and its history. */
const ApplicationProgress = ({ application }: { application: TitleApplication }) => {
  const { t } = useTranslation();
  const { query } = useShow<TitleApplicationDetail, ApiHttpError>({
    resource: "title-applications",
    id: application.id,
    errorNotification: false,
  });
  const detail = query.data?.data;
  const { refetch } = query;
  // The list row moved on (withdrawn, pushed, returned): read the path and history again.
  const where = `${application.status}:${application.currentUnit?.id ?? ""}`;
  const seen = useRef(where);
  useEffect(() => {
    if (seen.current === where) return;
    seen.current = where;
    void refetch();
  }, [where, refetch]);
  if (query.error) return <WhyNotInline error={query.error} />;
  return (
    <Row gutter={[24, 16]} data-testid={`title-application-progress-${application.id}`}>
      <Col xs={24} lg={12}>
        <Typography.Title level={5}>{t("titleApplications.path.title")}</Typography.Title>
        {application.status === "RETURNED" && application.returnReason && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            message={t("titleApplications.path.returnedAlert")}
            description={application.returnReason}
          />
        )}
        <TitleApplicationPath
          steps={detail?.steps ?? application.steps}
          history={detail?.history}
          closed={application.status !== "IN_PROGRESS"}
        />
      </Col>
      <Col xs={24} lg={12}>
        <Typography.Title level={5}>{t("titleApplications.path.history")}</Typography.Title>
        {detail ? (
          <RequestHistoryTimeline history={detail.history} requestType="TITLE_APPLICATION" />
        ) : (
          <Spin />
        )}
      </Col>
    </Row>
  );
};

/**
 * 职称评审子系统 → 职称申报 (R31): open a title application at one's unit and follow it up the push chain
 * (request number, status, the node that has it, who pushed or returned it and why, chain changes),
 * withdraw it while in progress. R10 (业务互斥): administrators and handlers cannot apply; the page
 * says so before they try, in the API's words (who can help), and 新建职称申报 is disabled with the
 * same text on hover; so is it for a person bound to no unit (the chain starts at the unit).
 */
export const TitleApplicationsPage = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useGetIdentity<Me>();
  const excluding = useExcludingRoles();
  // The refusal opening an application would get now (R10), with the administrator to ask.
  const { whyNot } = useWhyNot(excluding.length > 0 ? ["TITLE_APPLICATION_EXCLUDED_BY_ROLE"] : []);
  const exclusion = whyNot("TITLE_APPLICATION_EXCLUDED_BY_ROLE");
  const [refusal, setRefusal] = useState<ApiHttpError>();
  const [expanded, setExpanded] = useState<readonly Key[]>();
  // One id per application being opened: a retry after a lost answer finds it instead of a second one.
  const submissionId = useRef(newUuid());
  const { tableProps, tableQuery } = useTable<TitleApplication, ApiHttpError>({
    resource: "title-applications",
    syncWithLocation: false,
    pagination: { pageSize: 10 },
    sorters: { initial: [{ field: "createdAt", order: "desc" }] },
    errorNotification: false,
  });
  const { mutate, mutation } = useCustomMutation<TitleApplication, ApiHttpError>();
  const rows = tableQuery.data?.data ?? [];
  const inProgress = rows.find((a) => a.status === "IN_PROGRESS");

  const act = (url: string, values: object, done: string) => {
    setRefusal(undefined);
    mutate(
      { url, method: "post", values, successNotification: false, errorNotification: false },
      {
        onSuccess: () => {
          submissionId.current = newUuid();
          void message.success(done);
        },
        onError: (error) => {
          if (!mayRetrySameAttempt(error)) submissionId.current = newUuid();
          setRefusal(error);
        },
        onSettled: () => void tableQuery.refetch(),
      },
    );
  };

  const columns: TableColumnsType<TitleApplication> = [
    {
      key: "requestNumber",
      dataIndex: "requestNumber",
      title: t("titleApplications.fields.requestNumber"),
      width: 200,
      render: (value: string | null) =>
        value ?? <Typography.Text type="secondary">{t("titleApplications.noRequestNumber")}</Typography.Text>,
    },
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
      render: (status: TitleApplicationStatus) => <TitleApplicationStatusTag status={status} />,
    },
    {
      key: "currentUnit",
      title: t("titleApplications.fields.currentUnit"),
      render: (_, application) =>
        application.currentUnit ? (
          <Typography.Text data-testid="title-application-current-unit">
            {application.currentUnit.name}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">-</Typography.Text>
        ),
    },
    {
      key: "actions",
      title: t("titleApplications.fields.actions"),
      width: 120,
      render: (_, application) =>
        application.canWithdraw ? (
          <Popconfirm
            title={t("titleApplications.withdraw.confirmTitle")}
            description={t("titleApplications.withdraw.confirmDescription")}
            okText={t("titleApplications.withdraw.button")}
            okButtonProps={{ danger: true, "data-testid": "title-application-withdraw-confirm" }}
            cancelText={t("unitAccounts.cancel")}
            onConfirm={() =>
              act(`title-applications/${application.id}/withdraw`, {}, t("titleApplications.withdraw.done"))
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

  const unbound = me?.kind === "PERSON" && me.unit === null;
  const openBlocked = inProgress
    ? t("titleApplications.open.oneAtATime")
    : (exclusion ?? (unbound ? t("titleApplications.open.unitRequired") : undefined));
  const openButton = (
    <Popconfirm
      title={t("titleApplications.open.confirmTitle")}
      description={
        <Typography.Paragraph style={{ maxWidth: 320, margin: 0 }}>
          {t("titleApplications.open.confirmDescription", { unit: me?.unit?.name ?? "" })}
        </Typography.Paragraph>
      }
      okText={t("titleApplications.open.button")}
      okButtonProps={{ "data-testid": "title-application-open-confirm" }}
      cancelText={t("unitAccounts.cancel")}
      disabled={openBlocked !== undefined}
      onConfirm={() =>
        act("title-applications", { submissionId: submissionId.current }, t("titleApplications.open.done"))
      }
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
            expandable={{
              // Every application with a path shows it, until the reader folds it.
              expandedRowKeys: expanded ?? rows.filter((a) => a.steps.length > 0).map((a) => a.id),
              onExpandedRowsChange: (keys) => setExpanded(keys),
              rowExpandable: (application) => application.steps.length > 0,
              expandedRowRender: (application) => <ApplicationProgress application={application} />,
            }}
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
