import { useGo } from "@refinedev/core";
import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";

export const NotFoundPage = () => {
  const { t } = useTranslation();
  const go = useGo();
  return (
    <Result
      status="404"
      title={t("notFound.title")}
      subTitle={t("notFound.description")}
      extra={
        <Button type="primary" onClick={() => go({ to: "/" })}>
          {t("notFound.backHome")}
        </Button>
      }
    />
  );
};
