// The embedded default runs the Temporal dev server, the worker and the API on one machine. Under
// load they compete for its cores, and a person waiting on the API (an inbox read, a form) waits for
// CPU the workflows' background work holds. The background processes therefore start at a lower CPU
// priority (a higher niceness): on a contended core the kernel gives the API the larger share (about
// 2× theirs at niceness 3), and the background work still runs (issue 14, the soak; README).

/**
 * The command and arguments that run `command args` at CPU niceness `nice` (1–19, through POSIX
 * `nice`, so every thread of the process has it from the start), or unchanged for 0. The process keeps
 * its pid: `nice` replaces itself with the command.
 */
export function atNiceness(nice: number, command: string, args: string[]): [string, string[]] {
  return nice > 0 ? ["nice", ["-n", String(nice), command, ...args]] : [command, args];
}
