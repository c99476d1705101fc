import { ArrowRightOutlined } from "@ant-design/icons";
import { Alert, Descriptions, type DescriptionsProps, Flex, Space, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { BindingRequestReview } from "../../api/types";
import { formatDateTime } from "../../utils/format";

const describe = (request: BindingRequestReview, t: TFunction): DescriptionsProps["items"] => [
  {
    key: "requestNumber",
    label: t("tasks.bindingRequest.fields.requestNumber"),
    children: request.requestNumber,
  },
  {
    key: "personName",
    label: t("tasks.bindingRequest.fields.personName"),
    children: request.person.name ?? (
      <Typography.Text type="secondary">{t("tasks.bindingRequest.nameMissing")}</Typography.Text>
    ),
  },
  {
    key: "idNumber",
    label: t("tasks.bindingRequest.fields.idNumber"),
    children: request.person.idNumberMasked,
  },
  { key: "mobile", label: t("tasks.bindingRequest.fields.mobile"), children: request.person.mobileMasked },
  {
    key: "unit",
    label: t("tasks.bindingRequest.fields.unitName"),
    children: (
      <Space wrap data-testid="task-binding-units">
        <Typography.Text type="secondary">
          {request.person.currentUnitName ?? t("tasks.bindingRequest.noCurrentUnit")}
        </Typography.Text>
        <ArrowRightOutlined />
        <Typography.Text strong>{request.unitName}</Typography.Text>
      </Space>
    ),
  },
  {
    key: "submittedAt",
    label: t("tasks.bindingRequest.fields.submittedAt"),
    children: formatDateTime(request.submittedAt),
  },
];

/** R16 for the unit's administrator or handler: who asks to join, and from which unit they come. */
export const BindingRequestFacts = ({ request }: { request: BindingRequestReview }) => {
  const { t } = useTranslation();
  return (
    <Flex vertical gap="middle">
      <Descriptions bordered size="small" column={1} items={describe(request, t)} />
      <Alert type="info" showIcon message={t("tasks.bindingRequest.hint")} />
    </Flex>
  );
};
