// R16: close unit names for a mistyped name (the request itself still names one exact unit).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bigrams,
  compareCodePoints,
  nameSimilarity,
  rankUnitNames,
} from "../../domain/unit-name-suggestions.js";

const NAMES = [
  "贵阳市云岩区示范软件有限公司",
  "贵阳市南明区示范软件有限公司",
  "遵义市红花岗区人民医院",
  "贵州省人力资源和社会保障厅",
];

describe("R16 unit name suggestions", () => {
  it("R16 suggests the intended unit for a name with a missing or changed character", () => {
    expect(rankUnitNames("贵阳市云岩区示范软件公司", NAMES)[0]).toBe("贵阳市云岩区示范软件有限公司");
    expect(rankUnitNames("贵阳市云岩区示范软建有限公司", NAMES)[0]).toBe("贵阳市云岩区示范软件有限公司");
  });

  it("R16 puts names containing the typed text first, and leaves unrelated names out", () => {
    expect(rankUnitNames("南明区", NAMES)).toEqual(["贵阳市南明区示范软件有限公司"]);
    expect(rankUnitNames("人民医院", NAMES)).toEqual(["遵义市红花岗区人民医院"]);
    expect(rankUnitNames("毫不相干的名字", NAMES)).toEqual([]);
  });

  it("R16 ranks equal scores by code point (the stored bigrams' index order), not by the server's locale", () => {
    // Same length, both containing the text: equal scores. A locale puts "a" before "B" and "（"
    // before the ideographs; code points (SQLite BINARY, PostgreSQL's C collation) do not.
    expect(rankUnitNames("贵阳", ["贵阳a有限公司", "贵阳B有限公司"])).toEqual([
      "贵阳B有限公司",
      "贵阳a有限公司",
    ]);
    expect(rankUnitNames("贵阳", ["贵阳（一）公司", "贵阳一二三公司"])).toEqual([
      "贵阳一二三公司",
      "贵阳（一）公司",
    ]);
    expect(compareCodePoints("\u{20000}", "\uFF08")).toBeGreaterThan(0);
  });

  it("R16 the code point order and the once-counted query's similarity equal their plain definitions", () => {
    const byCodePoints = (a: string, b: string) => {
      const [x, y] = [[...a].map((c) => c.codePointAt(0)!), [...b].map((c) => c.codePointAt(0)!)];
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
      return x.length - y.length;
    };
    // The multiset of shared bigrams, as the ranking has always counted them.
    const plainSimilarity = (a: string, b: string) => {
      const right = new Map<string, number>();
      for (const gram of bigrams(b)) right.set(gram, (right.get(gram) ?? 0) + 1);
      let shared = 0;
      for (const gram of bigrams(a)) {
        const count = right.get(gram) ?? 0;
        if (count > 0) {
          shared++;
          right.set(gram, count - 1);
        }
      }
      const total = bigrams(a).length + bigrams(b).length;
      return total === 0 ? 0 : (2 * shared) / total;
    };
    const text = fc.string({
      unit: fc.constantFrom(
        "科",
        "技",
        "有",
        "限",
        "a",
        "B",
        "（",
        "\u{20000}",
        "\u{20001}",
        "\uFF08",
        " ",
        "\u3000",
        "\t",
        "\u2003",
      ),
    });
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(byCodePoints(a, b)));
        expect(nameSimilarity(a, b)).toBe(plainSimilarity(a, b));
      }),
    );
    // One character is its own "bigram": shared only by a one-character text.
    for (const [a, b] of [
      ["科", "科"],
      ["科", " 科\u3000"],
      ["科", "技"],
      ["科技", "科"],
      ["", "科"],
    ] as const)
      expect(nameSimilarity(a, b), `${a}|${b}`).toBe(plainSimilarity(a, b));
  });

  it("similarity is 1 for equal names, symmetric, and between 0 and 1", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 2 }), fc.string({ minLength: 2 }), (a, b) => {
        const ab = nameSimilarity(a, b);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(1);
        expect(ab).toBeCloseTo(nameSimilarity(b, a));
      }),
    );
    expect(nameSimilarity("贵州省人社厅", "贵州省人社厅")).toBe(1);
  });
});
