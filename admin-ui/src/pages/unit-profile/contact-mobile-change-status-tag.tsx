import { Tag, type TagProps } from "antd";
import { useTranslation } from "react-i18next";
import type { ContactMobileChangeStatus } from "../../api/types";

const statusColor: Record<ContactMobileChangeStatus, TagProps["color"]> = {
  SUBMITTED: "processing",
  AWAITING_REAL_PERSON_AUTH: "processing",
  IN_MANUAL_REVIEW: "warning",
  APPROVED: "success",
  REJECTED: "error",
};

/** Where a contact mobile change (R27) stands. */
export const ContactMobileChangeStatusTag = ({ status }: { status: ContactMobileChangeStatus }) => {
  const { t } = useTranslation();
  return (
    <Tag color={statusColor[status]} data-testid="contact-mobile-status" data-status={status}>
      {t(`contactMobileChange.statuses.${status}`)}
    </Tag>
  );
};
