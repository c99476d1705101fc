import { ArrowRightOutlined } from "@ant-design/icons";
import { Descriptions, type DescriptionsProps, Space, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { ContactMobileChangeReview } from "../../api/types";
import { formatDateTime } from "../../utils/format";

const Missing = ({ children }: { children: string }) => (
  <Typography.Text type="secondary">{children}</Typography.Text>
);

const describe = (change: ContactMobileChangeReview, t: TFunction): DescriptionsProps["items"] => [
  { key: "unitName", label: t("tasks.contactMobileChange.fields.unitName"), children: change.unitName },
  {
    key: "uscc",
    label: t("tasks.contactMobileChange.fields.uscc"),
    children: change.uscc ?? <Missing>{t("tasks.contactMobileChange.none")}</Missing>,
  },
  {
    key: "legalRepName",
    label: t("tasks.contactMobileChange.fields.legalRepName"),
    children: change.legalRepName ?? <Missing>{t("tasks.contactMobileChange.legalRepMissing")}</Missing>,
  },
  {
    key: "mobile",
    label: t("tasks.contactMobileChange.fields.mobile"),
    children: (
      <Space wrap data-testid="task-contact-mobile-change">
        <Typography.Text delete type="secondary">
          {change.previousMobileMasked}
        </Typography.Text>
        <ArrowRightOutlined />
        <Typography.Text strong>{change.newMobileMasked}</Typography.Text>
      </Space>
    ),
  },
  {
    key: "method",
    label: t("tasks.contactMobileChange.fields.method"),
    children: t(`contactMobileChange.methods.${change.method}`),
  },
  {
    key: "explanation",
    label: t("tasks.contactMobileChange.fields.explanation"),
    children: change.explanation ? (
      <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap" }}>
        {change.explanation}
      </Typography.Paragraph>
    ) : (
      <Missing>{t("tasks.contactMobileChange.none")}</Missing>
    ),
  },
  {
    key: "submittedAt",
    label: t("tasks.contactMobileChange.fields.submittedAt"),
    children: formatDateTime(change.submittedAt),
  },
];

/** R27 for the reviewer: which unit, the old and the new contact mobile, and why it needs a person. */
export const ContactMobileChangeFacts = ({ change }: { change: ContactMobileChangeReview }) => {
  const { t } = useTranslation();
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      styles={{ label: { width: 200 } }}
      items={describe(change, t)}
    />
  );
};
