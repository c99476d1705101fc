// Issue 8 item 6 (supervised processes): Ctrl-C while a child's restart waits for its dependency stops everything.
import { spawn } from "node:child_process";
import { expect, it } from "vitest";
import { createSupervisor, type RestartPolicy } from "../../lib/supervisor.js";

const fast: RestartPolicy = {
  initialDelayMs: 50,
  maxDelayMs: 400,
  stableAfterMs: 60_000,
  maxCrashes: 10,
  crashWindowMs: 60_000,
  standbyDelayMs: 100,
};
const sleeper = () => spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });

it("stop() finishes when the worker's restart is waiting for a dev server that is being restarted", async () => {
  const lines: string[] = [];
  const supervisor = createSupervisor({ policy: fast, log: (l) => lines.push(l), onGiveUp: () => {} });
  const spawned: ReturnType<typeof sleeper>[] = [];
  let serverStarts = 0;
  await supervisor.add({
    name: "dev server",
    start: async () => {
      serverStarts++;
      // A restarted dev server takes a moment to serve again (about 2.5 s in the README).
      if (serverStarts > 1) await new Promise((resolve) => setTimeout(resolve, 500));
      const child = sleeper();
      spawned.push(child);
      return child;
    },
  });
  await supervisor.add({
    name: "worker",
    start: async () => {
      const child = sleeper();
      spawned.push(child);
      return child;
    },
    after: ["dev server"],
  });
  // The dev server dies, and the worker dies while it is away.
  process.kill(supervisor.pids()["dev server"]!, "SIGKILL");
  process.kill(supervisor.pids().worker!, "SIGKILL");
  await new Promise((resolve) => setTimeout(resolve, 150)); // both restarts are under way
  // Ctrl-C now.
  const stopped = supervisor.stop().then(() => "stopped");
  const outcome = await Promise.race([
    stopped,
    new Promise((resolve) => setTimeout(() => resolve("still stopping after 5 s"), 5000)),
  ]);
  supervisor.killAll();
  for (const child of spawned) child.kill("SIGKILL");
  expect(outcome).toBe("stopped");
});
