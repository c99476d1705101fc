// Issue 13.9: one contract between the console and the API. The console's API types are generated
// from the API's OpenAPI document; the lists it shares with the rules come from domain/.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REAL_PERSON_ROLES, ROLES, SUBSYSTEMS } from "../../domain/authorization.js";
import { PASSWORD_REQUIREMENTS } from "../../domain/password-policy.js";
import { FACT_SOURCES } from "../../domain/registered-facts.js";
import { COMPARED_FIELDS, REGISTRY_OUTCOMES } from "../../domain/registry-comparison.js";
import { SELF_REGISTERING_UNIT_TYPES, UNIT_TYPES } from "../../domain/unit-types.js";
import { API_TYPES_COMMAND, API_TYPES_FILE, generateApiTypes } from "../../scripts/lib/api-types.js";

const CONSOLE_SOURCES = "admin-ui/src";

async function consoleSources(): Promise<Array<{ file: string; text: string }>> {
  const entries = await readdir(CONSOLE_SOURCES, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => file !== API_TYPES_FILE);
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(file, "utf8") })));
}

/** The string literals of every array literal in a source text (one level: no nested arrays). */
function arrayLiterals(text: string): string[][] {
  return [...text.matchAll(/\[([^[\]]*)\]/g)].map(([, inner = ""]) =>
    [...inner.matchAll(/"([^"\\]*)"/g)].map(([, value = ""]) => value),
  );
}

const DOMAIN_LISTS: Record<string, readonly string[]> = {
  ROLES,
  REAL_PERSON_ROLES,
  SUBSYSTEMS,
  UNIT_TYPES,
  SELF_REGISTERING_UNIT_TYPES,
  COMPARED_FIELDS,
  REGISTRY_OUTCOMES,
  FACT_SOURCES,
  PASSWORD_REQUIREMENTS,
};

/** The domain lists a source text restates whole in an array literal. */
function restatedLists(text: string): string[] {
  return arrayLiterals(text).flatMap((literal) =>
    Object.entries(DOMAIN_LISTS)
      .filter(([, list]) => list.every((item) => literal.includes(item)))
      .map(([name]) => name),
  );
}

describe("issue 13.9: one contract between console and API", () => {
  it(`${API_TYPES_FILE} is what \`${API_TYPES_COMMAND}\` makes of the API's OpenAPI document now`, async () => {
    const [committed, generated] = await Promise.all([
      readFile(API_TYPES_FILE, "utf8").catch(() => ""),
      generateApiTypes(),
    ]);
    // One message instead of a 10 000-line diff: what to run.
    expect(
      committed === generated,
      `${API_TYPES_FILE} is stale: the API's schemas changed. Run \`${API_TYPES_COMMAND}\` and commit the file.`,
    ).toBe(true);
  });

  it("the console's types.ts only names generated or domain shapes (no hand-written object type)", async () => {
    const text = await readFile("admin-ui/src/api/types.ts", "utf8");
    expect(text).not.toMatch(/\binterface\s/);
    // An object type literal after `=` (or `&`) would restate a shape by hand.
    expect(text).not.toMatch(/(^|[=&|]\s*)\{\s*\n?\s*[a-zA-Z"]+\??:/m);
  });

  it("the console restates none of domain/'s lists (roles, subsystems, unit types, compared facts …)", async () => {
    const restated = (await consoleSources()).flatMap(({ file, text }) =>
      restatedLists(text).map((name) => `${file}: ${name}`),
    );
    expect(restated, "import these lists from domain/ instead").toEqual([]);
  });

  it("the test finds a restated list (so it can fail)", () => {
    expect(restatedLists(`const FIELDS: F[] = ["unitName", "legalRepName", "legalRepIdNumber"];`)).toEqual([
      "COMPARED_FIELDS",
    ]);
    expect(restatedLists(`hasAnyRole(me, ["PLATFORM_AUDITOR", "UNIT_ADMIN"])`)).toEqual([]);
  });
});
