import { Alert, Card, Descriptions, type DescriptionsProps, Drawer, Flex, Skeleton, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { AffiliationRequest } from "../../api/types";
import { RequestHistoryTimeline } from "../../components/request-history-timeline";
import { WhyNot } from "../../components/why-not";
import { formatDateTime } from "../../utils/format";
import { AffiliationStatusTag } from "./affiliation-status-tag";
import { useAffiliationRequest } from "./use-hierarchy";
import { WithdrawAffiliationButton } from "./withdraw-affiliation-button";

const Muted = ({ children }: { children: string }) => (
  <Typography.Text type="secondary">{children}</Typography.Text>
);

/** The facts of an affiliation request (R13): who asks whom, since when, until when, and how it ended. */
export const describeAffiliationRequest = (
  request: AffiliationRequest,
  t: TFunction,
): DescriptionsProps["items"] => [
  {
    key: "requestNumber",
    label: t("hierarchy.affiliation.fields.requestNumber"),
    children: <span data-testid="affiliation-request-number">{request.requestNumber}</span>,
  },
  {
    key: "status",
    label: t("hierarchy.affiliation.fields.status"),
    children: <AffiliationStatusTag status={request.status} />,
  },
  { key: "unit", label: t("hierarchy.affiliation.fields.unit"), children: request.unit.name },
  {
    key: "superiorUnit",
    label: t("hierarchy.affiliation.fields.superiorUnit"),
    children: request.superiorUnit.name,
  },
  {
    key: "previousSuperiorUnit",
    label: t("hierarchy.affiliation.fields.previousSuperiorUnit"),
    children: request.previousSuperiorUnit?.name ?? <Muted>{t("unitProfile.noParent")}</Muted>,
  },
  {
    key: "requestedBy",
    label: t("hierarchy.affiliation.fields.requestedBy"),
    children: request.requestedBy?.name ?? <Muted>-</Muted>,
  },
  {
    key: "submittedAt",
    label: t("hierarchy.affiliation.fields.submittedAt"),
    children: formatDateTime(request.submittedAt),
  },
  request.closedAt
    ? {
        key: "closedAt",
        label: t("hierarchy.affiliation.fields.closedAt"),
        children: formatDateTime(request.closedAt),
      }
    : {
        key: "expiresAt",
        label: t("hierarchy.affiliation.fields.expiresAt"),
        children: request.expiresAt ? (
          <span data-testid="affiliation-expires-at">{formatDateTime(request.expiresAt)}</span>
        ) : (
          <Muted>-</Muted>
        ),
      },
  ...(request.decisionReason
    ? [
        {
          key: "decisionReason",
          label: t("hierarchy.affiliation.fields.decisionReason"),
          children: request.decisionReason,
        },
      ]
    : []),
];

interface AffiliationRequestDrawerProps {
  /** The request to show; the drawer is closed while it is undefined. */
  requestId?: string;
  onClose: () => void;
  /** After a withdrawal from the drawer. */
  onChanged?: () => void;
}

/** R25: one affiliation request and its full history, for the deciders of either unit. */
export const AffiliationRequestDrawer = ({
  requestId,
  onClose,
  onChanged,
}: AffiliationRequestDrawerProps) => {
  const { t } = useTranslation();
  const query = useAffiliationRequest(requestId);
  const request = query.data?.data;
  return (
    <Drawer
      open={requestId !== undefined}
      onClose={onClose}
      width={560}
      title={t("hierarchy.affiliation.drawer.title")}
      extra={
        request?.canWithdraw && (
          <WithdrawAffiliationButton
            request={request}
            onDone={() => {
              void query.refetch();
              onChanged?.();
            }}
          />
        )
      }
      destroyOnHidden
      data-testid="affiliation-request-drawer"
    >
      {query.isLoading ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : query.error ? (
        <WhyNot error={query.error} title={t("hierarchy.affiliation.drawer.loadFailed")} />
      ) : request ? (
        <Flex vertical gap="middle">
          {request.status === "SUBMITTED" && (
            <Alert
              type="info"
              showIcon
              message={t("hierarchy.affiliation.pendingNote", {
                superior: request.superiorUnit.name,
                current: request.previousSuperiorUnit?.name ?? t("unitProfile.noParent"),
              })}
            />
          )}
          <Descriptions bordered size="small" column={1} items={describeAffiliationRequest(request, t)} />
          <Card size="small" title={t("hierarchy.affiliation.drawer.history")}>
            <div data-testid="affiliation-history">
              <RequestHistoryTimeline history={request.history} requestType="AFFILIATION_REQUEST" />
            </div>
          </Card>
        </Flex>
      ) : null}
    </Drawer>
  );
};
