import { ExportOutlined, ScanOutlined } from "@ant-design/icons";
import { useCustom, useCustomMutation } from "@refinedev/core";
import { Alert, Button, Card, Descriptions, Flex, QRCode, Result, Skeleton, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import type { ApiHttpError } from "../../api/http";
import type { MobileCheck } from "../../api/types";
import { PublicLayout } from "../../components/layout/public-layout";
import { ScanAdvice } from "../../components/scan-advice";
import { WhyNot } from "../../components/why-not";
import { useEnvironment } from "../../hooks/use-environment";
import { formatDateTime } from "../../utils/format";

const OPEN = ["PENDING", "SCANNED"];

/**
 * A face check's own page (R3, R12, R15, R27), opened by the legal representative's SMS link on a
 * computer, or by a QR code on a phone. It shows the QR code to scan, the manual's advice and the
 * progress, refreshed every 2 seconds. With a real vendor it also sends the person on to the
 * vendor's face-check page (the vendor sends them back here), and shows the verdict our server
 * fetched from the vendor; with the simulated mobile app (development) it links to that app.
 */
export const FaceCheckPage = () => {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const environment = useEnvironment();
  const url = `real-person-checks/${encodeURIComponent(token)}`;
  const { query } = useCustom<MobileCheck, ApiHttpError>({
    url,
    method: "get",
    queryOptions: {
      refetchInterval: (q) => (q.state.data && !OPEN.includes(q.state.data.data.status) ? false : 2000),
    },
    errorNotification: false,
  });
  const { mutate, mutation } = useCustomMutation<{ url: string }, ApiHttpError>();
  const check = query.data?.data;
  const simulated = environment?.standIns.simulatedMobileApp ?? false;

  const startVendorCheck = () =>
    mutate(
      { url: `${url}/vendor-session`, method: "post", values: {}, errorNotification: false },
      { onSuccess: ({ data }) => window.location.assign(data.url) },
    );

  let body: React.ReactNode;
  if (query.isLoading || !environment) body = <Skeleton active />;
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
        <Flex vertical align="center" gap="small" data-testid="face-check-qr" data-url={check.qrUrl}>
          <QRCode value={check.qrUrl} size={220} />
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
          {simulated ? (
            <>
              <ScanAdvice />
              <Typography.Link
                href={check.qrUrl}
                target="_blank"
                rel="noopener noreferrer"
                data-testid="face-check-simulate"
              >
                <ExportOutlined /> {t("faceCheck.simulate")}
              </Typography.Link>
            </>
          ) : (
            <>
              {check.status === "SCANNED" && (
                <Alert
                  type="info"
                  showIcon
                  message={t("faceCheck.confirming")}
                  data-testid="face-check-confirming"
                />
              )}
              <Typography.Text>{t("faceCheck.onComputer")}</Typography.Text>
              <Typography.Text>{t("faceCheck.onPhone")}</Typography.Text>
              <Typography.Text type="secondary">{t("faceCheck.vendorNotice")}</Typography.Text>
              <Button
                type="primary"
                icon={<ScanOutlined />}
                loading={mutation.isPending}
                onClick={startVendorCheck}
                data-testid="face-check-start"
              >
                {t("faceCheck.vendorStart")}
              </Button>
              {mutation.error && <WhyNot error={mutation.error} testId="face-check-error" />}
            </>
          )}
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
