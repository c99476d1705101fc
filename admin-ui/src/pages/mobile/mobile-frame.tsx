import { MobileOutlined } from "@ant-design/icons";
import { Card, Space, Typography, theme } from "antd";
import type { PropsWithChildren } from "react";
import { useTranslation } from "react-i18next";
import { PublicLayout } from "../../components/layout/public-layout";

const PHONE_WIDTH = 420;

/** A phone-sized screen of the simulated 贵州人社 mini program. */
export const MobileFrame = ({ children }: PropsWithChildren) => {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <PublicLayout>
      <Card
        style={{ width: PHONE_WIDTH, maxWidth: "100%", overflow: "hidden" }}
        styles={{
          header: { background: token.colorPrimary, color: token.colorTextLightSolid, textAlign: "center" },
        }}
        title={
          <Space>
            <MobileOutlined />
            {t("mobileCheck.appName")}
          </Space>
        }
      >
        {children}
        <Typography.Paragraph type="secondary" style={{ margin: `${token.marginLG}px 0 0`, fontSize: 12 }}>
          {t("mobileCheck.simulationNote")}
        </Typography.Paragraph>
      </Card>
    </PublicLayout>
  );
};
