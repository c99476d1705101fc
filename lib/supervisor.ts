// Keeps `npm start`'s children (Temporal dev server, worker, API) running: a child that exits without
// being asked to is restarted (at once the first time, then with exponential backoff) and a log line; a child that crashes too often
// within a window stops everything; stop() ends them in reverse order of start. A child may have a
// standby (the worker's, lib/worker-standby.ts): a second process, prepared and idle, that takes the
// place of the running one at once when it crashes; a new standby is then started a little later. The
// standby only saves time: its own crashes, counted apart, never stop everything.
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
  /**
   * A standby starts this much later (ms) than the child it stands by for, or than the takeover of
   * the last one: its start (~2 s of CPU for a worker) does not compete with theirs.
   */
  standbyDelayMs: number;
};

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 1000,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
  maxCrashes: 5,
  crashWindowMs: 120_000,
  standbyDelayMs: 5000,
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
  /**
   * Keeps a standby of this child: `start` spawns it, `ready` resolves once it is prepared (it does
   * no work yet; rejects if it cannot get ready), `activate` makes it the running child.
   */
  standby?: {
    start(): Promise<ChildProcess>;
    ready(child: ChildProcess): Promise<void>;
    activate(child: ChildProcess): void;
  };
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
  /** The running children's process ids, by name; a standby's as "<name> standby". */
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
  /** The standby from its spawn on (so stop() and killAll() reach it), and whether it is prepared. */
  standby?: ChildProcess;
  standbyReady: boolean;
  standbyRecord: CrashRecord;
  /** Set once the standby crashed too often: the child runs without one from then on. */
  standbyGaveUp: boolean;
  standbyTimer?: NodeJS.Timeout;
  standbyLaunching?: Promise<void>;
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

  /**
   * Starts a process with `start` once the entry's dependencies are up: the process and when its
   * start began, or undefined if the supervisor is stopping.
   */
  async function startAfterDependencies(
    entry: Entry,
    start: () => Promise<ChildProcess>,
  ): Promise<{ child: ChildProcess; startedAt: number } | undefined> {
    const dependencies = entries.filter((e) => entry.spec.after?.includes(e.spec.name));
    await Promise.all(dependencies.map((e) => e.up.promise));
    if (stopping) return undefined;
    const startedAt = now();
    const child = await start();
    if (!stopping) return { child, startedAt };
    await stopChild(child);
    return undefined;
  }

  /** Calls `exited` when `child` exits (at once if it already has). */
  function onExit(child: ChildProcess, exited: (code: number | null, signal: NodeJS.Signals | null) => void) {
    if (child.exitCode !== null || child.signalCode !== null) exited(child.exitCode, child.signalCode);
    else child.once("exit", exited);
  }

  async function launch(entry: Entry): Promise<void> {
    const started = await startAfterDependencies(entry, entry.spec.start);
    if (!started) return;
    run(entry, started.child, started.startedAt);
    entry.up.resolve();
    // Later, not beside it: the child's own start (a worker's first bundling) goes first.
    if (entry.spec.standby && !entry.standby && !entry.standbyLaunching && !entry.standbyTimer)
      scheduleStandby(entry, policy.standbyDelayMs);
  }

  /** `child` is now the entry's running process (started at `startedAt`). */
  function run(entry: Entry, child: ChildProcess, startedAt: number) {
    entry.child = child;
    entry.startedAt = startedAt;
    onExit(child, (code, signal) => {
      if (entry.child !== child || stopping) return;
      entry.child = undefined;
      const what = `exited unexpectedly (${describeExit(code, signal)})`;
      if (entry.standbyReady) takeOver(entry, what, startedAt);
      else crashed(entry, what, startedAt);
    });
  }

  async function launchStandby(entry: Entry): Promise<void> {
    const spec = entry.spec.standby!;
    const attemptedAt = now();
    const started = await startAfterDependencies(entry, spec.start).catch((error: unknown) => {
      if (!stopping) standbyCrashed(entry, `failed to start (${errorMessage(error)})`, attemptedAt);
      return undefined;
    });
    if (!started) return;
    const { child: standby, startedAt } = started;
    entry.standby = standby;
    onExit(standby, (code, signal) => {
      if (entry.standby !== standby || stopping) return;
      entry.standby = undefined;
      entry.standbyReady = false;
      standbyCrashed(entry, `exited unexpectedly (${describeExit(code, signal)})`, startedAt);
    });
    // One that cannot get ready exits (or is ended by `ready`): its exit is reported above.
    const ready = spec.ready(standby).then(
      () => true,
      () => false,
    );
    const exited = new Promise<false>((resolve) => onExit(standby, () => resolve(false)));
    if (!(await Promise.race([ready, exited]))) return;
    if (entry.standby !== standby || stopping) return;
    entry.standbyReady = true;
    log(`${entry.spec.name} standby ready (pid ${standby.pid})`);
    // The child crashed again and waits out its restart delay: the standby takes over now.
    if (!entry.child && entry.timer) {
      clearTimeout(entry.timer);
      entry.timer = undefined;
      log(`${entry.spec.name} standby (pid ${standby.pid}) takes over instead of the delayed restart`);
      promote(entry);
    }
  }

  /** Records a crash and logs the child's last output; calls onGiveUp when it crashed too often. */
  function recordCrash(entry: Entry, what: string, startedAt: number): RestartDecision {
    const crashedAt = now();
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
    }
    return decision;
  }

  /** The running child crashed and its standby takes its place. */
  function takeOver(entry: Entry, what: string, startedAt: number) {
    const decision = recordCrash(entry, what, startedAt);
    if (decision.action === "give-up") return;
    log(
      `${entry.spec.name} ${what} after ${seconds(now() - startedAt)}; its standby (pid ${entry.standby!.pid}) ` +
        `took over; a new standby starts in ${seconds(policy.standbyDelayMs)}`,
    );
    promote(entry);
  }

  /** The prepared standby becomes the running child; a new standby starts `standbyDelayMs` later. */
  function promote(entry: Entry) {
    const standby = entry.standby!;
    entry.standby = undefined;
    entry.standbyReady = false;
    entry.spec.standby!.activate(standby);
    run(entry, standby, now());
    entry.up.resolve();
    scheduleStandby(entry, policy.standbyDelayMs);
  }

  /** A standby crashed: another starts after the restart policy's delay, unless it crashes too often. */
  function standbyCrashed(entry: Entry, what: string, startedAt: number) {
    const decision = decideRestart(entry.standbyRecord, startedAt, now(), policy);
    entry.standbyRecord = decision.record;
    const name = `${entry.spec.name} standby`;
    if (decision.action === "give-up") {
      entry.standbyGaveUp = true;
      log(
        `${name} ${what}: it crashed ${decision.record.crashTimes.length} times within ` +
          `${seconds(policy.crashWindowMs)}; ${entry.spec.name} runs without a standby from now on`,
      );
      return;
    }
    log(`${name} ${what}; starting another in ${seconds(decision.delayMs)}`);
    scheduleStandby(entry, decision.delayMs);
  }

  function scheduleStandby(entry: Entry, delayMs: number) {
    if (entry.standbyGaveUp) return;
    entry.standbyTimer = setTimeout(() => {
      entry.standbyTimer = undefined;
      entry.standbyLaunching = launchStandby(entry).finally(() => {
        entry.standbyLaunching = undefined;
      });
    }, delayMs);
  }

  function crashed(entry: Entry, what: string, startedAt: number) {
    entry.up = deferred();
    const decision = recordCrash(entry, what, startedAt);
    if (decision.action === "give-up") return;
    const name = entry.spec.name;
    const crashedAt = now();
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
      const entry: Entry = {
        spec,
        startedAt: now(),
        record: NO_CRASHES,
        up: deferred(),
        standbyReady: false,
        standbyRecord: NO_CRASHES,
        standbyGaveUp: false,
      };
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
        clearTimeout(entry.standbyTimer);
        await entry.launching?.catch(() => undefined);
        // Ready or still getting ready, a standby has nothing to finish: it ends at once.
        if (entry.standby) await stopChild(entry.standby);
        await entry.standbyLaunching;
        entry.standby = undefined;
        if (entry.child) {
          log(`stopping ${entry.spec.name}`);
          await stopChild(entry.child);
          entry.child = undefined;
        }
      }
    },
    pids() {
      return Object.fromEntries(
        entries.flatMap((e) => [
          [e.spec.name, e.child?.pid],
          ...(e.spec.standby ? [[`${e.spec.name} standby`, e.standby?.pid]] : []),
        ]),
      );
    },
    killAll() {
      for (const entry of entries) {
        entry.child?.kill("SIGKILL");
        entry.standby?.kill("SIGKILL");
      }
    },
  };
}

function errorMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}
