// One Temporal namespace per test file. Workflow ids are business keys (a USCC's registration, a
// unit's affiliation request), so two test files on one server would otherwise meet each other's
// workflows: a registration left open by one file made another's registration of the same USCC a 409.
import { readdir } from "node:fs/promises";
import path from "node:path";

/** The test files that run against Temporal (the workflows and e2e layers), relative to the repository. */
export async function temporalTestFiles(root = process.cwd()): Promise<string[]> {
  const files: string[] = [];
  for (const layer of ["tests/workflows", "tests/e2e"]) {
    const entries = await readdir(path.join(root, layer), { recursive: true });
    for (const entry of entries) if (entry.endsWith(".test.ts")) files.push(path.join(layer, entry));
  }
  return files.sort();
}

/** `tests/workflows/unit-registration.test.ts` → `t-workflows-unit-registration` (a valid namespace name). */
export function testFileNamespace(file: string): string {
  const relative = path.relative("tests", path.relative(process.cwd(), path.resolve(file)));
  return `t-${relative.replace(/\.test\.ts$/, "").replace(/[^A-Za-z0-9]+/g, "-")}`;
}
