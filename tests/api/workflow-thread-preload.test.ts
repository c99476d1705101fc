// Issue 14 item 2 (a cold decision ≤ 2× a warm one): the worker process preloads
// lib/workflow-thread-preload.cjs, which Node runs again in the SDK's workflow thread; there it pays,
// before the first activation, the protobuf codecs of a workflow activation and the parse of the
// workflow bundle's source map, and V8's first compile of the workflow code (a throw-away binding
// request decided in the workflow context, then disposed). These tests start a worker thread as the SDK does (no options) in a
// process run with the worker's node arguments, and look at what the thread holds before any activation.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundleWorkflowCode } from "@temporalio/worker";
import { describe, expect, it } from "vitest";
import { createActivities } from "../../activities/index.js";
import { ConfigError, loadConfig } from "../../lib/config.js";
import { nodeEntryArgs, SERVER_V8_FLAGS } from "../../lib/prebuilt-entry.js";
import { workflowBundle } from "../../lib/worker.js";

/**
 * Each child runs synchronously (spawnSync blocks this test's event loop, so Vitest's timeout cannot
 * fire): a child that hangs — a workflow the deadlock bound failed to stop — is killed and fails the test.
 */
const BOUNDED = { timeout: 45_000, killSignal: "SIGKILL" } as const;

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
  const run = spawnSync(process.execPath, [...nodeArgs, "-e", mainBody], {
    cwd: root,
    encoding: "utf8",
    ...BOUNDED,
  });
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout);
}

describe("issue 14.2: the workflow thread is warmed before its first activation", () => {
  it("the worker's node arguments preload the workflow-thread warm-up; the API's do not", async () => {
    const worker = await nodeEntryArgs("lib/run-worker.ts");
    const preload = worker.indexOf("--require");
    expect(worker.slice(preload, preload + 2)).toEqual(preloadArgs);
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

  it("a throw-away binding request is decided in the new workflow context, and leaves no workflow behind; the SDK's promise stack-trace hook is left out unless WORKFLOW_STACK_TRACES=1", async () => {
    const dataDir = await mkdtemp(path.join(root, ".test-data-thread-"));
    try {
      const { code } = await workflowBundle(dataDir);
      // The names only: the activities are never called (their commands go nowhere).
      const activityNames = Object.keys(createActivities({ db: undefined, ports: undefined } as never));
      // As the SDK's thread does at init (lib/workflow/workflow-worker-thread.js, reuseV8Context).
      const threadBody = `
        const path = require("node:path");
        const { parentPort, workerData } = require("node:worker_threads");
        const workerLib = path.dirname(require.resolve("@temporalio/worker"));
        const { ReusableVMWorkflowCreator } = require(path.join(workerLib, "workflow", "reusable-vm.js"));
        const { globalHandlers } = require(path.join(workerLib, "workflow", "vm-shared.js"));
        const { code, activityNames } = workerData;
        const at = code.lastIndexOf("//# sourceMappingURL=data:");
        const map = code.slice(code.indexOf("base64,", at) + "base64,".length).trimEnd();
        const sourceMap = JSON.parse(Buffer.from(map, "base64").toString());
        const bundle = { code, sourceMap, filename: "/workflow-bundle.js" };
        ReusableVMWorkflowCreator.create(bundle, 5000, new Set(activityNames), undefined).then(() => {
          const outcome = globalThis[Symbol.for("zc-account-platform.workflowThreadWarmUp")];
          parentPort.postMessage({
            outcome,
            workflows: ReusableVMWorkflowCreator.workflowByRunId.size,
            stackTraceHook: globalHandlers.promiseHookInstalled,
          });
        });`;
      const mainBody = `
        const { Worker } = require("node:worker_threads");
        const workerData = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
        new Worker(${JSON.stringify(threadBody)}, { eval: true, workerData }).on("message", (m) => console.log(JSON.stringify(m)));`;
      const inThread = (env: Record<string, string> = {}) => {
        const run = spawnSync(process.execPath, [...preloadArgs, "-e", mainBody], {
          cwd: root,
          encoding: "utf8",
          env: { ...process.env, WORKFLOW_STACK_TRACES: "", ...env },
          input: JSON.stringify({ code, activityNames }),
          ...BOUNDED,
        });
        expect(run.stderr).toBe("");
        return JSON.parse(run.stdout);
      };
      // The decision runs without the hook (a promise stack trace per workflow promise, issue 14).
      expect(inThread()).toEqual({
        outcome: { decided: true, ms: expect.any(Number) },
        workflows: 0,
        stackTraceHook: false,
      });
      expect(inThread({ WORKFLOW_STACK_TRACES: "1" })).toMatchObject({
        outcome: { decided: true },
        stackTraceHook: true,
      });
      expect(inThread({ WORKFLOW_STACK_TRACES: "true" })).toMatchObject({ stackTraceHook: true });
      // The worker's configuration checks the variable: a value the preload would not read stops it.
      expect(loadConfig({ WORKFLOW_STACK_TRACES: "true" }).temporal.workflowStackTraces).toBe(true);
      expect(() => loadConfig({ WORKFLOW_STACK_TRACES: "yes" })).toThrow(ConfigError);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
  it("one watchdog per activation: a workflow's create, activation and dispose start 3 watchdogs, not one per call into the context, and a workflow that never yields is still stopped", async () => {
    const dir = await mkdtemp(path.join(root, ".test-data-thread-"));
    try {
      const workflowsPath = path.join(dir, "workflows.ts");
      await writeFile(
        workflowsPath,
        `export async function quick(): Promise<string> { await Promise.resolve(); return "done"; }
         export async function spin(): Promise<void> { for (;;) {} }`,
      );
      const { code } = await bundleWorkflowCode({
        workflowsPath,
        logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never,
      });
      // Below the preload (required first): counts the calls into a context that reach Node with a
      // `timeout`, i.e. the watchdog threads Node starts.
      const counter = path.join(dir, "count-watchdogs.cjs");
      await writeFile(
        counter,
        `const vm = require("node:vm");
         const run = vm.Script.prototype.runInContext;
         globalThis.watchdogs = 0;
         vm.Script.prototype.runInContext = function (context, options) {
           if (options && options.timeout !== undefined) globalThis.watchdogs++;
           return run.call(this, context, options);
         };`,
      );
      const threadBody = `
        const path = require("node:path");
        const { parentPort, workerData } = require("node:worker_threads");
        const { coresdk } = require("@temporalio/proto");
        const { TypedSearchAttributes } = require("@temporalio/common");
        const workerLib = path.dirname(require.resolve("@temporalio/worker"));
        const { ReusableVMWorkflowCreator } = require(path.join(workerLib, "workflow", "reusable-vm.js"));
        const { code } = workerData;
        const at = code.lastIndexOf("//# sourceMappingURL=data:");
        const map = code.slice(code.indexOf("base64,", at) + "base64,".length).trimEnd();
        const bundle = { code, sourceMap: JSON.parse(Buffer.from(map, "base64").toString()), filename: "/bundle.js" };
        const run = async (creator, workflowType) => {
          const runId = workflowType + "-run";
          const now = new Date();
          const timestamp = { seconds: Math.floor(now.getTime() / 1000) };
          const before = globalThis.watchdogs;
          const workflow = await creator.createWorkflow({
            info: { workflowId: workflowType, runId, workflowType, searchAttributes: {},
              typedSearchAttributes: new TypedSearchAttributes(), taskQueue: "t", namespace: "n",
              firstExecutionRunId: runId, originalExecutionRunId: runId, startTime: now, runStartTime: now,
              taskTimeoutMs: 10000, attempt: 1, historyLength: 3, historySize: 0, continueAsNewSuggested: false,
              currentBuildId: "", unsafe: { now: () => Date.now(), isReplaying: false, isReplayingHistoryEvents: false, random: Math.random } },
            randomnessSeed: [0, 0, 0, 0, 0, 0, 0, 1], now: now.getTime(), showStackTraceSources: false, failureExceptionTypeNames: [],
          });
          const started = Date.now();
          const completion = await workflow.activate(coresdk.workflow_activation.WorkflowActivation.fromObject({
            runId, timestamp, historyLength: 3,
            jobs: [{ initializeWorkflow: { workflowType, workflowId: workflowType, firstExecutionRunId: runId, attempt: 1, randomnessSeed: 1, startTime: timestamp, arguments: [] } }],
          }));
          const ms = Date.now() - started;
          await workflow.dispose();
          const commands = completion.successful?.commands ?? [];
          return {
            result: commands.some((c) => c.completeWorkflowExecution) ? "completed" : completion.failed?.failure?.message,
            // Well past the bound yet finite: on a loaded machine the watchdog thread may run late.
            stoppedInTime: ms < 10 * 400,
            watchdogs: globalThis.watchdogs - before,
          };
        };
        ReusableVMWorkflowCreator.create(bundle, 400, new Set(), undefined).then(async (creator) => {
          const quick = await run(creator, "quick");
          const spin = await run(creator, "spin");
          const after = await run(creator, "quick");
          parentPort.postMessage({ quick, spin, after });
        });`;
      const mainBody = `
        const { Worker } = require("node:worker_threads");
        const workerData = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
        new Worker(${JSON.stringify(threadBody)}, { eval: true, workerData }).on("message", (m) => console.log(JSON.stringify(m)));`;
      const result = spawnSync(process.execPath, ["--require", counter, ...preloadArgs, "-e", mainBody], {
        cwd: root,
        encoding: "utf8",
        input: JSON.stringify({ code }),
        ...BOUNDED,
      });
      expect(result.stdout, result.stderr).not.toBe("");
      const { quick, spin, after } = JSON.parse(result.stdout);
      // Without the guard: initRuntime, initialize, activate, tryUnblockConditions, concludeActivation
      // and dispose each start their own (6 or more).
      expect(quick).toEqual({ result: "completed", stoppedInTime: true, watchdogs: 3 });
      // The SDK's deadlock detection still holds: the activation fails with Node's timeout error.
      expect(spin).toMatchObject({
        result: expect.stringMatching(/timed out after 400ms/),
        stoppedInTime: true,
      });
      // And the context serves the next workflow.
      expect(after).toMatchObject({ result: "completed", watchdogs: 3 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("issue 14.2: the node arguments of the API and the worker", () => {
  it("the API and the worker run without V8's memory reducer, a flag this Node accepts", async () => {
    for (const entry of ["api/server.ts", "lib/run-worker.ts"]) {
      expect(await nodeEntryArgs(entry)).toEqual(expect.arrayContaining(["--no-memory-reducer"]));
    }
    // Node refuses an unknown V8 flag ("bad option", exit 9): the processes would not start.
    const run = spawnSync(process.execPath, [...SERVER_V8_FLAGS, "-e", "0"], {
      encoding: "utf8",
      ...BOUNDED,
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
  });
});
