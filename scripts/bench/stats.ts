// Latency percentiles from Node's built-in HDR histogram (perf_hooks.createHistogram: HdrHistogram_c
// under the hood, recorded in microseconds), so no dependency is added for it.
import { createHistogram, type RecordableHistogram } from "node:perf_hooks";

/** What every latency measure prints: percentiles in milliseconds, the count and the errors. */
export type Latency = { count: number; errors: number; p50: number; p95: number; p99: number; max: number };

/** A latency recorder: record(ms) for each answered request, error() for each failed one. */
export class Recorder {
  readonly #histogram: RecordableHistogram = createHistogram();
  errors = 0;
  /** The first few error texts, to say what failed. */
  readonly samples: string[] = [];

  record(ms: number): void {
    this.#histogram.record(Math.max(1, Math.round(ms * 1000)));
  }

  error(reason: unknown): void {
    this.errors++;
    if (this.samples.length >= 5) return;
    // fetch's own failures say only "fetch failed": the cause (ECONNRESET, a timeout) is the news.
    const cause =
      reason instanceof Error ? (reason.cause as { code?: string; message?: string } | undefined) : undefined;
    const text = reason instanceof Error ? reason.message : String(reason);
    this.samples.push(cause ? `${text} (${cause.code ?? cause.message})` : text);
  }

  /** Adds another recorder's samples and errors (a row made of several loops). */
  merge(other: Recorder): void {
    this.#histogram.add(other.#histogram);
    this.errors += other.errors;
    this.samples.push(...other.samples.slice(0, Math.max(0, 5 - this.samples.length)));
  }

  summary(): Latency {
    const h = this.#histogram;
    const ms = (us: number) => Math.round(us) / 1000;
    const count = h.count;
    return {
      count,
      errors: this.errors,
      p50: count ? ms(h.percentile(50)) : Number.NaN,
      p95: count ? ms(h.percentile(95)) : Number.NaN,
      p99: count ? ms(h.percentile(99)) : Number.NaN,
      max: count ? ms(h.max) : Number.NaN,
    };
  }
}
