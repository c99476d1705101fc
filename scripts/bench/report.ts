// Results: one JSON file and one Markdown table per run under bench/results/ (timestamped, and
// latest.json / latest.md), and the table on the terminal.
import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Latency } from "./stats.js";

/** One benchmark row: what was measured, against which baseline of the same run, and the target. */
export type RowResult = {
  id: string;
  title: string;
  stack: string;
  /** Offered load: e.g. "5/s open loop, 30 s (+5 s warm-up)". */
  load: string;
  latency?: Latency;
  /** Requests (or completed requests) per second, where the row is about throughput. */
  throughput?: number;
  /** The main figure the target is checked on, with its unit (e.g. p95 ms, MB, ×). */
  value: number;
  unit: string;
  baseline?: { name: string; value: number; unit: string };
  ratio?: number;
  /** CPU milliseconds per request, by process (Temporal, worker, API, bare, …). */
  cpuMsPerRequest?: Record<string, number>;
  target: string;
  /** Whether the target was met; in --smoke mode only errors fail a row. */
  ok: boolean;
  notes: string[];
  extra?: Record<string, unknown>;
};

export type Report = {
  startedAt: string;
  finishedAt: string;
  mode: "full" | "smoke";
  /** The code measured: its commit, and whether the working tree differed from it. */
  code: { commit: string; dirty: boolean };
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string };
  /** proc.ts coreSpeedMs() before the first row and after the last: how fast a core was (lower is faster). */
  coreSpeedMs: { start: number; end: number };
  /** Load averages (1/5/15 min) when the run started and ended: other work on the machine. */
  loadAverage: { start: number[]; end: number[] };
  rows: RowResult[];
  failed: string[];
};

/** The commit of the checkout the bench runs in, and whether tracked files differ from it. */
export function codeVersion(): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const status = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], {
      encoding: "utf8",
    });
    return { commit, dirty: status.trim().length > 0 };
  } catch {
    return { commit: "unknown", dirty: false };
  }
}

export function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
}

const fmt = (n: number | undefined, digits = 1) =>
  n === undefined || Number.isNaN(n) ? "–" : n.toLocaleString("en-US", { maximumFractionDigits: digits });

function cpuText(cpu: Record<string, number> | undefined) {
  if (!cpu) return "–";
  return Object.entries(cpu)
    .map(([name, ms]) => `${name} ${fmt(ms, ms < 1 ? 3 : 1)}`)
    .join(", ");
}

export function markdown(report: Report): string {
  const lines = [
    `# Benchmark ${report.startedAt} (${report.mode})`,
    "",
    `Code: ${report.code.commit}${report.code.dirty ? " (with uncommitted changes)" : ""}.`,
    "",
    `Machine: ${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGb} GB, Node ${report.machine.node}. ` +
      `Load average at start ${report.loadAverage.start.join(" / ")}, at end ${report.loadAverage.end.join(" / ")} (other work shares the machine). ` +
      `Core speed (a fixed workload, ms, lower is faster): ${report.coreSpeedMs.start} at start, ${report.coreSpeedMs.end} at end.`,
    "",
    "| row | stack | load | p50 ms | p95 ms | p99 ms | errors | value | baseline (same run) | ratio | CPU ms/request | target | ok |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of report.rows) {
    const l = r.latency;
    lines.push(
      `| ${r.title} | ${r.stack} | ${r.load} | ${fmt(l?.p50)} | ${fmt(l?.p95)} | ${fmt(l?.p99)} | ${l?.errors ?? 0} | ` +
        `${fmt(r.value, 2)} ${r.unit} | ${r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value, 2)} ${r.baseline.unit}` : "–"} | ` +
        `${r.ratio === undefined ? "–" : `${fmt(r.ratio, 2)}×`} | ${cpuText(r.cpuMsPerRequest)} | ${r.target} | ${r.ok ? "yes" : "**NO**"} |`,
    );
  }
  const notes = report.rows.filter((r) => r.notes.length);
  if (notes.length) {
    lines.push("", "## Notes", "");
    for (const r of notes) for (const note of r.notes) lines.push(`- ${r.title} (${r.stack}): ${note}`);
  }
  if (report.failed.length) lines.push("", `Missed: ${report.failed.join(", ")}`);
  return `${lines.join("\n")}\n`;
}

/** Writes <dir>/<timestamp>-<mode>.{json,md} and latest.{json,md}; returns the Markdown. */
export async function writeReport(report: Report, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const md = markdown(report);
  const stamp = report.startedAt.replaceAll(":", "").replace(/\.\d+Z$/, "Z");
  const json = `${JSON.stringify(report, null, 2)}\n`;
  for (const name of [`${stamp}-${report.mode}`, report.mode === "smoke" ? "latest-smoke" : "latest"]) {
    await writeFile(path.join(dir, `${name}.json`), json);
    await writeFile(path.join(dir, `${name}.md`), md);
  }
  return md;
}
