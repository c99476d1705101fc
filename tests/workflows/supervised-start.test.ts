// Issue 8 item 6 "Supervised processes": under `npm start` (scripts/start.ts), a worker, an API and a
// Temporal dev server killed with SIGKILL each come back, with a log line, and the platform is ready
// again (health 200, the worker polling, Temporal's data kept); Ctrl-C stops the API, the worker and
// the dev server in that order with exit 0, also when npm's forwarded copy of it follows at once; a
// child that keeps crashing stops it with exit 1.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { Client, Connection } from "@temporalio/client";
import { afterAll, describe, expect, it } from "vitest";
import { freePorts } from "../../lib/free-port.js";
import { sessionNiceness } from "../support/niceness.js";

const external = Boolean(process.env.TEMPORAL_ADDRESS);
const dataDir = path.resolve(".test-data", `supervised-start-${randomUUID()}`);
const started: Platform[] = [];

type Platform = {
  child: ChildProcess;
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  api: string;
  /** The first output line from index `from` on that matches, waiting for it. */
  line(pattern: RegExp, from?: number, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** The pid of the child as last (re)started, or of the standby that took its place ("worker standby": the standby's). */
  pid(name: string): number;
};

function startPlatform(
  ports: { api: number; temporal: number; ui: number },
  env: Record<string, string> = {},
) {
  // The platform as a user starts it: its own dev server, namespace and task queue.
  const {
    DATABASE_URL: _url,
    PUBLIC_URL: _public,
    TEMPORAL_NAMESPACE: _namespace,
    ...inherited
  } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--no-console-build"], {
    env: {
      ...inherited,
      NODE_ENV: "development",
      DATA_DIR: dataDir,
      PORT: String(ports.api),
      HOST: "127.0.0.1",
      TEMPORAL_DEV_PORT: String(ports.temporal),
      TEMPORAL_UI_PORT: String(ports.ui),
      LOG_LEVEL: "warn",
      HEALTH_PROBE_INTERVAL_MS: "500",
      RESTART_STANDBY_DELAY_MS: "1000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => lines.push(line));
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const platform: Platform = {
    child,
    lines,
    exited,
    api: `http://127.0.0.1:${ports.api}`,
    async line(pattern: RegExp, from = 0, timeoutMs = 60_000): Promise<RegExpMatchArray> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        for (const line of lines.slice(from)) {
          const match = pattern.exec(line);
          if (match) return match;
        }
        if (Date.now() > deadline || child.exitCode !== null) {
          throw new Error(`no line ${pattern} in the output:\n${lines.slice(-40).join("\n")}`);
        }
        await sleep(100);
      }
    },
    pid(name) {
      const pattern = new RegExp(
        `^\\[start\\] ${name} (?:(?:started|is running again|ready) \\(pid (\\d+)\\)|` +
          "exited unexpectedly .*; its standby \\(pid (\\d+)\\) took over)",
      );
      const pids = lines.flatMap((line) => {
        const match = pattern.exec(line);
        return match ? [match[1] ?? match[2]] : [];
      });
      return Number(pids.at(-1));
    },
  };
  started.push(platform);
  return platform;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether process `pid` exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function health(api: string) {
  try {
    const response = await fetch(`${api}/api/health`, { signal: AbortSignal.timeout(2000) });
    return { status: response.status, data: (await response.json()).data };
  } catch {
    return { status: 0, data: undefined };
  }
}

/** Waits until the API answers ready from a successful Temporal probe made after `since`; returns when. */
async function readyAgain(api: string, since: number, timeoutMs = 45_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await health(api);
    const temporal = answer.data?.temporal;
    if (
      answer.status === 200 &&
      temporal.consecutiveFailures === 0 &&
      Date.parse(temporal.checkedAt) > since
    ) {
      return Date.now();
    }
    if (Date.now() > deadline) throw new Error(`not ready again: ${JSON.stringify(answer)}`);
    await sleep(100);
  }
}

/** The niceness of every thread of process `pid` (Linux: field 19 of /proc/PID/task/TID/stat). */
async function threadNiceness(pid: number): Promise<number[]> {
  const tids = await readdir(`/proc/${pid}/task`);
  return Promise.all(
    tids.map(async (tid) => {
      const stat = await readFile(`/proc/${pid}/task/${tid}/stat`, "utf8");
      // Fields after the command's closing parenthesis, which may itself hold spaces: state is field 3.
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
    }),
  );
}

async function withTemporal<T>(address: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address, connectTimeout: 2000 });
  try {
    return await fn(new Client({ connection }));
  } finally {
    await connection.close();
  }
}

const identity = (pid: number) => `${pid}@${os.hostname()}`;

/** The identities (pid@host) of the processes polling the platform's workflow task queue. */
function pollers(address: string): Promise<string[]> {
  return withTemporal(address, async (client) => {
    const { pollers } = await client.workflowService.describeTaskQueue({
      namespace: "default",
      taskQueue: { name: "account-platform" },
      taskQueueType: 1, // workflow tasks
    });
    return (pollers ?? []).map((p) => p.identity ?? "");
  });
}

/** Waits until the worker process `pid` polls the platform's task queue. */
async function workerPolls(address: string, pid: number, timeoutMs = 45_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const identities = await pollers(address).catch((): string[] => []);
    if (identities.includes(identity(pid))) return Date.now();
    if (Date.now() > deadline)
      throw new Error(`worker ${identity(pid)} is not polling (pollers: ${identities})`);
    await sleep(250);
  }
}

afterAll(async () => {
  for (const platform of started) {
    if (platform.child.exitCode !== null || platform.child.signalCode !== null) continue;
    platform.child.kill("SIGTERM");
    await Promise.race([platform.exited, sleep(20_000)]);
    platform.child.kill("SIGKILL");
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe("supervised npm start", () => {
  const probeWorkflowId = `supervised-start-probe-${randomUUID()}`;
  let ports: { api: number; temporal: number; ui: number };

  it("restarts a killed worker, API and Temporal dev server, then stops in order on Ctrl-C, also when it arrives twice at once (npm forwards it)", async () => {
    const [apiPort, temporalPort, uiPort] = await freePorts(3);
    ports = { api: apiPort!, temporal: temporalPort!, ui: uiPort! };
    const platform = startPlatform(ports);
    const temporal = `127.0.0.1:${ports.temporal}`;
    await platform.line(/Ready in/, 0, 90_000);
    const timings: Record<string, number> = {};

    // Issue 14: the background processes leave the CPU to the API first (BACKGROUND_NICE, default 3,
    // added to the niceness `npm start` runs at), every thread of them; the API keeps npm start's.
    const own = os.getPriority();
    const backgroundNice = new Set([Math.min(19, own + 3)]);
    for (const name of external ? ["worker"] : ["worker", "Temporal dev server"])
      expect(new Set(await threadNiceness(platform.pid(name)))).toEqual(backgroundNice);
    expect(new Set(await threadNiceness(platform.pid("API")))).toEqual(new Set([own]));
    // Each child leads a session of its own (detached), and with Linux's autogroup scheduling a
    // process's niceness counts only within its session: the background sessions carry it too.
    if (existsSync(`/proc/${platform.pid("API")}/autogroup`)) {
      for (const name of external ? ["worker"] : ["worker", "Temporal dev server"])
        expect(await sessionNiceness(platform.pid(name))).toBe(3);
      expect(await sessionNiceness(platform.pid("API"))).toBe(0);
    }

    // The worker: its standby (prepared, not polling) takes its place at once; a new standby follows.
    let from = 0;
    const standby = Number((await platform.line(/^\[start\] worker standby ready \(pid (\d+)\)/))[1]);
    expect(new Set(await threadNiceness(standby))).toEqual(backgroundNice);
    if (existsSync(`/proc/${standby}/autogroup`)) expect(await sessionNiceness(standby)).toBe(3);
    if (!external) {
      // Seen by the server: the worker polls, the standby does not (over 2 s).
      for (let sample = 0; sample < 5; sample++) {
        const identities = await pollers(temporal);
        expect(identities).toContain(identity(platform.pid("worker")));
        expect(identities).not.toContain(identity(standby));
        await sleep(500);
      }
    }
    from = platform.lines.length;
    let killed = Date.now();
    process.kill(platform.pid("worker"), "SIGKILL");
    await platform.line(
      new RegExp(
        `^\\[start\\] worker exited unexpectedly \\(signal SIGKILL\\) after .*; its standby \\(pid ${standby}\\) ` +
          "took over; a new standby starts in 1 s",
      ),
      from,
    );
    if (!external) timings.worker = (await workerPolls(temporal, standby)) - killed;
    await platform.line(/^\[start\] worker standby ready/, from);
    expect(platform.pid("worker standby")).not.toBe(standby);

    // A standby that dies is replaced, at once: its crashes are counted apart from the worker's.
    from = platform.lines.length;
    process.kill(platform.pid("worker standby"), "SIGKILL");
    await platform.line(
      /^\[start\] worker standby exited unexpectedly \(signal SIGKILL\); starting another in 0 s/,
      from,
    );
    await platform.line(/^\[start\] worker standby ready/, from);

    // The API.
    from = platform.lines.length;
    killed = Date.now();
    process.kill(platform.pid("API"), "SIGKILL");
    await platform.line(
      /^\[start\] API exited unexpectedly \(signal SIGKILL\) after .*; restarting at once/,
      from,
    );
    await platform.line(/^\[start\] API is running again/, from);
    timings.api = (await readyAgain(platform.api, killed)) - killed;

    if (!external) {
      // The dev server: a workflow started before the crash is still there after it (same SQLite file).
      await withTemporal(temporal, (client) =>
        client.workflow.start("SupervisedStartProbe", {
          workflowId: probeWorkflowId,
          taskQueue: `supervised-start-probe-${randomUUID()}`,
        }),
      );
      const survivor = platform.pid("worker standby");
      from = platform.lines.length;
      killed = Date.now();
      process.kill(platform.pid("Temporal dev server"), "SIGKILL");
      await platform.line(
        /^\[start\] Temporal dev server exited unexpectedly \(signal SIGKILL\) after .*; restarting at once/,
        from,
      );
      await platform.line(/^\[start\] Temporal dev server is running again/, from);
      const back = Date.now();
      timings.devServer = back - killed;
      const probe = await withTemporal(temporal, (client) =>
        client.workflow.getHandle(probeWorkflowId).describe(),
      );
      expect(probe.status.name).toBe("RUNNING");
      // The API's lazy client reconnects by itself, and so does the worker (or it is restarted).
      timings.devServerHealth = (await readyAgain(platform.api, back)) - killed;
      timings.devServerWorker = (await workerPolls(temporal, platform.pid("worker"))) - killed;

      // The standby stood by through the dev server's restart, and still takes over.
      expect(platform.lines.slice(from).join("\n")).not.toMatch(/worker standby exited/);
      expect(platform.pid("worker standby")).toBe(survivor);
      from = platform.lines.length;
      killed = Date.now();
      process.kill(platform.pid("worker"), "SIGKILL");
      await platform.line(new RegExp(`its standby \\(pid ${survivor}\\) took over`), from);
      timings.workerAfterDevServer = (await workerPolls(temporal, survivor)) - killed;
      await platform.line(/^\[start\] worker standby ready/, from);
    }
    console.log(`restart times (ms from SIGKILL): ${JSON.stringify(timings)}`);

    const children = ["worker", "worker standby", "API", ...(external ? [] : ["Temporal dev server"])].map(
      (name) => platform.pid(name),
    );
    from = platform.lines.length;
    // Ctrl-C in a terminal under npm: the keypress's SIGINT and npm's forwarded copy, milliseconds
    // apart, are one request to stop in order, not a second Ctrl-C that kills everything.
    platform.child.kill("SIGINT");
    await sleep(20);
    platform.child.kill("SIGINT");
    expect(await platform.exited).toEqual({ code: 0, signal: null });
    // No child outlives npm start, the standby included.
    expect(children.filter(alive)).toEqual([]);
    const stops = platform.lines.slice(from).filter((line) => line.startsWith("[start] stopping "));
    expect(stops).toEqual([
      "[start] stopping API",
      "[start] stopping worker",
      ...(external ? [] : ["[start] stopping Temporal dev server"]),
    ]);
    expect(platform.lines.slice(from).join("\n")).not.toMatch(/unexpectedly|again: killing/);
  }, 120_000);

  it("stops everything with exit 1 when a child keeps crashing (data kept for the next start)", async () => {
    const platform = startPlatform(ports, { RESTART_MAX_CRASHES: "3" });
    await platform.line(/Ready in/, 0, 90_000);
    if (!external) {
      const probe = await withTemporal(`127.0.0.1:${ports.temporal}`, (client) =>
        client.workflow.getHandle(probeWorkflowId).describe(),
      );
      expect(probe.status.name).toBe("RUNNING");
    }
    for (let crash = 1; crash <= 3; crash++) {
      const from = platform.lines.length;
      process.kill(platform.pid("API"), "SIGKILL");
      await platform.line(/^\[start\] API exited unexpectedly \(signal SIGKILL\)/, from);
      if (crash < 3) await platform.line(/^\[start\] API is running again/, from);
    }
    expect(await platform.exited).toEqual({ code: 1, signal: null });
    const output = platform.lines.join("\n");
    expect(output).toMatch(/restarting at once \(crash 1 of 3/);
    expect(output).toMatch(/restarting in 1 s \(crash 2 of 3/);
    expect(output).toMatch(
      /API exited unexpectedly \(signal SIGKILL\): it crashed 3 times within 120 s; giving up and stopping everything/,
    );
    // The crashed API is not running: the others stop in order.
    expect(platform.lines.filter((line) => line.startsWith("[start] stopping "))).toEqual([
      "[start] stopping worker",
      ...(external ? [] : ["[start] stopping Temporal dev server"]),
    ]);
  }, 120_000);
});
