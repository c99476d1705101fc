import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeMobile } from "../../domain/mobile.js";

const validMobile = fc.stringMatching(/^1[3-9]\d{9}$/);

describe("normalizeMobile", () => {
  it("accepts a plain 11-digit mobile", () => {
    expect(normalizeMobile("13812345678")).toEqual({ ok: true, value: "13812345678" });
    expect(normalizeMobile("19912345678")).toEqual({ ok: true, value: "19912345678" });
  });

  it("strips spaces, dashes and the +86, 0086 and 86 prefixes", () => {
    for (const input of [
      " 138 1234 5678 ",
      "138-1234-5678",
      "+86 138 1234 5678",
      "+86-138-1234-5678",
      "+8613812345678",
      "0086 13812345678",
      "008613812345678",
      "8613812345678",
      "86 138 1234 5678",
      "138\u30001234\u30005678",
    ]) {
      expect(normalizeMobile(input)).toEqual({ ok: true, value: "13812345678" });
    }
  });

  it("refuses numbers that are not mainland mobiles", () => {
    for (const input of [
      "",
      "+86",
      "12812345678",
      "10012345678",
      "03812345678",
      "1381234567",
      "138123456789",
      "23812345678",
      "8623812345678",
      "861381234567",
      "+85213812345678",
      "+8623812345678",
      "(138)12345678",
      "138.1234.5678",
      "1381234567a",
      "１３８１２３４５６７８",
      "+86+8613812345678",
    ]) {
      expect(normalizeMobile(input)).toEqual({ ok: false, reason: "FORMAT" });
    }
  });

  it("property: a valid mobile written with any prefix and separators normalises to itself", () => {
    const prefix = fc.constantFrom("", "+86", "0086", "86");
    const separator = fc.constantFrom("", " ", "-", "  ", " - ");
    fc.assert(
      fc.property(
        validMobile,
        prefix,
        fc.array(separator, { minLength: 12, maxLength: 12 }),
        (mobile, p, seps) => {
          const written = [p, ...mobile].map((part, i) => part + seps[i]).join("");
          expect(normalizeMobile(written)).toEqual({ ok: true, value: mobile });
        },
      ),
    );
  });

  it("property: whatever the input, an accepted value is exactly 11 digits starting 13–19", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^(\+|00)?8?6?1[0-9 -]{9,12}$/)), (input) => {
        const result = normalizeMobile(input);
        if (result.ok) expect(result.value).toMatch(/^1[3-9]\d{9}$/);
        else expect(result.reason).toBe("FORMAT");
      }),
    );
  });
});
