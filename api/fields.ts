// Request fields checked with the domain validators, each failure with its own bilingual message.
import { z } from "@hono/zod-openapi";
import type { LocalizedMessage } from "../domain/errors.js";
import {
  CONTACT_NAME_LENGTH,
  type FieldProblem,
  fieldProblemMessage,
  type LengthRule,
  lengthProblem,
} from "../domain/field-messages.js";
import { idNumberProblemMessage, validateIdNumber } from "../domain/id-number.js";
import { normalizeMobile } from "../domain/mobile.js";
import { checkPassword, type PasswordRequirement } from "../domain/password-policy.js";
import { normalizePersonName, PERSON_NAME_SUBJECT, personNameProblemMessage } from "../domain/person-name.js";
import { canonicalIdentifier, invisibleCharacterIn } from "../domain/text-input.js";
import type { IssueParams } from "./errors.js";

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

import { validateUscc } from "../domain/uscc.js";

/** Refuses the value with a whole sentence (api/errors.ts shows it as it is). */
function fail(ctx: z.RefinementCtx, message: LocalizedMessage) {
  ctx.addIssue({ code: "custom", message: message.en, params: { message } satisfies IssueParams });
  return z.NEVER;
}

/**
 * Refuses the value with a sentence about the field, named by its label (domain/field-messages.ts):
 * the label comes from the issue's path, which only the validation hook knows.
 */
function refuse(
  ctx: z.RefinementCtx,
  describe: (label: LocalizedMessage) => LocalizedMessage,
  subject?: LocalizedMessage,
) {
  ctx.addIssue({
    code: "custom",
    message: describe({ "zh-CN": "该项", en: "this field" }).en,
    params: { describe, subject } satisfies IssueParams,
  });
  return z.NEVER;
}

const refuseFor = (ctx: z.RefinementCtx, problem: FieldProblem) =>
  refuse(ctx, (label) => fieldProblemMessage(label, problem));

// Issue 11 item 6: every string arrives in NFC (api/middleware/input-text.ts); identifiers are also put
// in NFKC here (full-width ５２０１… → 5201…), names refuse invisible characters, and lengths count
// characters (code points) as a person does, as the console counts them.

/**
 * Identifier text (accounts, request numbers, codes, tokens): NFKC then trimmed. A ZodString, so
 * `.regex`, `.min`, `.max` follow (on ASCII after NFKC, UTF-16 units and characters agree).
 */
export const identifierText = () => z.string().overwrite(canonicalIdentifier).trim();

type Length = LengthRule;

function checkLength(value: string, length: Length, ctx: z.RefinementCtx) {
  const problem = lengthProblem(value, length);
  if (problem) refuseFor(ctx, problem);
}

/**
 * A string whose length is counted in characters (code points), kept as typed (passwords, tokens):
 * zod's own `.min`/`.max` count UTF-16 units.
 */
export const exactText = (length: Length) =>
  z
    .string()
    .superRefine((value, ctx) => checkLength(value, length, ctx))
    .openapi({ minLength: length.min, maxLength: length.max });

/**
 * Free text (reasons, explanations, searches): trimmed, its length in characters. Line breaks allowed.
 */
export const textField = (length: Length) =>
  z
    .string()
    .trim()
    .superRefine((value, ctx) => checkLength(value, length, ctx))
    .openapi({ minLength: length.min, maxLength: length.max });

/**
 * A name (of a unit, an office, a role): trimmed, its length in characters, refused when it carries a
 * control or format character (NUL, line breaks, zero-width, bidi overrides): invisible, such a
 * character makes a name look like another one and slip past its duplicate check.
 */
export const nameText = (length: Length) =>
  z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const invisible = invisibleCharacterIn(value);
      if (invisible) {
        refuseFor(ctx, { kind: "INVISIBLE_CHARACTER", character: invisible });
        return;
      }
      checkLength(value, length, ctx);
    })
    .openapi({ minLength: length.min, maxLength: length.max });

export const idNumberField = z
  .string()
  .overwrite(canonicalIdentifier)
  .transform((value, ctx) => {
    const result = validateIdNumber(value);
    return result.ok ? result.value : fail(ctx, idNumberProblemMessage(result));
  })
  .openapi({
    type: "string",
    example: "520102199003071236",
    description:
      "A resident identity card, a residence permit of Hong Kong, Macao or Taiwan residents (810000/820000/830000…) or a foreigner's permanent residence ID card (9… or the 2017 layout of 3 letters and 12 digits); stored upper-case",
  });

export const mobileField = z
  .string()
  .overwrite(canonicalIdentifier)
  .transform((value, ctx) => {
    const result = normalizeMobile(value);
    return result.ok
      ? result.value
      : refuse(ctx, (label) => ({
          "zh-CN": `${label["zh-CN"]}应为11位中国大陆手机号。`,
          en: `${capitalized(label.en)} must be an 11-digit mainland China mobile number.`,
        }));
  })
  .openapi({ type: "string", example: "13812345678" });

/** Format is a hard check; failing check characters are returned as a warning (see DESIGN). */
export const usccField = z
  .string()
  .overwrite(canonicalIdentifier)
  .transform((value, ctx) => {
    const result = validateUscc(value);
    if (!result.ok) {
      return fail(ctx, {
        "zh-CN": "统一社会信用代码应为18位数字或大写字母（不含 I、O、Z、S、V）。",
        en: "A USCC has 18 digits or capital letters (no I, O, Z, S, V).",
      });
    }
    return {
      value: result.value,
      checkCharacterValid: result.checkCharacterValid && result.organizationCodeValid,
    };
  })
  .openapi({ type: "string", example: "91520102MA6DK1B28W" });

const REQUIREMENT_TEXT: Record<Exclude<PasswordRequirement, "HALF_WIDTH">, LocalizedMessage> = {
  MIN_LENGTH: { "zh-CN": "至少8位", en: "at least 8 characters" },
  MAX_LENGTH: { "zh-CN": "不超过64位", en: "at most 64 characters" },
  UPPERCASE: { "zh-CN": "含大写字母", en: "an upper-case letter" },
  LOWERCASE: { "zh-CN": "含小写字母", en: "a lower-case letter" },
  DIGIT: { "zh-CN": "含数字", en: "a digit" },
  SPECIAL: { "zh-CN": "含特殊字符", en: "a special character" },
  NO_WHITESPACE: { "zh-CN": "不含空格", en: "no spaces" },
};

/**
 * R15 password policy, naming every requirement that is not met; a password typed in full-width or
 * Chinese characters is first told 请使用半角字符 (issue 13 item 3).
 */
export const passwordField = z
  .string()
  .superRefine((value, ctx) => {
    const { ok, missing } = checkPassword(value);
    if (ok) return;
    const halfWidth = missing.includes("HALF_WIDTH");
    const rest = missing.filter((r): r is Exclude<PasswordRequirement, "HALF_WIDTH"> => r !== "HALF_WIDTH");
    const zh = rest.length > 0 ? `密码需${rest.map((r) => REQUIREMENT_TEXT[r]["zh-CN"]).join("、")}` : "";
    const en =
      rest.length > 0 ? `The password needs ${rest.map((r) => REQUIREMENT_TEXT[r].en).join(", ")}` : "";
    fail(
      ctx,
      halfWidth
        ? {
            "zh-CN": `请使用半角字符（英文字母、数字和键盘符号，关闭全角或中文输入法）${zh ? `；${zh}` : ""}`,
            en: `Use half-width characters (letters, digits and keyboard symbols; switch off full-width or Chinese input)${en ? `. ${en}` : ""}`,
          }
        : { "zh-CN": zh, en },
    );
  })
  .openapi({ type: "string", format: "password" });

/**
 * A person's name (domain/person-name.ts, issue 13 item 1): a Chinese name with "·" look-alikes stored
 * as U+00B7, or a Latin name stored upper-case; refused with a sentence naming the field.
 */
export const personNameField = z
  .string()
  .transform((value, ctx) => {
    const result = normalizePersonName(value);
    return result.ok
      ? result.value
      : refuse(ctx, (label) => personNameProblemMessage(label, result.problem), PERSON_NAME_SUBJECT);
  })
  .openapi({ type: "string", example: "热依拉·买买提", minLength: 2, maxLength: 60 });

/** A unit's contact: a person's name or an office's ("省人社厅职称处"). */
export const contactNameField = nameText(CONTACT_NAME_LENGTH);
