import { useLink } from "@refinedev/core";
import { Card, Divider, Flex, Typography } from "antd";
import type { PropsWithChildren } from "react";
import { useTranslation } from "react-i18next";
import { PublicLayout } from "../../components/layout/public-layout";
import { LOGIN_PATH } from "../../config/paths";

interface PublicCardProps {
  title: string;
  intro: string;
  /** The page shows its result, whose own button leads to unit login: no second link below it. */
  finished?: boolean;
}

/** The frame of the unit account pages before login: title, explanation, the form, a way back to login. */
export const PublicCard = ({
  title,
  intro,
  finished = false,
  children,
}: PropsWithChildren<PublicCardProps>) => {
  const { t } = useTranslation();
  const Link = useLink();
  return (
    <PublicLayout>
      <Card style={{ width: 480, maxWidth: "100%" }}>
        <Flex vertical gap="large">
          <Flex vertical gap={4}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {title}
            </Typography.Title>
            <Typography.Text type="secondary">{intro}</Typography.Text>
          </Flex>
          {children}
        </Flex>
        {!finished && (
          <>
            <Divider style={{ margin: "24px 0 16px" }} />
            <Flex justify="center">
              <Link to={`${LOGIN_PATH}?tab=unit`} data-testid="public-card-back">
                {t("unitAccount.backToLogin")}
              </Link>
            </Flex>
          </>
        )}
      </Card>
    </PublicLayout>
  );
};
