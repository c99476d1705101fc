import { LogoutOutlined } from "@ant-design/icons";
import { useGetIdentity, useLogout } from "@refinedev/core";
import { Button, Layout, Space, Typography, theme } from "antd";
import { useTranslation } from "react-i18next";
import type { Me } from "../../api/types";
import { accountDisplayName } from "../../utils/format";
import { LocaleSwitch } from "../locale-switch";
import { SessionStrengthTag } from "../session-strength-tag";

export const ConsoleHeader = () => {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { data: me } = useGetIdentity<Me>();
  const { mutate: logout, isPending } = useLogout();

  return (
    <Layout.Header
      style={{
        position: "sticky",
        top: 0,
        zIndex: 1,
        display: "flex",
        justifyContent: "flex-end",
        alignItems: "center",
        height: 64,
        padding: "0 24px",
        backgroundColor: token.colorBgElevated,
      }}
    >
      <Space size="middle">
        {me && (
          <Space size="small">
            <Typography.Text strong data-testid="current-user">
              {accountDisplayName(me)}
            </Typography.Text>
            <SessionStrengthTag strength={me.strength} data-testid="session-strength" />
          </Space>
        )}
        <LocaleSwitch />
        <Button icon={<LogoutOutlined />} loading={isPending} onClick={() => logout()}>
          {t("header.logout")}
        </Button>
      </Space>
    </Layout.Header>
  );
};
