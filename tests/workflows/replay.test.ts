// Determinism guard: every saved history replays against the current workflow code, bundled as the
// worker bundles it (its modules preloaded into the shared V8 context: lib/worker.ts).
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { historyFromJSON } from "@temporalio/common/lib/proto-utils.js";
import { Worker } from "@temporalio/worker";
import { afterAll, describe, expect, it } from "vitest";
import { workflowBundle } from "../../lib/worker.js";
import { HISTORIES_DIR } from "../support/histories.js";

const files = (await readdir(HISTORIES_DIR)).filter((f) => f.endsWith(".json")).sort();
const dataDir = await mkdtemp(path.join(os.tmpdir(), "replay-"));
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const bundle = await workflowBundle(dataDir);

describe("workflow replay", () => {
  it("has saved histories to replay", () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it.each(files)("replays %s without nondeterminism", async (file) => {
    const history = historyFromJSON(JSON.parse(await readFile(path.join(HISTORIES_DIR, file), "utf8")));
    await expect(
      Worker.runReplayHistory({ workflowBundle: bundle }, history, path.basename(file, ".json")),
    ).resolves.toBeUndefined();
  });
});
