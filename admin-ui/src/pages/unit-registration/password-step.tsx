import { Alert, Form } from "antd";
import { useTranslation } from "react-i18next";
import { NewPasswordFields } from "../../components/new-password-fields";
import type { UnitRegistrationValues } from "./form-values";

/** Step 3: the unit login's password (R15); the account name will be the USCC (R5). */
export const PasswordStep = () => {
  const { t } = useTranslation();
  const uscc = Form.useWatch<UnitRegistrationValues["uscc"]>("uscc", { preserve: true });
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 24 }}
        message={t("registration.password.accountNotice", { uscc })}
        description={t("registration.password.loginNotice")}
      />
      <NewPasswordFields
        name="password"
        confirmName="passwordConfirm"
        label={t("registration.fields.password.label")}
        confirmLabel={t("registration.fields.passwordConfirm.label")}
        testIds={{ password: "reg-password", confirm: "reg-passwordConfirm" }}
      />
    </>
  );
};
