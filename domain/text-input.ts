// Text as it crosses the boundary (issue 11 item 6): one canonical form for every string a client
// sends, so that two spellings of the same text are the same value for duplicate checks, lookups and
// limits.

/**
 * False for a string with an unpaired UTF-16 surrogate ("\ud800" in JSON): no character, it cannot be
 * stored, hashed or compared meaningfully, and is refused at the boundary.
 */
export function isWellFormedText(value: string): boolean {
  // In a /u pattern a paired surrogate is one code point, so \p{Cs} matches the unpaired ones only.
  return !LONE_SURROGATE.test(value);
}

const LONE_SURROGATE = /\p{Cs}/u;

/** Canonical composition (NFC): "e\u0301" and "é" become one value. Every string gets it. */
export function canonicalText(value: string): string {
  return value.normalize("NFC");
}

/**
 * Compatibility composition (NFKC) for identifiers (ID numbers, USCCs, mobiles, accounts, request
 * numbers, codes): full-width "５２０１" and "ＭＡ６" become ASCII "5201" and "MA6". Never for names,
 * where it would turn the full-width brackets of "贵阳市（分公司）" into ASCII ones.
 */
export function canonicalIdentifier(value: string): string {
  return value.normalize("NFKC");
}

// Cc (NUL, CR, LF, tab, …) and Cf (zero-width space and joiners, bidi overrides, soft hyphen, …).
const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}]/u;

/**
 * The first control or format character of a name, as "U+200B", or null. Such characters are
 * invisible, so a name carrying one looks like another name and escapes its duplicate check.
 */
export function invisibleCharacterIn(value: string): string | null {
  const found = CONTROL_OR_FORMAT.exec(value)?.[0];
  return found === undefined
    ? null
    : `U+${(found.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Length in characters (code points): "😀" is one, as a person counts it, not two UTF-16 units. */
export function characterCount(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}
