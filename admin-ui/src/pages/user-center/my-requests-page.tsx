import { ArrowRightOutlined, PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import { List } from "@refinedev/antd";
import { useLink, useNavigation } from "@refinedev/core";
import { Button, Col, Empty, Result, Row, Space, Table, type TableColumnsType, Tag, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { MyRequest } from "../../api/types";
import { BindingStatusTag } from "../../components/binding-status-tag";
import { RequestHistoryTimeline } from "../../components/request-history-timeline";
import { USER_CENTER_PATHS } from "../../config/paths";
import { formatDateTime } from "../../utils/format";
import { AffiliationStatusTag } from "../hierarchy/affiliation-status-tag";
import { WithdrawAffiliationButton } from "../hierarchy/withdraw-affiliation-button";
import { TitleApplicationPath } from "../title-review/title-application-path";
import { TitleApplicationStatusTag } from "../title-review/title-application-status-tag";
import { useMyRequests } from "./use-my-requests";
import { WithdrawBindingButton } from "./withdraw-binding-button";

const PAGE_SIZE = 10;

const Muted = ({ children }: { children: string }) => (
  <Typography.Text type="secondary">{children}</Typography.Text>
);

/** 职称申报 is where a title application is followed and withdrawn (R31). */
const TitleApplicationLink = ({ id }: { id: string }) => {
  const { t } = useTranslation();
  const Link = useLink();
  const { listUrl } = useNavigation();
  return (
    <Link to={listUrl("title-applications")} data-testid={`my-requests-open-${id}`}>
      {t("myRequests.openTitleApplication")}
    </Link>
  );
};

const columns = (t: TFunction, onChanged: () => void): TableColumnsType<MyRequest> => [
  {
    key: "type",
    dataIndex: "type",
    title: t("myRequests.fields.type"),
    width: 100,
    render: (_, request) => t(`myRequests.types.${request.type}`),
  },
  {
    key: "requestNumber",
    dataIndex: "requestNumber",
    title: t("myRequests.fields.requestNumber"),
    width: 165,
    // An exit (R17) is no request of the person's: it has no number.
    render: (_, request) => (request.type === "UNIT_EXIT" ? <Muted>-</Muted> : request.requestNumber),
  },
  {
    key: "unit",
    title: t("myRequests.fields.unit"),
    width: 170,
    render: (_, request) =>
      request.type === "AFFILIATION_REQUEST" ? (
        // R13: the unit the person asked for, and the superior it asked to be affiliated with.
        <Space size={4} wrap data-testid={`my-requests-affiliation-${request.id}`}>
          {request.unit.name}
          <ArrowRightOutlined />
          {request.superiorUnit.name}
        </Space>
      ) : request.type === "TITLE_APPLICATION" ? (
        // R31: the applicant's unit, and the node that has the application now.
        <Space size={4} wrap data-testid={`my-requests-title-application-${request.id}`}>
          {request.unit?.name ?? "-"}
          {request.currentUnit && request.currentUnit.id !== request.unit?.id && (
            <>
              <ArrowRightOutlined />
              {request.currentUnit.name}
            </>
          )}
        </Space>
      ) : (
        request.unit.name
      ),
  },
  {
    key: "status",
    dataIndex: "status",
    title: t("myRequests.fields.status"),
    width: 100,
    render: (_, request) =>
      request.type === "UNIT_EXIT" ? (
        <Tag data-testid={`my-requests-exit-${request.id}`}>{t("myRequests.exited")}</Tag>
      ) : request.type === "AFFILIATION_REQUEST" ? (
        <AffiliationStatusTag status={request.status} />
      ) : request.type === "TITLE_APPLICATION" ? (
        <TitleApplicationStatusTag status={request.status} />
      ) : (
        <BindingStatusTag status={request.status} />
      ),
  },
  {
    key: "submittedAt",
    dataIndex: "submittedAt",
    title: t("myRequests.fields.submittedAt"),
    width: 160,
    render: (value: string) => formatDateTime(value),
  },
  {
    key: "closedAt",
    dataIndex: "closedAt",
    title: t("myRequests.fields.closedAt"),
    width: 160,
    render: (value: string | null) => (value ? formatDateTime(value) : <Muted>-</Muted>),
  },
  {
    key: "decisionReason",
    dataIndex: "decisionReason",
    title: t("myRequests.fields.reason"),
    width: 160,
    ellipsis: true,
    render: (_, request) =>
      (request.type === "UNIT_EXIT"
        ? request.reason
        : request.type === "TITLE_APPLICATION"
          ? request.returnReason
          : request.decisionReason) ?? <Muted>-</Muted>,
  },
  {
    key: "actions",
    title: t("myRequests.fields.actions"),
    width: 90,
    fixed: "right",
    render: (_, request) =>
      request.type === "UNIT_EXIT" ? (
        <Muted>-</Muted>
      ) : request.type === "TITLE_APPLICATION" ? (
        <TitleApplicationLink id={request.id} />
      ) : request.type === "AFFILIATION_REQUEST" ? (
        request.canWithdraw ? (
          <WithdrawAffiliationButton
            request={request}
            onDone={onChanged}
            size="small"
            testId={`my-requests-withdraw-${request.id}`}
          />
        ) : (
          <Muted>-</Muted>
        )
      ) : request.canWithdraw ? (
        <WithdrawBindingButton
          request={request}
          onDone={onChanged}
          size="small"
          testId={`my-requests-withdraw-${request.id}`}
        />
      ) : (
        <Muted>-</Muted>
      ),
  },
];

/**
 * 用户中心 → 我的申请 (R25): every request the person made (binding, affiliation, title applications),
 * its status, and who decided when and why; a title application with its path (R31); and each exit
 * from a unit (R17), which ended what a binding request began.
 */
export const MyRequestsPage = () => {
  const { t } = useTranslation();
  const Link = useLink();
  const { requests, query } = useMyRequests();
  const refetch = () => void query.refetch();

  if (query.error) {
    return (
      <Result
        status="error"
        title={t("myRequests.loadFailed")}
        subTitle={query.error.message}
        extra={<Button onClick={refetch}>{t("myRequests.retry")}</Button>}
      />
    );
  }

  return (
    <List
      title={t("resources.myRequests")}
      headerButtons={
        <Button icon={<ReloadOutlined />} loading={query.isFetching} onClick={refetch}>
          {t("myRequests.refresh")}
        </Button>
      }
    >
      <Table<MyRequest>
        rowKey="id"
        dataSource={requests}
        loading={query.isLoading}
        columns={columns(t, refetch)}
        pagination={{
          pageSize: PAGE_SIZE,
          hideOnSinglePage: true,
          showTotal: (total) => t("myRequests.total", { total }),
        }}
        expandable={{
          expandedRowRender: (request) => (
            <div style={{ padding: "16px 24px 0" }} data-testid="my-requests-history">
              {request.type === "UNIT_EXIT" ? (
                // R17: who exited the person (masked) and when; the reason is in its column.
                <Typography.Paragraph data-testid="my-requests-exit-detail">
                  {t("myRequests.exitDetail", {
                    unit: request.unit.name,
                    name: request.exitedByName ?? "-",
                    time: formatDateTime(request.submittedAt),
                  })}
                </Typography.Paragraph>
              ) : request.type === "TITLE_APPLICATION" ? (
                // R31: its path up the push chain beside the history.
                <Row gutter={[24, 16]}>
                  <Col xs={24} lg={12}>
                    <TitleApplicationPath
                      steps={request.steps}
                      history={request.history}
                      closed={request.status !== "IN_PROGRESS"}
                    />
                  </Col>
                  <Col xs={24} lg={12}>
                    <RequestHistoryTimeline history={request.history} requestType={request.type} />
                  </Col>
                </Row>
              ) : (
                <RequestHistoryTimeline history={request.history} requestType={request.type} />
              )}
            </div>
          ),
        }}
        // Widths that fit beside the menu at 1440 px: no column sits behind the fixed 操作 column there.
        tableLayout="fixed"
        scroll={{ x: 1153 }}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("myRequests.empty")}>
              <Link to={USER_CENTER_PATHS.profile}>
                <Button type="primary" icon={<PlusOutlined />}>
                  {t("myRequests.bindUnit")}
                </Button>
              </Link>
            </Empty>
          ),
        }}
        data-testid="my-requests-table"
      />
    </List>
  );
};
