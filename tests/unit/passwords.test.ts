import { hash } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../lib/passwords.js";

describe("password hashing (argon2id, OWASP settings)", () => {
  it("hashes with argon2id at 12 MiB, 3 passes, 1 lane, salted", async () => {
    const [first, second] = await Promise.all([hashPassword("Unit#Pass2026"), hashPassword("Unit#Pass2026")]);
    expect(first).toMatch(/^\$argon2id\$v=19\$m=12288,t=3,p=1\$/);
    expect(second).not.toBe(first);
    expect(await verifyPassword(first, "Unit#Pass2026")).toBe(true);
    expect(await verifyPassword(first, "Unit#Pass2027")).toBe(false);
  });

  it("verifies a hash stored with the former setting (19 MiB, 2 passes): its string names its settings", async () => {
    const stored = await hash("Unit#Pass2026", {
      algorithm: 2,
      memoryCost: 19_456,
      timeCost: 2,
      parallelism: 1,
    });
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, "Unit#Pass2026")).toBe(true);
    expect(await verifyPassword(stored, "wrong")).toBe(false);
  });
});
