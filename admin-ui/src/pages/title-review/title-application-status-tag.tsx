import { Tag, type TagProps } from "antd";
import { useTranslation } from "react-i18next";
import type { TitleApplicationStatus } from "../../api/types";

const COLORS: Record<TitleApplicationStatus, TagProps["color"]> = {
  IN_PROGRESS: "processing",
  COMPLETED: "success",
  RETURNED: "error",
  WITHDRAWN: "default",
};

/** Where a title application (R31) stands, in the reader's language (职称申报, 我的申请). */
export const TitleApplicationStatusTag = ({ status }: { status: TitleApplicationStatus }) => {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid="title-application-status" data-status={status}>
      {t(`titleApplications.statuses.${status}`)}
    </Tag>
  );
};
