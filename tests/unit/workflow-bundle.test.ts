// Issue 14 item 4: a restarted worker reads the workflow bundle built by an earlier start instead of
// bundling again (2–3 s of CPU on this machine), until a workflow source changes.
import { appendFile, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { workflowBundle } from "../../lib/worker.js";

// The SDK's reusable-context workflow creator is internal (not exported by the package's entry).
const require = createRequire(import.meta.url);
const { ReusableVMWorkflowCreator } = require(
  path.join(path.dirname(require.resolve("@temporalio/worker")), "workflow", "reusable-vm.js"),
);
const root = fileURLToPath(new URL("../..", import.meta.url));
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

  it("issue 14: the whole workflow code (workflows/, the domain rules it imports, the holiday schedule) is evaluated once per V8 context, shared by every workflow", async () => {
    const bundle = await workflowBundle(dataDir);
    const creator = await ReusableVMWorkflowCreator.create(
      {
        code: bundle.code,
        filename: "workflow-bundle.js",
        sourceMap: { version: 3, sources: [], names: [], mappings: "" },
      },
      5_000,
      new Set<string>(),
    );
    try {
      // The context's module cache answers a shared module before any workflow exists; a module
      // left out would be evaluated again in each workflow's own cache.
      const shared = (id: string) =>
        vm.runInContext(`__webpack_module_cache__[${JSON.stringify(id)}] !== undefined`, creator.context);
      const ours = bundleModules(bundle.code).filter((id) => /^\.\/(workflows|domain)\//.test(id));
      expect(ours).toContain("./workflows/binding-request.workflow.ts");
      expect(ours).toContain("./domain/working-days.ts");
      expect(ours.filter((id) => !shared(id))).toEqual([]);
      expect(shared("./node_modules/chinese-days/dist/chinese-days.json")).toBe(true);
    } finally {
      await creator.destroy();
    }
  }, 60_000);

  it("issue 14: shared workflow modules keep no per-workflow state (no module-level let/var or mutable collection)", async () => {
    // The SDK deep-freezes what shared modules export, so a write to an exported object fails
    // loudly; a module-level binding or collection would instead carry one workflow's state into
    // the next, which no test of a single workflow would see.
    const { code } = await workflowBundle(dataDir);
    const files = bundleModules(code).filter((id) => /^\.\/(workflows|domain)\//.test(id));
    const offending: string[] = [];
    for (const file of files) {
      const lines = (await readFile(path.join(root, file), "utf8")).split("\n");
      lines.forEach((line, i) => {
        if (
          /^(export\s+)?(let|var)\s/.test(line) ||
          /^(export\s+)?const\s[^=]*=\s*new\s+(Weak)?(Map|Set)\b/.test(line)
        )
          offending.push(`${file}:${i + 1}: ${line}`);
      });
    }
    expect(offending).toEqual([]);
  }, 60_000);
});

/** The module ids webpack put in a workflow bundle (`./workflows/…`, `./node_modules/…`). */
function bundleModules(code: string): string[] {
  return [...code.matchAll(/^\/\*\*\*\/ "([^"]+)"/gm)].map((m) => m[1]!);
}
