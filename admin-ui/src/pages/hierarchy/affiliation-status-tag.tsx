import { Tag, type TagProps } from "antd";
import { useTranslation } from "react-i18next";
import type { AffiliationRequestStatus } from "../../api/types";

const COLORS: Record<AffiliationRequestStatus, TagProps["color"]> = {
  SUBMITTED: "processing",
  APPROVED: "success",
  REJECTED: "error",
  WITHDRAWN: "default",
  EXPIRED: "warning",
};

/** Where an affiliation request (R13) stands, in the reader's language. */
export const AffiliationStatusTag = ({ status }: { status: AffiliationRequestStatus }) => {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid="affiliation-status" data-status={status}>
      {t(`hierarchy.affiliation.statuses.${status}`)}
    </Tag>
  );
};
