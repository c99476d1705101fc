// Mainland China mobile numbers: 11 digits, 1 followed by 3–9, optionally written with the +86 /
// 0086 / 86 country prefix and with spaces or dashes as people type them.

export type MobileResult = { ok: true; value: string } | { ok: false; reason: "FORMAT" };

const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

export function normalizeMobile(input: string): MobileResult {
  let value = String(input ?? "").replace(/[\s-]/g, "");
  if (value.startsWith("+86")) value = value.slice(3);
  else if (value.startsWith("0086")) value = value.slice(4);
  // A bare 86 is a prefix only when what follows is a whole mobile number; otherwise it could be
  // the start of something else entirely.
  else if (/^861\d{10}$/.test(value)) value = value.slice(2);
  return MOBILE_PATTERN.test(value) ? { ok: true, value } : { ok: false, reason: "FORMAT" };
}
