// Form rules that mirror the API's checks (api/fields.ts), so people see a mistake before they submit.
import type { FormRule } from "antd";
import type { TFunction } from "i18next";
import type { LocalizedMessage } from "../../../domain/errors";
import {
  CONTACT_NAME_LENGTH,
  fieldLabel,
  fieldProblemMessage,
  type LengthRule,
  lengthProblem,
} from "../../../domain/field-messages";
import { idNumberProblemMessage, idNumberSearched, validateIdNumber } from "../../../domain/id-number";
import { normalizeMobile } from "../../../domain/mobile";
import { checkPassword } from "../../../domain/password-policy";
import {
  normalizePersonName,
  PERSON_NAME_SUBJECT,
  personNameProblemMessage,
} from "../../../domain/person-name";
import { canonicalIdentifier, characterCount } from "../../../domain/text-input";
import { validateUscc } from "../../../domain/uscc";
import { currentLocale } from "../i18n";

const SMS_CODE = /^\d{6}$/;

/** A shared domain message in the console's current language. */
const inLocale = (message: LocalizedMessage): string => message[currentLocale()];

/** A rule that refuses with the shared domain's sentence (the API answers the same one). */
const domainRule =
  (problemOf: (value: string) => LocalizedMessage | null): FormRule =>
  () => ({
    validator: (_, value?: string) => {
      if (!value) return Promise.resolve();
      const message = problemOf(value);
      return message ? Promise.reject(new Error(inLocale(message))) : Promise.resolve();
    },
  });

/**
 * A length rule in characters (code points), with the API's message for the field `field` (its
 * request name, e.g. "contactName"): "𠮷" is one character on both sides. Antd's own `min`/`max`
 * rules count UTF-16 units and are not used for text.
 */
export const lengthRule = (field: string, rule: LengthRule): FormRule =>
  domainRule((value) => {
    const problem = lengthProblem(value.trim(), rule);
    return problem ? fieldProblemMessage(fieldLabel(field), problem) : null;
  });

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

/**
 * The accepted identity documents (domain/id-number.ts), each with its own checks; a refusal names
 * what is wrong, or the accepted documents, in the API's words.
 */
export const idNumberRules = (t: TFunction): FormRule[] => [
  { required: true, message: t("validation.idNumber.required") },
  domainRule((value) => {
    const result = validateIdNumber(canonicalIdentifier(value));
    return result.ok ? null : idNumberProblemMessage(result);
  }),
];

export const mobileRules = (t: TFunction, required = true): FormRule[] => [
  ...(required ? [{ required: true, message: t("validation.mobile.required") }] : []),
  check((value) => normalizeMobile(canonicalIdentifier(value)).ok, t("validation.mobile.format")),
];

/**
 * A person's name (domain/person-name.ts, the API's rule): Chinese with "·" between parts, or Latin as
 * on a permanent residence card. `field` is the API's field name, which names it in the message
 * ("legalRepName" → 法定代表人姓名).
 */
export const personNameRules = (t: TFunction, field = "name"): FormRule[] => [
  { required: true, whitespace: true, message: t("validation.personName.required") },
  domainRule((value) => {
    const result = normalizePersonName(value);
    return result.ok
      ? null
      : personNameProblemMessage(fieldLabel(field, PERSON_NAME_SUBJECT), result.problem);
  }),
];

/** A unit's contact: a person's name or an office's, as the API accepts it. */
export const contactNameRules = (t: TFunction): FormRule[] => [
  { required: true, whitespace: true, message: t("validation.contactName.required") },
  lengthRule("contactName", CONTACT_NAME_LENGTH),
];

/**
 * The login account (R15): an ID number of any accepted document or a mobile in any spelling the API
 * reads (full-width digits, +86, spaces), by shape only — whether it exists is the API's answer.
 */
export const loginAccountRules = (t: TFunction): FormRule[] => [
  { required: true, message: t("login.fields.account.required") },
  check((value) => {
    const account = canonicalIdentifier(value).trim();
    return idNumberSearched(account) !== null || normalizeMobile(account).ok;
  }, t("login.fields.account.invalid")),
];

/**
 * The password typed to log in. R15 passwords are half-width, so one typed with a full-width or
 * Chinese input method cannot be right: it is refused here with 请使用半角字符 instead of being sent,
 * answered "wrong password" and counted towards the account's lock.
 */
export const currentPasswordRules = (t: TFunction): FormRule[] => [
  { required: true, message: t("login.fields.password.required") },
  check((value) => !checkPassword(value).missing.includes("HALF_WIDTH"), t("validation.password.halfWidth")),
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
