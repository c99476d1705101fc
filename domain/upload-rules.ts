// R23: uploaded materials are PDF, JPEG or PNG by content (the magic bytes, not the name), not empty,
// within a size limit. The file name is only a label shown to reviewers (the file is stored under a
// random key), so any printable name is kept — 营业执照（副本）.pdf included — after removing what
// could not be a label: path parts, control and format characters, surplus length (issue 13 item 3).
// Shared by the API (the rule) and the console (the same checks before anything is sent).

export const ACCEPTED_MEDIA_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export type AcceptedMediaType = (typeof ACCEPTED_MEDIA_TYPES)[number];
/** Bytes; the console and the API's messages show it as "10 MB". */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Characters (code points) of a stored file name, its extension included. */
export const MAX_FILE_NAME_LENGTH = 100;

const EXTENSIONS: Record<AcceptedMediaType, readonly string[]> = {
  "application/pdf": ["pdf"],
  "image/jpeg": ["jpg", "jpeg"],
  "image/png": ["png"],
};
const ACCEPTED_EXTENSIONS: readonly string[] = Object.values(EXTENSIONS).flat();

/** Why a file is refused before its content is read: both sides check these. */
export type FileProblem =
  | { problem: "EMPTY_FILE" }
  | { problem: "TOO_LARGE"; size: number; limit: number }
  | { problem: "EMPTY_NAME" }
  /** The name's extension ("" when it has none) is not pdf, jpg, jpeg or png. */
  | { problem: "EXTENSION"; extension: string };

// Cc (NUL, CR/LF, tab…) and Cf (zero-width characters, bidi overrides): invisible, and CR/LF would
// break the download's Content-Disposition header.
const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}]/gu;

/**
 * The name a material is stored and shown under: the last path part of what the browser sent
 * ("C:\\fakepath\\a.pdf" → "a.pdf"), in NFC, without control or format characters, edge spaces
 * trimmed, cut to MAX_FILE_NAME_LENGTH characters keeping the extension. "" when nothing is left.
 */
export function storedFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  const clean = base.normalize("NFC").replace(CONTROL_OR_FORMAT, "").trim();
  const characters = Array.from(clean);
  if (characters.length <= MAX_FILE_NAME_LENGTH) return clean;
  // An "extension" longer than any real one is part of the name: cut it like the rest.
  const extension = extensionOf(clean);
  const suffix = extension && extension.length <= 10 ? clean.slice(clean.length - extension.length - 1) : "";
  const stem = characters
    .slice(0, MAX_FILE_NAME_LENGTH - Array.from(suffix).length)
    .join("")
    .trimEnd();
  return `${stem}${suffix}`;
}

/**
 * The extension of a name, lower-case, without the dot; "" when there is none. A name that is only an
 * extension (".pdf") has that extension: it is not a name without one.
 */
export function extensionOf(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot >= 0
    ? base
        .slice(dot + 1)
        .trim()
        .toLowerCase()
    : "";
}

/**
 * R23 checks that need neither the content nor the network, in the order a user fixes them: an empty
 * file, one over MAX_UPLOAD_BYTES, a name with nothing printable, an extension that is not pdf, jpg,
 * jpeg or png. Null when none applies (the content is checked by the API).
 */
export function checkFile(file: { name: string; size: number }): FileProblem | null {
  if (file.size === 0) return { problem: "EMPTY_FILE" };
  if (file.size > MAX_UPLOAD_BYTES) return { problem: "TOO_LARGE", size: file.size, limit: MAX_UPLOAD_BYTES };
  const name = storedFileName(file.name);
  if (!name) return { problem: "EMPTY_NAME" };
  const extension = extensionOf(name);
  if (!ACCEPTED_EXTENSIONS.includes(extension)) return { problem: "EXTENSION", extension };
  return null;
}

export function isAcceptedMediaType(mediaType: string | undefined): mediaType is AcceptedMediaType {
  return (ACCEPTED_MEDIA_TYPES as readonly string[]).includes(mediaType ?? "");
}

/** The name says one type, the content another (e.g. a PDF renamed to .png). */
export function extensionMatches(name: string, mediaType: AcceptedMediaType): boolean {
  return EXTENSIONS[mediaType].includes(extensionOf(name));
}

/**
 * The name to offer when the extension does not match the content: the same name with the content's
 * extension ("授权书.png" holding a PDF → "授权书.pdf").
 */
export function correctedFileName(name: string, mediaType: AcceptedMediaType): string {
  const stored = storedFileName(name);
  const extension = extensionOf(stored);
  const stem = extension ? stored.slice(0, stored.length - extension.length - 1) : stored;
  return storedFileName(`${stem}.${EXTENSIONS[mediaType][0]}`);
}

/** "12.3 MB", "850 KB", "0 B": sizes in the API's messages (the console formats its own). */
export function formatByteSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${trimZero((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${trimZero((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} B`;
}

const trimZero = (value: string) => value.replace(/\.0$/, "");
