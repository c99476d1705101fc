// Identity document numbers the platform accepts as a person's ID number (issue 13 item 1). The
// 贵州人社 app serves mainland residents, residents of Hong Kong, Macao and Taiwan living on the
// mainland, and foreigners with permanent residence, so each of their documents is accepted with the
// checks its own layout allows:
//
//   RESIDENT_ID_CARD          居民身份证 (GB 11643-1999): 6-digit address code whose first two digits are
//                             a mainland province, birth date YYYYMMDD, 3-digit sequence (the last one
//                             odd for men), ISO 7064 MOD 11-2 check character (0-9 or X).
//   HMT_RESIDENCE_PERMIT      港澳台居民居住证: the same layout with the address code 810000 (Hong Kong),
//                             820000 (Macao) or 830000 (Taiwan).
//   PERMANENT_RESIDENCE_2023  外国人永久居留身份证, issued since 1 December 2023: "9", the province of
//                             the accepting office (2 digits), the nationality (3 digits), birth date
//                             YYYYMMDD, 3-digit sequence (the last one odd for men), MOD 11-2 check.
//   PERMANENT_RESIDENCE_2017  外国人永久居留身份证, 2017 layout (still valid until it expires): 3 Latin
//                             letters (nationality), the province of the accepting office (2 digits),
//                             then 10 digits. The meaning of those 10 digits and the check character's
//                             algorithm are not published, so no birth date or sex is read from it and
//                             only the letters and the province are checked.
//
// Anything else (passports, travel permits, the 15-digit first-generation ID) is refused with a message
// that names the accepted documents (idNumberProblemMessage).

import type { LocalizedMessage } from "./errors.js";

export type IdDocumentKind =
  | "RESIDENT_ID_CARD"
  | "HMT_RESIDENCE_PERMIT"
  | "PERMANENT_RESIDENCE_2023"
  | "PERMANENT_RESIDENCE_2017";

export type IdNumberProblem =
  /** No accepted document has this shape (length, characters). */
  | "FORMAT"
  /** An 18-digit number whose first two digits are no mainland province, nor 81/82/83, nor 9. */
  | "PROVINCE"
  /** 81, 82 or 83 but not followed by 0000: residence permits use 810000, 820000 and 830000. */
  | "HMT_ADDRESS"
  /** A permanent-residence number whose accepting-office province is not a mainland province. */
  | "ISSUING_PROVINCE"
  | "BIRTH_DATE"
  | "CHECK_CHARACTER";

export type IdNumberResult =
  | {
      ok: true;
      /** Canonical form: upper-case, no spaces. */
      value: string;
      kind: IdDocumentKind;
      /** YYYY-MM-DD; null where the layout does not carry one readably (2017 permanent residence). */
      birthDate: string | null;
      sex: "M" | "F" | null;
    }
  | { ok: false; reason: IdNumberProblem; kind?: IdDocumentKind };

/**
 * The mainland provinces' codes (GB/T 2260). Only the province part is checked: numbers never change
 * once issued, so codes of abolished counties and prefectures (e.g. 5224xx, 5222xx in Guizhou) remain
 * valid.
 */
export const PROVINCE_CODES: readonly string[] = [
  ...["11", "12", "13", "14", "15"],
  ...["21", "22", "23"],
  ...["31", "32", "33", "34", "35", "36", "37"],
  ...["41", "42", "43", "44", "45", "46"],
  ...["50", "51", "52", "53", "54"],
  ...["61", "62", "63", "64", "65"],
];

/** The address codes of residence permits: Hong Kong, Macao, Taiwan. */
export const HMT_ADDRESS_CODES: readonly string[] = ["810000", "820000", "830000"];

const PROVINCES = new Set(PROVINCE_CODES);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = "10X98765432";
const EARLIEST_BIRTH_DATE = "19000101";
// China has one time zone and no daylight saving time, so "today" is the calendar date at UTC+8
// whatever the time zone of the server or browser running this code.
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The ISO 7064 MOD 11-2 check character of 17 digits (GB 11643). Throws RangeError otherwise. */
export function idNumberCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError("idNumberCheckCharacter expects exactly 17 digits");
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(first17[i]) * WEIGHTS[i]!;
  }
  return CHECK_CHARACTERS[sum % 11]!;
}

/**
 * Validates an identity document number of an accepted kind (see the top of this file) and returns
 * its canonical value, its kind and what it says about the person. Input is trimmed and upper-cased
 * (callers put full-width characters in NFKC first). `today` bounds the birth date (China date).
 */
export function validateIdNumber(input: string, today: Date = new Date()): IdNumberResult {
  const value = String(input ?? "")
    .trim()
    .toUpperCase();
  if (/^[A-Z]{3}\d{12}$/.test(value)) return permanentResidence2017(value);
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, reason: "FORMAT" };

  // All three 18-digit layouts carry the birth date in characters 7–14 and the MOD 11-2 check.
  let kind: IdDocumentKind;
  if (value.startsWith("9")) {
    kind = "PERMANENT_RESIDENCE_2023";
    if (!PROVINCES.has(value.slice(1, 3))) return { ok: false, reason: "ISSUING_PROVINCE", kind };
  } else if (/^8[123]/.test(value)) {
    kind = "HMT_RESIDENCE_PERMIT";
    if (!HMT_ADDRESS_CODES.includes(value.slice(0, 6))) return { ok: false, reason: "HMT_ADDRESS", kind };
  } else {
    if (!PROVINCES.has(value.slice(0, 2))) return { ok: false, reason: "PROVINCE" };
    kind = "RESIDENT_ID_CARD";
  }

  const birth = value.slice(6, 14);
  if (!isRealDate(birth) || birth < EARLIEST_BIRTH_DATE || birth > chinaDate(today)) {
    return { ok: false, reason: "BIRTH_DATE", kind };
  }
  if (idNumberCheckCharacter(value.slice(0, 17)) !== value[17]) {
    return { ok: false, reason: "CHECK_CHARACTER", kind };
  }
  return {
    ok: true,
    value,
    kind,
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
    sex: Number(value[16]) % 2 === 1 ? "M" : "F",
  };
}

function permanentResidence2017(value: string): IdNumberResult {
  const kind = "PERMANENT_RESIDENCE_2017" as const;
  if (!PROVINCES.has(value.slice(3, 5))) return { ok: false, reason: "ISSUING_PROVINCE", kind };
  return { ok: true, value, kind, birthDate: null, sex: null };
}

const ID_NUMBER_SHAPE = /^(?:\d{17}[\dX]|[A-Z]{3}\d{12})$/;

/**
 * The canonical ID number when a search text has the shape of one (any accepted document: 18
 * characters, or 3 letters and 12 digits), else null: searches then match the whole number exactly
 * instead of a name. Shape only, so a mistyped number is still searched as a number.
 */
export function idNumberSearched(text: string): string | null {
  const value = text.normalize("NFKC").trim().toUpperCase();
  return ID_NUMBER_SHAPE.test(value) ? value : null;
}

/** Each accepted document's name, as the console and messages show it. */
export const ID_DOCUMENT_NAMES: Record<IdDocumentKind, LocalizedMessage> = {
  RESIDENT_ID_CARD: { "zh-CN": "居民身份证", en: "resident identity card" },
  HMT_RESIDENCE_PERMIT: {
    "zh-CN": "港澳台居民居住证",
    en: "residence permit for Hong Kong, Macao and Taiwan residents",
  },
  PERMANENT_RESIDENCE_2023: {
    "zh-CN": "外国人永久居留身份证",
    en: "foreigner's permanent residence ID card",
  },
  PERMANENT_RESIDENCE_2017: {
    "zh-CN": "外国人永久居留身份证（2017版）",
    en: "foreigner's permanent residence ID card (2017 layout)",
  },
};

/** The accepted documents in one sentence, for refusals and hints. */
export const ACCEPTED_ID_DOCUMENTS: LocalizedMessage = {
  "zh-CN":
    "本平台接受居民身份证（18位）、港澳台居民居住证（18位，以810000、820000或830000开头）和外国人永久居留身份证（新版18位以9开头；2017版15位，以3个字母开头）",
  en: "The platform accepts a resident identity card (18 characters), a residence permit for Hong Kong, Macao and Taiwan residents (18 digits starting 810000, 820000 or 830000) and a foreigner's permanent residence ID card (18 digits starting with 9, or the 2017 layout: 15 characters starting with 3 letters)",
};

/**
 * What is wrong with a refused number, as one or two sentences (zh-CN and en) that never blame a
 * "province" for a document that has none there. Used by the API's field and the console's form rule.
 */
export function idNumberProblemMessage(result: {
  reason: IdNumberProblem;
  kind?: IdDocumentKind;
}): LocalizedMessage {
  const document = result.kind ? ID_DOCUMENT_NAMES[result.kind] : undefined;
  const number = document
    ? { "zh-CN": `${document["zh-CN"]}号码`, en: `The ${document.en} number` }
    : { "zh-CN": "证件号码", en: "The ID number" };
  switch (result.reason) {
    case "FORMAT":
      return {
        "zh-CN": `证件号码的位数或字符不正确。${ACCEPTED_ID_DOCUMENTS["zh-CN"]}。`,
        en: `The ID number has the wrong length or characters. ${ACCEPTED_ID_DOCUMENTS.en}.`,
      };
    case "PROVINCE":
      return {
        "zh-CN": `证件号码的开头不属于任何一种可用证件。${ACCEPTED_ID_DOCUMENTS["zh-CN"]}。`,
        en: `The ID number does not start like any accepted document. ${ACCEPTED_ID_DOCUMENTS.en}.`,
      };
    case "HMT_ADDRESS":
      return {
        "zh-CN": "港澳台居民居住证号码以810000（香港）、820000（澳门）或830000（台湾）开头，请核对前6位。",
        en: "A residence permit number for Hong Kong, Macao or Taiwan residents starts with 810000, 820000 or 830000; check the first 6 digits.",
      };
    case "ISSUING_PROVINCE":
      return result.kind === "PERMANENT_RESIDENCE_2017"
        ? {
            "zh-CN": "外国人永久居留身份证（2017版）号码第4-5位应为受理地的省级代码（如贵州为52），请核对。",
            en: "In a 2017-layout permanent residence number, characters 4–5 are the accepting province's code (52 for Guizhou); check them.",
          }
        : {
            "zh-CN": "外国人永久居留身份证号码第2-3位应为受理地的省级代码（如贵州为52），请核对。",
            en: "In a foreigner's permanent residence ID number, digits 2–3 are the accepting province's code (52 for Guizhou); check them.",
          };
    case "BIRTH_DATE":
      return {
        "zh-CN": `${number["zh-CN"]}中的出生日期不存在或晚于今天，请核对。`,
        en: `${number.en} contains a birth date that does not exist or is after today; check it.`,
      };
    case "CHECK_CHARACTER":
      return {
        "zh-CN": `${number["zh-CN"]}的校验位（最后一位）不正确，请逐位核对。`,
        en: `${number.en}'s check character (the last one) is wrong; check each character.`,
      };
  }
}

function isRealDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= daysInMonth;
}

function chinaDate(instant: Date): string {
  const shifted = new Date(instant.getTime() + CHINA_OFFSET_MS);
  const y = String(shifted.getUTCFullYear()).padStart(4, "0");
  const m = String(shifted.getUTCMonth() + 1).padStart(2, "0");
  const d = String(shifted.getUTCDate()).padStart(2, "0");
  return `${y}${m}${d}`;
}
