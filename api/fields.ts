// Request fields checked with the domain validators, each failure with its own bilingual message.
import { z } from "@hono/zod-openapi";
import type { LocalizedMessage } from "../domain/errors.js";
import { type IdNumberProblem, validateIdNumber } from "../domain/id-number.js";
import { normalizeMobile } from "../domain/mobile.js";
import { checkPassword, type PasswordRequirement } from "../domain/password-policy.js";
import { canonicalIdentifier, characterCount, invisibleCharacterIn } from "../domain/text-input.js";
import { validateUscc } from "../domain/uscc.js";

function fail(ctx: z.RefinementCtx, message: LocalizedMessage) {
  ctx.addIssue({ code: "custom", message: message.en, params: { message } });
  return z.NEVER;
}

const ID_NUMBER_MESSAGES: Record<IdNumberProblem, LocalizedMessage> = {
  FORMAT: {
    "zh-CN": "身份证号应为18位（最后一位可为X）",
    en: "A resident ID number has 18 characters (the last may be X)",
  },
  PROVINCE: {
    "zh-CN": "身份证号前两位不是有效的省级行政区划代码",
    en: "The first two digits are not a province code",
  },
  BIRTH_DATE: {
    "zh-CN": "身份证号中的出生日期不存在或晚于今天",
    en: "The birth date in the ID number is not a real past date",
  },
  CHECK_CHARACTER: {
    "zh-CN": "身份证号校验位不正确，请逐位核对",
    en: "The ID number's check character is wrong; check each digit",
  },
};

// Issue 11 item 6: every string arrives in NFC (api/middleware/input-text.ts); identifiers are also put
// in NFKC here (full-width ５２０１… → 5201…), names refuse invisible characters, and lengths count
// characters (code points) as a person does, as the console counts them.

/**
 * Identifier text (accounts, request numbers, codes, tokens): NFKC then trimmed. A ZodString, so
 * `.regex`, `.min`, `.max` follow (on ASCII after NFKC, UTF-16 units and characters agree).
 */
export const identifierText = () => z.string().overwrite(canonicalIdentifier).trim();

type Length = { min?: number; max: number };

function lengthMessage({ min = 0, max }: Length): LocalizedMessage {
  return min > 0
    ? { "zh-CN": `应为${min}-${max}个字`, en: `${min}–${max} characters` }
    : { "zh-CN": `不能超过${max}个字`, en: `at most ${max} characters` };
}

function checkLength(value: string, length: Length, ctx: z.RefinementCtx) {
  const count = characterCount(value);
  if (count < (length.min ?? 0) || count > length.max) fail(ctx, lengthMessage(length));
}

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
        fail(ctx, {
          "zh-CN": `名称含有不可见的控制或格式字符（${invisible}），请删除后重新输入`,
          en: `The name contains an invisible control or format character (${invisible}); remove it`,
        });
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
    return result.ok ? result.value : fail(ctx, ID_NUMBER_MESSAGES[result.reason]);
  })
  .openapi({ type: "string", example: "520102199003071236" });

export const mobileField = z
  .string()
  .overwrite(canonicalIdentifier)
  .transform((value, ctx) => {
    const result = normalizeMobile(value);
    return result.ok
      ? result.value
      : fail(ctx, {
          "zh-CN": "请输入11位中国大陆手机号",
          en: "Enter an 11-digit mainland China mobile number",
        });
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
        "zh-CN": "统一社会信用代码应为18位数字或大写字母（不含 I、O、Z、S、V）",
        en: "A USCC has 18 digits or capital letters (no I, O, Z, S, V)",
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

// The /u flag counts characters: a name of 30 characters from outside the BMP is 30, not 60.
const PERSON_NAME = /^[\p{Script=Han}·A-Za-z ]{2,30}$/u;

export const personNameField = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (PERSON_NAME.test(value)) return;
    fail(ctx, {
      "zh-CN": "姓名应为2-30个汉字或字母（可含·）",
      en: "A name has 2–30 Chinese characters or letters (· allowed)",
    });
  });

/** A unit's contact: a person's name or an office's ("省人社厅职称处"). */
export const contactNameField = nameText({ min: 2, max: 50 });
