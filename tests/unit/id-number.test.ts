import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  HMT_ADDRESS_CODES,
  idNumberCheckCharacter,
  idNumberProblemMessage,
  idNumberSearched,
  PROVINCE_CODES,
  validateIdNumber,
} from "../../domain/id-number.js";

// A fixed "today" keeps the tests independent of the clock: 2025-06-30 in China.
const TODAY = new Date("2025-06-30T12:00:00+08:00");
const CHECK_CHARACTERS = "0123456789X".split("");

const validIdNumber = fc
  .record({
    province: fc.constantFrom(...PROVINCE_CODES),
    area: fc.stringMatching(/^\d{4}$/),
    birth: fc.date({
      min: new Date("1900-01-01T00:00:00Z"),
      max: new Date("2025-06-30T00:00:00Z"),
      noInvalidDate: true,
    }),
    sequence: fc.stringMatching(/^\d{3}$/),
  })
  .map(({ province, area, birth, sequence }) => {
    const first17 = `${province}${area}${birth.toISOString().slice(0, 10).replaceAll("-", "")}${sequence}`;
    return first17 + idNumberCheckCharacter(first17);
  });

describe("validateIdNumber", () => {
  it("accepts the known valid example and reports its birth date and sex", () => {
    expect(validateIdNumber("520102199003071236", TODAY)).toEqual({
      ok: true,
      value: "520102199003071236",
      kind: "RESIDENT_ID_CARD",
      birthDate: "1990-03-07",
      sex: "M",
    });
  });

  it("reads the sex from the parity of the 17th digit", () => {
    expect(validateIdNumber("440306190001011008", TODAY)).toMatchObject({ ok: true, sex: "F" });
    expect(validateIdNumber("440306190001011016", TODAY)).toMatchObject({ ok: true, sex: "M" });
  });

  it("accepts a lower-case x check character and returns it upper-case, trimmed", () => {
    expect(validateIdNumber("  11010519491001100x\t", TODAY)).toMatchObject({
      ok: true,
      value: "11010519491001100X",
      birthDate: "1949-10-01",
    });
  });

  it("accepts abolished county codes because only the province is checked (5224xx, 5222xx)", () => {
    expect(validateIdNumber("52240119850612101X", TODAY).ok).toBe(true);
    expect(validateIdNumber("522201197211301018", TODAY).ok).toBe(true);
  });

  it("accepts 29 February of a leap year and the earliest allowed date", () => {
    expect(validateIdNumber("520102200002291005", TODAY)).toMatchObject({
      ok: true,
      birthDate: "2000-02-29",
    });
    expect(validateIdNumber("440306190001011008", TODAY)).toMatchObject({
      ok: true,
      birthDate: "1900-01-01",
    });
  });

  it("refuses a wrong check character", () => {
    expect(validateIdNumber("520102199003071235", TODAY)).toEqual({
      ok: false,
      reason: "CHECK_CHARACTER",
      kind: "RESIDENT_ID_CARD",
    });
    expect(validateIdNumber("52010219900307123X", TODAY)).toEqual({
      ok: false,
      reason: "CHECK_CHARACTER",
      kind: "RESIDENT_ID_CARD",
    });
  });

  it("refuses impossible dates", () => {
    for (const date of ["19900230", "19000229", "19901301", "19900001", "19900100", "19900431"]) {
      const first17 = `520102${date}123`;
      expect(validateIdNumber(first17 + idNumberCheckCharacter(first17), TODAY)).toEqual({
        ok: false,
        reason: "BIRTH_DATE",
        kind: "RESIDENT_ID_CARD",
      });
    }
  });

  it("refuses a birth date before 1900-01-01", () => {
    const first17 = "52010218991231123";
    expect(validateIdNumber(first17 + idNumberCheckCharacter(first17), TODAY)).toEqual({
      ok: false,
      reason: "BIRTH_DATE",
      kind: "RESIDENT_ID_CARD",
    });
  });

  it("refuses a birth date in the future and accepts today's", () => {
    const tomorrow = "52010220250701123";
    const today = "52010220250630123";
    expect(validateIdNumber(tomorrow + idNumberCheckCharacter(tomorrow), TODAY)).toEqual({
      ok: false,
      reason: "BIRTH_DATE",
      kind: "RESIDENT_ID_CARD",
    });
    expect(validateIdNumber(today + idNumberCheckCharacter(today), TODAY).ok).toBe(true);
  });

  it("takes today as the calendar date in China, whatever the time zone of the caller", () => {
    const first17 = "52010220250701123";
    const id = first17 + idNumberCheckCharacter(first17);
    // 2025-06-30 16:30 UTC is already 2025-07-01 00:30 in China.
    expect(validateIdNumber(id, new Date("2025-06-30T16:30:00Z")).ok).toBe(true);
    expect(validateIdNumber(id, new Date("2025-06-30T15:59:59Z"))).toEqual({
      ok: false,
      reason: "BIRTH_DATE",
      kind: "RESIDENT_ID_CARD",
    });
  });

  it("uses the real clock when no date is given", () => {
    expect(validateIdNumber("520102199003071236").ok).toBe(true);
    const first17 = "52010229991231123";
    expect(validateIdNumber(first17 + idNumberCheckCharacter(first17))).toEqual({
      ok: false,
      reason: "BIRTH_DATE",
      kind: "RESIDENT_ID_CARD",
    });
  });

  it("refuses a province code that does not exist (no document starts so)", () => {
    for (const province of ["00", "10", "16", "71", "72", "80", "84"]) {
      const first17 = `${province}0102199003071234`.slice(0, 17);
      expect(validateIdNumber(first17 + idNumberCheckCharacter(first17), TODAY)).toEqual({
        ok: false,
        reason: "PROVINCE",
      });
    }
  });

  it("refuses a wrong length or wrong characters as FORMAT", () => {
    for (const input of [
      "",
      "   ",
      "52010219900307123",
      "5201021990030712366",
      "52010219900307123Y",
      "5201021990030712X6",
      "520102 199003071236",
      "５２０１０２１９９００３０７１２３６",
      "520102900307123",
      "USA52850312100",
      "US5285031210012",
      "G12345678",
    ]) {
      expect(validateIdNumber(input, TODAY)).toEqual({ ok: false, reason: "FORMAT" });
    }
  });

  it("property: every generated valid ID number validates, with its birth date and sex", () => {
    fc.assert(
      fc.property(validIdNumber, (id) => {
        const result = validateIdNumber(id, TODAY);
        expect(result).toEqual({
          ok: true,
          value: id,
          kind: "RESIDENT_ID_CARD",
          birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
          sex: Number(id[16]) % 2 === 1 ? "M" : "F",
        });
        expect(validateIdNumber(` ${id.toLowerCase()} `, TODAY)).toEqual(result);
      }),
    );
  });

  it("property: changing the check character to any other value gives CHECK_CHARACTER", () => {
    fc.assert(
      fc.property(validIdNumber, fc.constantFrom(...CHECK_CHARACTERS), (id, replacement) => {
        fc.pre(replacement !== id[17]);
        expect(validateIdNumber(id.slice(0, 17) + replacement, TODAY)).toEqual({
          ok: false,
          reason: "CHECK_CHARACTER",
          kind: "RESIDENT_ID_CARD",
        });
      }),
    );
  });

  it("property: changing any one of the first 17 digits to another digit changes the check character", () => {
    fc.assert(
      fc.property(
        validIdNumber,
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (id, i, d) => {
          const mutated = id.slice(0, i) + String((Number(id[i]) + d) % 10) + id.slice(i + 1);
          expect(idNumberCheckCharacter(mutated.slice(0, 17))).not.toBe(id[17]);
          expect(validateIdNumber(mutated, TODAY).ok).toBe(false);
        },
      ),
    );
  });

  it("property: replacing any single character with a different one never yields a valid ID number", () => {
    const anyCharacter = fc.constantFrom(..."0123456789XxAZ -/*".split(""));
    fc.assert(
      fc.property(validIdNumber, fc.integer({ min: 0, max: 17 }), anyCharacter, (id, i, c) => {
        fc.pre(c.toUpperCase() !== id[i]);
        expect(validateIdNumber(id.slice(0, i) + c + id.slice(i + 1), TODAY).ok).toBe(false);
      }),
    );
  });
});

const withCheck = (first17: string) => first17 + idNumberCheckCharacter(first17);

describe("issue 13.1: the identity documents the platform accepts", () => {
  it("accepts a Taiwan resident's residence permit (830000…) with its birth date and sex", () => {
    expect(validateIdNumber("830000199001011007", TODAY)).toEqual({
      ok: true,
      value: "830000199001011007",
      kind: "HMT_RESIDENCE_PERMIT",
      birthDate: "1990-01-01",
      sex: "F",
    });
  });

  it("accepts Hong Kong (810000) and Macao (820000) residence permits", () => {
    for (const address of HMT_ADDRESS_CODES) {
      const id = withCheck(`${address}19851231101`);
      expect(validateIdNumber(id, TODAY)).toMatchObject({ ok: true, kind: "HMT_RESIDENCE_PERMIT", sex: "M" });
    }
  });

  it("refuses a residence permit whose address is not 810000/820000/830000 with a message naming them", () => {
    const id = withCheck("81010219900101100");
    const result = validateIdNumber(id, TODAY);
    expect(result).toEqual({ ok: false, reason: "HMT_ADDRESS", kind: "HMT_RESIDENCE_PERMIT" });
    if (result.ok) return;
    expect(idNumberProblemMessage(result)["zh-CN"]).toContain("810000");
  });

  it("accepts the 2023 foreigner's permanent residence ID (9, province 52, nationality 840)", () => {
    expect(validateIdNumber("952840198503121002", TODAY)).toEqual({
      ok: true,
      value: "952840198503121002",
      kind: "PERMANENT_RESIDENCE_2023",
      birthDate: "1985-03-12",
      sex: "F",
    });
  });

  it("checks the 2023 permanent residence ID's accepting province, birth date and MOD 11-2 check", () => {
    expect(validateIdNumber(withCheck("99584019850312100"), TODAY)).toEqual({
      ok: false,
      reason: "ISSUING_PROVINCE",
      kind: "PERMANENT_RESIDENCE_2023",
    });
    expect(validateIdNumber(withCheck("95284019850230100"), TODAY)).toMatchObject({ reason: "BIRTH_DATE" });
    expect(validateIdNumber("952840198503121003", TODAY)).toEqual({
      ok: false,
      reason: "CHECK_CHARACTER",
      kind: "PERMANENT_RESIDENCE_2023",
    });
  });

  it("accepts the 2017 permanent residence number (3 letters, province, 10 digits), upper-cased", () => {
    expect(validateIdNumber(" usa520850312001 ", TODAY)).toEqual({
      ok: true,
      value: "USA520850312001",
      kind: "PERMANENT_RESIDENCE_2017",
      birthDate: null,
      sex: null,
    });
    expect(validateIdNumber("USA990850312001", TODAY)).toEqual({
      ok: false,
      reason: "ISSUING_PROVINCE",
      kind: "PERMANENT_RESIDENCE_2017",
    });
  });

  it("never blames the province code for a 9xx or 83 number, and names the accepted documents", () => {
    const refused = [
      withCheck("99584019850312100"),
      "USA990850312001",
      withCheck("83010219900101100"),
      "830000199001011008",
      "952840198503121003",
      "A1234567",
      withCheck("72010219900101100"),
    ];
    for (const id of refused) {
      const result = validateIdNumber(id, TODAY);
      expect(result.ok, id).toBe(false);
      if (result.ok) continue;
      const message = idNumberProblemMessage(result);
      expect(message["zh-CN"], id).not.toContain("省级行政区划代码");
      expect(message["zh-CN"], id).toMatch(/。$/);
      expect(message.en, id).toMatch(/\.$/);
    }
    for (const id of ["A1234567", withCheck("72010219900101100")]) {
      const result = validateIdNumber(id, TODAY);
      if (result.ok) throw new Error(id);
      const message = idNumberProblemMessage(result);
      for (const document of ["居民身份证", "港澳台居民居住证", "外国人永久居留身份证"]) {
        expect(message["zh-CN"]).toContain(document);
      }
      expect(message.en).toContain("permanent residence");
    }
  });
});

describe("issue 13.1: idNumberSearched (search boxes: a whole ID number of any document, or a name)", () => {
  it("reads every accepted layout, upper-cased and full-width folded, and nothing else", () => {
    expect(idNumberSearched(" 11010519491001100x ")).toBe("11010519491001100X");
    expect(idNumberSearched("952840198503121002")).toBe("952840198503121002");
    expect(idNumberSearched("usa520850312001")).toBe("USA520850312001");
    expect(idNumberSearched("ＵＳＡ５２０８５０３１２００１")).toBe("USA520850312001");
    for (const text of ["张三", "JOHN", "5201021990", "13812345678"])
      expect(idNumberSearched(text)).toBeNull();
  });
});

describe("idNumberCheckCharacter", () => {
  it("computes the ISO 7064 MOD 11-2 character of the examples", () => {
    expect(idNumberCheckCharacter("52010219900307123")).toBe("6");
    expect(idNumberCheckCharacter("11010519491001100")).toBe("X");
    expect(idNumberCheckCharacter("44030619000101100")).toBe("8");
  });

  it("refuses input that is not 17 digits", () => {
    expect(() => idNumberCheckCharacter("5201021990030712")).toThrow(RangeError);
    expect(() => idNumberCheckCharacter("5201021990030712X")).toThrow(RangeError);
  });
});

describe("issue 13.1: the number people type is named for every accepted document", () => {
  it("issue 13.1: no zh-CN label, message or SMS calls it 身份证号 (a Taiwan resident or a foreigner types a residence permit or permanent residence ID): it is 证件号码", () => {
    const roots = ["domain", "lib", "api", "activities", "workflows", "admin-ui/src"];
    const files = roots.flatMap((root) =>
      readdirSync(root, { recursive: true, encoding: "utf8" })
        .filter((name) => /\.(ts|tsx|json)$/.test(name))
        .map((name) => path.join(root, name)),
    );
    const offending = files.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .map((line, index) => ({ line, where: `${file}:${index + 1}` }))
        // Code comments may name the resident card; "外国人永久居留身份证号码" names a document.
        .filter(({ line }) => !/^\s*(\/\/|\*|\/\*)/.test(line))
        .filter(({ line }) => /(?<!居留)身份证号/.test(line))
        .map(({ where }) => where),
    );
    expect(offending).toEqual([]);
  });
});
