// Masks for showing personal data in lists, logs and messages. Each mask reveals at most what its
// rule allows; input too short for the rule reveals nothing rather than more than the rule.

import { normalizeMobile } from "./mobile.js";

const MASK = "*";

/**
 * An identity document number with its middle hidden: the first 6 and last 4 of an 18-character
 * number (resident ID card, residence permit, 2023 permanent residence card); the nationality letters
 * and last 4 of a 2017-layout permanent residence number (15 characters). Anything else shows nothing
 * unless it is 18 characters or longer.
 */
export function maskIdNumber(idNumber: string | null | undefined): string {
  const value = clean(idNumber);
  if (PERMANENT_RESIDENCE_2017.test(value)) return keepEnds(Array.from(value), 3, 4, 15);
  return keepEnds(Array.from(value), 6, 4, 18);
}

const PERMANENT_RESIDENCE_2017 = /^[A-Za-z]{3}\d{12}$/;

export function maskMobile(mobile: string | null | undefined): string {
  const normalized = normalizeMobile(clean(mobile));
  const characters = Array.from(normalized.ok ? normalized.value : clean(mobile));
  return keepEnds(characters, 3, 4, 11);
}

// A one-character name would be revealed whole by "keep the first character", so it is hidden.
export function maskName(name: string | null | undefined): string {
  const characters = Array.from(clean(name));
  if (characters.length < 2) return MASK.repeat(characters.length);
  return characters[0] + MASK.repeat(characters.length - 1);
}

function clean(value: string | null | undefined): string {
  return typeof value === "string" ? value.trim() : "";
}

// Keeps `head` and `tail` characters only when the value is at least `fullLength` long, so the
// hidden middle is never shorter than in a well-formed value.
function keepEnds(characters: string[], head: number, tail: number, fullLength: number): string {
  if (characters.length < fullLength) return MASK.repeat(characters.length);
  return (
    characters.slice(0, head).join("") +
    MASK.repeat(characters.length - head - tail) +
    characters.slice(characters.length - tail).join("")
  );
}
