import { Tag, type TagProps } from "antd";
import { useTranslation } from "react-i18next";
import type { RegistrationStatusCode } from "../api/types";

const statusColor: Record<RegistrationStatusCode, TagProps["color"]> = {
  SUBMITTED: "processing",
  CHECKING: "processing",
  AWAITING_REAL_PERSON_AUTH: "processing",
  IN_MANUAL_REVIEW: "warning",
  APPROVED: "success",
  REJECTED: "error",
  WITHDRAWN: "default",
  EXPIRED: "default",
};

type RegistrationStatusTagProps = Omit<TagProps, "color"> & { status: RegistrationStatusCode };

export const RegistrationStatusTag = ({ status, ...tagProps }: RegistrationStatusTagProps) => {
  const { t } = useTranslation();
  return (
    <Tag color={statusColor[status]} data-status={status} {...tagProps}>
      {t(`registrationStatuses.${status}`)}
    </Tag>
  );
};
