import { Alert, Flex, Steps } from "antd";
import { useTranslation } from "react-i18next";

const STEPS = ["openApp", "scan", "faceCheck"] as const;

/** The manual's FAQ in short: which app and which scanner reads a real-person QR code (not WeChat's own). */
export const ScanAdvice = () => {
  const { t } = useTranslation();
  return (
    // Left-aligned even inside a centred antd Result.
    <Flex vertical gap="middle" style={{ textAlign: "start" }}>
      <Steps
        direction="vertical"
        size="small"
        current={-1}
        items={STEPS.map((step) => ({ title: t(`scanAdvice.steps.${step}`) }))}
      />
      <Alert type="warning" showIcon message={t("scanAdvice.wechatWarning")} />
    </Flex>
  );
};
