// Issue 14: the background processes' lower CPU priority also holds for the sessions `npm start`
// runs them in (lib/background-priority.ts).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { atNiceness, atSessionNiceness } from "../../lib/background-priority.js";
import { sessionNiceness } from "../support/niceness.js";

const autogroup = existsSync("/proc/self/autogroup");
const children: number[] = [];

afterEach(() => {
  for (const pid of children.splice(0)) process.kill(pid, "SIGKILL");
});

/** A `sleep` in a session of its own, as `npm start` runs its children. */
function detachedSleep(): number {
  const child = spawn("sleep", ["30"], { stdio: "ignore", detached: true });
  children.push(child.pid!);
  return child.pid!;
}

describe("background priority", () => {
  it("runs a command at a niceness through POSIX nice, and unchanged at 0", () => {
    expect(atNiceness(3, "node", ["a.js"])).toEqual(["nice", ["-n", "3", "node", "a.js"]]);
    expect(atNiceness(0, "node", ["a.js"])).toEqual(["node", ["a.js"]]);
  });

  it.runIf(autogroup)(
    "gives a detached child's session the niceness (autogroup), leaving it at 0 for niceness 0",
    async () => {
      const lowered = detachedSleep();
      const unchanged = detachedSleep();
      await atSessionNiceness(lowered, 3);
      await atSessionNiceness(unchanged, 0);
      expect(await sessionNiceness(lowered)).toBe(3);
      expect(await sessionNiceness(unchanged)).toBe(0);
      // Two sessions at once: the kernel's 100 ms limit for unprivileged callers is waited out.
      const [a, b] = [detachedSleep(), detachedSleep()];
      await Promise.all([atSessionNiceness(a, 5), atSessionNiceness(b, 5)]);
      expect([await sessionNiceness(a), await sessionNiceness(b)]).toEqual([5, 5]);
    },
  );

  it("does nothing for a process that has exited", async () => {
    const child = spawn("true", [], { stdio: "ignore", detached: true });
    await new Promise((resolve) => child.once("exit", resolve));
    await expect(atSessionNiceness(child.pid, 3)).resolves.toBeUndefined();
  });
});
