import { SafetyCertificateOutlined } from "@ant-design/icons";
import { useLink } from "@refinedev/core";
import { Flex, Layout, Typography, theme } from "antd";
import { useTranslation } from "react-i18next";

/**
 * The sider's title: the platform's one name (`app.platformName`), wrapped over two lines rather than
 * shortened, so every page names the platform the same way; the icon alone when the sider is collapsed.
 */
export const PlatformTitle = ({ collapsed }: { collapsed: boolean }) => {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const Link = useLink();
  const name = t("app.platformName");
  return (
    <Link to="/" aria-label={name} title={name}>
      <Flex align="center" gap="small" data-testid="platform-title">
        <SafetyCertificateOutlined style={{ fontSize: 22, color: token.colorPrimary }} />
        {!collapsed && (
          <Typography.Text strong style={{ fontSize: 13, lineHeight: 1.3, whiteSpace: "normal" }}>
            {name}
          </Typography.Text>
        )}
      </Flex>
    </Link>
  );
};

/** The footer of every page, signed in or not: the platform's name. */
export const PlatformFooter = () => {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Layout.Footer
      data-testid="platform-footer"
      style={{ textAlign: "center", color: token.colorTextSecondary, background: "transparent", padding: 16 }}
    >
      {t("app.platformName")}
    </Layout.Footer>
  );
};
