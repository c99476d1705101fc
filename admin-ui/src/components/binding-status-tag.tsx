import { Tag, type TagProps } from "antd";
import { useTranslation } from "react-i18next";
import type { BindingRequestStatus } from "../api/types";

const COLORS: Record<BindingRequestStatus, TagProps["color"]> = {
  SUBMITTED: "processing",
  APPROVED: "success",
  REJECTED: "error",
  WITHDRAWN: "default",
  EXPIRED: "warning",
};

/** Where a binding request (R16) stands, in the reader's language. */
export const BindingStatusTag = ({ status }: { status: BindingRequestStatus }) => {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid="binding-status" data-status={status}>
      {t(`binding.statuses.${status}`)}
    </Tag>
  );
};
