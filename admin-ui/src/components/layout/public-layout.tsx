import { Flex, Layout, theme } from "antd";
import type { PropsWithChildren } from "react";
import { LocaleSwitch } from "../locale-switch";
import { PlatformFooter } from "./platform-name";

/** Pages before sign-in (login, registration): a centred card with the language switch on top, the platform's name below. */
export const PublicLayout = ({ children }: PropsWithChildren) => {
  const { token } = theme.useToken();
  return (
    <Layout style={{ minHeight: "100vh", background: token.colorBgLayout }}>
      <Flex justify="flex-end" style={{ padding: token.paddingLG }}>
        <LocaleSwitch />
      </Flex>
      <Flex justify="center" style={{ padding: `0 ${token.padding}px ${token.paddingXL}px` }}>
        {children}
      </Flex>
      <PlatformFooter />
    </Layout>
  );
};
