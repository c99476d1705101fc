import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  organizationCodeCheckCharacter,
  USCC_CHARSET,
  usccCheckCharacter,
  validateUscc,
} from "../../domain/uscc.js";

const EXAMPLES = ["91520102MA6DK1B28W", "1252000042920011XH"];
const charsetCharacter = fc.constantFrom(...USCC_CHARSET.split(""));

// Registration authority and category, 6-digit region, 8-character organisation body, its GB 11714
// check character (a digit or X, both in the USCC charset), then the mod-31 check character.
const validUscc = fc
  .record({
    head: fc.string({ unit: charsetCharacter, minLength: 2, maxLength: 2 }),
    region: fc.stringMatching(/^\d{6}$/),
    body: fc.string({ unit: charsetCharacter, minLength: 8, maxLength: 8 }),
  })
  .map(({ head, region, body }) => {
    const first17 = head + region + body + organizationCodeCheckCharacter(body);
    return first17 + usccCheckCharacter(first17);
  });

describe("validateUscc", () => {
  it("accepts the known valid examples with both check characters right", () => {
    for (const uscc of EXAMPLES) {
      expect(validateUscc(uscc)).toEqual({
        ok: true,
        value: uscc,
        checkCharacterValid: true,
        organizationCodeValid: true,
      });
    }
  });

  it("trims and upper-cases the input", () => {
    expect(validateUscc("  91520102ma6dk1b28w\n")).toMatchObject({ ok: true, value: "91520102MA6DK1B28W" });
  });

  it("reports a wrong mod-31 check character as a warning, not a refusal", () => {
    expect(validateUscc("91520102MA6DK1B28X")).toEqual({
      ok: true,
      value: "91520102MA6DK1B28X",
      checkCharacterValid: false,
      organizationCodeValid: true,
    });
  });

  it("reports a wrong organisation-code check character as a warning, not a refusal", () => {
    // Position 17 changed from 8 to 7 and the mod-31 character recomputed, so only GB 11714 fails.
    expect(validateUscc("91520102MA6DK1B27R")).toEqual({
      ok: true,
      value: "91520102MA6DK1B27R",
      checkCharacterValid: true,
      organizationCodeValid: false,
    });
  });

  it("refuses the letters I, O, Z, S and V as FORMAT", () => {
    for (const letter of ["I", "O", "Z", "S", "V"]) {
      expect(validateUscc(`91520102MA6DK1B28${letter}`)).toEqual({ ok: false, reason: "FORMAT" });
      expect(validateUscc(`9152010${letter}MA6DK1B28W`)).toEqual({ ok: false, reason: "FORMAT" });
    }
  });

  it("refuses a wrong length or foreign characters as FORMAT", () => {
    for (const input of [
      "",
      "91520102MA6DK1B28",
      "91520102MA6DK1B28WW",
      "91520102-MA6DK1B28W",
      "91520102MA6DK1B2 8W",
      "91520102MA6DK1B28*",
      "９1520102MA6DK1B28W",
    ]) {
      expect(validateUscc(input)).toEqual({ ok: false, reason: "FORMAT" });
    }
  });

  it("property: every generated valid code passes both checks", () => {
    fc.assert(
      fc.property(validUscc, (uscc) => {
        expect(validateUscc(uscc)).toEqual({
          ok: true,
          value: uscc,
          checkCharacterValid: true,
          organizationCodeValid: true,
        });
      }),
    );
  });

  it("property: changing the check character to any other charset character fails the mod-31 check", () => {
    fc.assert(
      fc.property(validUscc, charsetCharacter, (uscc, replacement) => {
        fc.pre(replacement !== uscc[17]);
        expect(validateUscc(uscc.slice(0, 17) + replacement)).toMatchObject({
          ok: true,
          checkCharacterValid: false,
        });
      }),
    );
  });

  it("property: changing any one of the first 17 characters within the charset changes the check character", () => {
    fc.assert(
      fc.property(validUscc, fc.integer({ min: 0, max: 16 }), charsetCharacter, (uscc, i, replacement) => {
        fc.pre(replacement !== uscc[i]);
        const mutated = uscc.slice(0, i) + replacement + uscc.slice(i + 1);
        expect(usccCheckCharacter(mutated.slice(0, 17))).not.toBe(uscc[17]);
        expect(validateUscc(mutated)).toMatchObject({ ok: true, checkCharacterValid: false });
      }),
    );
  });

  it("property: a character outside the charset anywhere is FORMAT", () => {
    const foreign = fc.constantFrom(..."IOZSV*- _".split(""));
    fc.assert(
      fc.property(validUscc, fc.integer({ min: 0, max: 17 }), foreign, (uscc, i, c) => {
        expect(validateUscc(uscc.slice(0, i) + c + uscc.slice(i + 1))).toEqual({
          ok: false,
          reason: "FORMAT",
        });
      }),
    );
  });
});

describe("usccCheckCharacter", () => {
  it("computes the mod-31 character of the examples", () => {
    expect(usccCheckCharacter("91520102MA6DK1B28")).toBe("W");
    expect(usccCheckCharacter("1252000042920011X")).toBe("H");
  });

  it("maps a sum divisible by 31 to 0", () => {
    expect(usccCheckCharacter("00000000000000000")).toBe("0");
  });

  it("refuses input that is not 17 charset characters", () => {
    expect(() => usccCheckCharacter("91520102MA6DK1B2")).toThrow(RangeError);
    expect(() => usccCheckCharacter("91520102MA6DK1B2I")).toThrow(RangeError);
  });
});

describe("organizationCodeCheckCharacter", () => {
  it("computes the GB 11714 character of the examples' organisation codes", () => {
    expect(organizationCodeCheckCharacter("MA6DK1B2")).toBe("8");
    // Remainder 1 gives 10, written X.
    expect(organizationCodeCheckCharacter("42920011")).toBe("X");
  });

  it("writes a check value of 11 as 0", () => {
    expect(organizationCodeCheckCharacter("00000000")).toBe("0");
  });

  it("values letters over the full alphabet, A = 10 … Z = 35", () => {
    // Z (35) · 3 = 105 ≡ 6 (mod 11), so the check value is 11 − 6 = 5.
    expect(organizationCodeCheckCharacter("Z0000000")).toBe("5");
    // I (18) · 3 = 54 ≡ 10, so the check value is 1.
    expect(organizationCodeCheckCharacter("I0000000")).toBe("1");
  });

  it("refuses input that is not 8 characters from 0-9A-Z", () => {
    expect(() => organizationCodeCheckCharacter("4292001")).toThrow(RangeError);
    expect(() => organizationCodeCheckCharacter("4292001a")).toThrow(RangeError);
  });
});
