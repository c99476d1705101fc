import { QrcodeOutlined } from "@ant-design/icons";
import { Result } from "antd";
import { useTranslation } from "react-i18next";
import { ScanAdvice } from "../../components/scan-advice";

/** The page was opened without a check (typed in, or scanned with the wrong app): say how it is meant to open. */
export const OutsideAppHelp = () => {
  const { t } = useTranslation();
  return (
    <div data-testid="mobile-result" data-outcome="outside-app">
      <Result
        icon={<QrcodeOutlined />}
        title={t("mobileCheck.outsideApp.title")}
        subTitle={t("mobileCheck.outsideApp.description")}
        extra={<ScanAdvice />}
        style={{ padding: "16px 0" }}
      />
    </div>
  );
};
