import { LogoutOutlined } from "@ant-design/icons";
import { useGetIdentity, useLogout } from "@refinedev/core";
import { Button, Grid, Layout, Space, Typography, theme } from "antd";
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
  // On a phone the header keeps the name (shortened), the language and an icon-only logout: the
  // session tag and the button's text would push the name off the screen (longer in English).
  const wide = Grid.useBreakpoint().sm !== false;

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
        padding: wide ? "0 24px" : "0 12px",
        backgroundColor: token.colorBgElevated,
      }}
    >
      <Space size={wide ? "middle" : "small"} style={{ minWidth: 0 }}>
        {me && (
          <Space size="small" style={{ minWidth: 0 }}>
            <Typography.Text
              strong
              data-testid="current-user"
              ellipsis={{ tooltip: true }}
              style={{ maxWidth: wide ? 240 : 120 }}
            >
              {accountDisplayName(me)}
            </Typography.Text>
            {wide && (
              <SessionStrengthTag strength={me.strength} kind={me.kind} data-testid="session-strength" />
            )}
          </Space>
        )}
        <LocaleSwitch />
        <Button
          icon={<LogoutOutlined />}
          loading={isPending}
          onClick={() => logout()}
          aria-label={t("header.logout")}
          title={wide ? undefined : t("header.logout")}
        >
          {wide && t("header.logout")}
        </Button>
      </Space>
    </Layout.Header>
  );
};
