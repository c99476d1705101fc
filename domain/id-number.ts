// Resident identity number (GB 11643-1999): 6-digit address code, birth date YYYYMMDD,
// 3-digit sequence, ISO 7064 MOD 11-2 check character.

export type IdNumberProblem = "FORMAT" | "PROVINCE" | "BIRTH_DATE" | "CHECK_CHARACTER";

export type IdNumberResult =
  | { ok: true; value: string; birthDate: string; sex: "M" | "F" }
  | { ok: false; reason: IdNumberProblem };

// Only the province part is checked: numbers never change once issued, so codes of abolished
// counties and prefectures (e.g. 5224xx, 5222xx in Guizhou) remain valid.
export const PROVINCE_CODES: readonly string[] = [
  ...["11", "12", "13", "14", "15"],
  ...["21", "22", "23"],
  ...["31", "32", "33", "34", "35", "36", "37"],
  ...["41", "42", "43", "44", "45", "46"],
  ...["50", "51", "52", "53", "54"],
  ...["61", "62", "63", "64", "65"],
  ...["71", "81", "82", "91"],
];

const PROVINCES = new Set(PROVINCE_CODES);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = "10X98765432";
const EARLIEST_BIRTH_DATE = "19000101";
// China has one time zone and no daylight saving time, so "today" is the calendar date at UTC+8
// whatever the time zone of the server or browser running this code.
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

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

export function validateIdNumber(input: string, today: Date = new Date()): IdNumberResult {
  const value = String(input ?? "")
    .trim()
    .toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, reason: "FORMAT" };
  if (!PROVINCES.has(value.slice(0, 2))) return { ok: false, reason: "PROVINCE" };

  const birth = value.slice(6, 14);
  if (!isRealDate(birth) || birth < EARLIEST_BIRTH_DATE || birth > chinaDate(today)) {
    return { ok: false, reason: "BIRTH_DATE" };
  }
  if (idNumberCheckCharacter(value.slice(0, 17)) !== value[17]) {
    return { ok: false, reason: "CHECK_CHARACTER" };
  }
  return {
    ok: true,
    value,
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
    sex: Number(value[16]) % 2 === 1 ? "M" : "F",
  };
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
