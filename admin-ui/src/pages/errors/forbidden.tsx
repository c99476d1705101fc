import { useCan, useResourceParams } from "@refinedev/core";
import { Result } from "antd";
import { useTranslation } from "react-i18next";

/** A page the account may not open: says why, as the access-control provider does (who it is for). */
export const ForbiddenPage = () => {
  const { t } = useTranslation();
  const { resource, action } = useResourceParams();
  const { data } = useCan({
    resource: resource?.name,
    action: action ?? "list",
    queryOptions: { enabled: resource !== undefined },
  });
  return (
    <Result
      status="403"
      title={t("forbidden.title")}
      subTitle={data?.reason ? t("forbidden.why", { reason: data.reason }) : t("forbidden.description")}
      data-testid="forbidden-page"
    />
  );
};
