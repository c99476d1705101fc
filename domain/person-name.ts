// A person's name as the platform stores it (issue 13 item 1): the one rule for every person-name field
// of the API (api/fields.ts personNameField) and of the console (admin-ui/src/utils/validators.ts).
//
// Two kinds of name are accepted, as they are printed on the accepted identity documents:
// - A Chinese name: Han characters (the extension planes included: "𠮷" is one character) and the
//   minority-name separator "·" (U+00B7) between two parts. Its look-alikes that input methods and
//   copy-paste produce (•, ・, ‧, ∙, ･, ．, ⋅, ., …) are stored as U+00B7. No separator at either end,
//   none doubled, no spaces. 2–30 characters.
// - A Latin name, as a foreigner's permanent residence card prints it: letters A–Z, stored upper-case,
//   words separated by one space, a hyphen or an apostrophe inside a word ("O'NEIL", "ANNE-MARIE").
//   2–60 characters. Mixing Han and Latin letters in one name is refused.

import type { LocalizedMessage } from "./errors.js";
import { type FieldProblem, fieldProblemMessage } from "./field-messages.js";
import { characterCount } from "./text-input.js";

/** The minority-name separator every look-alike becomes. */
export const NAME_SEPARATOR = "\u00b7";

/**
 * Characters people type or paste for the separator: bullet, katakana middle dot (full and half
 * width), hyphenation point, bullet operator, dot operator, full-width and ASCII full stop, word
 * separator middle dot, Greek ano teleia, Latin letter sinological dot, one dot leader.
 */
const SEPARATOR_LOOK_ALIKES = /[\u2022\u30fb\u2027\u2219\uff65\uff0e\u22c5\u2e31\u0387\ua78f\u2024\u16eb.]/gu;

/** The text with every look-alike of the separator written as U+00B7 (nothing else changes). */
export function withNameSeparator(text: string): string {
  return text.replace(SEPARATOR_LOOK_ALIKES, NAME_SEPARATOR);
}

/**
 * Whether two spellings are the same person's name: both normalised as stored (look-alike separators,
 * Latin case and spaces), so a name stored before this rule still matches the name typed now.
 */
export function samePersonName(a: string, b: string): boolean {
  const key = (name: string) => {
    const result = normalizePersonName(name);
    return result.ok ? result.value : name.normalize("NFC").trim();
  };
  return key(a) === key(b);
}

// Radicals (CJK Radicals Supplement, Kangxi Radicals) are Script=Han but no name's character: text copied
// from a PDF (a scanned licence, an ID card's record) often carries them instead of the look-alike
// ideograph. Kangxi radicals are folded to that ideograph (compatibility form) before this test.
const HAN = /(?![\u2e80-\u2fdf])\p{Script=Han}/u;

/**
 * Compatibility forms people paste or type in a name, each folded (NFKC) to the character it stands
 * for: Kangxi radicals ("⼈" U+2F08 → "人"), full-width Latin letters ("ＪＯＨＮ" → "JOHN") and the
 * ideographic space. Everything else is kept (NFKC on the whole name would also change brackets).
 */
const COMPATIBILITY_FORMS = /[\u2f00-\u2fd5\uff21-\uff3a\uff41-\uff5a\u3000]/gu;
const LATIN_LETTER = /[A-Za-z]/;

/** What a person-name field is, when its field name ("name") says less. */
export const PERSON_NAME_SUBJECT: LocalizedMessage = { "zh-CN": "姓名", en: "name" };

/** The longest name any accepted kind allows: console inputs stop there. */
export const PERSON_NAME_MAX = 60;

export const CHINESE_NAME_LENGTH = { min: 2, max: 30 } as const;
export const LATIN_NAME_LENGTH = { min: 2, max: 60 } as const;

export type PersonNameProblem =
  | { kind: "REQUIRED" }
  | { kind: "TOO_SHORT"; min: number; count: number }
  | { kind: "TOO_LONG"; max: number; count: number }
  | { kind: "INVALID_CHARACTER"; character: string }
  | { kind: "MIXED_SCRIPTS" }
  | { kind: "SEPARATOR_AT_EDGE"; character: string }
  | { kind: "SEPARATOR_DOUBLED"; character: string };

export type PersonNameResult =
  | { ok: true; value: string; script: "HAN" | "LATIN" }
  | { ok: false; problem: PersonNameProblem };

/**
 * Validates and normalises a person's name (see the top of this file): trimmed, NFC, look-alike
 * separators as U+00B7, a Latin name upper-case with single spaces.
 */
export function normalizePersonName(input: string): PersonNameResult {
  const text = String(input ?? "")
    .normalize("NFC")
    .replace(COMPATIBILITY_FORMS, (character) => character.normalize("NFKC"))
    .trim();
  if (text === "") return { ok: false, problem: { kind: "REQUIRED" } };
  const hasHan = HAN.test(text);
  const hasLatin = LATIN_LETTER.test(text);
  if (hasHan && hasLatin) return { ok: false, problem: { kind: "MIXED_SCRIPTS" } };
  return hasLatin ? latinName(text) : chineseName(text);
}

function chineseName(text: string): PersonNameResult {
  const value = withNameSeparator(text);
  for (const character of value) {
    if (character !== NAME_SEPARATOR && !HAN.test(character)) {
      return { ok: false, problem: { kind: "INVALID_CHARACTER", character } };
    }
  }
  if (value.startsWith(NAME_SEPARATOR) || value.endsWith(NAME_SEPARATOR)) {
    return { ok: false, problem: { kind: "SEPARATOR_AT_EDGE", character: NAME_SEPARATOR } };
  }
  if (value.includes(NAME_SEPARATOR + NAME_SEPARATOR)) {
    return { ok: false, problem: { kind: "SEPARATOR_DOUBLED", character: NAME_SEPARATOR } };
  }
  const length = checkLength(value, CHINESE_NAME_LENGTH);
  return length ? { ok: false, problem: length } : { ok: true, value, script: "HAN" };
}

function latinName(text: string): PersonNameResult {
  const value = text.replace(/\s+/gu, " ").toUpperCase();
  for (const character of value) {
    if (!/[A-Z '-]/.test(character)) {
      return { ok: false, problem: { kind: "INVALID_CHARACTER", character } };
    }
  }
  const edge = /^[ '-]|[ '-]$/.exec(value)?.[0];
  if (edge) return { ok: false, problem: { kind: "SEPARATOR_AT_EDGE", character: edge.trim() || edge } };
  const doubled = /[ '-]{2,}/.exec(value)?.[0];
  if (doubled) return { ok: false, problem: { kind: "SEPARATOR_DOUBLED", character: doubled } };
  const length = checkLength(value, LATIN_NAME_LENGTH);
  return length ? { ok: false, problem: length } : { ok: true, value, script: "LATIN" };
}

function checkLength(value: string, rule: { min: number; max: number }): PersonNameProblem | null {
  const count = characterCount(value);
  if (count < rule.min) return { kind: "TOO_SHORT", min: rule.min, count };
  if (count > rule.max) return { kind: "TOO_LONG", max: rule.max, count };
  return null;
}

const shown = (character: string): LocalizedMessage =>
  /^\s$/u.test(character)
    ? { "zh-CN": "空格", en: "a space" }
    : { "zh-CN": `“${character}”`, en: `"${character}"` };

/**
 * The sentence for a refused name, naming the field by `label` ("法定代表人姓名"), in zh-CN and en.
 * Length problems read like every other field's (domain/field-messages.ts).
 */
export function personNameProblemMessage(
  label: LocalizedMessage,
  problem: PersonNameProblem,
): LocalizedMessage {
  const zh = label["zh-CN"];
  const en = label.en.charAt(0).toUpperCase() + label.en.slice(1);
  switch (problem.kind) {
    case "REQUIRED":
    case "TOO_SHORT":
    case "TOO_LONG":
      return fieldProblemMessage(label, problem satisfies FieldProblem);
    case "INVALID_CHARACTER": {
      const c = shown(problem.character);
      return {
        "zh-CN": `${zh}中不能有${c["zh-CN"]}：中文姓名只用汉字和间隔号“·”，外国人姓名请按证件填写拉丁字母。`,
        en: `${en} cannot contain ${c.en}: a Chinese name has Chinese characters and the separator "·" only; a foreigner's name is written in Latin letters as on the card.`,
      };
    }
    case "MIXED_SCRIPTS":
      return {
        "zh-CN": `${zh}不能同时含有汉字和拉丁字母，请按证件上的姓名填写其中一种。`,
        en: `${en} cannot mix Chinese characters and Latin letters; write it as on the identity document.`,
      };
    case "SEPARATOR_AT_EDGE": {
      const c = shown(problem.character);
      return {
        "zh-CN": `${zh}的开头或结尾不能是${c["zh-CN"]}，间隔号只能用在两部分姓名之间。`,
        en: `${en} cannot start or end with ${c.en}; a separator goes between two parts of the name.`,
      };
    }
    case "SEPARATOR_DOUBLED": {
      const c = shown(problem.character);
      return {
        "zh-CN": `${zh}中的间隔号或分隔符不能连用（${c["zh-CN"]}），两部分姓名之间只用一个。`,
        en: `${en} has separators in a row (${c.en}); use one between two parts of the name.`,
      };
    }
  }
}
