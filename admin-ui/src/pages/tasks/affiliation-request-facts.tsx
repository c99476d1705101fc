import { ArrowRightOutlined } from "@ant-design/icons";
import { Alert, Descriptions, type DescriptionsProps, Flex, Space, Tag, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { AffiliationRequestReview } from "../../api/types";
import { useRegionText } from "../../hooks/use-regions";
import { formatDateTime } from "../../utils/format";

const describe = (
  request: AffiliationRequestReview,
  t: TFunction,
  regionText: (code?: string | null, name?: string | null) => string,
): DescriptionsProps["items"] => [
  {
    key: "requestNumber",
    label: t("hierarchy.affiliation.fields.requestNumber"),
    children: request.requestNumber,
  },
  {
    key: "unit",
    label: t("hierarchy.affiliation.fields.unit"),
    children: (
      <Flex vertical>
        <Space wrap>
          <Typography.Text strong>{request.unit.name}</Typography.Text>
          <Tag bordered={false}>{t(`unitTypes.${request.unit.type}`)}</Tag>
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[request.unit.uscc, request.unit.regionName && regionText(null, request.unit.regionName)]
            .filter(Boolean)
            .join(" · ")}
        </Typography.Text>
      </Flex>
    ),
  },
  {
    key: "superior",
    label: t("tasks.affiliationRequest.change"),
    children: (
      <Space wrap data-testid="task-affiliation-units">
        <Typography.Text type="secondary">
          {request.previousSuperiorUnit?.name ?? t("unitProfile.noParent")}
        </Typography.Text>
        <ArrowRightOutlined />
        <Typography.Text strong>{request.superiorUnit.name}</Typography.Text>
      </Space>
    ),
  },
  {
    key: "submittedAt",
    label: t("hierarchy.affiliation.fields.submittedAt"),
    children: formatDateTime(request.submittedAt),
  },
];

/** R13 for the superior unit's administrator or handler: which unit asks to be affiliated, and from where. */
export const AffiliationRequestFacts = ({ request }: { request: AffiliationRequestReview }) => {
  const { t } = useTranslation();
  const regionText = useRegionText();
  return (
    <Flex vertical gap="middle">
      <Descriptions bordered size="small" column={1} items={describe(request, t, regionText)} />
      <Alert
        type="info"
        showIcon
        message={t("tasks.affiliationRequest.hint", {
          unit: request.unit.name,
          superior: request.superiorUnit.name,
        })}
      />
    </Flex>
  );
};
