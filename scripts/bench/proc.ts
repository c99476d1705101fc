// CPU time and resident memory of a process, read from Linux's /proc (no library: a few fields of
// one line). CPU is user + system time; the Temporal dev server is one process, so its CPU is
// "Temporal" as a whole.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on most kernels). */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU of the process and of all its descendants, in milliseconds: user + system time of the
 * process, of its children that have exited and been waited for (cutime + cstime), and of each
 * live child, recursively. PostgreSQL serves each connection in a child of its postmaster, so its
 * CPU is only visible this way. 0 once the process has gone.
 */
export function treeCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime, stime, cutime, cstime: fields 14-17 of stat(5), 11-14 after the command name.
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    let ms = (ticks * 1000) / TICKS_PER_SECOND;
    for (const child of childPids(pid)) ms += treeCpuMs(child);
    return ms;
  } catch {
    return 0;
  }
}

/** The live children of a process (/proc/<pid>/task/<tid>/children of each of its threads). */
function childPids(pid: number): number[] {
  const children: number[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
      if (text) children.push(...text.split(" ").map(Number));
    }
  } catch {}
  return children;
}

/** Resident set size of the process in bytes (VmRSS); 0 once it has gone. */
export function rssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The machine's load averages (1, 5, 15 min), as `uptime` prints them. */
export function loadAverage(): [number, number, number] {
  const [a, b, c] = readFileSync("/proc/loadavg", "utf8").split(" ").map(Number);
  return [a ?? 0, b ?? 0, c ?? 0];
}

/**
 * How fast one core of this machine is now: the shortest wall time, ms, of 7 runs (after one to
 * warm up) of a fixed single-threaded workload (SHA-256 of 16 MiB, and building, serializing and
 * parsing 20,000 small objects — the kinds of work a request does). The shortest run is the one
 * least disturbed by other work. The same code measures slower on a slower or busier machine;
 * results of different days compare only together with this figure.
 */
export function coreSpeedMs(): number {
  const block = Buffer.alloc(64 * 1024, 7);
  const run = () => {
    const started = performance.now();
    const hash = createHash("sha256");
    for (let i = 0; i < 256; i++) hash.update(block);
    hash.digest();
    const rows = Array.from({ length: 20_000 }, (_, i) => ({
      id: `task-${i}`,
      unitId: i % 97,
      open: i % 3 === 0,
    }));
    JSON.parse(JSON.stringify(rows));
    return performance.now() - started;
  };
  run();
  return Math.round(Math.min(...Array.from({ length: 7 }, run)) * 10) / 10;
}

/** Named processes whose CPU a row charges per request (e.g. Temporal, worker, API). */
export type Processes = () => Record<string, number | undefined>;

/**
 * CPU used by each process (with its descendants, see treeCpuMs) between the call and the
 * returned stop(), in milliseconds.
 */
export function cpuMeter(processes: Processes): () => Record<string, number> {
  const before = new Map(
    Object.entries(processes()).map(([name, pid]) => [name, { pid, ms: pid ? treeCpuMs(pid) : 0 }]),
  );
  return () =>
    Object.fromEntries(
      Object.entries(processes()).map(([name, pid]) => {
        const start = before.get(name);
        if (!pid) return [name, 0];
        // A process restarted meanwhile (the kill -9 row) is counted from its own start.
        return [name, start?.pid === pid ? treeCpuMs(pid) - start.ms : treeCpuMs(pid)];
      }),
    );
}
