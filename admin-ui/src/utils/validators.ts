// Form rules that mirror the API's checks (api/fields.ts), so people see a mistake before they submit.
import type { FormRule } from "antd";
import type { TFunction } from "i18next";
import { validateIdNumber } from "../../../domain/id-number";
import { normalizeMobile } from "../../../domain/mobile";
import { canonicalIdentifier, characterCount } from "../../../domain/text-input";
import { validateUscc } from "../../../domain/uscc";

/** The API's rule for a person's name: 2–30 Chinese characters or letters, · and spaces allowed. */
const PERSON_NAME = /^[\p{Script=Han}·A-Za-z ]{2,30}$/u;
const SMS_CODE = /^\d{6}$/;

const check =
  (valid: (value: string) => boolean, message: string): FormRule =>
  () => ({
    validator: (_, value?: string) =>
      !value || valid(value) ? Promise.resolve() : Promise.reject(new Error(message)),
  });

/**
 * Trims and upper-cases what people type into code fields (USCC, ID number), full-width digits and
 * letters made ASCII (NFKC) as the API reads them.
 */
export const normalizeCode = (value?: string): string =>
  canonicalIdentifier(value ?? "")
    .trim()
    .toUpperCase();

/**
 * An antd Input's limit counted in characters (code points), as the API counts lengths: its default
 * counts UTF-16 units, so a name of rare characters (𠀀, two units each) would stop at half its length.
 * Usage: `<Input count={characterLimit(100)} />`.
 */
export const characterLimit = (max: number) => ({
  max,
  strategy: characterCount,
  exceedFormatter: (value: string, { max: limit }: { max: number }) => [...value].slice(0, limit).join(""),
});

export const trimmed = (value?: string): string => (value ?? "").trim();

export const usccRules = (t: TFunction): FormRule[] => [
  { required: true, message: t("validation.uscc.required") },
  check((value) => validateUscc(canonicalIdentifier(value)).ok, t("validation.uscc.format")),
];

/** The MOD 11-2 check and the other ID number checks, each with its own message. */
export const idNumberRules = (t: TFunction): FormRule[] => [
  { required: true, message: t("validation.idNumber.required") },
  () => ({
    validator: (_, value?: string) => {
      if (!value) return Promise.resolve();
      const result = validateIdNumber(canonicalIdentifier(value));
      return result.ok
        ? Promise.resolve()
        : Promise.reject(new Error(t(`validation.idNumber.problems.${result.reason}`)));
    },
  }),
];

export const mobileRules = (t: TFunction, required = true): FormRule[] => [
  ...(required ? [{ required: true, message: t("validation.mobile.required") }] : []),
  check((value) => normalizeMobile(canonicalIdentifier(value)).ok, t("validation.mobile.format")),
];

export const personNameRules = (t: TFunction): FormRule[] => [
  { required: true, whitespace: true, message: t("validation.personName.required") },
  check((value) => PERSON_NAME.test(value.trim()), t("validation.personName.format")),
];

/** A unit's contact: a person's name or an office's, as the API accepts it. */
export const contactNameRules = (t: TFunction): FormRule[] => [
  { required: true, whitespace: true, message: t("validation.contactName.required") },
  // Characters (code points), as the API counts them.
  check((value) => {
    const count = characterCount(value.trim());
    return count >= 2 && count <= 50;
  }, t("validation.contactName.format")),
];

export const smsCodeRules = (t: TFunction): FormRule[] => [
  { required: true, message: t("validation.smsCode.required") },
  check((value) => SMS_CODE.test(value.trim()), t("validation.smsCode.format")),
];

/** The normalized mobile number the API stores, or the input when it is not one. */
export const toMobile = (value: string): string => {
  const result = normalizeMobile(canonicalIdentifier(value));
  return result.ok ? result.value : value;
};
