// Issue 13.10: the project stands alone. Every relative link of README.md and docs/*.md reaches a file
// of this repository (or a heading of one), and none leaves it: a clone has no dead links.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(".");
const DOCUMENTS = [
  "README.md",
  ...readdirSync("docs")
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsOf(markdown: string): Set<string> {
  const headings = [...markdown.matchAll(/^#{1,6}\s+(.+)$/gm)].map(([, text = ""]) => slug(text));
  return new Set(headings);
}

/** The links of a Markdown text, outside code blocks and inline code. */
function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  return [...prose.matchAll(/\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map(([, target = ""]) => target);
}

/**
 * What is wrong with the links of `markdown`, read as the file `file` (relative to the repository):
 * a target outside the repository, a missing file, or an anchor that names no heading.
 */
function brokenLinks(
  file: string,
  markdown: string,
  read = (f: string) => readFileSync(f, "utf8"),
): string[] {
  const problems: string[] = [];
  for (const link of linksOf(markdown)) {
    if (/^[a-z][a-z+.-]*:/i.test(link)) continue; // https:, mailto: — not a file of the repository
    const [target = "", anchor] = link.split("#");
    const resolved = target
      ? path.resolve(ROOT, path.dirname(file), decodeURI(target))
      : path.resolve(ROOT, file);
    const inside = path.relative(ROOT, resolved);
    if (inside.startsWith("..") || path.isAbsolute(inside)) {
      problems.push(`${file}: ${link} leaves the repository`);
      continue;
    }
    if (!existsSync(resolved)) {
      problems.push(`${file}: ${link} does not exist`);
      continue;
    }
    if (
      anchor &&
      statSync(resolved).isFile() &&
      resolved.endsWith(".md") &&
      !anchorsOf(read(resolved)).has(anchor)
    )
      problems.push(`${file}: ${link} names no heading`);
  }
  return problems;
}

describe("issue 13.10: the project stands alone", () => {
  it("every relative link in README.md and docs/*.md reaches a file of the repository", () => {
    expect(DOCUMENTS).toContain("docs/rules.md");
    const problems = DOCUMENTS.flatMap((file) => brokenLinks(file, readFileSync(file, "utf8")));
    expect(problems).toEqual([]);
  });

  it("README.md and docs/*.md name no planning document outside the repository", () => {
    for (const file of DOCUMENTS)
      expect(readFileSync(file, "utf8"), file).not.toMatch(/\.\.\/shared\/|DESIGN\.md|GLOSSARY\.md/);
  });

  it("no source file sends its reader to a planning document outside the repository", () => {
    const sources = execFileSync(
      "git",
      [
        "ls-files",
        "-z",
        "--",
        "api",
        "activities",
        "admin-ui/src",
        "domain",
        "lib",
        "prisma",
        "scripts",
        "workflows",
        ":(glob)*.ts",
      ],
      { encoding: "utf8" },
    )
      .split("\0")
      .filter((file) => file && !file.endsWith(".json") && existsSync(file));
    expect(sources.length).toBeGreaterThan(100);
    const outside = sources.filter((file) =>
      /\.\.\/shared\/|shared\/DESIGN\.md|GLOSSARY\.md/.test(readFileSync(file, "utf8")),
    );
    expect(outside).toEqual([]);
  });

  it("docs/rules.md states every rule R1–R31, each with the code and the tests that carry it", () => {
    const rules = readFileSync("docs/rules.md", "utf8");
    const sections = rules.split(/^### /m).slice(1);
    const ids = sections.map((section) => section.match(/^R(\d+)\b/)?.[1]).map(Number);
    expect([...ids].sort((a, b) => a - b)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    for (const section of sections) {
      const id = section.slice(0, section.indexOf(" "));
      expect(section, id).toMatch(/^- Code: \[/m);
      expect(section, id).toMatch(/^- Tests: \[[^\]]*tests\//m);
    }
  });

  it("every test docs/rules.md quotes by name is in the test file it links", () => {
    const flat = readFileSync("docs/rules.md", "utf8").replace(/\n\s*/g, " ");
    const missing: string[] = [];
    let quoted = 0;
    for (const [, file = "", names = ""] of flat.matchAll(
      /\]\(\.\.\/(tests\/[^)]+)\) \(((?:"[^"]*"(?:, )?)+)\)/g,
    )) {
      const source = readFileSync(file, "utf8");
      for (const [, name = ""] of names.matchAll(/"([^"]*)"/g)) {
        quoted++;
        // A name shortened with … is matched by its beginning.
        if (!source.includes(name.split("…")[0]!.trim())) missing.push(`${file}: ${name}`);
      }
    }
    expect(quoted).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });

  it("README.md points to docs/rules.md", () => {
    expect(readFileSync("README.md", "utf8")).toContain("](docs/rules.md)");
  });

  it("the check finds a dead link, a link out of the repository and a wrong anchor (so it can fail)", () => {
    const markdown =
      "[a](../lib/nothing-here.ts) [b](../../shared/DESIGN.md) [c](rules.md#no-such-rule) [d](https://x.org)";
    expect(brokenLinks("docs/example.md", markdown)).toEqual([
      "docs/example.md: ../lib/nothing-here.ts does not exist",
      "docs/example.md: ../../shared/DESIGN.md leaves the repository",
      "docs/example.md: rules.md#no-such-rule names no heading",
    ]);
  });
});
