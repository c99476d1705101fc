import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskAuditValue } from "../../domain/audit-masking.js";
import {
  NAME_SEPARATOR,
  normalizePersonName,
  PERSON_NAME_SUBJECT,
  personNameProblemMessage,
  samePersonName,
} from "../../domain/person-name.js";

const problemOf = (input: string) => {
  const result = normalizePersonName(input);
  return result.ok ? null : result.problem.kind;
};

describe("issue 13.1: one person-name rule (domain/person-name.ts)", () => {
  it("accepts Chinese names, the extension planes included, and a minority name with ·", () => {
    expect(normalizePersonName("张三")).toEqual({ ok: true, value: "张三", script: "HAN" });
    expect(normalizePersonName(" 热依拉·买买提 ")).toEqual({
      ok: true,
      value: "热依拉·买买提",
      script: "HAN",
    });
    // U+20BB7 and U+2A6A5 (extension B) are one character each.
    expect(normalizePersonName("𠮷𪚥")).toEqual({ ok: true, value: "𠮷𪚥", script: "HAN" });
    expect(normalizePersonName("阿卜杜·热合曼·买买提")).toMatchObject({ ok: true });
  });

  it("stores every common look-alike of the separator as U+00B7", () => {
    const lookAlikes = [
      "•",
      "・",
      "‧",
      "∙",
      "･",
      "．",
      "\u30fb",
      "\u2027",
      "\u2022",
      "\uff0e",
      "⋅",
      ".",
      "\u0387",
    ];
    for (const separator of lookAlikes) {
      const result = normalizePersonName(`热依拉${separator}买买提`);
      expect(result, `U+${separator.codePointAt(0)?.toString(16)}`).toEqual({
        ok: true,
        value: `热依拉${NAME_SEPARATOR}买买提`,
        script: "HAN",
      });
    }
  });

  it("refuses a separator at either end or doubled, look-alikes included", () => {
    expect(problemOf("·买买提")).toBe("SEPARATOR_AT_EDGE");
    expect(problemOf("热依拉·")).toBe("SEPARATOR_AT_EDGE");
    expect(problemOf("热依拉••")).toBe("SEPARATOR_AT_EDGE");
    expect(problemOf("··")).toBe("SEPARATOR_AT_EDGE");
    expect(problemOf("热依拉··买买提")).toBe("SEPARATOR_DOUBLED");
    expect(problemOf("热依拉·・买买提")).toBe("SEPARATOR_DOUBLED");
  });

  it("counts characters (code points): one rare character is too short, 30 are allowed, 31 are not", () => {
    expect(normalizePersonName("𠮷")).toEqual({
      ok: false,
      problem: { kind: "TOO_SHORT", min: 2, count: 1 },
    });
    expect(normalizePersonName("𠮷".repeat(30))).toMatchObject({ ok: true });
    expect(normalizePersonName("𠮷".repeat(31))).toEqual({
      ok: false,
      problem: { kind: "TOO_LONG", max: 30, count: 31 },
    });
  });

  it("accepts a foreigner's Latin name as on the permanent residence card, stored upper-case", () => {
    expect(normalizePersonName("  John   o'Neil-smith ")).toEqual({
      ok: true,
      value: "JOHN O'NEIL-SMITH",
      script: "LATIN",
    });
    expect(problemOf("JOHN  SMITH")).toBeNull();
    expect(problemOf("-JOHN")).toBe("SEPARATOR_AT_EDGE");
    expect(problemOf("JOHN--SMITH")).toBe("SEPARATOR_DOUBLED");
    expect(problemOf("JOHN F. SMITH")).toBe("INVALID_CHARACTER");
    expect(problemOf("J")).toBe("TOO_SHORT");
    expect(problemOf("A".repeat(61))).toBe("TOO_LONG");
  });

  it("refuses digits, spaces inside a Chinese name, mixed scripts, and an empty name", () => {
    expect(normalizePersonName("张3")).toEqual({
      ok: false,
      problem: { kind: "INVALID_CHARACTER", character: "3" },
    });
    expect(normalizePersonName("张 三")).toEqual({
      ok: false,
      problem: { kind: "INVALID_CHARACTER", character: " " },
    });
    expect(problemOf("张Wei")).toBe("MIXED_SCRIPTS");
    expect(problemOf("   ")).toBe("REQUIRED");
  });

  it("every refusal is a sentence in zh-CN and en that names the field", () => {
    const label = { "zh-CN": "法定代表人姓名", en: "legal representative's name" };
    for (const input of ["·买买提", "热依拉··买买提", "𠮷", "张3", "张Wei", "", "𠮷".repeat(31), "-JOHN"]) {
      const result = normalizePersonName(input);
      if (result.ok) throw new Error(input);
      const message = personNameProblemMessage(label, result.problem);
      expect(message["zh-CN"], input).toMatch(/^(请填写)?法定代表人姓名.*。$/);
      expect(message.en, input).toMatch(/^Legal representative's name .*\.$/);
    }
    const short = normalizePersonName("𠮷");
    if (short.ok) throw new Error("accepted");
    expect(personNameProblemMessage(PERSON_NAME_SUBJECT, short.problem)["zh-CN"]).toBe(
      "姓名至少需要2个字符（现为1个）。",
    );
  });

  it("property: a valid Chinese name is stored unchanged, and normalising is idempotent", () => {
    const han = fc.constantFrom(..."张王李赵热依拉买提𠮷𪚥阿卜杜");
    const part = fc.array(han, { minLength: 1, maxLength: 5 }).map((cs) => cs.join(""));
    const name = fc
      .array(part, { minLength: 1, maxLength: 3 })
      .map((parts) => parts.join(NAME_SEPARATOR))
      .filter((n) => [...n].length >= 2);
    fc.assert(
      fc.property(name, (n) => {
        const result = normalizePersonName(n);
        expect(result).toEqual({ ok: true, value: n, script: "HAN" });
        expect(normalizePersonName(n.replaceAll(NAME_SEPARATOR, "•"))).toEqual(result);
      }),
    );
  });

  it("issue 13.1: a name pasted with Kangxi radicals (from a PDF) or typed with full-width Latin letters is stored as the characters they stand for", () => {
    // "⼈" U+2F08 and "⼤" U+2F24 look like 人 and 大 but are other code points: stored as such, the name
    // would differ from the registry's and from every later search.
    expect(normalizePersonName("王⼈⼤")).toEqual({ ok: true, value: "王人大", script: "HAN" });
    expect(samePersonName("王⼈⼤", "王人大")).toBe(true);
    expect(normalizePersonName("ＪＯＨＮ　ｓｍｉｔｈ")).toEqual({
      ok: true,
      value: "JOHN SMITH",
      script: "LATIN",
    });
    // A radical with no ideograph to stand for is no name character.
    expect(normalizePersonName("王⺮")).toEqual({
      ok: false,
      problem: { kind: "INVALID_CHARACTER", character: "⺮" },
    });
    // An ideographic space inside a Chinese name is named as a space, not shown as an empty quote.
    const spaced = normalizePersonName("张　三");
    expect(spaced.ok).toBe(false);
    if (!spaced.ok) {
      expect(personNameProblemMessage(PERSON_NAME_SUBJECT, spaced.problem)["zh-CN"]).toMatch(
        /^姓名中不能有空格/,
      );
    }
  });

  it("samePersonName: a name stored with a look-alike separator or in another case is the same name", () => {
    expect(samePersonName("热依拉•买买提", "热依拉·买买提")).toBe(true);
    expect(samePersonName("Mary  Jane", "MARY JANE")).toBe(true);
    expect(samePersonName("热依拉·买买提", "热依拉·买提")).toBe(false);
    expect(samePersonName("张三", "张 三")).toBe(false);
  });

  it("the audit log still masks ID numbers of every accepted kind inside free text", () => {
    expect(maskAuditValue("证件 952840198503121002 与 USA520850312001")).toBe(
      "证件 952840********1002 与 USA********2001",
    );
  });
});
