import { Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { UNIT_NAME_LENGTH } from "../../../../domain/field-messages";
import { RegionCascader } from "../../components/region-cascader";
import { UnitTypeSelect } from "../../components/unit-type-select";
import { characterLimit, lengthRule, normalizeCode, usccRules } from "../../utils/validators";
import type { UnitRegistrationValues } from "./form-values";
import { hasUsccNotice, UsccNotice, useUsccCheck } from "./uscc-availability";

const UNIT_NAME_MAX = UNIT_NAME_LENGTH.max;

/** Step 1: the unit's name, USCC (with R4's availability check), type and region. */
export const UnitStep = () => {
  const { t } = useTranslation();
  const form = Form.useFormInstance<UnitRegistrationValues>();
  const uscc = Form.useWatch("uscc", form);
  const check = useUsccCheck(uscc);
  return (
    <>
      <Form.Item<UnitRegistrationValues>
        name="unitName"
        label={t("registration.fields.unitName.label")}
        extra={t("registration.fields.unitName.extra")}
        rules={[
          { required: true, whitespace: true, message: t("registration.fields.unitName.required") },
          lengthRule("unitName", UNIT_NAME_LENGTH),
        ]}
      >
        <Input count={characterLimit(UNIT_NAME_MAX)} data-testid="reg-unitName" />
      </Form.Item>
      <Form.Item<UnitRegistrationValues>
        name="uscc"
        label={t("registration.fields.uscc.label")}
        normalize={normalizeCode}
        validateDebounce={300}
        rules={usccRules(t)}
        extra={
          hasUsccNotice(check) ? (
            <div style={{ margin: "4px 0" }}>
              <UsccNotice check={check} />
            </div>
          ) : undefined
        }
      >
        <Input
          maxLength={18}
          placeholder={t("registration.fields.uscc.placeholder")}
          autoComplete="off"
          data-testid="reg-uscc"
        />
      </Form.Item>
      <Form.Item<UnitRegistrationValues>
        name="unitType"
        label={t("registration.fields.unitType.label")}
        extra={t("registration.fields.unitType.extra")}
        rules={[{ required: true, message: t("registration.fields.unitType.required") }]}
      >
        <UnitTypeSelect
          placeholder={t("registration.fields.unitType.placeholder")}
          data-testid="reg-unitType"
        />
      </Form.Item>
      <Form.Item<UnitRegistrationValues>
        name="regionCode"
        label={t("registration.fields.regionCode.label")}
        extra={t("registration.fields.regionCode.extra")}
        rules={[{ required: true, message: t("registration.fields.regionCode.required") }]}
      >
        <RegionCascader data-testid="reg-region" />
      </Form.Item>
    </>
  );
};
