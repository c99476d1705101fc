import { Alert, Descriptions, type DescriptionsProps, Flex, Form } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { validateUscc } from "../../../../domain/uscc";
import { useRegions } from "../../hooks/use-regions";
import { formatFileSize } from "../../utils/format";
import { toMobile } from "../../utils/validators";
import type { MaterialValue, UnitRegistrationValues } from "./form-values";

const materialText = (t: TFunction, material?: MaterialValue): string =>
  material?.upload
    ? t("registration.review.file", {
        name: material.upload.originalName,
        size: formatFileSize(material.upload.size),
      })
    : "";

/** Step 5: everything once more before submitting; the facts compared with the registry come first. */
export const ReviewStep = () => {
  const { t } = useTranslation();
  const form = Form.useFormInstance<UnitRegistrationValues>();
  const values: Partial<UnitRegistrationValues> = form.getFieldsValue(true);
  const { byCode } = useRegions();
  const region = values.regionCode ? byCode.get(values.regionCode) : undefined;
  const prefecture = region?.parentCode ? byCode.get(region.parentCode) : undefined;
  const uscc = validateUscc(values.uscc ?? "");
  const manualReview = uscc.ok && !(uscc.checkCharacterValid && uscc.organizationCodeValid);
  const label = (field: keyof UnitRegistrationValues) => t(`registration.fields.${field}.label`);
  const items: DescriptionsProps["items"] = [
    { key: "unitName", label: label("unitName"), children: values.unitName },
    { key: "uscc", label: label("uscc"), children: values.uscc },
    { key: "legalRepName", label: label("legalRepName"), children: values.legalRepName },
    { key: "legalRepIdNumber", label: label("legalRepIdNumber"), children: values.legalRepIdNumber },
    {
      key: "unitType",
      label: label("unitType"),
      children: values.unitType && t(`unitTypes.${values.unitType}`),
    },
    {
      key: "regionCode",
      label: label("regionCode"),
      children: [prefecture?.level === "PREFECTURE" ? prefecture.name : undefined, region?.name]
        .filter(Boolean)
        .join(" / "),
    },
    {
      key: "legalRepMobile",
      label: label("legalRepMobile"),
      children: values.legalRepMobile
        ? toMobile(values.legalRepMobile)
        : t("registration.review.legalRepMobileMissing"),
    },
    { key: "contactName", label: label("contactName"), children: values.contactName },
    {
      key: "contactMobile",
      label: label("contactMobile"),
      children: values.contactMobile && toMobile(values.contactMobile),
    },
    { key: "account", label: t("registration.review.account"), children: values.uscc },
    {
      key: "businessLicence",
      label: label("businessLicence"),
      children: materialText(t, values.businessLicence),
    },
    {
      key: "authorizationLetter",
      label: label("authorizationLetter"),
      children: materialText(t, values.authorizationLetter),
    },
  ];
  return (
    <Flex vertical gap="middle">
      <Alert type="info" showIcon message={t("registration.review.notice")} />
      {manualReview && (
        <Alert type="warning" showIcon message={t("registration.uscc.checkCharacter.title")} />
      )}
      <Descriptions bordered size="small" column={1} styles={{ label: { width: 180 } }} items={items} />
    </Flex>
  );
};
