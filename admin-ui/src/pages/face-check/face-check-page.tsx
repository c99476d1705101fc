import { ExportOutlined } from "@ant-design/icons";
import { useCustom } from "@refinedev/core";
import { Card, Descriptions, Flex, QRCode, Result, Skeleton, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import type { ApiHttpError } from "../../api/http";
import type { MobileCheck } from "../../api/types";
import { PublicLayout } from "../../components/layout/public-layout";
import { ScanAdvice } from "../../components/scan-advice";
import { MOBILE_CHECK_PATH } from "../../config/paths";
import { formatDateTime } from "../../utils/format";

const OPEN = ["PENDING", "SCANNED"];

/**
 * What the legal representative's SMS link opens on a computer (R3, R27): the QR code to scan with
 * the mobile app's own scanner, the manual's advice, and the progress, refreshed every 2 seconds.
 */
export const FaceCheckPage = () => {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const { query } = useCustom<MobileCheck, ApiHttpError>({
    url: `mobile/checks/${encodeURIComponent(token)}`,
    method: "get",
    queryOptions: {
      refetchInterval: (q) => (q.state.data && !OPEN.includes(q.state.data.data.status) ? false : 2000),
    },
    errorNotification: false,
  });
  const check = query.data?.data;
  const mobileUrl = `${window.location.origin}${MOBILE_CHECK_PATH}/${encodeURIComponent(token)}`;

  let body: React.ReactNode;
  if (query.isLoading) body = <Skeleton active />;
  else if (query.error || !check)
    body = <Result status="warning" title={t("faceCheck.invalid")} extra={<ScanAdvice />} />;
  else if (!OPEN.includes(check.status)) {
    const passed = check.status === "PASSED" || check.status === "CONSUMED";
    body = (
      <div data-testid="face-check-status" data-status={check.status}>
        <Result
          status={passed ? "success" : "warning"}
          title={t(passed ? "faceCheck.passed" : "faceCheck.ended")}
        />
      </div>
    );
  } else {
    body = (
      <Flex gap="large" wrap align="flex-start">
        <Flex vertical align="center" gap="small" data-testid="face-check-qr" data-url={mobileUrl}>
          <QRCode value={mobileUrl} size={220} />
          <Tag
            color={check.status === "SCANNED" ? "processing" : "default"}
            data-testid="face-check-status"
            data-status={check.status}
          >
            {t(`mobileCheck.statuses.${check.status}`)}
          </Tag>
        </Flex>
        <Flex vertical gap="middle" style={{ flex: "1 1 320px", minWidth: 0 }}>
          <Descriptions
            column={1}
            size="small"
            items={[
              {
                key: "purpose",
                label: t("faceCheck.purpose"),
                children: t(`mobileCheck.purposes.${check.purpose}`),
              },
              { key: "subject", label: t("faceCheck.subject"), children: check.subjectNameMasked ?? "—" },
              { key: "expires", label: t("faceCheck.expiresAt"), children: formatDateTime(check.expiresAt) },
            ]}
          />
          <ScanAdvice />
          <Typography.Link
            href={mobileUrl}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="face-check-simulate"
          >
            <ExportOutlined /> {t("faceCheck.simulate")}
          </Typography.Link>
        </Flex>
      </Flex>
    );
  }
  return (
    <PublicLayout>
      <Card title={t("faceCheck.title")} style={{ maxWidth: 760, margin: "0 auto" }}>
        {body}
      </Card>
    </PublicLayout>
  );
};
