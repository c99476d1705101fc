// Issue 12 item 5: the face check's SMS link opens the right check whatever phones glue to it.
import { describe, expect, it } from "vitest";
import { isCheckTokenShape, normalizeCheckToken } from "../../domain/check-token.js";
import { renderSms } from "../../lib/ports/sms-templates.js";

/** A token as lib/ports/real-person-auth.ts issues it: 24 random bytes, URL-safe base64. */
const TOKEN = "Zx9_Kq-3vB7mT2pL8sW4nR6yH1cJ5dF0";

describe("issue 12.5: the check token is read from a link with text glued after it", () => {
  it("keeps a bare token as it is", () => {
    expect(normalizeCheckToken(TOKEN)).toBe(TOKEN);
    expect(isCheckTokenShape(TOKEN)).toBe(true);
  });

  it.each([
    ["the old SMS's following text", `${TOKEN}，7天内有效。`],
    ["a full-width full stop", `${TOKEN}。`],
    ["full-width closing bracket and quote", `${TOKEN}）”`],
    ["an ASCII full stop", `${TOKEN}.`],
    ["an ASCII comma and text", `${TOKEN},valid 7 days`],
    ["a closing parenthesis", `${TOKEN})`],
    ["a percent-encoded full-width comma left encoded", `${TOKEN}%EF%BC%8C7`],
    ["white space around it", `  ${TOKEN}\n`],
  ])("strips %s", (_, raw) => {
    expect(normalizeCheckToken(raw)).toBe(TOKEN);
  });

  it("keeps the token's own - and _ characters", () => {
    expect(normalizeCheckToken("ab-cd_ef-gh_ij-kl_mn")).toBe("ab-cd_ef-gh_ij-kl_mn");
  });

  it("leaves a cut-off or foreign link without a token shape", () => {
    expect(isCheckTokenShape(normalizeCheckToken("abc，7天内有效"))).toBe(false);
    expect(isCheckTokenShape(normalizeCheckToken("，7天内有效"))).toBe(false);
    expect(isCheckTokenShape(normalizeCheckToken("x".repeat(65)))).toBe(false);
  });
});

describe("issue 12.5: the face-check SMS ends with its link, nothing glued after it", () => {
  // Realistic longest values: a 100-character unit name (the registration's limit), a long
  // ethnic-minority name with its separator, the production host and a full-length token.
  const unitName = `贵州省黔东南苗族侗族自治州凯里${"示例".repeat(40)}建有限公司`;
  const url = `https://zcps.rst.guizhou.gov.cn/face-check/${TOKEN}`;
  const params = {
    unitName,
    requestNumber: "DW20261130000001",
    legalRepName: "阿布都热合曼·买买提艾力",
    days: "7",
    url,
    deadline: "2026-12-06 14:16",
  };

  it.each(["LEGAL_REP_FACE_CHECK", "LEGAL_REP_FACE_CHECK_REMINDER"] as const)("%s", (template) => {
    expect(unitName).toHaveLength(100);
    const text = renderSms(template, params);
    expect(text).not.toMatch(/\{\w+\}/);
    expect(text.endsWith(url)).toBe(true);
    // What a phone's linkifier takes: everything up to white space, or up to a non-URL character.
    expect(/https?:\/\/\S+/.exec(text)?.[0]).toBe(url);
    expect(/https?:\/\/[\w\-.~:/?#[\]@!$&'()*+,;=%]+/.exec(text)?.[0]).toBe(url);
    expect(text).toContain(unitName);
    expect(text).toContain("申请编号DW20261130000001");
    // A long SMS is split by the carrier, but a vendor refuses more than 500 characters.
    expect(text.length).toBeLessThanOrEqual(500);
  });

  it("LEGAL_REP_FACE_CHECK says how long the link is valid, before the link", () => {
    const text = renderSms("LEGAL_REP_FACE_CHECK", params);
    expect(text).toContain("在7天内用电脑打开以下链接");
    expect(text.indexOf("7天内")).toBeLessThan(text.indexOf(url));
  });
});
