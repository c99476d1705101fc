// Unified social credit code (GB 32100-2015): 18 characters; positions 9–17 embed the
// organisation code of GB 11714-1997 with its own check character; position 18 is a mod-31 check.

export type UsccResult =
  | { ok: true; value: string; checkCharacterValid: boolean; organizationCodeValid: boolean }
  | { ok: false; reason: "FORMAT" };

// GB 32100 leaves out I, O, Z, S and V so they cannot be confused with 1, 0, 2, 5 and U.
export const USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORGANIZATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

export function usccCheckCharacter(first17: string): string {
  if (!/^[0-9A-HJ-NPQRTUWXY]{17}$/.test(first17)) {
    throw new RangeError("usccCheckCharacter expects 17 characters from the GB 32100 charset");
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += USCC_CHARSET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

// GB 11714 values a body character by its place in 0-9A-Z (A = 10 … Z = 35), the full Latin
// alphabet, unlike the reduced GB 32100 charset.
export function organizationCodeCheckCharacter(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) {
    throw new RangeError("organizationCodeCheckCharacter expects 8 characters from 0-9A-Z");
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    sum += Number.parseInt(first8[i]!, 36) * ORGANIZATION_CODE_WEIGHTS[i]!;
  }
  const check = 11 - (sum % 11);
  if (check === 10) return "X";
  if (check === 11) return "0";
  return String(check);
}

// Only the format is a hard check: some real, older codes fail either check character, so the
// caller turns a failed check into a warning (manual review), never into a refusal.
export function validateUscc(input: string): UsccResult {
  const value = String(input ?? "")
    .trim()
    .toUpperCase();
  if (!USCC_PATTERN.test(value)) return { ok: false, reason: "FORMAT" };
  return {
    ok: true,
    value,
    checkCharacterValid: usccCheckCharacter(value.slice(0, 17)) === value[17],
    organizationCodeValid: organizationCodeCheckCharacter(value.slice(8, 16)) === value[16],
  };
}
