// CPU time and resident memory of a process, read from Linux's /proc (no library: two fields of
// one line). CPU is user + system time; the Temporal dev server is one process, so its CPU is
// "Temporal" as a whole.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on most kernels). */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU time the process has used so far, in milliseconds; 0 once it has gone. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return ((utime + stime) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
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

/** Named processes whose CPU a row charges per request (e.g. Temporal, worker, API). */
export type Processes = () => Record<string, number | undefined>;

/** CPU used by each process between the call and the returned stop(), in milliseconds. */
export function cpuMeter(processes: Processes): () => Record<string, number> {
  const before = new Map(
    Object.entries(processes()).map(([name, pid]) => [name, { pid, ms: pid ? cpuMs(pid) : 0 }]),
  );
  return () =>
    Object.fromEntries(
      Object.entries(processes()).map(([name, pid]) => {
        const start = before.get(name);
        if (!pid) return [name, 0];
        // A process restarted meanwhile (the kill -9 row) is counted from its own start.
        return [name, start?.pid === pid ? cpuMs(pid) - start.ms : cpuMs(pid)];
      }),
    );
}
