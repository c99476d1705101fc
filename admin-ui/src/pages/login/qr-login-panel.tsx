import { QrcodeOutlined } from "@ant-design/icons";
import { Alert, Flex, Result, Steps } from "antd";
import { useTranslation } from "react-i18next";

const STEPS = ["openApp", "scan", "faceCheck"] as const;

/** QR login (real-person authentication on the mobile app) is not built yet; the manual's FAQ is. */
export const QrLoginPanel = () => {
  const { t } = useTranslation();
  return (
    <Flex vertical gap="middle">
      <Result
        icon={<QrcodeOutlined />}
        title={t("login.qr.title")}
        subTitle={t("login.qr.description")}
        style={{ padding: 0 }}
      />
      <Steps
        direction="vertical"
        size="small"
        current={-1}
        items={STEPS.map((step) => ({ title: t(`login.qr.steps.${step}`) }))}
      />
      <Alert type="warning" showIcon message={t("login.qr.wechatWarning")} />
    </Flex>
  );
};
