import { MobileOutlined, PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import {
  Alert,
  type AlertProps,
  Button,
  Card,
  Descriptions,
  type DescriptionsProps,
  Flex,
  Space,
  Typography,
} from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { ContactMobileChange, ContactMobileChangeStatus } from "../../api/types";
import { RequestHistoryTimeline } from "../../components/request-history-timeline";
import { formatDateTime } from "../../utils/format";
import { ContactMobileChangeStatusTag } from "./contact-mobile-change-status-tag";
import { ContactMobileCheckQr } from "./contact-mobile-check-qr";
import { type ContactMobileChangeState, isClosedChange } from "./use-contact-mobile-change";

const alertType: Record<ContactMobileChangeStatus, AlertProps["type"]> = {
  SUBMITTED: "info",
  AWAITING_REAL_PERSON_AUTH: "info",
  IN_MANUAL_REVIEW: "info",
  APPROVED: "success",
  REJECTED: "error",
};

const describe = (change: ContactMobileChange, t: TFunction): DescriptionsProps["items"] => [
  {
    key: "status",
    label: t("unitProfile.contactMobileChange.card.fields.status"),
    children: <ContactMobileChangeStatusTag status={change.status} />,
  },
  {
    key: "newMobile",
    label: t("unitProfile.contactMobileChange.card.fields.newMobile"),
    children: change.newMobileMasked,
  },
  {
    key: "method",
    label: t("unitProfile.contactMobileChange.card.fields.method"),
    children: t(`contactMobileChange.methods.${change.method}`),
  },
  {
    key: "submittedAt",
    label: t("unitProfile.contactMobileChange.card.fields.submittedAt"),
    children: formatDateTime(change.submittedAt),
  },
  ...(change.closedAt
    ? [
        {
          key: "closedAt",
          label: t("unitProfile.contactMobileChange.card.fields.closedAt"),
          children: formatDateTime(change.closedAt),
        },
      ]
    : []),
  ...(change.status === "REJECTED" && change.decisionReason
    ? [
        {
          key: "decisionReason",
          label: t("unitProfile.contactMobileChange.card.fields.decisionReason"),
          children: (
            <Typography.Text type="danger" data-testid="contact-mobile-decision-reason">
              {change.decisionReason}
            </Typography.Text>
          ),
        },
      ]
    : []),
];

/** The face check passed and the change is being applied: the QR code has done its job. */
const faceCheckPassed = (change: ContactMobileChange): boolean =>
  change.history.at(-1)?.kind === "FACE_CHECK_PASSED";

const ChangeView = ({ change, state }: { change: ContactMobileChange; state: ContactMobileChangeState }) => {
  const { t } = useTranslation();
  return (
    <Flex vertical gap="middle">
      <Alert
        type={alertType[change.status]}
        showIcon
        message={t(`unitProfile.contactMobileChange.card.explanations.${change.status}`, {
          mobile: change.newMobileMasked,
        })}
      />
      {state.pollError && (
        <Alert
          type="warning"
          showIcon
          message={t("unitProfile.contactMobileChange.card.pollFailed", { message: state.pollError.message })}
        />
      )}
      {change.status === "AWAITING_REAL_PERSON_AUTH" && change.checkUrl && (
        <ContactMobileCheckQr checkUrl={change.checkUrl} passed={faceCheckPassed(change)} />
      )}
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 1, lg: 2, xl: 2, xxl: 2 }}
        styles={{ label: { width: 160 } }}
        items={describe(change, t)}
      />
      <Card size="small" title={t("unitProfile.contactMobileChange.card.history")}>
        <RequestHistoryTimeline history={change.history} requestType="CONTACT_MOBILE_CHANGE" />
      </Card>
    </Flex>
  );
};

interface ContactMobileChangeCardProps {
  state: ContactMobileChangeState;
  /** Opens the dialog for a new change (offered once the latest one is closed). */
  onNewChange: () => void;
}

/**
 * 联系人手机变更 (R25, R27): the latest change's status, the face-check QR code while it waits, its history.
 * Rendered once there is a change to show (or it could not be read).
 */
export const ContactMobileChangeCard = ({ state, onNewChange }: ContactMobileChangeCardProps) => {
  const { t } = useTranslation();
  const { change } = state;
  const extra = change ? (
    isClosedChange(change) ? (
      <Button icon={<PlusOutlined />} onClick={onNewChange} data-testid="contact-mobile-change-new">
        {t("unitProfile.contactMobileChange.card.newChange")}
      </Button>
    ) : (
      <Button icon={<ReloadOutlined />} loading={state.refreshing} onClick={state.refresh}>
        {t("unitProfile.contactMobileChange.card.refresh")}
      </Button>
    )
  ) : null;
  return (
    <Card
      title={
        <Space>
          <MobileOutlined />
          {t("unitProfile.contactMobileChange.card.title")}
        </Space>
      }
      extra={extra}
      data-testid="contact-mobile-change-card"
    >
      {state.loadError ? (
        <Alert
          type="error"
          showIcon
          message={t("unitProfile.contactMobileChange.card.loadFailed")}
          description={state.loadError.message}
          action={
            <Button size="small" loading={state.refreshing} onClick={state.refresh}>
              {t("unitProfile.contactMobileChange.card.retry")}
            </Button>
          }
        />
      ) : (
        change && <ChangeView change={change} state={state} />
      )}
    </Card>
  );
};
