// Readiness from a cached probe: the database and Temporal are checked in the background, never on
// a request, so /api/health answers in microseconds and one slow probe cannot flip it. A component
// that was ready is reported not ready only after `failureThreshold` consecutive failed probes; one
// that never answered (or already failed) is not ready until its next success.
import type { Client } from "@temporalio/client";
import type { Config } from "../../../lib/config.js";
import type { Database } from "../../../lib/database.js";
import type { Logger } from "../../../lib/logger.js";

export type Check = () => Promise<unknown>;

export type ProbeResult = { ok: boolean; ms: number; at: number; error?: string };

export type ComponentState = {
  /** Ready, after the grace of `failureThreshold` failed probes. */
  ok: boolean;
  /** Duration of the last finished probe. */
  ms: number;
  /** When the last probe finished (epoch ms); undefined before the first one. */
  checkedAt?: number;
  consecutiveFailures: number;
  /** The last probe's error, also while the component is still within its grace. */
  error?: string;
};

export const UNKNOWN: ComponentState = { ok: false, ms: 0, consecutiveFailures: 0 };

/** The readiness rule: one success makes a component ready, `threshold` failures in a row unready. */
export function recordProbe(state: ComponentState, result: ProbeResult, threshold: number): ComponentState {
  if (result.ok) return { ok: true, ms: result.ms, checkedAt: result.at, consecutiveFailures: 0 };
  const consecutiveFailures = state.consecutiveFailures + 1;
  return {
    ok: state.ok && consecutiveFailures < threshold,
    ms: result.ms,
    checkedAt: result.at,
    consecutiveFailures,
    error: result.error,
  };
}

const COMPONENTS = ["database", "temporal"] as const;
type Component = (typeof COMPONENTS)[number];

export type ComponentHealth = {
  ok: boolean;
  ms: number;
  checkedAt: string | null;
  consecutiveFailures: number;
  error?: string;
};
export type HealthSnapshot = {
  status: "ok" | "degraded";
  database: ComponentHealth;
  temporal: ComponentHealth;
};

export type HealthProbe = {
  /** The cached answer. Starts the background refresh; only the very first call waits (for the first probe). */
  read(): Promise<HealthSnapshot>;
  /** Starts probing in the background (idempotent); the timer does not keep the process alive. */
  start(): void;
  /** Stops the background refresh for good (a probe in flight ends on its timeout); read() keeps the last answer. */
  stop(): void;
  /** Probes every component once now (one round at a time). */
  refresh(): Promise<void>;
};

export type HealthProbeOptions = {
  checks: Record<Component, Check>;
  intervalMs: number;
  timeoutMs: number;
  failureThreshold: number;
  now?: () => number;
  /** Called when a component becomes ready or not ready. */
  onChange?: (component: Component, state: ComponentState) => void;
};

export function createHealthProbe(options: HealthProbeOptions): HealthProbe {
  const now = options.now ?? Date.now;
  const states: Record<Component, ComponentState> = { database: UNKNOWN, temporal: UNKNOWN };
  let round: Promise<void> | undefined;
  let first: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let stopped = false;

  async function probeOnce(check: Check): Promise<ProbeResult> {
    const started = performance.now();
    let timeout: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        check(),
        new Promise((_, reject) => {
          timeout = setTimeout(
            () => reject(new Error(`timed out after ${options.timeoutMs} ms`)),
            options.timeoutMs,
          );
          timeout.unref();
        }),
      ]);
      return { ok: true, ms: Math.round(performance.now() - started), at: now() };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, ms: Math.round(performance.now() - started), at: now(), error: message };
    } finally {
      clearTimeout(timeout);
    }
  }

  function refresh(): Promise<void> {
    round ??= Promise.all(
      COMPONENTS.map(async (name) => {
        const before = states[name];
        const after = recordProbe(before, await probeOnce(options.checks[name]), options.failureThreshold);
        states[name] = after;
        if (after.ok !== before.ok) options.onChange?.(name, after);
      }),
    ).then(() => {
      round = undefined;
    });
    return round;
  }

  function scheduleNext() {
    if (!running) return;
    clearTimeout(timer);
    timer = setTimeout(() => void refresh().then(scheduleNext), options.intervalMs);
    timer.unref();
  }

  function start() {
    if (running || stopped) return;
    running = true;
    const initial = refresh();
    first ??= initial;
    void initial.then(scheduleNext);
  }

  function snapshot(): HealthSnapshot {
    const view = (state: ComponentState): ComponentHealth => ({
      ok: state.ok,
      ms: state.ms,
      checkedAt: state.checkedAt === undefined ? null : new Date(state.checkedAt).toISOString(),
      consecutiveFailures: state.consecutiveFailures,
      ...(state.error ? { error: state.error } : {}),
    });
    const database = view(states.database);
    const temporal = view(states.temporal);
    return { status: database.ok && temporal.ok ? "ok" : "degraded", database, temporal };
  }

  return {
    async read() {
      start();
      await first;
      return snapshot();
    },
    start,
    stop() {
      stopped = true;
      running = false;
      clearTimeout(timer);
    },
    refresh,
  };
}

/** The probe of the API's real dependencies, with the settings of `config.health`. */
export function createDependencyProbe(deps: {
  config: Config;
  db: Database;
  temporal: Client;
  logger?: Logger;
}): HealthProbe {
  const { probeIntervalMs, probeTimeoutMs, failureThreshold } = deps.config.health;
  return createHealthProbe({
    intervalMs: probeIntervalMs,
    timeoutMs: probeTimeoutMs,
    failureThreshold,
    onChange: (component, state) =>
      state.ok
        ? deps.logger?.info({ component }, "dependency ready")
        : deps.logger?.warn(
            { component, consecutiveFailures: state.consecutiveFailures, error: state.error },
            "dependency not ready",
          ),
    checks: {
      database: () => deps.db.$queryRawUnsafe("SELECT 1"),
      // The deadline ends the gRPC call (and its retries) with the probe, so failed probes do not pile up.
      temporal: () =>
        deps.temporal.connection.withDeadline(Date.now() + probeTimeoutMs, () =>
          deps.temporal.workflowService.getSystemInfo({}),
        ),
    },
  });
}
