import { describe, expect, it } from "vitest";
import { loadGuizhouRegions, REGIONS_GENERATED_AT, REGIONS_SOURCE } from "../../prisma/seed/regions.js";

describe("Guizhou regions seed (GB/T 2260)", () => {
  const regions = loadGuizhouRegions();
  const byCode = new Map(regions.map((r) => [r.code, r]));

  it("states where the data comes from and when it was generated", () => {
    expect(REGIONS_SOURCE).toMatch(/^[\w@./-]+@\d+\.\d+\.\d+, .+/);
    expect(REGIONS_GENERATED_AT).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("has unique 6-digit codes inside Guizhou (52)", () => {
    expect(byCode.size).toBe(regions.length);
    for (const r of regions) expect(r.code).toMatch(/^52\d{4}$/);
  });

  it("has exactly one province, 贵州省 520000, without parent", () => {
    const provinces = regions.filter((r) => r.level === "PROVINCE");
    expect(provinces).toEqual([{ code: "520000", name: "贵州省", level: "PROVINCE", parentCode: null }]);
  });

  it("has the 9 prefecture-level divisions, all under the province", () => {
    const prefectures = regions.filter((r) => r.level === "PREFECTURE");
    expect(prefectures.map((r) => [r.code, r.name])).toEqual([
      ["520100", "贵阳市"],
      ["520200", "六盘水市"],
      ["520300", "遵义市"],
      ["520400", "安顺市"],
      ["520500", "毕节市"],
      ["520600", "铜仁市"],
      ["522300", "黔西南布依族苗族自治州"],
      ["522600", "黔东南苗族侗族自治州"],
      ["522700", "黔南布依族苗族自治州"],
    ]);
    for (const p of prefectures) expect(p.parentCode).toBe("520000");
  });

  it("has about 88 county-level divisions, each under a listed prefecture with the same 4-digit prefix", () => {
    const counties = regions.filter((r) => r.level === "COUNTY");
    expect(counties.length).toBeGreaterThanOrEqual(85);
    expect(counties.length).toBeLessThanOrEqual(92);
    for (const c of counties) {
      const parent = c.parentCode === null ? undefined : byCode.get(c.parentCode);
      expect(parent?.level, `${c.code} ${c.name}`).toBe("PREFECTURE");
      expect(c.parentCode).toBe(`${c.code.slice(0, 4)}00`);
    }
    expect(byCode.get("520102")).toEqual({
      code: "520102",
      name: "南明区",
      level: "COUNTY",
      parentCode: "520100",
    });
  });

  it("lists parents before children so the seed can insert in order", () => {
    const seen = new Set<string>();
    for (const r of regions) {
      if (r.parentCode !== null) expect(seen.has(r.parentCode), r.code).toBe(true);
      seen.add(r.code);
    }
  });

  it("returns fresh objects on every call", () => {
    const a = loadGuizhouRegions();
    a[0]!.name = "changed";
    expect(loadGuizhouRegions()[0]!.name).toBe("贵州省");
  });
});
