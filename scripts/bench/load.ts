// Load generators. Open loop: requests leave on a fixed schedule (constant arrival rate) whether
// or not earlier ones answered, and latency counts from the scheduled send time, so a stall shows
// up in the percentiles instead of silently slowing the sender (no coordinated omission). Closed
// loop: N workers send back to back, to find how many requests per second a server can serve.
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { Recorder } from "./stats.js";

export type OpenLoopOptions = {
  /** Arrivals per second. */
  rate: number;
  /** Measured seconds (after the warm-up). */
  seconds: number;
  /** Seconds sent first and not recorded (JIT, caches, connection pools). */
  warmupSeconds?: number;
  /** Give up waiting for stragglers this long after the last send, ms (they count as errors). */
  drainMs?: number;
};

export type OpenLoopResult = { recorder: Recorder; sent: number; wallMs: number };

/**
 * Sends `send(i)` at `rate`/s for warm-up + `seconds`; resolves once every request answered (or
 * `drainMs` passed). `send` resolves when the measured thing is done and throws on failure.
 */
export async function openLoop(
  options: OpenLoopOptions,
  send: (i: number) => Promise<void>,
): Promise<OpenLoopResult> {
  const recorder = new Recorder();
  const interval = 1000 / options.rate;
  const warmup = Math.round((options.warmupSeconds ?? 0) * options.rate);
  const total = warmup + Math.max(1, Math.round(options.seconds * options.rate));
  const start = performance.now();
  const inFlight = new Set<Promise<void>>();
  let measuredStart = start;
  for (let i = 0; i < total; i++) {
    const scheduled = start + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 1) await sleep(wait);
    if (i === warmup) measuredStart = scheduled;
    const measured = i >= warmup;
    const request = send(i).then(
      () => {
        if (measured) recorder.record(performance.now() - scheduled);
      },
      (error) => {
        if (measured) recorder.error(error);
      },
    );
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
  }
  const all = Promise.all(inFlight);
  const drained = await Promise.race([
    all.then(() => true),
    sleep(options.drainMs ?? 60_000).then(() => false),
  ]);
  if (!drained) for (let i = 0; i < inFlight.size; i++) recorder.error("no answer before the drain deadline");
  return { recorder, sent: total - warmup, wallMs: performance.now() - measuredStart };
}

export type ClosedLoopResult = { recorder: Recorder; requestsPerSecond: number; completed: number };

/** `concurrency` senders back to back for `seconds` (after `warmupSeconds`): requests per second. */
export async function closedLoop(
  options: { concurrency: number; seconds: number; warmupSeconds?: number },
  send: () => Promise<void>,
): Promise<ClosedLoopResult> {
  const recorder = new Recorder();
  const warmupEnd = performance.now() + (options.warmupSeconds ?? 0) * 1000;
  const end = warmupEnd + options.seconds * 1000;
  let completed = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const begin = performance.now();
      try {
        await send();
        if (begin >= warmupEnd) {
          recorder.record(performance.now() - begin);
          completed++;
        }
      } catch (error) {
        if (begin >= warmupEnd) recorder.error(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { recorder, requestsPerSecond: completed / options.seconds, completed };
}
