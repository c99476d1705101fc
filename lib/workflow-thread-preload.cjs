// Preloaded (`node --require`) into the worker process, where Node also runs it at the start of each
// worker thread: the Temporal SDK runs workflows in a worker thread of its own, which the SDK starts
// without any option of ours. There, before the thread reads its first activation, it pays what that
// activation otherwise paid (issue 14 item 2: a cold decision ≤ 2× a warm one; CPU profile of a cold
// worker's workflow thread):
// - protobufjs generates each message type's codecs on first use: the thread's first
//   `WorkflowActivation.fromObject` generated those of every type the activation holds (~30 ms).
// - the SDK maps workflow stack traces through the bundle's source map, whose mappings source-map
//   parses on the first lookup (~13 ms); here it is parsed as the bundle is registered, i.e. during
//   Worker.create, before the worker polls.
// CommonJS because `--import` preloads do not run in worker threads (Node 20); in the main thread
// this does nothing (lib/worker.ts warmUpProtobuf warms that thread's codecs).
"use strict";
const { isMainThread } = require("node:worker_threads");
const path = require("node:path");

/**
 * Generates the codecs of `type` and of every message type its fields hold, transitively
 * (protobufjs reflection objects: `setup()` generates a type's code and resolves its fields).
 */
function setUpMessageTypes(type, seen = new Set()) {
  if (seen.has(type)) return;
  seen.add(type);
  type.setup();
  for (const field of type.fieldsArray) {
    const nested = field.resolvedType;
    if (nested && typeof nested.setup === "function" && nested.fields) setUpMessageTypes(nested, seen);
  }
}

/** Parses the source map's mappings as soon as the SDK registers the bundle, not on the first stack trace. */
function parseSourceMapAtRegistration() {
  const workerLib = path.dirname(require.resolve("@temporalio/worker"));
  // The same file the workflow thread loads, so the same module instance (the thread's module cache).
  const { globalHandlers } = require(path.join(workerLib, "workflow", "vm-shared.js"));
  const add = globalHandlers.addWorkflowBundle;
  if (typeof add !== "function" || !(globalHandlers.bundleFilenameToSourceMapConsumer instanceof Map)) return;
  globalHandlers.addWorkflowBundle = async function (bundle) {
    await add.call(this, bundle);
    // Any lookup parses every mapping; the position itself is not used.
    this.bundleFilenameToSourceMapConsumer.get(bundle.filename)?.originalPositionFor({ line: 1, column: 0 });
  };
}

if (!isMainThread) {
  try {
    const { coresdk } = require("@temporalio/proto");
    setUpMessageTypes(coresdk.workflow_activation.WorkflowActivation);
    parseSourceMapAtRegistration();
  } catch {
    // A warm-up that fails (another SDK version's layout) only costs the first activation its time.
  }
}
