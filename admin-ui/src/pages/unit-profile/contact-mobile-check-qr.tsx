import { ExportOutlined } from "@ant-design/icons";
import { Flex, QRCode, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ScanAdvice } from "../../components/scan-advice";

const QR_SIZE = 200;

interface ContactMobileCheckQrProps {
  /** The legal representative's face-check page on the mobile app. */
  checkUrl: string;
  /** The face check passed; the change is being applied (the next poll shows it). */
  passed: boolean;
}

/**
 * R27: the legal representative confirms the change with a face check: scan the QR code with the mobile app,
 * or open the link on their phone. The page polls and moves on by itself.
 */
export const ContactMobileCheckQr = ({ checkUrl, passed }: ContactMobileCheckQrProps) => {
  const { t } = useTranslation();
  return (
    <Flex gap="large" wrap align="flex-start">
      <div data-testid="contact-mobile-qr" data-url={checkUrl}>
        <QRCode value={checkUrl} size={QR_SIZE} status={passed ? "loading" : "active"} />
      </div>
      <Flex vertical gap="middle" style={{ flex: "1 1 320px", minWidth: 0 }}>
        <ScanAdvice />
        <Flex vertical gap={4}>
          <Typography.Text type="secondary">
            {t("unitProfile.contactMobileChange.card.qr.link")}
          </Typography.Text>
          <Typography.Paragraph
            copyable={{ text: checkUrl }}
            style={{ margin: 0, wordBreak: "break-all" }}
            data-testid="contact-mobile-check-link"
          >
            <Typography.Link href={checkUrl} target="_blank" rel="noopener noreferrer">
              <ExportOutlined /> {checkUrl}
            </Typography.Link>
          </Typography.Paragraph>
        </Flex>
      </Flex>
    </Flex>
  );
};
