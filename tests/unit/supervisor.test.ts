// Issue 8 item 6 "Supervised processes": the restart policy (backoff, reset after a stable run, give up
// after too many crashes in a window), and the supervisor on real child processes.
import { type ChildProcess, spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import {
  type CrashRecord,
  createSupervisor,
  DEFAULT_RESTART_POLICY,
  decideRestart,
  NO_CRASHES,
  type RestartPolicy,
  type Supervisor,
} from "../../lib/supervisor.js";

const policy = DEFAULT_RESTART_POLICY; // at once, then 1 s doubling to 30 s, stable after 60 s, 5 crashes in 2 min

describe("restart policy (decideRestart)", () => {
  /** Crashes after running `uptimes[i]` ms each, restarted after the decided delay. */
  function crashes(uptimes: number[], p: RestartPolicy = policy) {
    let record: CrashRecord = NO_CRASHES;
    let clock = 0;
    return uptimes.map((uptime) => {
      const decision = decideRestart(record, clock, clock + uptime, p);
      record = decision.record;
      clock += uptime + (decision.action === "restart" ? decision.delayMs : 0);
      return decision.action === "restart" ? decision.delayMs : "give-up";
    });
  }

  it("restarts the first crash at once, then backs off exponentially from 1 s, capped at 30 s", () => {
    const slow = { ...policy, maxCrashes: 100 };
    expect(crashes([10, 10, 10, 10, 10, 10, 10, 10], slow)).toEqual([
      0, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
    ]);
  });

  it("a child that stayed up 60 s or more is restarted at once again", () => {
    expect(crashes([10, 10, 10, 120_000, 10])).toEqual([0, 1000, 2000, 0, 1000]);
  });

  it("gives up at the 5th crash within 2 minutes", () => {
    expect(crashes([10, 10, 10, 10, 10])).toEqual([0, 1000, 2000, 4000, "give-up"]);
  });

  it("crashes spread over more than the window never give up", () => {
    const everyMinute = crashes(Array.from({ length: 10 }, () => 59_000));
    expect(everyMinute).not.toContain("give-up");
  });
});

describe("supervisor", () => {
  const running: Supervisor[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  });

  const fast: RestartPolicy = {
    initialDelayMs: 100,
    maxDelayMs: 400,
    stableAfterMs: 60_000,
    maxCrashes: 4,
    crashWindowMs: 60_000,
    standbyDelayMs: 300,
  };
  const sleeper = () => spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  const crasher = () => spawn(process.execPath, ["-e", "process.exit(3)"], { stdio: "ignore" });

  function supervise(p: RestartPolicy = fast) {
    const lines: string[] = [];
    const gaveUp: string[] = [];
    const supervisor = createSupervisor({
      policy: p,
      log: (line) => lines.push(line),
      onGiveUp: (reason) => gaveUp.push(reason),
    });
    running.push(supervisor);
    return { supervisor, lines, gaveUp };
  }

  it("restarts a killed child at once, with a log line naming it and the signal", async () => {
    const { supervisor, lines } = supervise();
    await supervisor.add({ name: "worker", start: async () => sleeper() });
    const first = supervisor.pids().worker!;
    process.kill(first, "SIGKILL");
    await expect.poll(() => supervisor.pids().worker).not.toBe(first);
    await expect.poll(() => supervisor.pids().worker).toBeDefined();
    expect(lines).toContainEqual(
      expect.stringMatching(/^worker exited unexpectedly \(signal SIGKILL\) after .*; restarting at once/),
    );
    expect(lines).toContainEqual(`worker is running again (pid ${supervisor.pids().worker})`);
  });

  it("gives up when a child keeps crashing, restarting it with growing delays until then", async () => {
    const { supervisor, lines, gaveUp } = supervise();
    await supervisor.add({ name: "api", start: async () => crasher() });
    await expect.poll(() => gaveUp.length, { timeout: 5000 }).toBe(1);
    expect(gaveUp[0]).toMatch(
      /^api exited unexpectedly \(code 3\): it crashed 4 times within 60 s; giving up/,
    );
    const delays = lines.flatMap((l) => {
      const restart = /restarting (?:in ([\d.]+) s|at once)/.exec(l);
      return restart ? [restart[1] ?? "0"] : [];
    });
    expect(delays).toEqual(["0", "0.1", "0.2"]);
  });

  it("a start that fails counts as a crash and is retried", async () => {
    const { supervisor, lines } = supervise();
    let attempts = 0;
    await supervisor.add({
      name: "server",
      start: async () => {
        attempts++;
        if (attempts === 2) throw new Error("port in use");
        return sleeper();
      },
    });
    process.kill(supervisor.pids().server!, "SIGKILL");
    await expect.poll(() => attempts, { timeout: 5000 }).toBe(3);
    await expect.poll(() => supervisor.pids().server).toBeDefined();
    expect(lines).toContainEqual(expect.stringMatching(/^server failed to start \(port in use\) after/));
  });

  it("restarts a dependent child only once its dependency is up again", async () => {
    const { supervisor } = supervise();
    let releaseServer: (() => void) | undefined;
    let serverStarts = 0;
    await supervisor.add({
      name: "server",
      start: async () => {
        serverStarts++;
        if (serverStarts > 1) await new Promise<void>((resolve) => (releaseServer = resolve));
        return sleeper();
      },
    });
    await supervisor.add({ name: "worker", start: async () => sleeper(), after: ["server"] });
    process.kill(supervisor.pids().server!, "SIGKILL");
    await expect.poll(() => releaseServer).toBeDefined();
    process.kill(supervisor.pids().worker!, "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(supervisor.pids().worker).toBeUndefined(); // waits for the server
    releaseServer!();
    await expect.poll(() => supervisor.pids().worker).toBeDefined();
  });

  it("stops the children in reverse order and restarts nothing after stop()", async () => {
    const { supervisor, lines } = supervise();
    const children: ChildProcess[] = [];
    for (const name of ["dev server", "worker", "api"]) {
      await supervisor.add({
        name,
        start: async () => {
          const child = sleeper();
          children.push(child);
          return child;
        },
      });
    }
    await supervisor.stop();
    expect(lines.filter((l) => l.startsWith("stopping"))).toEqual([
      "stopping api",
      "stopping worker",
      "stopping dev server",
    ]);
    expect(children.every((c) => c.signalCode === "SIGTERM")).toBe(true);
    expect(lines.some((l) => l.includes("unexpectedly"))).toBe(false);
  });

  describe("a child with a standby (issue 14 item 2: the worker's, lib/worker-standby.ts)", () => {
    /**
     * A worker spec whose standby is `spawn()` (a sleeper by default), ready when `ready` resolves
     * (at once by default); records when each standby was spawned and which were activated.
     */
    function withStandby(options: { spawn?: () => ChildProcess; ready?: () => Promise<void> } = {}) {
      const activated: number[] = [];
      const spawnedAt: number[] = [];
      return {
        activated,
        spawnedAt,
        spec: {
          name: "worker",
          start: async () => sleeper(),
          standby: {
            start: async () => {
              spawnedAt.push(Date.now());
              return (options.spawn ?? sleeper)();
            },
            ready: () => options.ready?.() ?? Promise.resolve(),
            activate: (child: ChildProcess) => void activated.push(child.pid!),
          },
        },
      };
    }
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };

    it("a standby starts standbyDelayMs after the child, takes its place at once when it is killed, and is followed by a new one standbyDelayMs later", async () => {
      const { supervisor, lines } = supervise();
      const { spec, activated, spawnedAt } = withStandby();
      const added = Date.now();
      await supervisor.add(spec);
      await expect.poll(() => supervisor.pids()["worker standby"]).toBeDefined();
      expect(spawnedAt[0]! - added).toBeGreaterThanOrEqual(fast.standbyDelayMs);
      const { worker: first, "worker standby": standby } = supervisor.pids();
      expect(standby).not.toBe(first);
      process.kill(first!, "SIGKILL");
      const killed = Date.now();
      await expect.poll(() => supervisor.pids().worker).toBe(standby);
      expect(activated).toEqual([standby]);
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^worker exited unexpectedly \\(signal SIGKILL\\) after [\\d.]+ s; its standby \\(pid ${standby}\\) ` +
              "took over; a new standby starts in 0.3 s$",
          ),
        ),
      );
      await expect.poll(() => supervisor.pids()["worker standby"]).toBeDefined();
      expect(spawnedAt[1]! - killed).toBeGreaterThanOrEqual(fast.standbyDelayMs);
      expect([first, standby]).not.toContain(supervisor.pids()["worker standby"]);
    });

    it("without a standby ready, a killed child is restarted as before", async () => {
      const { supervisor, lines } = supervise();
      let release: (() => void) | undefined;
      const { spec, activated, spawnedAt } = withStandby({
        ready: () => new Promise<void>((resolve) => (release = resolve)),
      });
      await supervisor.add(spec);
      await expect.poll(() => spawnedAt.length).toBe(1);
      const first = supervisor.pids().worker!;
      process.kill(first, "SIGKILL");
      await expect
        .poll(() => lines)
        .toContainEqual(
          expect.stringMatching(
            /^worker exited unexpectedly \(signal SIGKILL\) after .*; restarting at once/,
          ),
        );
      await expect.poll(() => supervisor.pids().worker).toBeDefined();
      expect(supervisor.pids().worker).not.toBe(first);
      expect(activated).toEqual([]);
      expect(spawnedAt).toHaveLength(1); // the one still getting ready is not started twice
      release!();
      await expect.poll(() => lines).toContainEqual(expect.stringMatching(/^worker standby ready/));
    });

    it("a standby that gets ready while the child waits out its restart delay takes over then", async () => {
      const slow: RestartPolicy = { ...fast, initialDelayMs: 5000, maxDelayMs: 5000 };
      const { supervisor, lines } = supervise(slow);
      let release: (() => void) | undefined;
      const { spec, activated } = withStandby({
        ready: () => new Promise<void>((resolve) => (release = resolve)),
      });
      await supervisor.add(spec);
      await expect.poll(() => release).toBeDefined();
      process.kill(supervisor.pids().worker!, "SIGKILL"); // crash 1: restarted at once
      await expect.poll(() => lines).toContainEqual(expect.stringMatching(/restarting at once/));
      await expect.poll(() => supervisor.pids().worker).toBeDefined();
      process.kill(supervisor.pids().worker!, "SIGKILL"); // crash 2 in a row: waits 5 s
      await expect.poll(() => lines).toContainEqual(expect.stringMatching(/restarting in 5 s/));
      const standby = supervisor.pids()["worker standby"]!;
      release!();
      await expect.poll(() => supervisor.pids().worker).toBe(standby);
      expect(activated).toEqual([standby]);
      expect(lines).toContainEqual(
        `worker standby (pid ${standby}) takes over instead of the delayed restart`,
      );
    });

    it("a standby that keeps crashing is given up, and the child keeps running without one", async () => {
      const { supervisor, lines, gaveUp } = supervise();
      const { spec } = withStandby({ spawn: crasher });
      await supervisor.add(spec);
      const worker = supervisor.pids().worker!;
      await expect
        .poll(() => lines, { timeout: 5000 })
        .toContainEqual(
          expect.stringMatching(
            /^worker standby exited unexpectedly \(code 3\): it crashed 4 times within 60 s; worker runs without a standby from now on$/,
          ),
        );
      expect(gaveUp).toEqual([]);
      expect(supervisor.pids().worker).toBe(worker);
      expect(alive(worker)).toBe(true);
    });

    it("stop() and killAll() end a standby that is still getting ready, without waiting for it", async () => {
      for (const end of ["stop", "killAll"] as const) {
        const { supervisor } = supervise();
        const { spec, spawnedAt } = withStandby({ ready: () => new Promise<void>(() => {}) });
        await supervisor.add(spec);
        await expect.poll(() => spawnedAt.length).toBe(1);
        const standby = supervisor.pids()["worker standby"]!;
        const started = Date.now();
        if (end === "stop") await supervisor.stop();
        else supervisor.killAll();
        await expect.poll(() => alive(standby)).toBe(false);
        expect(Date.now() - started).toBeLessThan(2000);
      }
    });

    it("stop() stops the standby with the child", async () => {
      const { supervisor, lines } = supervise();
      const standbys: ChildProcess[] = [];
      const { spec } = withStandby({
        spawn: () => {
          const child = sleeper();
          standbys.push(child);
          return child;
        },
      });
      await supervisor.add(spec);
      await expect.poll(() => lines).toContainEqual(expect.stringMatching(/^worker standby ready/));
      await supervisor.stop();
      expect(standbys.map((c) => c.signalCode)).toEqual(["SIGTERM"]);
      expect(lines.some((l) => l.includes("unexpectedly"))).toBe(false);
    });
  });
});
