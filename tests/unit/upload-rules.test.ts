import { describe, expect, it } from "vitest";
import { checkFileName, extensionMatches } from "../../domain/upload-rules.js";

describe("R23 material file names", () => {
  it("R23 accepts Chinese names with plain punctuation and the allowed extensions", () => {
    for (const name of ["营业执照.pdf", "授权书 (盖章) 2026.PNG", "licence_v2-final.jpeg", "照片.jpg"]) {
      expect(checkFileName(name), name).toBeNull();
    }
  });

  it("R23 refuses Chinese full-width punctuation", () => {
    for (const name of [
      "授权书（盖章）.pdf",
      "营业执照，副本.pdf",
      "授权书【终版】.png",
      "说明：一.pdf",
      "“执照”.pdf",
    ]) {
      expect(checkFileName(name), name).toBe("FULL_WIDTH_PUNCTUATION");
    }
  });

  it("R23 refuses other special characters, empty names, long names and other extensions", () => {
    expect(checkFileName("a/b.pdf")).toBe("SPECIAL_CHARACTER");
    expect(checkFileName("licence#1.pdf")).toBe("SPECIAL_CHARACTER");
    expect(checkFileName("  ")).toBe("EMPTY");
    expect(checkFileName(`${"长".repeat(101)}.pdf`)).toBe("TOO_LONG");
    expect(checkFileName("licence.docx")).toBe("EXTENSION");
    expect(checkFileName("licence")).toBe("EXTENSION");
  });

  it("R23 knows which extensions belong to which content type", () => {
    expect(extensionMatches("a.JPG", "image/jpeg")).toBe(true);
    expect(extensionMatches("a.pdf", "image/png")).toBe(false);
  });
});
