// Issue 14 item 4: a restarted worker reads the workflow bundle built by an earlier start instead of
// bundling again (2–3 s of CPU on this machine), until a workflow source changes.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { workflowBundle } from "../../lib/worker.js";

const dataDir = await mkdtemp(path.join(os.tmpdir(), "workflow-bundle-"));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe("issue 14: the workflow bundle is cached per version of its sources", () => {
  it("the first start bundles and keeps the bundle; the next start reads it in milliseconds", async () => {
    const first = await workflowBundle(dataDir);
    expect(first.code).toContain("bindingRequest");
    const cached = await readdir(path.join(dataDir, "cache"));
    expect(cached).toHaveLength(1);
    expect(cached[0]).toMatch(/^workflow-bundle-[0-9a-f]{24}\.js$/);

    const started = performance.now();
    const again = await workflowBundle(dataDir);
    expect(performance.now() - started).toBeLessThan(500);
    expect(again.code).toBe(first.code);
  }, 60_000);
});
