// R23: uploaded materials are PDF, JPEG or PNG by content (the magic bytes, not the name), within
// a size limit, under a file name without Chinese full-width punctuation or other special characters.

export const ACCEPTED_MEDIA_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export type AcceptedMediaType = (typeof ACCEPTED_MEDIA_TYPES)[number];
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_FILE_NAME_LENGTH = 100;

const EXTENSIONS: Record<AcceptedMediaType, readonly string[]> = {
  "application/pdf": ["pdf"],
  "image/jpeg": ["jpg", "jpeg"],
  "image/png": ["png"],
};

// Letters of any script (so Chinese names are fine), digits, space, and - _ . ( ) only.
const ALLOWED_NAME = /^[\p{L}\p{N} _.()-]+$/u;
const FULL_WIDTH_PUNCTUATION = /[\u3000-\u303F\uFF00-\uFF65\u2018-\u201F\u2026\u2014]/u;

export type FileNameProblem =
  | "EMPTY"
  | "TOO_LONG"
  | "FULL_WIDTH_PUNCTUATION"
  | "SPECIAL_CHARACTER"
  | "EXTENSION";

export function checkFileName(name: string): FileNameProblem | null {
  const trimmed = name.trim();
  if (!trimmed) return "EMPTY";
  if ([...trimmed].length > MAX_FILE_NAME_LENGTH) return "TOO_LONG";
  if (FULL_WIDTH_PUNCTUATION.test(trimmed)) return "FULL_WIDTH_PUNCTUATION";
  if (!ALLOWED_NAME.test(trimmed)) return "SPECIAL_CHARACTER";
  const extension = trimmed.includes(".") ? trimmed.split(".").pop()!.toLowerCase() : "";
  if (!Object.values(EXTENSIONS).some((list) => list.includes(extension))) return "EXTENSION";
  return null;
}

export function isAcceptedMediaType(mediaType: string | undefined): mediaType is AcceptedMediaType {
  return (ACCEPTED_MEDIA_TYPES as readonly string[]).includes(mediaType ?? "");
}

/** The name says one type, the content another (e.g. a JPEG renamed to .pdf). */
export function extensionMatches(name: string, mediaType: AcceptedMediaType): boolean {
  const extension = name.trim().split(".").pop()?.toLowerCase() ?? "";
  return EXTENSIONS[mediaType].includes(extension);
}
