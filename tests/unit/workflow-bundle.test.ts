// Issue 14 item 4: a restarted worker reads the workflow bundle built by an earlier start instead of
// bundling again (2–3 s of CPU on this machine), until a workflow source changes.
import { appendFile, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { workflowBundle } from "../../lib/worker.js";

const dataDir = await mkdtemp(path.join(os.tmpdir(), "workflow-bundle-"));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe("issue 14: the workflow bundle is cached per version of its sources", () => {
  it("the first start bundles and keeps the bundle; the next start reads it instead of bundling", async () => {
    const first = await workflowBundle(dataDir);
    expect(first.code).toContain("bindingRequest");
    const cached = await readdir(path.join(dataDir, "cache"));
    expect(cached).toHaveLength(1);
    expect(cached[0]).toMatch(/^workflow-bundle-[0-9a-f]{24}\.js$/);

    // The next start takes the kept file as it is (it does not bundle again): a mark added to the
    // file comes back.
    const file = path.join(dataDir, "cache", cached[0]!);
    await appendFile(file, "\n// kept\n");
    const again = await workflowBundle(dataDir);
    expect(again.code).toBe(`${first.code}\n// kept\n`);
  }, 60_000);

  it("issue 14: the holiday schedule (1.4 MB of JSON) and its working-day rules are preloaded once, shared by every workflow", async () => {
    const { code } = await workflowBundle(dataDir);
    const preload = /function preloadModules\(\) \{([^}]*)\}/.exec(code)?.[1] ?? "";
    expect(preload).toContain("chinese-days/dist/chinese-days.json");
    expect(preload).toContain("domain/working-days.ts");
  }, 60_000);
});
