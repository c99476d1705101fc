// R15 password policy, shared by the API (the rule), the console (a live checklist and hint) and the
// legacy import.

export type PasswordRequirement =
  | "HALF_WIDTH"
  | "MIN_LENGTH"
  | "MAX_LENGTH"
  | "UPPERCASE"
  | "LOWERCASE"
  | "DIGIT"
  | "SPECIAL"
  | "NO_WHITESPACE";

export type PasswordStrength = 0 | 1 | 2 | 3 | 4;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 64;

/** Stable order; HALF_WIDTH first, so that messages lead with the fix for a full-width keyboard. */
export const PASSWORD_REQUIREMENTS: readonly PasswordRequirement[] = [
  "HALF_WIDTH",
  "MIN_LENGTH",
  "MAX_LENGTH",
  "UPPERCASE",
  "LOWERCASE",
  "DIGIT",
  "SPECIAL",
  "NO_WHITESPACE",
];

const UPPERCASE = /[A-Z]/;
const LOWERCASE = /[a-z]/;
const DIGIT = /[0-9]/;
// Printable ASCII that is neither a letter, a digit nor the space: ! through / : through @ [ through ` { through ~
const SPECIAL = /[!-/:-@[-`{-~]/;
const WHITESPACE = /\s/u;
// Anything but printable ASCII and whitespace (whitespace has its own requirement): full-width
// letters, digits and punctuation (Ａ１！), Chinese characters, emoji.
const NOT_HALF_WIDTH = /[^\x21-\x7e\s]/u;

/**
 * R15: which requirements a new password misses, in PASSWORD_REQUIREMENTS order. Passwords are typed
 * in half-width characters (printable ASCII): a password typed with a full-width or Chinese input
 * method (ＡＢＣ１２３！) misses HALF_WIDTH, and its character classes are judged on what the user
 * meant (the NFKC form), so it is told 请使用半角字符 rather than that an upper-case letter is missing.
 */
export function checkPassword(pw: string): { ok: boolean; missing: PasswordRequirement[] } {
  const password = String(pw ?? "");
  const halfWidth = !NOT_HALF_WIDTH.test(password);
  const meant = halfWidth ? password : password.normalize("NFKC");
  // Length counts characters as the user sees them, so an astral character counts once.
  const length = Array.from(password).length;
  const satisfied: Record<PasswordRequirement, boolean> = {
    HALF_WIDTH: halfWidth,
    MIN_LENGTH: length >= PASSWORD_MIN_LENGTH,
    MAX_LENGTH: length <= PASSWORD_MAX_LENGTH,
    UPPERCASE: UPPERCASE.test(meant),
    LOWERCASE: LOWERCASE.test(meant),
    DIGIT: DIGIT.test(meant),
    SPECIAL: SPECIAL.test(meant),
    NO_WHITESPACE: !WHITESPACE.test(password),
  };
  const missing = PASSWORD_REQUIREMENTS.filter((requirement) => !satisfied[requirement]);
  return { ok: missing.length === 0, missing };
}

// A hint only, never a rule: 0 empty, 1 fails the policy, 2 meets it, 3 meets it with 12+
// characters, 4 meets it with 16+ characters. Few distinct characters ("Aa1!Aa1!Aa1!") cap it at 2
// because length made of repetition adds little.
export function passwordStrength(pw: string): PasswordStrength {
  const password = String(pw ?? "");
  if (password.length === 0) return 0;
  if (!checkPassword(password).ok) return 1;
  const characters = Array.from(password);
  if (new Set(characters).size < 6) return 2;
  if (characters.length >= 16) return 4;
  if (characters.length >= 12) return 3;
  return 2;
}
