// R23 refusals that say precisely what is wrong (issue 13 item 3): an empty file is "empty", a large
// one names its size and the limit, a wrong type names what the content was found to be, a wrong
// extension offers the corrected name. details carry the same facts for clients.
import { fileTypeFromBuffer } from "file-type";
import { AppError } from "../../../domain/errors.js";
import {
  type AcceptedMediaType,
  checkFile,
  correctedFileName,
  extensionMatches,
  formatByteSize,
  isAcceptedMediaType,
  MAX_UPLOAD_BYTES,
  storedFileName,
} from "../../../domain/upload-rules.js";

/** The content's detected type, as users know it ("PDF", "GIF", "DOCX"), or null when unknown. */
const formatLabel = (extension: string | undefined) => (extension ? extension.toUpperCase() : null);

/**
 * R23: checks a received file and returns its stored name and detected media type.
 * Raises UPLOAD_EMPTY, UPLOAD_TOO_LARGE (details size, limit), UPLOAD_NAME_INVALID,
 * UPLOAD_TYPE_NOT_ALLOWED (details detected: "GIF"… or null), UPLOAD_EXTENSION_MISMATCH (details
 * extension, detected, suggestedName), all on field "file".
 */
export async function acceptUpload(
  file: File,
): Promise<{ name: string; mediaType: AcceptedMediaType; bytes: Uint8Array }> {
  const problem = checkFile({ name: file.name, size: file.size });
  if (problem?.problem === "EMPTY_FILE") throw new AppError("UPLOAD_EMPTY", { field: "file" });
  if (problem?.problem === "TOO_LARGE") throw tooLarge(problem.size);
  if (problem?.problem === "EMPTY_NAME") throw new AppError("UPLOAD_NAME_INVALID", { field: "file" });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const detected = await fileTypeFromBuffer(bytes);
  if (!isAcceptedMediaType(detected?.mime)) {
    const found = formatLabel(detected?.ext);
    throw new AppError("UPLOAD_TYPE_NOT_ALLOWED", {
      field: "file",
      details: { detected: found },
      message: found
        ? {
            "zh-CN": `文件内容是 ${found} 格式，不是 PDF、JPG 或 PNG（仅修改扩展名无效），请上传原始的扫描件或照片`,
            en: `The file content is ${found}, not PDF, JPEG or PNG (renaming does not change it); upload the original scan or photo`,
          }
        : {
            "zh-CN":
              "无法识别文件内容，它不是 PDF、JPG 或 PNG 格式（文件可能已损坏，仅修改扩展名无效），请上传原始的扫描件或照片",
            en: "The file content is not recognised as PDF, JPEG or PNG (it may be damaged; renaming does not change it); upload the original scan or photo",
          },
    });
  }
  const name = storedFileName(file.name);
  if (!extensionMatches(name, detected.mime)) {
    const extension = problem?.problem === "EXTENSION" ? problem.extension : name.split(".").pop();
    const found = formatLabel(detected.ext) ?? "";
    const suggestedName = correctedFileName(name, detected.mime);
    const shown = extension ? `.${extension}` : "";
    throw new AppError("UPLOAD_EXTENSION_MISMATCH", {
      field: "file",
      details: { extension: extension ?? "", detected: found, suggestedName },
      message: {
        "zh-CN": shown
          ? `文件扩展名为 ${shown}，但内容是 ${found} 格式，请改名为“${suggestedName}”后重新上传`
          : `文件名没有扩展名，内容是 ${found} 格式，请改名为“${suggestedName}”后重新上传`,
        en: shown
          ? `The file is named ${shown} but its content is ${found}; rename it to "${suggestedName}" and upload again`
          : `The file name has no extension and its content is ${found}; rename it to "${suggestedName}" and upload again`,
      },
    });
  }
  return { name, mediaType: detected.mime, bytes };
}

/** UPLOAD_TOO_LARGE naming the file's size (when known) and the limit. */
export function tooLarge(size?: number): AppError {
  const limit = formatByteSize(MAX_UPLOAD_BYTES);
  return new AppError("UPLOAD_TOO_LARGE", {
    field: "file",
    details: { size: size ?? null, limit: MAX_UPLOAD_BYTES },
    message:
      size === undefined
        ? {
            "zh-CN": `文件超过 ${limit} 的上限，请压缩后重新上传`,
            en: `The file is over the ${limit} limit; compress it and upload again`,
          }
        : {
            "zh-CN": `文件大小为 ${formatByteSize(size)}，超过 ${limit} 的上限，请压缩后重新上传`,
            en: `The file is ${formatByteSize(size)}, over the ${limit} limit; compress it and upload again`,
          },
  });
}
