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
// - V8 compiles each function of the SDK's workflow runtime and of our workflow code on its first
//   call inside the workflow context: the first activation of a binding request cost the thread
//   ~75 ms CPU, the next ~5 ms. Right after the SDK made that context, a throw-away binding request
//   (placeholder ids, no personal data) is started and decided in it, and then disposed: its
//   commands go nowhere (only the SDK's worker sends completions to the server), its log calls are
//   dropped with it, and the reusable context gives each workflow its own state.
// It also makes every activation cheaper (issue 14: a decision's CPU, above all after a cache miss):
// the SDK's deadlock bound runs as one watchdog per activation instead of one per call into the
// context (oneWatchdogPerActivation below), and it leaves out the SDK's promise stack traces
// (withoutPromiseStackTraces below).
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

/** A JSON payload as the SDK's default converter writes it. */
const jsonPayload = (value) => ({
  metadata: { encoding: Buffer.from("json/plain") },
  data: Buffer.from(JSON.stringify(value)),
});

/**
 * Runs a throw-away binding request (workflows/binding-request.workflow.ts) to its decision in the
 * workflow context `creator` made: the path of the cold decision (issue 14 item 2). Its two
 * activations are the ones the real first decision replays: the start (the request opened in a
 * local activity), then the step's result and the unit's approval (the decideBindingRequest Update).
 */
async function runThrowAwayDecision(creator, coresdk, TypedSearchAttributes) {
  const runId = `warm-up-${require("node:crypto").randomUUID()}`;
  const workflowId = "warm-up";
  const unitId = "warm-up-unit";
  const now = new Date();
  const timestamp = { seconds: Math.floor(now.getTime() / 1000) };
  const workflow = await creator.createWorkflow({
    info: {
      workflowId,
      runId,
      workflowType: "bindingRequest",
      searchAttributes: {},
      typedSearchAttributes: new TypedSearchAttributes(),
      taskQueue: "warm-up",
      namespace: "warm-up",
      firstExecutionRunId: runId,
      originalExecutionRunId: runId,
      startTime: now,
      runStartTime: now,
      taskTimeoutMs: 10_000,
      attempt: 1,
      historyLength: 3,
      historySize: 0,
      continueAsNewSuggested: false,
      currentBuildId: "",
      unsafe: {
        now: () => Date.now(),
        isReplaying: false,
        isReplayingHistoryEvents: false,
        random: Math.random,
      },
    },
    randomnessSeed: [0, 0, 0, 0, 0, 0, 0, 1],
    now: now.getTime(),
    showStackTraceSources: false,
    failureExceptionTypeNames: [],
  });
  try {
    const activate = (historyLength, jobs) =>
      workflow.activate(
        coresdk.workflow_activation.WorkflowActivation.fromObject({ runId, timestamp, historyLength, jobs }),
      );
    const started = await activate(3, [
      {
        initializeWorkflow: {
          workflowType: "bindingRequest",
          workflowId,
          firstExecutionRunId: runId,
          attempt: 1,
          randomnessSeed: 1,
          startTime: timestamp,
          arguments: [
            jsonPayload({
              requestId: "warm-up",
              personId: "warm-up-person",
              unitId,
              timings: { expirySeconds: 86_400, reminderSeconds: 3_600 },
            }),
          ],
        },
      },
    ]);
    const decided = await activate(7, [
      { resolveActivity: { seq: 1, isLocal: true, result: { completed: { result: jsonPayload(null) } } } },
      {
        doUpdate: {
          id: "warm-up-update",
          protocolInstanceId: "warm-up-update",
          name: "decideBindingRequest",
          runValidator: true,
          input: [
            jsonPayload({
              requestId: "warm-up",
              decision: "APPROVE",
              deciderId: "warm-up-decider",
              deciderRoles: [{ role: "UNIT_ADMIN", unitId }],
              strength: "REAL_PERSON",
            }),
          ],
        },
      },
    ]);
    await workflow.getAndResetSinkCalls();
    // Both activations must have run the workflow's code, not failed early: else the warm-up no
    // longer matches the workflow (its input or its steps changed) and says so.
    const commands = (completion) => completion.successful?.commands ?? [];
    const openedRequest = commands(started).some(
      (c) => c.scheduleLocalActivity?.activityType === "openBindingRequest",
    );
    const accepted = commands(decided).some((c) => c.updateResponse?.accepted);
    if (!openedRequest || !accepted)
      throw new Error(
        `the throw-away binding request did not ${openedRequest ? "take its decision" : "open"}`,
      );
  } finally {
    await workflow.dispose();
  }
}

/**
 * One watchdog per workflow activation instead of one per call into the workflow context (issue 14:
 * a decision's CPU). The SDK bounds each call into the reusable context with `runInContext`'s
 * `timeout` (isolateExecutionTimeoutMs, 5 s: its deadlock detection), and Node starts and joins a
 * watchdog thread for every such call: ~50 µs of CPU each when idle, and under load each join also
 * waits for that thread to be scheduled. A decision replayed after a cache miss makes ~17 such
 * calls (create, initialize, and per activation activate, tryUnblockConditions ×1–2, conclude;
 * dispose). Here the synchronous part of `createWorkflow`, `activate` and `dispose` (all their calls
 * into the context: an activation's sync part runs up to its first `await`, after
 * concludeActivation) runs under ONE watchdog of the same bound, and the calls inside it run
 * without their own. A workflow that never yields is still stopped after the bound: the activation
 * fails with Node's ERR_SCRIPT_EXECUTION_TIMEOUT as the SDK's own catch would report it.
 */
function oneWatchdogPerActivation() {
  const vm = require("node:vm");
  const workerLib = path.dirname(require.resolve("@temporalio/worker"));
  const { ReusableVMWorkflowCreator, ReusableVMWorkflow } = require(
    path.join(workerLib, "workflow", "reusable-vm.js"),
  );
  const { BaseVMWorkflow } = require(path.join(workerLib, "workflow", "vm-shared.js"));
  const runInContext = vm.Script.prototype.runInContext;
  const create = ReusableVMWorkflowCreator.create;
  const methods = [
    [ReusableVMWorkflowCreator.prototype, "createWorkflow"],
    [BaseVMWorkflow.prototype, "activate"],
    [ReusableVMWorkflow.prototype, "dispose"],
  ];
  if (typeof runInContext !== "function" || typeof create !== "function") return;
  if (methods.some(([proto, name]) => typeof proto[name] !== "function")) return;

  /** The SDK's bound (ms), from the creator it makes; until then nothing is guarded here. */
  let boundMs;
  /** Whether a guard is running: the calls into the workflow context then run without their own. */
  let guarding = false;
  const guardContext = vm.createContext({});
  const guardScript = new vm.Script("__guarded()");
  /** Runs `work` synchronously under one watchdog of `boundMs`; its result (a promise) as it is. */
  const guarded = (work) => {
    guardContext.__guarded = work;
    guarding = true;
    try {
      // The unwrapped method: the wrapper below would drop this one timeout too.
      return runInContext.call(guardScript, guardContext, { timeout: boundMs });
    } finally {
      guarding = false;
      guardContext.__guarded = undefined;
    }
  };
  vm.Script.prototype.runInContext = function (context, options) {
    if (guarding && options && options.timeout !== undefined) {
      const { timeout: _, ...rest } = options;
      return runInContext.call(this, context, rest);
    }
    return runInContext.call(this, context, options);
  };
  ReusableVMWorkflowCreator.create = async function (...args) {
    const creator = await create.apply(this, args);
    if (Number.isInteger(args[1]) && args[1] > 0) boundMs = args[1];
    return creator;
  };
  for (const [proto, name] of methods) {
    const original = proto[name];
    proto[name] = function (...args) {
      if (boundMs === undefined || guarding) return original.apply(this, args);
      let result;
      try {
        result = guarded(() => original.apply(this, args));
      } catch (error) {
        // Stopped by the bound (or thrown before its first await): as the SDK's own catch answers
        // an activation that throws; the other methods reject as their own timeout did.
        if (name === "activate" && this.activator)
          return Promise.resolve({
            runId: this.activator.info.runId,
            failed: { failure: this.activator.errorToFailure(error) },
          });
        return Promise.reject(error);
      }
      return result;
    };
  }
}

/**
 * No promise stack traces in the workflow thread unless WORKFLOW_STACK_TRACES=1 (issue 14: a
 * decision's CPU). The SDK installs a V8 promise hook there that, for EVERY promise a workflow
 * creates, captures a stack trace and maps each frame through the bundle's source map, only so that
 * the `__stack_trace` query (Temporal UI's "Stack Trace" tab) can show where a workflow waits: ~2 ms
 * of the thread per decision in a CPU profile. The hook only observes promises; without it that
 * query answers "stack traces are not enabled" and workflow code runs as before. Set
 * WORKFLOW_STACK_TRACES=1 in the worker's environment to keep the tab for a debugging session.
 */
function withoutPromiseStackTraces() {
  // lib/config.ts validates the variable (a wrong value stops the worker); "1" and "true" keep them.
  if (["1", "true"].includes(process.env.WORKFLOW_STACK_TRACES ?? "")) return;
  const workerLib = path.dirname(require.resolve("@temporalio/worker"));
  const { globalHandlers } = require(path.join(workerLib, "workflow", "vm-shared.js"));
  if (typeof globalHandlers.setPromiseHook !== "function" || globalHandlers.installed) return;
  // Not v8.promiseHooks.createHook itself: Node's AsyncLocalStorage (the SDK's cancellation
  // scopes) installs its promise hooks through the same function.
  globalHandlers.setPromiseHook = () => {};
}

/** Where the thread keeps the warm-up's outcome ({ decided, ms } or { decided: false, error }), for tests. */
const WARM_UP_OUTCOME = Symbol.for("zc-account-platform.workflowThreadWarmUp");

/** Decides a throw-away binding request in each reusable workflow context the SDK makes. */
function decideOnceInEachNewContext(coresdk) {
  const workerLib = path.dirname(require.resolve("@temporalio/worker"));
  const { ReusableVMWorkflowCreator } = require(path.join(workerLib, "workflow", "reusable-vm.js"));
  const { TypedSearchAttributes } = require("@temporalio/common");
  const create = ReusableVMWorkflowCreator.create;
  if (typeof create !== "function") return;
  ReusableVMWorkflowCreator.create = async function (...args) {
    const creator = await create.apply(this, args);
    const started = performance.now();
    try {
      await runThrowAwayDecision(creator, coresdk, TypedSearchAttributes);
      globalThis[WARM_UP_OUTCOME] = { decided: true, ms: Math.round(performance.now() - started) };
    } catch (error) {
      // Only the warm-up is lost (the workflow's input changed shape, another SDK version); the
      // warning reaches the worker's stderr (its log file under the supervisor and the bench).
      globalThis[WARM_UP_OUTCOME] = { decided: false, error: String(error) };
      process.emitWarning(`workflow thread warm-up skipped: ${error}`);
    }
    return creator;
  };
}

if (!isMainThread) {
  try {
    withoutPromiseStackTraces();
  } catch {
    // Another SDK version's layout: the SDK keeps its promise hook.
  }
  try {
    // Before the warm-up wraps the creator's create, so the throw-away decision runs guarded too.
    oneWatchdogPerActivation();
  } catch {
    // Another SDK version's layout: every call into the context keeps its own watchdog.
  }
  try {
    const { coresdk } = require("@temporalio/proto");
    setUpMessageTypes(coresdk.workflow_activation.WorkflowActivation);
    parseSourceMapAtRegistration();
    decideOnceInEachNewContext(coresdk);
  } catch {
    // A warm-up that fails (another SDK version's layout) only costs the first activation its time.
  }
}
