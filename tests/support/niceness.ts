// The CPU niceness of a process's session, as Linux's autogroup scheduling weighs it (issue 14:
// lib/background-priority.ts atSessionNiceness).
import { readFile } from "node:fs/promises";

/** The niceness of the session (autogroup) process `pid` belongs to, from /proc/PID/autogroup ("/autogroup-123 nice 3"). */
export async function sessionNiceness(pid: number): Promise<number> {
  const line = await readFile(`/proc/${pid}/autogroup`, "utf8");
  return Number(line.trim().split(" nice ")[1]);
}
