// The embedded default runs the Temporal dev server, the worker and the API on one machine. Under
// load they compete for its cores, and a person waiting on the API (an inbox read, a form) waits for
// CPU the workflows' background work holds. The background processes therefore start at a lower CPU
// priority (a higher niceness): on a contended core the kernel gives the API the larger share (about
// 2× theirs at niceness 3), and the background work still runs (issue 14, the soak; README).

import { writeFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * The command and arguments that run `command args` at CPU niceness `nice` (1–19, through POSIX
 * `nice`, so every thread of the process has it from the start), or unchanged for 0. The process keeps
 * its pid: `nice` replaces itself with the command.
 */
export function atNiceness(nice: number, command: string, args: string[]): [string, string[]] {
  return nice > 0 ? ["nice", ["-n", String(nice), command, ...args]] : [command, args];
}

/**
 * Gives the session that process `pid` leads (a child spawned `detached`, which makes it a session
 * of its own) CPU niceness `nice` (1–19; 0 does nothing). Needed beside `atNiceness` on Linux with
 * autogroup scheduling, its default for processes outside a CPU cgroup: a core is first shared
 * between sessions, each weighted by its session's niceness (0 for a new one), and a process's own
 * niceness counts only within its session. Measured (2026-12-06, one core, two busy loops in separate
 * sessions): at niceness 10 and 0 they shared it 50/50; with the session's niceness 10 too, 16/84.
 * Does nothing where `/proc/PID/autogroup` does not exist (not Linux, no autogroup) or the process
 * has exited. An unprivileged process may set a session's niceness once every 100 ms (the kernel
 * answers EAGAIN before): retried for up to ~1 s.
 * @throws the file system's error otherwise (EACCES, EROFS: the caller decides whether it matters)
 */
export async function atSessionNiceness(pid: number | undefined, nice: number): Promise<void> {
  if (pid === undefined || nice <= 0) return;
  for (let attempt = 1; ; attempt++) {
    try {
      await writeFile(`/proc/${pid}/autogroup`, String(nice));
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ESRCH") return;
      if (code !== "EAGAIN" || attempt === 10) throw error;
      await sleep(110);
    }
  }
}
