import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type PasswordRequirement,
  passwordStrength,
} from "../../domain/password-policy.js";

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
const SPECIALS = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
const CLASSES: Record<"UPPERCASE" | "LOWERCASE" | "DIGIT" | "SPECIAL", string> = {
  UPPERCASE: UPPER,
  LOWERCASE: LOWER,
  DIGIT: DIGITS,
  SPECIAL: SPECIALS,
};

const from = (alphabet: string) => fc.constantFrom(...alphabet.split(""));

// One character of each class plus filler from all four, shuffled, 8 to 64 characters long.
const compliantPassword = fc
  .tuple(
    from(UPPER),
    from(LOWER),
    from(DIGITS),
    from(SPECIALS),
    fc.array(from(UPPER + LOWER + DIGITS + SPECIALS), { minLength: 4, maxLength: 60 }),
  )
  .chain(([u, l, d, s, filler]) =>
    fc.shuffledSubarray([u, l, d, s, ...filler], { minLength: filler.length + 4 }),
  )
  .map((characters) => characters.join(""));

describe("checkPassword", () => {
  it("R15 accepts a password with upper, lower, digit and special character", () => {
    expect(checkPassword("Abcdef1!")).toEqual({ ok: true, missing: [] });
    expect(checkPassword("Zc-Platform_2024")).toEqual({ ok: true, missing: [] });
  });

  it("R15 refuses a password without an uppercase letter", () => {
    expect(checkPassword("abcdef1!")).toEqual({ ok: false, missing: ["UPPERCASE"] });
  });

  it("R15 refuses a password without a lowercase letter", () => {
    expect(checkPassword("ABCDEF1!")).toEqual({ ok: false, missing: ["LOWERCASE"] });
  });

  it("R15 refuses a password without a digit", () => {
    expect(checkPassword("Abcdefg!")).toEqual({ ok: false, missing: ["DIGIT"] });
  });

  it("R15 refuses a password without a special character", () => {
    expect(checkPassword("Abcdefg1")).toEqual({ ok: false, missing: ["SPECIAL"] });
  });

  it("issue 13.3: a password typed with full-width characters is told to use half-width ones, nothing else", () => {
    // What the user meant (the NFKC form) meets every other requirement: only HALF_WIDTH is missing.
    expect(checkPassword("Abcdefg1！")).toEqual({ ok: false, missing: ["HALF_WIDTH"] });
    expect(checkPassword("Ａｂｃｄｅｆ１！")).toEqual({ ok: false, missing: ["HALF_WIDTH"] });
    expect(checkPassword("ＩＮＩＴ＠２０２６ａ")).toEqual({ ok: false, missing: ["HALF_WIDTH"] });
    // A requirement that the meant password misses too is still named after HALF_WIDTH.
    expect(checkPassword("ａｂｃｄｅｆ１！")).toEqual({ ok: false, missing: ["HALF_WIDTH", "UPPERCASE"] });
  });

  it("issue 13.3: Chinese characters and emoji are not half-width, and do not count as special", () => {
    expect(checkPassword("Abcdefg1密码")).toEqual({ ok: false, missing: ["HALF_WIDTH", "SPECIAL"] });
    expect(checkPassword("Abcdefg1!密码")).toEqual({ ok: false, missing: ["HALF_WIDTH"] });
    expect(checkPassword("Abcdefg1!😀")).toEqual({ ok: false, missing: ["HALF_WIDTH"] });
  });

  it("issue 13.3 property: turning any character of a compliant password full-width fails exactly HALF_WIDTH", () => {
    fc.assert(
      fc.property(compliantPassword, fc.nat(), (password, at) => {
        const i = at % password.length;
        const wide = String.fromCharCode(password.charCodeAt(i) + 0xfee0);
        const typed = password.slice(0, i) + wide + password.slice(i + 1);
        expect(checkPassword(typed)).toEqual({ ok: false, missing: ["HALF_WIDTH"] });
      }),
    );
  });

  it("R15 counts every printable ASCII symbol as special", () => {
    for (const symbol of SPECIALS) {
      expect(checkPassword(`Abcdef1${symbol}`)).toEqual({ ok: true, missing: [] });
    }
  });

  it("R15 refuses a password shorter than the minimum length", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(8);
    expect(checkPassword("Abcde1!")).toEqual({ ok: false, missing: ["MIN_LENGTH"] });
  });

  it("R15 refuses a password longer than the maximum length", () => {
    expect(PASSWORD_MAX_LENGTH).toBe(64);
    const sixtyFour = `Aa1!${"x".repeat(60)}`;
    expect(checkPassword(sixtyFour)).toEqual({ ok: true, missing: [] });
    expect(checkPassword(`${sixtyFour}x`)).toEqual({ ok: false, missing: ["MAX_LENGTH"] });
  });

  it("R15 counts length in characters, not UTF-16 code units", () => {
    expect(checkPassword("Aa1!😀😀😀").missing).toEqual(["HALF_WIDTH", "MIN_LENGTH"]);
    expect(checkPassword("Aa1!😀😀😀😀").missing).toEqual(["HALF_WIDTH"]);
  });

  it("R15 refuses whitespace anywhere in the password", () => {
    for (const password of ["Abc def1!", " Abcdef1!", "Abcdef1!\t", "Abcdef1!\n", "Abc\u3000def1!"]) {
      expect(checkPassword(password)).toEqual({ ok: false, missing: ["NO_WHITESPACE"] });
    }
  });

  it("R15 lists every missing requirement in a stable order", () => {
    expect(checkPassword("")).toEqual({
      ok: false,
      missing: ["MIN_LENGTH", "UPPERCASE", "LOWERCASE", "DIGIT", "SPECIAL"],
    });
    expect(checkPassword("a b")).toEqual({
      ok: false,
      missing: ["MIN_LENGTH", "UPPERCASE", "DIGIT", "SPECIAL", "NO_WHITESPACE"],
    });
  });

  it("R15 property: generated passwords meeting every requirement pass", () => {
    fc.assert(
      fc.property(compliantPassword, (password) => {
        expect(checkPassword(password)).toEqual({ ok: true, missing: [] });
      }),
    );
  });

  it("R15 property: removing one character class from a compliant password fails exactly that requirement", () => {
    const requirement = fc.constantFrom(...(Object.keys(CLASSES) as (keyof typeof CLASSES)[]));
    fc.assert(
      fc.property(compliantPassword, requirement, (password, removed) => {
        const remaining = [...password].filter((c) => !CLASSES[removed].includes(c));
        // Pad with a class that is still present so that only the removed class is missing.
        const pad = removed === "LOWERCASE" ? "A" : "a";
        const stripped = remaining.join("").padEnd(PASSWORD_MIN_LENGTH, pad);
        expect(checkPassword(stripped)).toEqual({ ok: false, missing: [removed] });
      }),
    );
  });

  it("R15 property: inserting whitespace into a compliant password fails NO_WHITESPACE", () => {
    fc.assert(
      fc.property(
        compliantPassword.filter((p) => p.length < PASSWORD_MAX_LENGTH),
        fc.nat(),
        fc.constantFrom(" ", "\t", "\n", "\u3000"),
        (password, at, space) => {
          const i = at % (password.length + 1);
          const result = checkPassword(password.slice(0, i) + space + password.slice(i));
          expect(result).toEqual({ ok: false, missing: ["NO_WHITESPACE"] });
        },
      ),
    );
  });

  it("never throws and reports ok exactly when nothing is missing", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (password) => {
        const result = checkPassword(password);
        expect(result.ok).toBe(result.missing.length === 0);
        const known: PasswordRequirement[] = [
          "HALF_WIDTH",
          "MIN_LENGTH",
          "MAX_LENGTH",
          "UPPERCASE",
          "LOWERCASE",
          "DIGIT",
          "SPECIAL",
          "NO_WHITESPACE",
        ];
        for (const requirement of result.missing) expect(known).toContain(requirement);
      }),
    );
  });
});

describe("passwordStrength", () => {
  it("is 0 for an empty password and 1 for one that fails R15", () => {
    expect(passwordStrength("")).toBe(0);
    expect(passwordStrength("a")).toBe(1);
    expect(passwordStrength("abcdefghijklmnopqrstuvwxyz")).toBe(1);
  });

  it("grows with length once R15 is met", () => {
    expect(passwordStrength("Abcdef1!")).toBe(2);
    expect(passwordStrength("Abcdefgh12!?")).toBe(3);
    expect(passwordStrength("Abcdefgh12!?wxyz")).toBe(4);
  });

  it("keeps repetitive passwords at 2 however long they are", () => {
    expect(passwordStrength("Aa1!Aa1!Aa1!Aa1!Aa1!")).toBe(2);
  });

  it("R15 property: the hint is at least 2 exactly when the policy is met", () => {
    fc.assert(
      fc.property(fc.oneof(compliantPassword, fc.string({ maxLength: 70 })), (password) => {
        const strength = passwordStrength(password);
        expect([0, 1, 2, 3, 4]).toContain(strength);
        expect(strength >= 2).toBe(checkPassword(password).ok);
      }),
    );
  });
});
