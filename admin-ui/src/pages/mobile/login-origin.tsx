import { DesktopOutlined } from "@ant-design/icons";
import { Alert, type DescriptionsProps, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { MobileCheck, MobileCheckOrigin } from "../../api/types";
import { formatDateTime } from "../../utils/format";
import { summarizeUserAgent } from "../../utils/user-agent";

/** "Chrome（Windows）", or as much of it as the User-Agent tells. */
const useBrowserLabel = (userAgent: string | null | undefined): string => {
  const { t } = useTranslation();
  const { browser, os } = summarizeUserAgent(userAgent);
  if (browser && os) return t("mobileApp.origin.browserOnSystem", { browser, os });
  return browser ?? os ?? t("mobileApp.origin.unknown");
};

/** A QR login on the phone: who is logging in, and into what. */
export const LoginOriginTitle = ({ check }: { check: MobileCheck }) => {
  const { t } = useTranslation();
  return (
    <Typography.Title level={5} style={{ margin: 0 }}>
      <DesktopOutlined />{" "}
      {t("mobileApp.origin.title", { name: check.subjectNameMasked ?? t("mobileApp.origin.you") })}
    </Typography.Title>
  );
};

/** From which computer a QR login was started: browser, IP address and time (none without an origin). */
export const useLoginOriginItems = (
  origin: MobileCheckOrigin | null,
): NonNullable<DescriptionsProps["items"]> => {
  const { t } = useTranslation();
  const browser = useBrowserLabel(origin?.userAgent);
  if (!origin) return [];
  return [
    {
      key: "browser",
      label: t("mobileApp.origin.fields.browser"),
      children: <span data-testid="mobile-login-origin-browser">{browser}</span>,
    },
    {
      key: "ip",
      label: t("mobileApp.origin.fields.ipAddress"),
      children: origin.ipAddress ?? t("mobileApp.origin.unknown"),
    },
    { key: "at", label: t("mobileApp.origin.fields.at"), children: formatDateTime(origin.at) },
  ];
};

/** Before the face check of a QR login: do not confirm a login someone else started. */
export const LoginOriginWarning = () => {
  const { t } = useTranslation();
  return <Alert type="warning" showIcon message={t("mobileApp.origin.warning")} />;
};
