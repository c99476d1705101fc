import { Divider, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { CONTACT_NAME_LENGTH } from "../../../../domain/field-messages";
import { PERSON_NAME_MAX } from "../../../../domain/person-name";
import {
  characterLimit,
  contactNameRules,
  idNumberRules,
  mobileRules,
  normalizeCode,
  personNameRules,
} from "../../utils/validators";
import type { UnitRegistrationValues } from "./form-values";

/** Step 2: the legal representative (compared with the registry, R2; face check, R3) and the contact. */
export const PeopleStep = () => {
  const { t } = useTranslation();
  return (
    <>
      <Divider orientation="left" orientationMargin={0} plain>
        {t("registration.sections.legalRep")}
      </Divider>
      <Form.Item<UnitRegistrationValues>
        name="legalRepName"
        label={t("registration.fields.legalRepName.label")}
        extra={t("registration.fields.legalRepName.extra")}
        rules={personNameRules(t, "legalRepName")}
      >
        <Input count={characterLimit(PERSON_NAME_MAX)} data-testid="reg-legalRepName" />
      </Form.Item>
      <Form.Item<UnitRegistrationValues>
        name="legalRepIdNumber"
        label={t("registration.fields.legalRepIdNumber.label")}
        normalize={normalizeCode}
        validateDebounce={300}
        rules={idNumberRules(t)}
      >
        <Input maxLength={18} autoComplete="off" data-testid="reg-legalRepIdNumber" />
      </Form.Item>
      <Form.Item<UnitRegistrationValues>
        name="legalRepMobile"
        label={t("registration.fields.legalRepMobile.label")}
        extra={t("registration.fields.legalRepMobile.extra")}
        validateDebounce={300}
        rules={mobileRules(t, false)}
      >
        <Input maxLength={20} inputMode="tel" data-testid="reg-legalRepMobile" />
      </Form.Item>
      <Divider orientation="left" orientationMargin={0} plain>
        {t("registration.sections.contact")}
      </Divider>
      <Form.Item<UnitRegistrationValues>
        name="contactName"
        label={t("registration.fields.contactName.label")}
        rules={contactNameRules(t)}
      >
        <Input count={characterLimit(CONTACT_NAME_LENGTH.max)} data-testid="reg-contactName" />
      </Form.Item>
      <Form.Item<UnitRegistrationValues>
        name="contactMobile"
        label={t("registration.fields.contactMobile.label")}
        extra={t("registration.fields.contactMobile.extra")}
        validateDebounce={300}
        rules={mobileRules(t)}
      >
        <Input maxLength={20} inputMode="tel" data-testid="reg-contactMobile" />
      </Form.Item>
    </>
  );
};
