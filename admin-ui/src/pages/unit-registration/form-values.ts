import type { RegistrationSubmission, SelfRegisteringUnitType, Upload } from "../../api/types";
import { toMobile, trimmed } from "../../utils/validators";

/** An upload field's value: the stored file, or what went wrong while uploading it. */
export interface MaterialValue {
  upload?: Upload;
  uploading?: boolean;
  error?: string;
}

export interface UnitRegistrationValues {
  unitName: string;
  uscc: string;
  unitType: SelfRegisteringUnitType;
  regionCode: string;
  legalRepName: string;
  legalRepIdNumber: string;
  legalRepMobile?: string;
  contactName: string;
  contactMobile: string;
  password: string;
  passwordConfirm: string;
  businessLicence?: MaterialValue;
  authorizationLetter?: MaterialValue;
}

export type RegistrationField = keyof UnitRegistrationValues;

/** localStorage key of the wizard's draft (issue 13 item 4); 重新注册 on the status page writes it too. */
export const UNIT_REGISTRATION_DRAFT_KEY = "zc.draft.unit-registration";

/** Never kept in a draft. */
export const UNSTORED_FIELDS = [
  "password",
  "passwordConfirm",
] as const satisfies readonly RegistrationField[];

/** A draft keeps a material's stored upload only, not an upload in progress or its error. */
export const storableValues = (values: Partial<UnitRegistrationValues>): Partial<UnitRegistrationValues> => ({
  ...values,
  businessLicence: values.businessLicence?.upload ? { upload: values.businessLicence.upload } : undefined,
  authorizationLetter: values.authorizationLetter?.upload
    ? { upload: values.authorizationLetter.upload }
    : undefined,
});

export const STEPS = [
  { key: "unit", fields: ["unitName", "uscc", "unitType", "regionCode"] },
  {
    key: "people",
    fields: ["legalRepName", "legalRepIdNumber", "legalRepMobile", "contactName", "contactMobile"],
  },
  { key: "password", fields: ["password", "passwordConfirm"] },
  { key: "materials", fields: ["businessLicence", "authorizationLetter"] },
  { key: "review", fields: [] },
] as const satisfies ReadonlyArray<{ key: string; fields: readonly RegistrationField[] }>;

export type StepKey = (typeof STEPS)[number]["key"];

/** The API names the upload fields by their ids; the form by the material. */
const FORM_FIELD_OF_API: Record<string, RegistrationField> = {
  businessLicenceUploadId: "businessLicence",
  authorizationLetterUploadId: "authorizationLetter",
};

/** The form field an API error's `field` refers to, if any. */
export const formFieldOf = (apiField?: string): RegistrationField | undefined => {
  if (!apiField) return undefined;
  if (apiField in FORM_FIELD_OF_API) return FORM_FIELD_OF_API[apiField];
  return STEPS.some(({ fields }) => (fields as readonly string[]).includes(apiField))
    ? (apiField as RegistrationField)
    : undefined;
};

/** The step that shows a field. */
export const stepOf = (field: RegistrationField): number =>
  STEPS.findIndex(({ fields }) => (fields as readonly string[]).includes(field));

/** The API's registration; the password goes as the id it was prepared under (issue 14). */
export const toSubmission = (
  submissionId: string,
  values: UnitRegistrationValues,
  preparedPasswordId: string,
): RegistrationSubmission => {
  const legalRepMobile = trimmed(values.legalRepMobile);
  return {
    submissionId,
    unitName: trimmed(values.unitName),
    uscc: values.uscc,
    unitType: values.unitType,
    regionCode: values.regionCode,
    legalRepName: trimmed(values.legalRepName),
    legalRepIdNumber: values.legalRepIdNumber,
    ...(legalRepMobile ? { legalRepMobile: toMobile(legalRepMobile) } : {}),
    contactName: trimmed(values.contactName),
    contactMobile: toMobile(values.contactMobile),
    preparedPasswordId,
    businessLicenceUploadId: values.businessLicence?.upload?.id ?? "",
    authorizationLetterUploadId: values.authorizationLetter?.upload?.id ?? "",
  };
};
