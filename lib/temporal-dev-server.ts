// Runs the Temporal dev server with SQLite persistence. The dev server funnels all persistence
// through one SQLite connection, so WAL and synchronous=NORMAL matter for throughput.
import { type ChildProcess, spawn } from "node:child_process";
import { Connection } from "@temporalio/client";
import Database from "better-sqlite3";
import { atNiceness } from "./background-priority.js";

export type DevServerOptions = {
  cliPath: string;
  dbFile: string;
  port: number;
  uiPort: number;
  namespace: string;
  headless?: boolean;
  /** Own process group: a Ctrl-C in the terminal reaches only the parent, which stops it last. */
  detached?: boolean;
  /** CPU niceness (lib/background-priority.ts); 0 or unset: the parent's. */
  nice?: number;
};

export type DevServer = {
  process: ChildProcess;
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
  /** Its error output's first and latest lines (it logs warnings and errors only). */
  output(): string;
};

/**
 * Dynamic config beyond the dev server's own defaults (issue 14 item 2, CPU per request):
 * - the platform registers no custom search attributes, so the dev server's forced re-read of them
 *   from its database on every use (its default, for users who create some while testing) is work
 *   for nothing on each workflow start and visibility write;
 * - one partition per task queue: the default four make matching forward tasks and polls between
 *   partitions, work that buys nothing on one machine at tens of tasks per second.
 */
const DYNAMIC_CONFIG = [
  "system.forceSearchAttributesCacheRefreshOnRead=false",
  "matching.numTaskqueueReadPartitions=1",
  "matching.numTaskqueueWritePartitions=1",
];

/**
 * The visibility table's indexes on the 22 search-attribute columns Temporal's SQLite schema
 * pre-allocates for custom search attributes (Bool01–03, Datetime01–03, Double01–03, Int01–03,
 * Keyword01–10). The platform registers none, so every row holds NULL there and no query can name
 * them; yet each visibility write (a workflow's start, its build-id upsert, its close: 3 per request)
 * evaluates and writes all 45 indexes, and SQLite compiles each into every such statement, which the
 * dev server's driver prepares anew each time. Measured at 20 binding requests/s (bench throughput
 * row, alternated A/B, 2026-12-04): Temporal CPU per request 28.4 / 26.2 → 25.9 / 24.8 ms. A custom
 * search attribute registered later still works; its queries read the table instead of an index.
 */
const UNUSED_VISIBILITY_INDEXES = [
  ...["bool", "datetime", "double", "int"].flatMap((type) => [1, 2, 3].map((n) => `by_${type}_0${n}`)),
  ...Array.from({ length: 10 }, (_, i) => `by_keyword_${String(i + 1).padStart(2, "0")}`),
];

/** Starts of a dev server that lost a port race (below) before one is given up. */
const START_ATTEMPTS = 3;

/**
 * Starts the dev server and waits until it serves at 127.0.0.1:`port`.
 * The dev server picks its internal services' ports itself (bind :0, then release); another
 * process can take one before the server binds it, and the server then dies at start
 * ("address already in use"). Such a start is retried, up to 3 attempts in all.
 * Throws with the server's error output when it exits before serving, or serves nothing in 60 s.
 */
export async function startTemporalDevServer(options: DevServerOptions): Promise<DevServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options);
    } catch (error) {
      if (!/address already in use/.test(String(error))) throw error;
      if (attempt === START_ATTEMPTS) {
        throw new Error(`${(error as Error).message}\n(${attempt} starts, each lost a port)`);
      }
    }
  }
}

async function startOnce(options: DevServerOptions): Promise<DevServer> {
  const args = [
    "server",
    "start-dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(options.port),
    "--namespace",
    options.namespace,
    "--db-filename",
    options.dbFile,
    "--sqlite-pragma",
    "journal_mode=wal",
    "--sqlite-pragma",
    "synchronous=normal",
    "--log-level",
    "warn",
    ...DYNAMIC_CONFIG.flatMap((value) => ["--dynamic-config-value", value]),
    ...(options.headless ? ["--headless"] : ["--ui-port", String(options.uiPort)]),
  ];
  const child = spawn(...atNiceness(options.nice ?? 0, options.cliPath, args), {
    stdio: ["ignore", "ignore", "pipe"],
    detached: options.detached ?? false,
  });
  // The first lines name a failure's cause (a panic's stack follows them); the tail is the latest.
  let head = "";
  let tail = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    if (head.length < 2000) head = `${head}${chunk}`.slice(0, 2000);
    tail = `${tail}${chunk}`.slice(-4000);
  });
  const output = () => (head.length < 2000 || tail.startsWith(head) ? tail : `${head}\n…\n${tail}`);
  const address = `127.0.0.1:${options.port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) =>
      reject(new Error(`Temporal dev server exited (code ${code}):\n${output()}`)),
    ),
  );
  try {
    const gone = () => child.exitCode !== null || child.signalCode !== null;
    await Promise.race([waitUntilServing(address, gone), exited]);
    dropUnusedVisibilityIndexes(options.dbFile);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    process: child,
    address,
    uiUrl: options.headless ? undefined : `http://127.0.0.1:${options.uiPort}`,
    stop: () => stopChild(child),
    output,
  };
}

/**
 * Drops UNUSED_VISIBILITY_INDEXES from the dev server's database (which the server has created by
 * the time it serves); a no-op once dropped. The server may be writing: waits up to 5 s for its lock.
 */
function dropUnusedVisibilityIndexes(dbFile: string): void {
  const db = new Database(dbFile);
  try {
    db.pragma("busy_timeout = 5000");
    for (const name of UNUSED_VISIBILITY_INDEXES) db.exec(`DROP INDEX IF EXISTS ${name}`);
  } finally {
    db.close();
  }
}

/** Polls until `address` answers gRPC, for up to `timeoutMs`; stops polling once `gone()` holds. */
async function waitUntilServing(address: string, gone: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!gone()) {
    // Lazy, so its channel is closed even when the server never answers (connect() would leak it).
    const connection = Connection.lazy({ address });
    try {
      await connection.withDeadline(Date.now() + 1000, () => connection.workflowService.getSystemInfo({}));
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`Temporal did not start at ${address}: ${String(error)}`);
      await new Promise((r) => setTimeout(r, 250));
    } finally {
      await connection.close();
    }
  }
}

export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}
