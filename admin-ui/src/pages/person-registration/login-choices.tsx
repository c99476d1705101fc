import { LockOutlined, QrcodeOutlined } from "@ant-design/icons";
import { useGo } from "@refinedev/core";
import { Button, Space } from "antd";
import { useTranslation } from "react-i18next";
import { LOGIN_PATH } from "../../config/paths";

/** Personal login with the method chosen (the login page reads `?method=`). */
export const personLoginPath = (method: "qr" | "password"): string => `${LOGIN_PATH}?method=${method}`;

/** The two ways an already registered person logs in: the mini program's QR code, or ID number and password. */
export const LoginChoices = () => {
  const { t } = useTranslation();
  const go = useGo();
  return (
    <Space wrap>
      <Button
        type="primary"
        icon={<QrcodeOutlined />}
        onClick={() => go({ to: personLoginPath("qr") })}
        data-testid="person-login-qr"
      >
        {t("personRegister.login.qr")}
      </Button>
      <Button
        icon={<LockOutlined />}
        onClick={() => go({ to: personLoginPath("password") })}
        data-testid="person-login-password"
      >
        {t("personRegister.login.password")}
      </Button>
    </Space>
  );
};
