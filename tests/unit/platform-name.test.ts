import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import en from "../../admin-ui/src/i18n/en.json" with { type: "json" };
import zhCN from "../../admin-ui/src/i18n/zh-CN.json" with { type: "json" };
import { PLATFORM_NAME } from "../../domain/platform.js";

/** Every string of an i18n catalogue, with its key. */
const strings = (catalogue: unknown, prefix = ""): [string, string][] =>
  typeof catalogue === "string"
    ? [[prefix, catalogue]]
    : Object.entries(catalogue as Record<string, unknown>).flatMap(([key, value]) =>
        strings(value, prefix ? `${prefix}.${key}` : key),
      );

describe("issue 13.7: one platform name everywhere", () => {
  it("issue 13.7: the console's name is the platform's, names 贵州省, and the page title before the script runs is the same", () => {
    expect(zhCN.app.platformName).toBe(PLATFORM_NAME["zh-CN"]);
    expect(en.app.platformName).toBe(PLATFORM_NAME.en);
    expect(PLATFORM_NAME["zh-CN"]).toMatch(/^贵州省/);
    expect(PLATFORM_NAME.en).toMatch(/^Guizhou /);
    const html = readFileSync("admin-ui/index.html", "utf8");
    expect(/<title>(.*)<\/title>/.exec(html)?.[1]).toBe(PLATFORM_NAME["zh-CN"]);
  });

  it("issue 13.7: no text of the console spells the platform otherwise (other names, or the name typed out again)", () => {
    const others =
      /职称评审账号平台|人才人事平台|account platform|Talent Platform|人才人事综合业务管理服务平台|Integrated Services Platform/;
    for (const [catalogue, name] of [
      [zhCN, PLATFORM_NAME["zh-CN"]],
      [en, PLATFORM_NAME.en],
    ] as const) {
      const offenders = strings(catalogue).filter(
        ([key, text]) => key !== "app.platformName" && others.test(text),
      );
      expect(offenders, `${name}: use $t(app.platformName)`).toEqual([]);
    }
  });
});
