import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { idNumberCheckCharacter, PROVINCE_CODES } from "../../domain/id-number.js";
import { maskIdNumber, maskMobile, maskName } from "../../domain/masking.js";

const validIdNumber = fc
  .tuple(fc.constantFrom(...PROVINCE_CODES), fc.stringMatching(/^\d{15}$/))
  .map(([province, rest]) => {
    const first17 = province + rest;
    return first17 + idNumberCheckCharacter(first17);
  });
const validMobile = fc.stringMatching(/^1[3-9]\d{9}$/);
const anything = fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), fc.constantFrom(null, undefined));

describe("maskIdNumber", () => {
  it("keeps the first 6 and last 4 characters", () => {
    expect(maskIdNumber("520102199003071236")).toBe("520102********1236");
    expect(maskIdNumber(" 11010519491001100X ")).toBe("110105********100X");
  });

  it("issue 13.1: masks every accepted document: residence permits and permanent residence cards", () => {
    expect(maskIdNumber("830000199001011007")).toBe("830000********1007");
    expect(maskIdNumber("952840198503121002")).toBe("952840********1002");
    // 2017 layout: the nationality letters and the last 4 show, 8 characters stay hidden.
    expect(maskIdNumber("USA520850312001")).toBe("USA********2001");
  });

  it("reveals nothing of a value shorter than an ID number", () => {
    expect(maskIdNumber("5201021990")).toBe("**********");
    expect(maskIdNumber("52010219900307123")).toBe("*****************");
    expect(maskIdNumber("")).toBe("");
    expect(maskIdNumber(null)).toBe("");
    expect(maskIdNumber(undefined)).toBe("");
  });

  it("property: never reveals the birth date and sequence of a valid ID number", () => {
    fc.assert(
      fc.property(validIdNumber, (id) => {
        const masked = maskIdNumber(id);
        expect(masked).toBe(`${id.slice(0, 6)}********${id.slice(14)}`);
        expect(masked).not.toContain(id.slice(6, 14));
      }),
    );
  });

  it("property: on any input, only the first 6 and last 4 of 18 or more characters can show", () => {
    fc.assert(
      fc.property(anything, (input) => {
        const characters = Array.from(typeof input === "string" ? input.trim() : "");
        const masked = Array.from(maskIdNumber(input));
        expect(masked).toHaveLength(characters.length);
        masked.forEach((c, i) => {
          const permanentResidence2017 = /^[A-Za-z]{3}\d{12}$/.test(characters.join(""));
          const revealable = permanentResidence2017
            ? i < 3 || i >= 11
            : characters.length >= 18 && (i < 6 || i >= characters.length - 4);
          if (!revealable) expect(c).toBe("*");
          else expect(c).toBe(characters[i]);
        });
      }),
    );
  });
});

describe("maskMobile", () => {
  it("keeps the first 3 and last 4 digits", () => {
    expect(maskMobile("13812345678")).toBe("138****5678");
  });

  it("masks the normalised number when the input is written with a prefix or separators", () => {
    expect(maskMobile("+86 138-1234-5678")).toBe("138****5678");
  });

  it("reveals nothing of a value shorter than a mobile number", () => {
    expect(maskMobile("1381234")).toBe("*******");
    expect(maskMobile("")).toBe("");
    expect(maskMobile(null)).toBe("");
  });

  it("property: never reveals the middle four digits of a valid mobile", () => {
    fc.assert(
      fc.property(validMobile, (mobile) => {
        expect(maskMobile(mobile)).toBe(`${mobile.slice(0, 3)}****${mobile.slice(7)}`);
      }),
    );
  });

  it("property: on any input, at most 7 characters show and at least 4 are hidden", () => {
    fc.assert(
      fc.property(anything, (input) => {
        const masked = Array.from(maskMobile(input));
        const shown = masked.filter((c) => c !== "*").length;
        expect(shown).toBeLessThanOrEqual(7);
        if (masked.length > 0)
          expect(masked.length - shown).toBeGreaterThanOrEqual(Math.min(4, masked.length));
      }),
    );
  });
});

describe("maskName", () => {
  it("keeps only the first character", () => {
    expect(maskName("张三丰")).toBe("张**");
    expect(maskName("张三")).toBe("张*");
    expect(maskName(" 欧阳娜娜 ")).toBe("欧***");
  });

  it("hides a one-character name entirely, since its first character is the whole name", () => {
    expect(maskName("张")).toBe("*");
    expect(maskName("")).toBe("");
    expect(maskName(undefined)).toBe("");
  });

  it("treats a character outside the BMP as one character", () => {
    expect(maskName("𠀾三")).toBe("𠀾*");
  });

  it("property: shows the first character and one mask per further character", () => {
    fc.assert(
      fc.property(anything, (input) => {
        const characters = Array.from(typeof input === "string" ? input.trim() : "");
        const masked = Array.from(maskName(input));
        expect(masked).toHaveLength(characters.length);
        if (characters.length >= 2) expect(masked[0]).toBe(characters[0]);
        masked.slice(characters.length >= 2 ? 1 : 0).forEach((c) => {
          expect(c).toBe("*");
        });
      }),
    );
  });
});
