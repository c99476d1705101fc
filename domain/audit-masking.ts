// Personal data inside audit events' before/after (R26): what the log shows and exports is masked
// like every other list (README: lists and logs show masked values). Writers are meant to record
// ids and masked values already; this catches what they did not, by field name and by shape.
import { maskIdNumber, maskMobile } from "./masking.js";

const ID_NUMBER_FIELD = /idnumber/i;
const MOBILE_FIELD = /mobile/i;
// A resident ID number (region, real-looking birth date, sequence, check character) or a mainland
// mobile standing alone in free text; USCCs and other codes do not have this shape.
// The 18-character layouts (resident ID, residence permit 81/82/83, 2023 permanent residence 9…)
// share this shape; the 2017 permanent residence number is 3 letters and 12 digits.
const ID_NUMBER_IN_TEXT =
  /(?<![0-9A-Za-z])(?:[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]|[A-Z]{3}\d{12})(?![0-9A-Za-z])/g;
// Also as people write them: +86 / 0086 before it, spaces or hyphens between the digits.
const MOBILE_IN_TEXT = /(?<![0-9A-Za-z])(?:(?:\+|00)?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?![0-9A-Za-z])/g;

function maskText(text: string): string {
  // Full-width digits (５２０１…) are digits too; the rest of the text stays as written.
  return text
    .replace(/[０-９Ｘｘ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(ID_NUMBER_IN_TEXT, (match) => maskIdNumber(match))
    .replace(MOBILE_IN_TEXT, (match) => maskMobile(match.replace(/\D/g, "").slice(-11)));
}

/** A copy of an event's before/after value with ID numbers and mobiles masked, at any depth. */
export function maskAuditValue(value: unknown, field = ""): unknown {
  if (typeof value === "string") {
    if (ID_NUMBER_FIELD.test(field)) return maskIdNumber(value);
    if (MOBILE_FIELD.test(field)) return maskMobile(value);
    return maskText(value);
  }
  if (Array.isArray(value)) return value.map((item) => maskAuditValue(item, field));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskAuditValue(item, key)]));
  }
  return value;
}

/** The stored JSON text of before/after, parsed and masked (null stays null). */
export function maskedAuditPayload(stored: string | null): unknown {
  if (stored === null) return null;
  try {
    return maskAuditValue(JSON.parse(stored));
  } catch {
    return maskAuditValue(stored);
  }
}
