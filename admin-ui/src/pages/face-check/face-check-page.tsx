import { ExportOutlined, ScanOutlined } from "@ant-design/icons";
import { useCustom, useCustomMutation } from "@refinedev/core";
import { Alert, Button, Card, Descriptions, Flex, QRCode, Result, Skeleton, Tag, Typography } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { isCheckTokenShape, normalizeCheckToken } from "../../../../domain/check-token";
import type { ApiHttpError } from "../../api/http";
import type { MobileCheck } from "../../api/types";
import { PublicLayout } from "../../components/layout/public-layout";
import { ScanAdvice } from "../../components/scan-advice";
import { WhyNot } from "../../components/why-not";
import { useEnvironment } from "../../hooks/use-environment";
import { useSecondsLeft } from "../../hooks/use-seconds-left";
import { formatDateTime, formatTimeLeft } from "../../utils/format";
import {
  CheckOutcomeResult,
  finalOutcomeOf,
  isFinalCheckError,
  useCheckAuthorisesItems,
} from "./check-authorises";

const OPEN = ["PENDING", "SCANNED"];

/**
 * A face check's own page (R3, R12, R15, R27), opened by the legal representative's SMS link on a
 * computer, or by a QR code on a phone. First it says what the check authorises (the unit, the
 * request number, the purpose) and for how long; then the QR code to scan, the manual's advice and
 * the progress, refreshed every 2 seconds until a final answer; last the outcome and what happens
 * next. With a real vendor it also sends the person on to the vendor's face-check page (the vendor
 * sends them back here), and shows the verdict our server fetched from the vendor; with the
 * simulated mobile app (development) it links to that app. Text glued after the token in the link
 * (the SMS's punctuation) is dropped, and the address bar shows the clean link.
 */
export const FaceCheckPage = () => {
  const { t } = useTranslation();
  const { token: linked = "" } = useParams();
  const token = normalizeCheckToken(linked);
  const navigate = useNavigate();
  useEffect(() => {
    if (token && linked !== token) void navigate(`/face-check/${token}`, { replace: true });
  }, [linked, token, navigate]);
  const environment = useEnvironment();
  const url = `real-person-checks/${encodeURIComponent(token)}`;
  const wellFormed = isCheckTokenShape(token);
  const { query } = useCustom<MobileCheck, ApiHttpError>({
    url,
    method: "get",
    queryOptions: {
      enabled: wellFormed,
      // Polls until a final answer: a closed check, or an error that asking again cannot change.
      refetchInterval: (q) => {
        if (q.state.error) return isFinalCheckError(q.state.error) ? false : 2000;
        return q.state.data && !OPEN.includes(q.state.data.data.status) ? false : 2000;
      },
    },
    errorNotification: false,
  });
  const { mutate, mutation } = useCustomMutation<{ url: string }, ApiHttpError>();
  const check = query.data?.data;
  const simulated = environment?.standIns.simulatedMobileApp ?? false;
  const open = check !== undefined && OPEN.includes(check.status);
  const secondsLeft = useSecondsLeft(open ? check.expiresAt : undefined);

  const startVendorCheck = () =>
    mutate(
      { url: `${url}/vendor-session`, method: "post", values: {}, errorNotification: false },
      { onSuccess: ({ data }) => window.location.assign(data.url) },
    );

  let body: React.ReactNode;
  const outcome = check && finalOutcomeOf(check.status);
  if (!wellFormed || (query.error && !check))
    body = (
      <div data-testid="face-check-invalid">
        <Result status="warning" title={t("faceCheck.invalid")} extra={<ScanAdvice />} />
      </div>
    );
  else if (query.isLoading || !environment || !check) body = <Skeleton active />;
  else if (outcome) {
    body = (
      <div data-testid="face-check-status" data-status={check.status}>
        <CheckOutcomeResult check={check} outcome={outcome} />
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
          <CheckDetails check={check} secondsLeft={secondsLeft ?? 0} />
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

/** Before the check: what it authorises, for whom, and how long the link stays valid. */
const CheckDetails = ({ check, secondsLeft }: { check: MobileCheck; secondsLeft: number }) => {
  const { t } = useTranslation();
  const authorises = useCheckAuthorisesItems(check);
  return (
    <Flex vertical gap="small" data-testid="face-check-authorises">
      <Typography.Text strong>{t("checkAuthorises.heading")}</Typography.Text>
      <Descriptions
        bordered
        column={1}
        size="small"
        items={[
          ...authorises,
          {
            key: "subject",
            label: t("checkAuthorises.fields.subject"),
            children: check.subjectNameMasked ?? "—",
          },
          {
            key: "timeLeft",
            label: t("checkAuthorises.fields.timeLeft"),
            children: <span data-testid="face-check-time-left">{formatTimeLeft(secondsLeft)}</span>,
          },
          {
            key: "expiresAt",
            label: t("checkAuthorises.fields.expiresAt"),
            children: formatDateTime(check.expiresAt),
          },
        ]}
      />
      {check.requestType !== null && (
        <Typography.Text type="secondary">{t("checkAuthorises.notYours")}</Typography.Text>
      )}
    </Flex>
  );
};
