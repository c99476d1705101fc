import { UserOutlined } from "@ant-design/icons";
import { Button, Flex, Typography, theme } from "antd";
import { useTranslation } from "react-i18next";

const FRAME_SIZE = 200;

interface FaceCaptureProps {
  /** The verdict being sent, if any. */
  sendingVerdict?: boolean;
  onVerdict: (passed: boolean) => void;
  onBack: () => void;
}

/** The simulated camera: a face frame and the tester's choice of verdict (no camera is used). */
export const FaceCapture = ({ sendingVerdict, onVerdict, onBack }: FaceCaptureProps) => {
  const { t } = useTranslation();
  const sending = sendingVerdict !== undefined;
  const { token } = theme.useToken();
  return (
    <Flex vertical align="center" gap="middle">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t("mobileCheck.camera.title")}
      </Typography.Title>
      <Flex
        vertical
        align="center"
        justify="center"
        gap="small"
        aria-label={t("mobileCheck.camera.placeholder")}
        style={{
          width: FRAME_SIZE,
          height: FRAME_SIZE,
          borderRadius: "50%",
          border: `4px solid ${token.colorPrimary}`,
          background: token.colorFillTertiary,
        }}
      >
        <UserOutlined style={{ fontSize: 80, color: token.colorTextQuaternary }} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("mobileCheck.camera.placeholder")}
        </Typography.Text>
      </Flex>
      <Typography.Text type="secondary">{t("mobileCheck.camera.hint")}</Typography.Text>
      <Flex vertical gap="small" style={{ width: "100%" }}>
        <Button
          type="primary"
          size="large"
          block
          disabled={sending && !sendingVerdict}
          loading={sendingVerdict === true}
          onClick={() => onVerdict(true)}
          data-testid="mobile-face-pass"
        >
          {t("mobileCheck.camera.pass")}
        </Button>
        <Button
          danger
          size="large"
          block
          disabled={sending && sendingVerdict}
          loading={sendingVerdict === false}
          onClick={() => onVerdict(false)}
          data-testid="mobile-face-fail"
        >
          {t("mobileCheck.camera.fail")}
        </Button>
        <Button type="link" disabled={sending} onClick={onBack}>
          {t("mobileCheck.camera.back")}
        </Button>
      </Flex>
    </Flex>
  );
};
