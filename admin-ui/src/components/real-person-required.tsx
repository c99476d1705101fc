import { SafetyCertificateOutlined } from "@ant-design/icons";
import { Alert, Card, Flex, Space } from "antd";
import { useTranslation } from "react-i18next";
import { RealPersonStepUp } from "./real-person-step-up";

interface RealPersonRequiredProps {
  /** Called once the session is REAL_PERSON, e.g. to load again what the API refused. */
  onRaised?: () => void;
}

/**
 * R12: stands in for a page of administrator or handler work while the session is a password one,
 * says why (once), and shows the step-up's QR code at once below, as the text says; the page appears
 * once the session is raised (issue 13.6).
 */
export const RealPersonRequired = ({ onRaised }: RealPersonRequiredProps) => {
  const { t } = useTranslation();
  return (
    <Flex vertical gap="middle" data-testid="real-person-required">
      <Alert
        type="warning"
        showIcon
        message={t("unitAccounts.realPerson.title")}
        description={t("unitAccounts.realPerson.description")}
      />
      <Card
        title={
          <Space>
            <SafetyCertificateOutlined />
            {t("stepUp.title")}
          </Space>
        }
      >
        <RealPersonStepUp autoStart explained onSuccess={onRaised} />
      </Card>
    </Flex>
  );
};
