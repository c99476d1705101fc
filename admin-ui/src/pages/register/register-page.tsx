import { useLink } from "@refinedev/core";
import { Card } from "antd";
import { useTranslation } from "react-i18next";
import { ComingSoon } from "../../components/coming-soon";
import { PublicLayout } from "../../components/layout/public-layout";
import { LOGIN_PATH, type REGISTER_PATHS } from "../../config/paths";

interface RegisterPageProps {
  kind: keyof typeof REGISTER_PATHS;
}

/** Personal registration (R15) is not built yet; unit registration has its own page. */
export const RegisterPage = ({ kind }: RegisterPageProps) => {
  const { t } = useTranslation();
  const Link = useLink();
  return (
    <PublicLayout>
      <Card style={{ width: 480, maxWidth: "100%" }}>
        <ComingSoon
          title={t(`login.register.${kind}`)}
          extra={<Link to={LOGIN_PATH}>{t("comingSoon.backToLogin")}</Link>}
        />
      </Card>
    </PublicLayout>
  );
};
