// Determinism guard: every saved history replays against the current workflow code.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { historyFromJSON } from "@temporalio/common/lib/proto-utils.js";
import { Worker } from "@temporalio/worker";
import { describe, expect, it } from "vitest";
import { workflowsPath } from "../../lib/worker.js";
import { HISTORIES_DIR } from "../support/histories.js";

const files = (await readdir(HISTORIES_DIR)).filter((f) => f.endsWith(".json")).sort();

describe("workflow replay", () => {
  it("has saved histories to replay", () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it.each(files)("replays %s without nondeterminism", async (file) => {
    const history = historyFromJSON(JSON.parse(await readFile(path.join(HISTORIES_DIR, file), "utf8")));
    await expect(
      Worker.runReplayHistory({ workflowsPath }, history, path.basename(file, ".json")),
    ).resolves.toBeUndefined();
  });
});
