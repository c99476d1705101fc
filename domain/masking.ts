// Masks for showing personal data in lists, logs and messages. Each mask reveals at most what its
// rule allows; input too short for the rule reveals nothing rather than more than the rule.

import { normalizeMobile } from "./mobile.js";

const MASK = "*";

export function maskIdNumber(idNumber: string | null | undefined): string {
  return keepEnds(Array.from(clean(idNumber)), 6, 4, 18);
}

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
