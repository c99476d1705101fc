import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { placeNamePinyin, regionNameInEnglish } from "../../domain/region-names.js";

const { regions } = JSON.parse(readFileSync("prisma/seed/regions-guizhou.json", "utf8")) as {
  regions: { code: string; name: string }[];
};

describe("issue 13.7: region names in English", () => {
  it.each([
    ["贵州省", "Guizhou Province"],
    ["贵阳市", "Guiyang City"],
    ["六盘水市", "Liupanshui City"],
    ["南明区", "Nanming District"],
    ["开阳县", "Kaiyang County"],
    ["六枝特区", "Liuzhi Special District"],
    ["七星关区", "Qixingguan District"],
    ["都匀市", "Duyun City"],
    ["三都水族自治县", "Sandu Shui Autonomous County"],
    ["正安县", "Zheng'an County"],
    ["瓮安县", "Weng'an County"],
    ["普安县", "Pu'an County"],
    ["黔东南苗族侗族自治州", "Qiandongnan Miao and Dong Autonomous Prefecture"],
    ["黔西南布依族苗族自治州", "Qianxinan Buyei and Miao Autonomous Prefecture"],
    ["威宁彝族回族苗族自治县", "Weining Yi, Hui and Miao Autonomous County"],
    ["印江土家族苗族自治县", "Yinjiang Tujia and Miao Autonomous County"],
    ["道真仡佬族苗族自治县", "Daozhen Gelao and Miao Autonomous County"],
  ])("issue 13.7: %s reads %s", (name, english) => {
    expect(regionNameInEnglish(name)).toBe(english);
  });

  it("issue 13.7: every region of Guizhou gets a distinct English name in Latin letters, its kind translated", () => {
    const english = regions.map((r) => regionNameInEnglish(r.name));
    for (const [index, name] of english.entries()) {
      expect(name, regions[index]!.name).toMatch(
        /^[A-Z][a-z']+ (([A-Z][a-z]+)(, | and | ))*(Province|City|District|County|Prefecture|Special District|Autonomous County|Autonomous Prefecture)$/,
      );
    }
    expect(new Set(english).size).toBe(regions.length);
  });

  it("issue 13.7: a name with no known ending is read whole; place-name readings of polyphones are used", () => {
    expect(regionNameInEnglish("贵州")).toBe("Guizhou");
    expect(placeNamePinyin("都匀")).toBe("Duyun");
    expect(placeNamePinyin("西安")).toBe("Xi'an");
  });
});
