import { BankOutlined } from "@ant-design/icons";
import { Result } from "antd";
import { useTranslation } from "react-i18next";

/** Unit login (R5: account + password + SMS code to the contact mobile) is not built yet. */
export const UnitLoginPanel = () => {
  const { t } = useTranslation();
  return (
    <Result
      icon={<BankOutlined />}
      title={t("login.unit.title")}
      subTitle={t("login.unit.description")}
      style={{ padding: "16px 0" }}
    />
  );
};
