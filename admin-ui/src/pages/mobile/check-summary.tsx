import { Button, Descriptions, Flex, Tag, type TagProps, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { MobileCheck, RealPersonCheckStatus } from "../../api/types";
import { formatTimeLeft } from "../../utils/format";
import { useCheckAuthorisesItems } from "../face-check/check-authorises";
import { LoginOriginTitle, LoginOriginWarning, useLoginOriginItems } from "./login-origin";

const statusColor: Partial<Record<RealPersonCheckStatus, TagProps["color"]>> = {
  PENDING: "default",
  SCANNED: "processing",
};

interface CheckSummaryProps {
  check: MobileCheck;
  secondsLeft: number;
  onStart: () => void;
}

/**
 * What the phone is asked to confirm (the purpose, and the unit and request number it authorises),
 * for whom and for how long, before the face check starts.
 */
export const CheckSummary = ({ check, secondsLeft, onStart }: CheckSummaryProps) => {
  const { t } = useTranslation();
  const originItems = useLoginOriginItems(check.origin);
  const authorisesItems = useCheckAuthorisesItems(check, "mobile-check-purpose");
  // A QR login names its user in the title and its computer in the rows; a subject row would repeat the name.
  const identityRows = check.origin
    ? originItems
    : [
        {
          key: "subject",
          label: t("mobileCheck.fields.subject.label"),
          children: check.subjectNameMasked ?? (
            <Typography.Text type="secondary">{t("mobileCheck.subjectUnknown")}</Typography.Text>
          ),
        },
      ];
  return (
    <Flex vertical gap="middle" data-testid={check.origin ? "mobile-login-origin" : undefined}>
      {check.origin ? (
        <LoginOriginTitle check={check} />
      ) : (
        <Typography.Text>{t("mobileCheck.intro")}</Typography.Text>
      )}
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          ...authorisesItems,
          ...identityRows,
          {
            key: "expiresIn",
            label: t("mobileCheck.fields.expiresIn.label"),
            children: <span data-testid="mobile-check-time-left">{formatTimeLeft(secondsLeft)}</span>,
          },
          {
            key: "status",
            label: t("mobileCheck.fields.status.label"),
            children: (
              <Tag
                color={statusColor[check.status]}
                data-testid="mobile-check-status"
                data-status={check.status}
              >
                {t(`mobileCheck.statuses.${check.status}`)}
              </Tag>
            ),
          },
        ]}
      />
      {check.origin && <LoginOriginWarning />}
      <Button type="primary" size="large" block onClick={onStart} data-testid="mobile-face-start">
        {t("mobileCheck.faceStart")}
      </Button>
    </Flex>
  );
};
