// R23 and issue 13 item 3: the upload rule shared by the console and the API.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkFile,
  correctedFileName,
  extensionMatches,
  extensionOf,
  formatByteSize,
  MAX_FILE_NAME_LENGTH,
  MAX_UPLOAD_BYTES,
  storedFileName,
} from "../../domain/upload-rules.js";

describe("R23 upload rule", () => {
  it("issue 13.3: an empty file is EMPTY_FILE, whatever its name", () => {
    expect(checkFile({ name: "营业执照.pdf", size: 0 })).toEqual({ problem: "EMPTY_FILE" });
    expect(checkFile({ name: "", size: 0 })).toEqual({ problem: "EMPTY_FILE" });
  });

  it("issue 13.3: a file over the limit is TOO_LARGE with its size and the limit", () => {
    expect(checkFile({ name: "a.pdf", size: MAX_UPLOAD_BYTES })).toBeNull();
    expect(checkFile({ name: "a.pdf", size: MAX_UPLOAD_BYTES + 1 })).toEqual({
      problem: "TOO_LARGE",
      size: MAX_UPLOAD_BYTES + 1,
      limit: MAX_UPLOAD_BYTES,
    });
  });

  it("issue 13.3: any printable name is accepted as it is, full-width punctuation included", () => {
    for (const name of [
      "营业执照（副本）.pdf",
      "授权书，终版。【盖章】.PDF",
      "R&D #1 'final' 100%.jpg",
      "热依拉·买买提 身份证.jpeg",
      "扫描件😀.png",
    ]) {
      expect(checkFile({ name, size: 10 }), name).toBeNull();
      expect(storedFileName(name)).toBe(name);
    }
  });

  it("issue 13.3: the stored name is the last path part without control or format characters, trimmed", () => {
    expect(storedFileName("C:\\fakepath\\营业执照.pdf")).toBe("营业执照.pdf");
    expect(storedFileName("/home/u/../营业执照.pdf")).toBe("营业执照.pdf");
    expect(storedFileName("营业\u0000执照\r\n.pdf")).toBe("营业执照.pdf");
    expect(storedFileName("\u202e营业\u200b执照.pdf\u200d")).toBe("营业执照.pdf");
    expect(storedFileName("  营业执照.pdf  ")).toBe("营业执照.pdf");
    expect(storedFileName("e\u0301.pdf")).toBe("é.pdf");
  });

  it("issue 13.3: a long name is cut to 100 characters keeping its extension", () => {
    expect(storedFileName(`${"长".repeat(150)}.pdf`)).toBe(`${"长".repeat(96)}.pdf`);
    expect(storedFileName(`${"😀".repeat(150)}.jpeg`)).toBe(`${"😀".repeat(95)}.jpeg`);
    const noExtension = storedFileName("x".repeat(300));
    expect(noExtension).toBe("x".repeat(MAX_FILE_NAME_LENGTH));
  });

  it("issue 13.3: a name with nothing visible is EMPTY_NAME; a wrong or missing extension names what was found", () => {
    expect(checkFile({ name: "\u200b\u200b", size: 10 })).toEqual({ problem: "EMPTY_NAME" });
    expect(checkFile({ name: "C:\\docs\\", size: 10 })).toEqual({ problem: "EMPTY_NAME" });
    expect(checkFile({ name: "材料.docx", size: 10 })).toEqual({ problem: "EXTENSION", extension: "docx" });
    expect(checkFile({ name: "材料", size: 10 })).toEqual({ problem: "EXTENSION", extension: "" });
    expect(extensionOf("a.tar.PDF")).toBe("pdf");
  });

  it("issue 13.3: a name that is only an extension is read as that extension, never as a name without one", () => {
    expect(checkFile({ name: ".pdf", size: 10 })).toBeNull();
    expect(extensionMatches(storedFileName(" .PDF"), "application/pdf")).toBe(true);
    expect(checkFile({ name: ".docx", size: 10 })).toEqual({ problem: "EXTENSION", extension: "docx" });
    expect(correctedFileName(".png", "application/pdf")).toBe(".pdf");
    expect(checkFile({ name: ".", size: 10 })).toEqual({ problem: "EXTENSION", extension: "" });
  });

  it("issue 13.3: the corrected name keeps the name and takes the content's extension", () => {
    expect(correctedFileName("授权书（盖章）.png", "application/pdf")).toBe("授权书（盖章）.pdf");
    expect(correctedFileName("授权书", "image/jpeg")).toBe("授权书.jpg");
    expect(correctedFileName("scan.PDF", "image/png")).toBe("scan.png");
  });

  it("R23 knows which extensions belong to which content type", () => {
    expect(extensionMatches("a.JPG", "image/jpeg")).toBe(true);
    expect(extensionMatches("a.jpeg", "image/jpeg")).toBe(true);
    expect(extensionMatches("a.pdf", "image/png")).toBe(false);
  });

  it("sizes are written as people read them", () => {
    expect(formatByteSize(0)).toBe("0 B");
    expect(formatByteSize(1536)).toBe("1.5 KB");
    expect(formatByteSize(MAX_UPLOAD_BYTES)).toBe("10 MB");
    expect(formatByteSize(MAX_UPLOAD_BYTES + 1)).toBe("10 MB");
    expect(formatByteSize(12.34 * 1024 * 1024)).toBe("12.3 MB");
  });

  it("property: a stored name has no control or format character, no path separator, at most 100 characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (name) => {
        const stored = storedFileName(name);
        expect(stored).not.toMatch(/[\p{Cc}\p{Cf}/\\]/u);
        expect(Array.from(stored).length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
        expect(stored).toBe(stored.trim());
      }),
    );
  });
});
