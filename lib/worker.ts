// The Temporal worker: every workflow and activity of the platform, on one task queue.
import { createHash, randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundleWorkflowCode, NativeConnection, Worker } from "@temporalio/worker";
import { createActivities } from "../activities/index.js";
import type { Config } from "./config.js";
import type { Database } from "./database.js";
import type { Ports } from "./ports/index.js";
import { temporalConnectionOptions } from "./temporal.js";

export const workflowsPath = fileURLToPath(new URL("../workflows/index.ts", import.meta.url));

const root = fileURLToPath(new URL("..", import.meta.url));
/** What the workflow bundle is built from: the workflow code, the pure rules it imports, the libraries. */
const BUNDLE_SOURCES = ["workflows", "domain"];
const BUNDLE_LOCKFILE = "package-lock.json";

/**
 * Modules the worker's one V8 context evaluates once and shares with every workflow (the SDK's
 * `preloadModules`): the whole workflow code — our workflows, the pure rules they import (domain/),
 * the State Council's schedule of public holidays (chinese-days, 1.4 MB of JSON, for the SLAs'
 * working days) and the parts of @temporalio/workflow the SDK does not share already. Without this,
 * every workflow the worker creates — a new request, or one it no longer caches (most decisions on a
 * deadline day) — evaluated them again in its own module cache: the holiday schedule was parsed once
 * per request (`runInContext` was the worker's largest single cost in a CPU profile), and the rest
 * cost ~1.5 ms of CPU and ~60 KB of heap per workflow (issue 14; README, *Request paths*).
 *
 * Sharing needs the modules to keep no per-workflow state: the SDK deep-freezes what they export,
 * and `tests/unit/workflow-bundle.test.ts` refuses module-level `let`/`var` and mutable collections
 * in workflows/ and domain/; a workflow's state lives in its function's scope.
 */
export const PRELOADED_WORKFLOW_MODULES = [workflowsPath];

/** A hash of every file the workflow bundle is built from (sha256, hex), and of how it is built. */
async function bundleSourcesHash(): Promise<string> {
  const hash = createHash("sha256");
  const preloaded = PRELOADED_WORKFLOW_MODULES.map((m) => (path.isAbsolute(m) ? path.relative(root, m) : m));
  hash.update(`preload:${preloaded.join(",")}\0`);
  for (const dir of BUNDLE_SOURCES) {
    const files = (await readdir(path.join(root, dir), { recursive: true }))
      .filter((file) => file.endsWith(".ts") || file.endsWith(".json"))
      .sort();
    for (const file of files) {
      hash.update(`${dir}/${file}\0`);
      hash.update(await readFile(path.join(root, dir, file)));
    }
  }
  hash.update(await readFile(path.join(root, BUNDLE_LOCKFILE)).catch(() => ""));
  return hash.digest("hex").slice(0, 24);
}

/**
 * The workflow bundle, built once per version of its sources and kept in `<dataDir>/cache`: a worker
 * restarted after a crash (kill -9) polls again without spending 2–3 s of CPU bundling first, which
 * is most of what the first decision after a crash used to wait (issue 14 item 4). A cache that
 * cannot be read or written only costs the bundling.
 */
export async function workflowBundle(dataDir: string): Promise<{ code: string }> {
  const dir = path.join(dataDir, "cache");
  const file = path.join(dir, `workflow-bundle-${await bundleSourcesHash()}.js`);
  const cached = await readFile(file, "utf8").catch(() => undefined);
  if (cached) return { code: cached };
  const { code } = await bundleWorkflowCode({ workflowsPath, preloadModules: PRELOADED_WORKFLOW_MODULES });
  try {
    await mkdir(dir, { recursive: true });
    // Written aside and renamed: a worker starting meanwhile never reads half a bundle.
    const partial = `${file}.${randomUUID()}.partial`;
    await writeFile(partial, code);
    await rename(partial, file);
    for (const old of await readdir(dir)) {
      if (old.startsWith("workflow-bundle-") && old !== path.basename(file) && !old.endsWith(".partial"))
        await rm(path.join(dir, old), { force: true });
    }
  } catch {
    // Read-only or full data directory: the next start bundles again.
  }
  return { code };
}

/** A protobuf namespace or message type, as @temporalio/proto's reflection objects are. */
type ProtoNode = { nestedArray?: ProtoNode[]; fields?: object; setup?: () => unknown };

/**
 * Generates, before the worker polls, the protobuf codecs of the messages this process exchanges
 * with the Temporal core (workflow activations and completions, activity tasks and results, their
 * payloads and failures). protobufjs generates each message type's code on its first use, which
 * was ~60 ms of the first decision after a start (issue 14 item 2; CPU profile of the worker). It
 * yields between types, so it runs while Worker.create waits for its workflow thread.
 */
export async function warmUpProtobuf(): Promise<void> {
  // A CommonJS module whose namespaces Node's ESM loader does not see as named exports.
  const { coresdk, temporal } = createRequire(import.meta.url)(
    "@temporalio/proto",
  ) as typeof import("@temporalio/proto");
  const pending = [coresdk, temporal.api.common.v1, temporal.api.failure.v1] as unknown as ProtoNode[];
  let done = 0;
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.fields && node.setup) {
      node.setup();
      if (++done % 8 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    pending.push(...(node.nestedArray ?? []));
  }
}

export async function createWorker(options: {
  config: Config;
  db: Database;
  ports: Ports;
  connection?: NativeConnection;
  /** Called after each start-up step (its name), so the caller can time them. */
  onStep?: (step: "connect" | "bundle") => void;
}): Promise<Worker> {
  const { config, onStep } = options;
  const step =
    <T>(name: "connect" | "bundle") =>
    (value: T) => {
      onStep?.(name);
      return value;
    };
  // The connection (a round trip to the frontend) and the cached bundle (file reads and a hash) do
  // not wait for each other: a worker restarted after a crash polls sooner (issue 14).
  const [connection, bundle] = await Promise.all([
    options.connection ??
      NativeConnection.connect(temporalConnectionOptions(config.temporal)).then(step("connect")),
    workflowBundle(config.dataDir).then(step("bundle")),
  ]);
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowBundle: bundle,
    activities: createActivities({ db: options.db, ports: options.ports }),
    // A workflow cached by a worker that died (kill -9) waits this long before another worker takes
    // its next task: the SDK's 10 s default is what the first decision after a crash used to wait.
    stickyQueueScheduleToStartTimeout: "1 second",
    maxCachedWorkflows: config.temporal.workerCachedWorkflows,
  });
  // The request notices' sender (lib/notice-outbox.ts) lives as long as the worker runs: it resumes
  // what a previous process left queued, and stops (its deliveries under way finished) before run()
  // returns, so nothing writes to a database its caller is about to close.
  const sender = options.ports.sms.sender;
  if (sender) {
    const run = worker.run.bind(worker);
    worker.run = async () => {
      sender.start();
      try {
        return await run();
      } finally {
        await sender.stop();
      }
    };
  }
  return worker;
}
