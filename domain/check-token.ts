// The token of a face check's QR code or SMS link, as people actually open it. Phones turn the
// SMS text after the link into part of the link when nothing separates them, so the page and the
// API receive "<token>，7天内有效" or "<token>." as often as the bare token.

/** The characters of a token: URL-safe base64 (lib/ports/real-person-auth.ts createCheck). */
const TOKEN_PREFIX = /^[A-Za-z0-9_-]*/;

/** The shortest and longest token that was ever issued; anything else cannot be one of ours. */
export const CHECK_TOKEN_MIN_LENGTH = 16;
export const CHECK_TOKEN_MAX_LENGTH = 64;

/**
 * The token within what a link delivered: leading and trailing white space dropped, then everything
 * from the first character a token never holds (full-width or ASCII punctuation, the SMS's own
 * text) cut off. "abc…，7天内有效" → "abc…". Used by both the console's /face-check and
 * /mobile/check routes and the API's check lookup, so both read a link the same way.
 */
export function normalizeCheckToken(raw: string): string {
  return TOKEN_PREFIX.exec(raw.trim())?.[0] ?? "";
}

/** Whether a normalised token has the shape of one we issue (a cut-off link has not). */
export function isCheckTokenShape(token: string): boolean {
  return token.length >= CHECK_TOKEN_MIN_LENGTH && token.length <= CHECK_TOKEN_MAX_LENGTH;
}
