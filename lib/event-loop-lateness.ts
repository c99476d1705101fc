// How late a thread's event loop runs: one synchronous wait (a SQLite busy wait, a long GC, a core
// taken by another process) delays every request in flight, which per-request durations do not show
// (issue 14). Read by the API's 10-second log line and by the bench's soak for its own process.
import { monitorEventLoopDelay } from "node:perf_hooks";

/** The monitor's timer interval, ms. */
const RESOLUTION_MS = 10;

/** Lateness in ms: the median, the 99th percentile and the longest since the start or the last reset. */
export type Lateness = { p50: number; p99: number; max: number };

/**
 * Starts measuring this thread's event-loop lateness. The histogram holds whole timer intervals, so
 * the resolution is taken off to leave the lateness (ms, two decimals, never below 0).
 */
export function measureEventLoopLateness(): { read(): Lateness; reset(): void; stop(): void } {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const ms = (ns: number) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 100) / 100);
  return {
    read: () => ({
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
    }),
    reset: () => histogram.reset(),
    stop: () => histogram.disable(),
  };
}
