import { Alert, Form } from "antd";
import { useTranslation } from "react-i18next";
import type { MaterialValue, UnitRegistrationValues } from "./form-values";
import { MaterialUpload } from "./material-upload";

const materialRules = (required: string, uploading: string) => [
  () => ({
    validator: (_: unknown, value?: MaterialValue) => {
      if (value?.error) return Promise.reject(new Error(value.error));
      if (value?.uploading) return Promise.reject(new Error(uploading));
      return value?.upload ? Promise.resolve() : Promise.reject(new Error(required));
    },
  }),
];

/** Step 4: the business licence and the authorization letter (R1, R23). */
export const MaterialsStep = () => {
  const { t } = useTranslation();
  const uploading = t("uploads.stillUploading");
  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 24 }} message={t("uploads.rules")} />
      <Form.Item<UnitRegistrationValues>
        name="businessLicence"
        label={t("registration.fields.businessLicence.label")}
        extra={t("registration.fields.businessLicence.extra")}
        required
        rules={materialRules(t("registration.fields.businessLicence.required"), uploading)}
      >
        <MaterialUpload kind="BUSINESS_LICENCE" testId="reg-upload-licence" />
      </Form.Item>
      <Form.Item<UnitRegistrationValues>
        name="authorizationLetter"
        label={t("registration.fields.authorizationLetter.label")}
        extra={t("registration.fields.authorizationLetter.extra")}
        required
        rules={materialRules(t("registration.fields.authorizationLetter.required"), uploading)}
      >
        <MaterialUpload kind="AUTHORIZATION_LETTER" testId="reg-upload-letter" />
      </Form.Item>
    </>
  );
};
