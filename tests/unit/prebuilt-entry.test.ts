// Issue 14 item 2: `npm start` runs the worker and the API from a plain-JS build of their sources,
// built once and reused until one of the files it was built from changes.
import { execFile } from "node:child_process";
import { appendFile, cp, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { prebuiltEntry } from "../../lib/prebuilt-entry.js";

const root = await mkdtemp(path.join(os.tmpdir(), "prebuilt-entry-"));
afterAll(() => rm(root, { recursive: true, force: true }));
const run = async (file: string) => (await promisify(execFile)(process.execPath, [file])).stdout.trim();

describe("issue 14.2: the worker's plain-JS build is cached per version of its sources", () => {
  it("builds runnable JS, reuses it while the sources are unchanged and rebuilds when one changes", async () => {
    await mkdir(path.join(root, "lib"));
    await writeFile(
      path.join(root, "lib", "main.ts"),
      'import { where } from "./where.js";\nconsole.log(where());\n',
    );
    // A module that finds a file next to itself keeps its own location inside the bundle.
    await writeFile(
      path.join(root, "lib", "where.ts"),
      'export const where = (): string => new URL("./data.json", import.meta.url).pathname + " v1";\n',
    );
    const first = await prebuiltEntry("lib/main.ts", root);
    expect(first.endsWith(".mjs")).toBe(true);
    expect(await run(first)).toBe(`${path.join(root, "lib", "data.json")} v1`);

    // Unchanged sources: the kept build as it is (a mark added to it stays).
    await appendFile(first, "\n// kept\n");
    expect(await prebuiltEntry("lib/main.ts", root)).toBe(first);
    expect(await run(first)).toBe(`${path.join(root, "lib", "data.json")} v1`);

    // An imported file changes: a new build, and the old one is gone.
    await writeFile(
      path.join(root, "lib", "where.ts"),
      'export const where = (): string => new URL("./data.json", import.meta.url).pathname + " v2";\n',
    );
    const second = await prebuiltEntry("lib/main.ts", root);
    expect(second).not.toBe(first);
    expect(await run(second)).toBe(`${path.join(root, "lib", "data.json")} v2`);
    const builds = (await readdir(path.dirname(second))).filter((f) => f.endsWith(".mjs"));
    expect(builds).toEqual([path.basename(second)]);
  });

  it("keeps one build per checkout when a second checkout links to the first one's node_modules", async () => {
    // A git worktree that shares node_modules shares the cache folder; the same sources there must
    // still run from the worktree's own files, not from the checkout that built first.
    const other = await mkdtemp(path.join(os.tmpdir(), "prebuilt-entry-other-"));
    try {
      await cp(path.join(root, "lib"), path.join(other, "lib"), { recursive: true });
      await symlink(path.join(root, "node_modules"), path.join(other, "node_modules"));
      const mine = await prebuiltEntry("lib/main.ts", root);
      const theirs = await prebuiltEntry("lib/main.ts", other);
      expect(theirs).not.toBe(mine);
      expect(await run(theirs)).toBe(`${path.join(other, "lib", "data.json")} v2`);
      expect(await run(mine)).toBe(`${path.join(root, "lib", "data.json")} v2`);
      expect(await prebuiltEntry("lib/main.ts", root)).toBe(mine);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
