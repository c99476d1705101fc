import { ReloadOutlined } from "@ant-design/icons";
import { Button, Card, Descriptions, type DescriptionsProps, Flex } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { RegistrationStatus } from "../../api/types";
import { RegistrationStatusTag } from "../../components/registration-status-tag";
import { RequestHistoryTimeline } from "../../components/request-history-timeline";
import { formatDateTime } from "../../utils/format";
import { MismatchAlert } from "./mismatch-alert";
import { RegisteredFacts } from "./registered-facts";
import { StatusExplanation } from "./status-explanation";
import { WithdrawButton } from "./withdraw-button";

const describe = (status: RegistrationStatus, t: TFunction): DescriptionsProps["items"] => [
  {
    key: "requestNumber",
    label: t("registrationStatus.fields.requestNumber.label"),
    children: status.requestNumber,
  },
  // R30: an approved unit's name is the registered one (perhaps the registry's, not the form's).
  {
    key: "unitName",
    label: t("registration.fields.unitName.label"),
    children: status.registered?.unitName ?? status.unitName,
  },
  { key: "uscc", label: t("registration.fields.uscc.label"), children: status.uscc },
  {
    key: "status",
    label: t("registrationStatus.fields.status.label"),
    children: <RegistrationStatusTag status={status.status} data-testid="status-tag" />,
  },
  {
    key: "submittedAt",
    label: t("registrationStatus.fields.submittedAt.label"),
    children: formatDateTime(status.submittedAt),
  },
  ...(status.closedAt
    ? [
        {
          key: "closedAt",
          label: t("registrationStatus.fields.closedAt.label"),
          children: formatDateTime(status.closedAt),
        },
      ]
    : []),
  {
    key: "contactMobile",
    label: t("registrationStatus.fields.contactMobile.label"),
    children: status.contactMobileMasked,
  },
  ...(status.decisionReason
    ? [
        {
          key: "decisionReason",
          // The reviewer's reason or note (an approval's too, R25); a withdrawal's reason comes in the same field.
          label:
            status.status === "WITHDRAWN"
              ? t("registrationStatus.fields.withdrawReason.label")
              : t("registrationStatus.fields.decisionReason.label"),
          children: <span data-testid="status-decision-reason">{status.decisionReason}</span>,
        },
      ]
    : []),
];

interface StatusViewProps {
  status: RegistrationStatus;
  refreshing: boolean;
  onRefresh: () => void;
}

/** A registration's status, what it means, what differed from the registry, and its full history (R25). */
export const StatusView = ({ status, refreshing, onRefresh }: StatusViewProps) => {
  const { t } = useTranslation();
  return (
    <Flex vertical gap="middle">
      <StatusExplanation status={status} />
      <MismatchAlert status={status} />
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { width: 160 } }}
        items={describe(status, t)}
        data-testid="status-facts"
      />
      {status.registered && <RegisteredFacts facts={status.registered} />}
      <Card size="small" title={t("registrationStatus.history")}>
        <RequestHistoryTimeline history={status.history} />
      </Card>
      <Flex justify="space-between" gap="small" wrap>
        <Button
          icon={<ReloadOutlined />}
          loading={refreshing}
          onClick={onRefresh}
          data-testid="status-refresh"
        >
          {t("registrationStatus.actions.refresh")}
        </Button>
        {status.canWithdraw && <WithdrawButton requestNumber={status.requestNumber} onDone={onRefresh} />}
      </Flex>
    </Flex>
  );
};
