import { HistoryOutlined } from "@ant-design/icons";
import { useTable } from "@refinedev/antd";
import { Button, Drawer, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type { AffiliationRequest } from "../../api/types";
import { WhyNot } from "../../components/why-not";
import { formatDateTime } from "../../utils/format";
import { TableEmpty } from "../portal/portal-shell";
import { AffiliationRequestDrawer } from "./affiliation-request-drawer";
import { AffiliationStatusTag } from "./affiliation-status-tag";
import { affiliationRequestsUrl } from "./use-hierarchy";

interface OutgoingAffiliationRequestsDrawerProps {
  unitId: string;
  open: boolean;
  onClose: () => void;
  onChanged: () => void;
}

/** R25: every affiliation request the unit made, newest first, each with its history. */
export const OutgoingAffiliationRequestsDrawer = ({
  unitId,
  open,
  onClose,
  onChanged,
}: OutgoingAffiliationRequestsDrawerProps) => {
  const { t } = useTranslation();
  const [historyOf, setHistoryOf] = useState<string>();
  const { tableProps, tableQuery } = useTable<AffiliationRequest, ApiHttpError>({
    resource: "affiliation-requests-outgoing",
    meta: { apiPath: affiliationRequestsUrl(unitId) },
    syncWithLocation: false,
    pagination: { pageSize: 10 },
    filters: {
      permanent: [
        { field: "direction", operator: "eq", value: "outgoing" },
        { field: "state", operator: "eq", value: "ALL" },
      ],
    },
    queryOptions: { enabled: open },
    errorNotification: false,
  });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={820}
      title={t("hierarchy.superior.requests")}
      destroyOnHidden
    >
      {tableQuery.error ? (
        <WhyNot error={tableQuery.error} title={t("hierarchy.affiliation.loadFailed")} />
      ) : (
        <Table<AffiliationRequest>
          {...tableProps}
          rowKey="id"
          size="small"
          scroll={{ x: "max-content" }}
          locale={{ emptyText: <TableEmpty description={t("hierarchy.affiliation.emptyOutgoing")} /> }}
          data-testid="affiliation-outgoing-table"
          columns={[
            {
              key: "requestNumber",
              dataIndex: "requestNumber",
              title: t("hierarchy.affiliation.fields.requestNumber"),
            },
            {
              key: "superiorUnit",
              title: t("hierarchy.affiliation.fields.superiorUnit"),
              render: (_, request) => request.superiorUnit.name,
            },
            {
              key: "status",
              title: t("hierarchy.affiliation.fields.status"),
              render: (_, request) => <AffiliationStatusTag status={request.status} />,
            },
            {
              key: "submittedAt",
              title: t("hierarchy.affiliation.fields.submittedAt"),
              render: (_, request) => formatDateTime(request.submittedAt),
            },
            {
              key: "closedAt",
              title: t("hierarchy.affiliation.fields.closedAt"),
              render: (_, request) =>
                request.closedAt ? (
                  formatDateTime(request.closedAt)
                ) : (
                  <Typography.Text type="secondary">-</Typography.Text>
                ),
            },
            {
              key: "actions",
              title: t("unitManagement.fields.actions.label"),
              fixed: "right",
              render: (_, request) => (
                <Button
                  size="small"
                  icon={<HistoryOutlined />}
                  onClick={() => setHistoryOf(request.id)}
                  data-testid={`affiliation-history-${request.id}`}
                >
                  {t("hierarchy.affiliation.history")}
                </Button>
              ),
            },
          ]}
        />
      )}
      <AffiliationRequestDrawer
        requestId={historyOf}
        onClose={() => setHistoryOf(undefined)}
        onChanged={() => {
          void tableQuery.refetch();
          onChanged();
        }}
      />
    </Drawer>
  );
};
