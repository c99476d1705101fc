// Keeps `npm start`'s children (Temporal dev server, worker, API) running: a child that exits without
// being asked to is restarted (at once the first time, then with exponential backoff) and a log line; a child that crashes too often
// within a window stops everything; stop() ends them in reverse order of start.
//
// Our own rather than a library: pm2 and forever run a daemon of their own, and concurrently's
// --restart-tries has neither crash windows, nor readiness (the dev server must serve before the
// worker starts), nor ordered shutdown. What we need is this page.
import type { ChildProcess } from "node:child_process";
import { stopChild } from "./temporal-dev-server.js";

export type RestartPolicy = {
  /**
   * Delay before the second restart of a child crashing in a row (the first is at once); it doubles
   * with each further crash in a row.
   */
  initialDelayMs: number;
  maxDelayMs: number;
  /** A child that ran this long before it crashed starts again from the initial delay. */
  stableAfterMs: number;
  /** This many crashes of one child within the window stop everything. */
  maxCrashes: number;
  crashWindowMs: number;
};

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 1000,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
  maxCrashes: 5,
  crashWindowMs: 120_000,
};

/** What the supervisor remembers of one child's crashes. */
export type CrashRecord = { crashTimes: number[]; inARow: number };

export const NO_CRASHES: CrashRecord = { crashTimes: [], inARow: 0 };

export type RestartDecision =
  | { action: "restart"; delayMs: number; record: CrashRecord }
  | { action: "give-up"; record: CrashRecord };

/**
 * The restart policy, pure: a child that started at `startedAt` crashed at `crashedAt`. The first
 * crash in a row restarts at once: a worker killed once is polling again within the 2 s a reviewer
 * waits for a decision (issue 14 item 2); a child that crashes again waits `initialDelayMs`, doubling.
 */
export function decideRestart(
  record: CrashRecord,
  startedAt: number,
  crashedAt: number,
  policy: RestartPolicy,
): RestartDecision {
  const inARow = crashedAt - startedAt >= policy.stableAfterMs ? 1 : record.inARow + 1;
  const crashTimes = [...record.crashTimes.filter((t) => crashedAt - t < policy.crashWindowMs), crashedAt];
  const next = { crashTimes, inARow };
  if (crashTimes.length >= policy.maxCrashes) return { action: "give-up", record: next };
  const delayMs = inARow === 1 ? 0 : Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (inARow - 2));
  return { action: "restart", delayMs, record: next };
}

export type ChildSpec = {
  name: string;
  /** Starts the child and resolves once it is up (rejects if it cannot start: that counts as a crash). */
  start(): Promise<ChildProcess>;
  /** Names of children that must be up before this one is restarted. */
  after?: string[];
  /** The child's last output, shown when it crashes. */
  lastOutput?(): string;
};

export type SupervisorOptions = {
  policy: RestartPolicy;
  log: (line: string) => void;
  /** Called once when a child crashed too often; the caller stops everything. */
  onGiveUp: (reason: string) => void;
  now?: () => number;
};

export type Supervisor = {
  /** Starts a child (after its dependencies) and supervises it; rejects if its first start fails. */
  add(spec: ChildSpec): Promise<void>;
  /** Stops every child, in reverse order of add(), and restarts nothing from then on. */
  stop(): Promise<void>;
  /** The running children's process ids, by name. */
  pids(): Record<string, number | undefined>;
  /** Last resort when the supervisor itself exits: SIGKILL every child still running. */
  killAll(): void;
};

type Entry = {
  spec: ChildSpec;
  child?: ChildProcess;
  startedAt: number;
  record: CrashRecord;
  timer?: NodeJS.Timeout;
  launching?: Promise<void>;
  up: Deferred;
};

type Deferred = { promise: Promise<void>; resolve(): void };
function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `code ${code}`;
}

export function createSupervisor(options: SupervisorOptions): Supervisor {
  const now = options.now ?? Date.now;
  const { policy, log } = options;
  const entries: Entry[] = [];
  let stopping = false;

  async function launch(entry: Entry): Promise<void> {
    const dependencies = entries.filter((e) => entry.spec.after?.includes(e.spec.name));
    await Promise.all(dependencies.map((e) => e.up.promise));
    if (stopping) return;
    const attemptedAt = now();
    const child = await entry.spec.start();
    if (stopping) {
      await stopChild(child);
      return;
    }
    entry.child = child;
    entry.startedAt = attemptedAt;
    entry.up.resolve();
    const exited = (code: number | null, signal: NodeJS.Signals | null) => {
      if (entry.child !== child || stopping) return;
      entry.child = undefined;
      crashed(entry, `exited unexpectedly (${describeExit(code, signal)})`, attemptedAt);
    };
    if (child.exitCode !== null || child.signalCode !== null) exited(child.exitCode, child.signalCode);
    else child.once("exit", exited);
  }

  function crashed(entry: Entry, what: string, startedAt: number) {
    const crashedAt = now();
    entry.up = deferred();
    const decision = decideRestart(entry.record, startedAt, crashedAt, policy);
    entry.record = decision.record;
    const name = entry.spec.name;
    const output = entry.spec.lastOutput?.().trim();
    if (output) log(`${name}'s last output:\n${output.split("\n").slice(-10).join("\n")}`);
    if (decision.action === "give-up") {
      const reason =
        `${name} ${what}: it crashed ${decision.record.crashTimes.length} times within ` +
        `${seconds(policy.crashWindowMs)}; giving up and stopping everything.`;
      log(reason);
      options.onGiveUp(reason);
      return;
    }
    log(
      `${name} ${what} after ${seconds(crashedAt - startedAt)}; ` +
        `${decision.delayMs === 0 ? "restarting at once" : `restarting in ${seconds(decision.delayMs)}`} ` +
        `(crash ${decision.record.crashTimes.length} of ${policy.maxCrashes} allowed within ` +
        `${seconds(policy.crashWindowMs)})`,
    );
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      entry.launching = launch(entry).then(
        () => {
          if (entry.child) log(`${name} is running again (pid ${entry.child.pid})`);
        },
        (error: unknown) => {
          if (!stopping) crashed(entry, `failed to start (${errorMessage(error)})`, now());
        },
      );
    }, decision.delayMs);
  }

  return {
    async add(spec) {
      const entry: Entry = { spec, startedAt: now(), record: NO_CRASHES, up: deferred() };
      entries.push(entry);
      entry.launching = launch(entry);
      await entry.launching;
      log(`${spec.name} started (pid ${entry.child?.pid})`);
    },
    async stop() {
      stopping = true;
      // A relaunch waiting for a dependency that will never be up again must not hold the stop.
      for (const entry of entries) entry.up.resolve();
      for (const entry of [...entries].reverse()) {
        clearTimeout(entry.timer);
        await entry.launching?.catch(() => undefined);
        if (entry.child) {
          log(`stopping ${entry.spec.name}`);
          await stopChild(entry.child);
          entry.child = undefined;
        }
      }
    },
    pids() {
      return Object.fromEntries(entries.map((e) => [e.spec.name, e.child?.pid]));
    },
    killAll() {
      for (const entry of entries) entry.child?.kill("SIGKILL");
    },
  };
}

function errorMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}
