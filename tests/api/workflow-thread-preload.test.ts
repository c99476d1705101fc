// Issue 14 item 2 (a cold decision ≤ 2× a warm one): the worker process preloads
// lib/workflow-thread-preload.cjs, which Node runs again in the SDK's workflow thread; there it pays,
// before the first activation, the protobuf codecs of a workflow activation and the parse of the
// workflow bundle's source map. These tests start a worker thread as the SDK does (no options) in a
// process run with the worker's node arguments, and look at what the thread holds before any activation.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { nodeEntryArgs } from "../../lib/prebuilt-entry.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const preloadArgs = ["--require", `${root}lib/workflow-thread-preload.cjs`];

/** What a fresh worker thread sees, in a process started with `nodeArgs`. */
function inWorkerThread(nodeArgs: string[]): {
  codecsReady: boolean;
  sourceMapParsed: boolean;
  position: { source: string | null; line: number | null };
} {
  // The thread's body: register a one-line bundle whose source map points at "workflows/x.ts" line 7,
  // as the SDK's thread does at init, and report before any lookup whether its mappings were parsed.
  const threadBody = `
    const path = require("node:path");
    const { parentPort } = require("node:worker_threads");
    const { coresdk } = require("@temporalio/proto");
    const workerLib = path.dirname(require.resolve("@temporalio/worker"));
    const { globalHandlers } = require(path.join(workerLib, "workflow", "vm-shared.js"));
    const activation = coresdk.workflow_activation.WorkflowActivation;
    const codecsReady = Object.hasOwn(activation, "fromObject");
    const sourceMap = { version: 3, file: "/bundle.js", sources: ["workflows/x.ts"], names: [], mappings: "AAMA" };
    globalHandlers.addWorkflowBundle({ filename: "/bundle.js", sourceMap }).then(() => {
      const consumer = globalHandlers.bundleFilenameToSourceMapConsumer.get("/bundle.js");
      const sourceMapParsed = consumer._mappingsPtr !== 0;
      const position = consumer.originalPositionFor({ line: 1, column: 0 });
      parentPort.postMessage({ codecsReady, sourceMapParsed, position });
    });`;
  const mainBody = `
    const { Worker } = require("node:worker_threads");
    new Worker(${JSON.stringify(threadBody)}, { eval: true }).on("message", (m) => console.log(JSON.stringify(m)));`;
  const run = spawnSync(process.execPath, [...nodeArgs, "-e", mainBody], { cwd: root, encoding: "utf8" });
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout);
}

describe("issue 14.2: the workflow thread is warmed before its first activation", () => {
  it("the worker's node arguments preload the workflow-thread warm-up; the API's do not", async () => {
    const worker = await nodeEntryArgs("lib/run-worker.ts");
    expect(worker.slice(0, 2)).toEqual(preloadArgs);
    expect(await nodeEntryArgs("api/server.ts")).not.toContain("--require");
  });

  it("with the preload, the thread's activation codecs and the bundle's source map are ready first", () => {
    const warmed = inWorkerThread(preloadArgs);
    expect(warmed).toEqual({
      codecsReady: true,
      sourceMapParsed: true,
      // The map still maps: a workflow failure's stack trace names the source file and line.
      position: expect.objectContaining({ source: "workflows/x.ts", line: 7 }),
    });
    // Without it (what the SDK's thread did before), both waited for the first activation.
    expect(inWorkerThread([])).toMatchObject({ codecsReady: false, sourceMapParsed: false });
  });
});
