import { Alert, Descriptions, type DescriptionsProps, Flex, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { TitleApplicationReview } from "../../api/types";
import { formatDateTime } from "../../utils/format";
import { TitleApplicationPath } from "../title-review/title-application-path";

const describe = (application: TitleApplicationReview, t: TFunction): DescriptionsProps["items"] => {
  const submitted = application.history.find((e) => e.kind === "SUBMITTED");
  return [
    {
      key: "requestNumber",
      label: t("tasks.titleApplication.fields.requestNumber"),
      children: application.requestNumber ?? "-",
    },
    {
      key: "applicant",
      label: t("tasks.titleApplication.fields.applicant"),
      children: application.applicant.name,
    },
    {
      key: "unit",
      label: t("tasks.titleApplication.fields.unit"),
      children: application.unit?.name ?? "-",
    },
    ...(submitted
      ? [
          {
            key: "submittedAt",
            label: t("tasks.titleApplication.fields.submittedAt"),
            children: formatDateTime(submitted.at),
          },
        ]
      : []),
  ];
};

/**
 * R31 for a node's handler: whose application it is, from which unit, and its path up the push
 * chain (which nodes pushed it, which one has it now, what was skipped when a unit changed superior).
 */
export const TitleApplicationFacts = ({ application }: { application: TitleApplicationReview }) => {
  const { t } = useTranslation();
  const closed =
    !application.steps.some((s) => s.status === "PENDING") ||
    application.steps.some((s) => s.status === "RETURNED" || s.status === "WITHDRAWN");
  return (
    <Flex vertical gap="middle" data-testid="task-title-application">
      <Descriptions bordered size="small" column={1} items={describe(application, t)} />
      <Typography.Text strong>{t("tasks.titleApplication.fields.path")}</Typography.Text>
      <TitleApplicationPath steps={application.steps} history={application.history} closed={closed} />
      <Alert type="info" showIcon message={t("tasks.titleApplication.hint")} />
    </Flex>
  );
};
