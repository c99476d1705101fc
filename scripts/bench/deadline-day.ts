// The deadline-day rows on a running stack (issue 14 item 1): submissions until the task is in the
// inbox, decisions (warm, cold, after a kill -9), end-to-end throughput, the middleware chain
// against a bare node:http server, a soak, and the worker's memory per cached workflow. Every row
// runs open loop at a constant arrival rate (load.ts) unless it measures capacity.
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type Lateness, measureEventLoopLateness } from "../../lib/event-loop-lateness.js";
import { type StatementCounts, statementsBetween } from "../../lib/statement-stats.js";
import { PROVINCIAL_HR_NAME } from "../../prisma/seed/seed.js";
import { type Api, apiClient } from "./client.js";
import {
  createApplicants,
  openSessions,
  passwordsPreparedAhead,
  registrationNeedingReview,
  TaskWatcher,
} from "./fixtures.js";
import { closedLoop, openLoop } from "./load.js";
import { cpuMeter, rssBytes } from "./proc.js";
import type { RowResult } from "./report.js";
import type { BenchStack, WorkerStart } from "./stack.js";
import { Recorder } from "./stats.js";

/** Sizes of one run; --smoke shrinks every row to seconds. */
export type Sizes = {
  rate: number;
  seconds: number;
  warmupSeconds: number;
  throughputRates: number[];
  throughputSeconds: number;
  capacitySeconds: number;
  concurrency: number;
  soak: { seconds: number; submissions: number; decisions: number; reads: number; readsAloneSeconds: number };
  memoryCounts: number[];
  /** Worker restarts (graceful, then kill -9) whose first decision is timed; the rows give the median. */
  restarts: number;
};

export const FULL: Sizes = {
  rate: 5,
  seconds: 30,
  warmupSeconds: 5,
  throughputRates: [5, 8, 11, 15, 20, 25, 30, 40, 50],
  throughputSeconds: 20,
  capacitySeconds: 10,
  concurrency: 16,
  soak: { seconds: 600, submissions: 5, decisions: 20, reads: 50, readsAloneSeconds: 60 },
  memoryCounts: [1000, 10_000],
  restarts: 5,
};

export const SMOKE: Sizes = {
  rate: 2,
  seconds: 3,
  warmupSeconds: 1,
  throughputRates: [3],
  throughputSeconds: 3,
  capacitySeconds: 2,
  concurrency: 4,
  soak: { seconds: 4, submissions: 1, decisions: 2, reads: 5, readsAloneSeconds: 2 },
  memoryCounts: [10],
  restarts: 1,
};

type Context = {
  stack: BenchStack;
  api: Api;
  sizes: Sizes;
  smoke: boolean;
  watcher: TaskWatcher;
  reviewer: string;
  admin: string;
  unitId: string;
  unitName: string;
  nextApplicant: number;
  log: (line: string) => void;
};

/** A recorder holding `samples` (ms), for their percentiles. */
const recorderOf = (samples: number[]) => {
  const recorder = new Recorder();
  for (const ms of samples) recorder.record(ms);
  return recorder;
};

/** Samples in ms, rounded, in the order taken. */
const msList = (values: number[]) => values.map((v) => Math.round(v)).join(", ");

/** A worker's start-up steps as "imports 540, database 610, …" (ms since its process started). */
const stepsText = (steps: Record<string, number>) =>
  Object.entries(steps)
    .map(([step, ms]) => `${step} ${ms}`)
    .join(", ") || "not logged";

/** The figures every row shares: CPU per request by process over the measured loop. */
function perRequest(cpu: Record<string, number>, requests: number): Record<string, number> {
  return Object.fromEntries(Object.entries(cpu).map(([name, ms]) => [name, requests ? ms / requests : 0]));
}

const loadText = (rate: number, seconds: number, warmup: number) =>
  `${rate}/s open loop, ${seconds} s (+${warmup} s warm-up)`;

async function personId(stack: BenchStack, idNumber: string): Promise<string> {
  return (await stack.db.person.findUniqueOrThrow({ where: { idNumber }, select: { id: true } })).id;
}

export async function prepare(stack: BenchStack, sizes: Sizes, smoke: boolean, log: (l: string) => void) {
  const reviewer = stack.people.find((p) => p.role === "PLATFORM_REVIEWER")!;
  const admin = stack.people.find((p) => p.role === "UNIT_ADMIN" && p.unitName !== PROVINCIAL_HR_NAME)!;
  const unit = await stack.db.unit.findUniqueOrThrow({ where: { name: admin.unitName } });
  const [reviewerCookie, adminCookie] = await openSessions(stack.db, [
    await personId(stack, reviewer.idNumber),
    await personId(stack, admin.idNumber),
  ]);
  return {
    stack,
    api: apiClient(stack.url),
    sizes,
    smoke,
    watcher: new TaskWatcher(stack.config.databaseUrl),
    reviewer: reviewerCookie!,
    admin: adminCookie!,
    unitId: unit.id,
    unitName: unit.name,
    nextApplicant: 0,
    log,
  } satisfies Context;
}

async function applicants(ctx: Context, count: number) {
  const made = await createApplicants(ctx.stack.db, count, ctx.nextApplicant);
  ctx.nextApplicant += count;
  return made;
}

/** `count` open binding requests with their tasks visible (for decision rows), submitted 8 at a time. */
async function openBindingTasks(ctx: Context, count: number): Promise<string[]> {
  const people = await applicants(ctx, count);
  const tasks: Promise<string>[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(8, count) }, async () => {
      while (next < people.length) {
        const person = people[next++]!;
        const id = await ctx.api.submitBinding(person.cookie, ctx.unitName);
        tasks.push(ctx.watcher.waitFor(id));
      }
    }),
  );
  return Promise.all(tasks);
}

/**
 * Waits until the standby stands by, then (up to 60 s) until the stack is idle — its processes
 * together below 10% of a core over half a second — so a row does not pay for the previous row's
 * leftover work (timers, retries, a backlog, a standby's start-up).
 */
async function settle(ctx: Context): Promise<void> {
  await ctx.stack.standbyReady();
  const deadline = Date.now() + 60_000;
  let busy: Record<string, number> = {};
  while (Date.now() < deadline) {
    const meter = cpuMeter(ctx.stack.pids);
    await sleep(500);
    busy = meter();
    if (Object.values(busy).reduce((a, b) => a + b, 0) < 50) return;
  }
  // Who was busy names the leftover work (CPU ms over the last half second, per process).
  ctx.log(`the stack did not become idle within 60 s (last 0.5 s: ${cpuText(busy)} ms); measuring anyway`);
}

function check(ctx: Context, row: Omit<RowResult, "ok" | "stack">, met: boolean): RowResult {
  const errors = row.latency?.errors ?? 0;
  const ok = ctx.smoke ? errors === 0 : met && errors === 0;
  const result = { ...row, stack: ctx.stack.kind, ok };
  ctx.log(
    `${ok ? "ok  " : "MISS"} ${row.title}: ${row.value.toFixed(2)} ${row.unit}` +
      (row.latency
        ? ` (p50 ${row.latency.p50} p95 ${row.latency.p95} p99 ${row.latency.p99} ms, ${errors} errors)`
        : ""),
  );
  return result;
}

const inbox = (queue: string) => `/api/tasks?view=unclaimed&queue=${queue}&page=1&pageSize=20`;

export async function submissionRows(ctx: Context): Promise<RowResult[]> {
  const { rate, seconds, warmupSeconds: warmup } = ctx.sizes;
  const total = Math.round(rate * (seconds + warmup));
  const rows: RowResult[] = [];

  // Baseline: the reviewer's inbox list GET at the same rate.
  ctx.log("baseline: the reviewers' inbox list GET");
  await settle(ctx);
  let meter = cpuMeter(ctx.stack.pids);
  const list = await openLoop({ rate, seconds, warmupSeconds: warmup }, async () => {
    await ctx.api.get(inbox("PLATFORM_REVIEW"), ctx.reviewer);
  });
  const listLatency = list.recorder.summary();
  rows.push(
    check(
      ctx,
      {
        id: "inbox-list-get",
        title: "Inbox list GET (baseline)",
        load: loadText(rate, seconds, warmup),
        latency: listLatency,
        value: listLatency.p95,
        unit: "ms p95",
        cpuMsPerRequest: perRequest(meter(), total),
        target: "baseline (no target)",
        notes: [],
      },
      true,
    ),
  );

  // Registration needing review: submit → its task is in the reviewers' inbox.
  ctx.log("registration needing review: submit → task visible");
  const uploads: Array<{ licence: string; letter: string }> = [];
  for (let i = 0; i < total; i++)
    uploads.push({
      licence: await ctx.api.upload("BUSINESS_LICENCE"),
      letter: await ctx.api.upload("AUTHORIZATION_LETTER"),
    });
  await settle(ctx);
  meter = cpuMeter(ctx.stack.pids);
  const preparedPassword = passwordsPreparedAhead(ctx.api, total, rate);
  const registrations = await openLoop({ rate, seconds, warmupSeconds: warmup }, async (i) => {
    const body = registrationNeedingReview(i, uploads[i]!, await preparedPassword(i));
    const answer = await ctx.api.post<{ data: { requestNumber: string } }>("/api/registrations", body);
    await ctx.watcher.waitFor(answer.data.requestNumber);
  });
  const reg = registrations.recorder.summary();
  const regRatio = reg.p95 / listLatency.p95;
  rows.push(
    check(
      ctx,
      {
        id: "registration-task-visible",
        title: "Submit → task visible, registration needing review",
        load: loadText(rate, seconds, warmup),
        latency: reg,
        value: reg.p95,
        unit: "ms p95",
        baseline: { name: "inbox list GET p95", value: listLatency.p95, unit: "ms" },
        ratio: regRatio,
        cpuMsPerRequest: perRequest(meter(), total),
        target: "p95 ≤ 300 ms and ≤ 5× the list GET",
        notes: [
          "each password prepared (POST /api/registrations/prepared-passwords) at a random moment of the second before its submission, as the console does at the password step; untimed, its CPU in the window",
          ...registrations.recorder.samples,
        ],
        extra: { p50Ratio: reg.p50 / listLatency.p50 },
      },
      reg.p95 <= 300 && regRatio <= 5,
    ),
  );

  // Binding request: submit → its task is in the unit's inbox. These tasks are then decided.
  ctx.log("binding request: submit → task visible");
  const people = await applicants(ctx, total);
  const bindingTasks: string[] = [];
  await settle(ctx);
  meter = cpuMeter(ctx.stack.pids);
  const bindings = await openLoop({ rate, seconds, warmupSeconds: warmup }, async (i) => {
    const id = await ctx.api.submitBinding(people[i]!.cookie, ctx.unitName);
    bindingTasks.push(await ctx.watcher.waitFor(id));
  });
  const bind = bindings.recorder.summary();
  rows.push(
    check(
      ctx,
      {
        id: "binding-task-visible",
        title: "Submit → task visible, binding request",
        load: loadText(rate, seconds, warmup),
        latency: bind,
        value: bind.p95,
        unit: "ms p95",
        baseline: { name: "inbox list GET p95", value: listLatency.p95, unit: "ms" },
        ratio: bind.p95 / listLatency.p95,
        cpuMsPerRequest: perRequest(meter(), total),
        target: "p95 ≤ 150 ms",
        notes: bindings.recorder.samples,
      },
      bind.p95 <= 150,
    ),
  );

  // Decisions, warm: the unit administrator approves those requests at the same rate.
  ctx.log("decision round trip, warm");
  await settle(ctx);
  meter = cpuMeter(ctx.stack.pids);
  const decisions = await openLoop({ rate, seconds, warmupSeconds: warmup }, async (i) => {
    const task = bindingTasks[i];
    if (!task) throw new Error("no open task to decide (its submission failed)");
    await ctx.api.decide(ctx.admin, task);
  });
  const warm = decisions.recorder.summary();
  rows.push(
    check(
      ctx,
      {
        id: "decision-warm",
        title: "Decision round trip (binding request), warm",
        load: loadText(rate, seconds, warmup),
        latency: warm,
        value: warm.p95,
        unit: "ms p95",
        baseline: { name: "inbox list GET p95", value: listLatency.p95, unit: "ms" },
        ratio: warm.p95 / listLatency.p95,
        cpuMsPerRequest: perRequest(meter(), total),
        target: "p95 ≤ 150 ms",
        notes: decisions.recorder.samples,
      },
      warm.p95 <= 150,
    ),
  );

  // Cold: the first decision after a (graceful) worker restart; then after a kill -9. One sample is
  // at the mercy of whatever else the machine does in that second, so each is taken `restarts` times
  // and the row gives the median, with every sample in its notes.
  const runs = ctx.sizes.restarts;
  const tasks = await openBindingTasks(ctx, runs);
  ctx.log(`decision round trip, cold (first after a worker start), ${runs}×`);
  const colds: {
    ms: number;
    cpu: Record<string, number>;
    restart: Awaited<ReturnType<BenchStack["restartWorker"]>>;
  }[] = [];
  for (const task of tasks) {
    const restart = await ctx.stack.restartWorker();
    // The CPU each process spends on this one decision: on a loaded machine the wall time stretches
    // with the other work, this does not (compare with the warm row's CPU ms per request).
    const coldMeter = cpuMeter(ctx.stack.pids);
    const started = performance.now();
    await ctx.api.decide(ctx.admin, task);
    colds.push({ ms: performance.now() - started, cpu: coldMeter(), restart });
  }
  // Per process, the median over the restarts of its CPU ms for the cold decision.
  const coldCpu = Object.fromEntries(
    Object.keys(colds[0]?.cpu ?? {}).map((name) => [
      name,
      recorderOf(colds.map((c) => c.cpu[name] ?? 0)).summary().p50,
    ]),
  );
  const coldLatency = recorderOf(colds.map((c) => c.ms)).summary();
  const cold = coldLatency.p50;
  const lastRestart = colds.at(-1)!.restart;
  rows.push(
    check(
      ctx,
      {
        id: "decision-cold",
        title: "Decision round trip, cold (first after worker start)",
        load: `1 decision once the new worker polls; median of ${runs} restarts`,
        latency: coldLatency,
        value: cold,
        unit: "ms",
        baseline: { name: "warm p95", value: warm.p95, unit: "ms" },
        ratio: cold / warm.p95,
        cpuMsPerRequest: coldCpu,
        target: "≤ 2× warm p95",
        notes: [
          `samples: ${msList(colds.map((c) => c.ms))} ms`,
          `worker CPU ms of each cold decision: ${msList(colds.map((c) => c.cpu.worker ?? 0))} ` +
            "(the CPU column: per process, the median over the restarts)",
          `the last worker took ${lastRestart.readyMs} ms from spawn to polling`,
          `its start-up steps, ms since its process started: ${stepsText(lastRestart.startupMs)}`,
        ],
        extra: { samplesMs: colds.map((c) => c.ms), cpuMs: colds.map((c) => c.cpu) },
      },
      cold <= 2 * warm.p95,
    ),
  );

  ctx.log(`first decision after a worker kill -9, ${runs}×`);
  const crashes: ({ fromKill: number; afterPoll: number } & WorkerStart)[] = [];
  for (let run = 0; run < runs; run++) {
    // Opened now, the request's workflow last ran on the worker about to be killed, as every open
    // request's has after a crash: its next task waits on that worker's sticky queue until the
    // sticky timeout (1 s) gives it to another. Killed once idle: a workflow task under way when
    // its worker dies waits for its own 10 s timeout instead (the task row is written within it).
    const [task] = await openBindingTasks(ctx, 1);
    await settle(ctx);
    const crash = await ctx.stack.killAndRestartWorker();
    const started = performance.now();
    await ctx.api.decide(ctx.admin, task!);
    crashes.push({ ...crash, afterPoll: performance.now() - started, fromKill: Date.now() - crash.killedAt });
  }
  const killLatency = recorderOf(crashes.map((c) => c.fromKill)).summary();
  const fromKill = killLatency.p50;
  const last = crashes.at(-1)!;
  rows.push(
    check(
      ctx,
      {
        id: "decision-after-kill",
        title: "First decision after a worker kill -9",
        // From the kill, as a reviewer waits: the new worker's start counts.
        load:
          `kill -9, ${last.standby ? "the standby takes over" : "restart at once"}, 1 decision; ` +
          `timed from the kill; median of ${runs}`,
        latency: killLatency,
        value: fromKill,
        unit: "ms",
        baseline: { name: "warm p95", value: warm.p95, unit: "ms" },
        ratio: fromKill / warm.p95,
        target: "≤ 2,000 ms",
        notes: [
          `samples from the kill: ${msList(crashes.map((c) => c.fromKill))} ms`,
          `the last: ${last.readyMs} ms ${last.standby ? "from the kill until the standby polled" : "starting the new worker process"} ` +
            `and ${Math.round(last.afterPoll)} ms the decision once it polls (the workflow waits for its sticky queue's 1 s timeout)`,
          `${last.standby ? "the standby's" : "the new worker's"} start-up steps, ms since its process started: ${stepsText(last.startupMs)}`,
          ...(last.standby
            ? [
                "each kill found a standby ready; a crash within ~7 s of a takeover (the next standby " +
                  "starts 5 s later and takes ~2 s) finds none, and a new worker process starts as without one",
              ]
            : []),
        ],
        extra: {
          samplesMs: crashes.map((c) => c.fromKill),
          fromPollMs: crashes.map((c) => c.afterPoll),
          workerStartMs: crashes.map((c) => c.readyMs),
        },
      },
      fromKill <= 2000,
    ),
  );
  return rows;
}

/** Max sustained rate of binding requests completed end to end (submitted, task seen, approved). */
/** Waits until the statement files were rewritten (every 250 ms), then reads them. */
async function statementsNow(ctx: Context) {
  await sleep(400);
  return ctx.stack.statements();
}

type ProcessStatements = Record<"API" | "worker", StatementCounts>;
const statementsDelta = (before: ProcessStatements, after: ProcessStatements): ProcessStatements => ({
  API: statementsBetween(before.API, after.API),
  worker: statementsBetween(before.worker, after.worker),
});

/**
 * The SQL statements of ONE binding request, step by step and per process: the submission until its
 * task is visible (API submit, the worker's first workflow task), then the decision until the API
 * answered (API decide, the worker's decision task with its notice) and what follows within 1 s.
 */
async function oneRequestStatements(ctx: Context) {
  const [person] = await applicants(ctx, 1);
  await settle(ctx);
  const start = await statementsNow(ctx);
  const id = await ctx.api.submitBinding(person!.cookie, ctx.unitName);
  const taskId = await ctx.watcher.waitFor(id);
  const submitted = await statementsNow(ctx);
  await ctx.api.decide(ctx.admin, taskId);
  const decided = await statementsNow(ctx);
  await sleep(1000);
  const after = await statementsNow(ctx);
  return {
    submission: statementsDelta(start, submitted),
    decision: statementsDelta(submitted, decided),
    afterDecision: statementsDelta(decided, after),
  };
}

const cpuText = (cpu: Record<string, number>) =>
  Object.entries(cpu)
    .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
    .join(", ");

const statementsText = (steps: Record<string, ProcessStatements>) =>
  Object.entries(steps)
    .map(([step, by]) => `${step}: API ${by.API.total}, worker ${by.worker.total}`)
    .join("; ");

export async function throughputRow(ctx: Context): Promise<RowResult> {
  const { throughputRates, throughputSeconds: seconds } = ctx.sizes;
  const warmup = ctx.smoke ? 1 : 3;
  const oneRequest = await oneRequestStatements(ctx);
  ctx.log(`throughput: SQL statements of one binding request: ${statementsText(oneRequest)}`);
  let statementsPerRequest: { API: number; worker: number } | undefined;
  const steps: Array<{
    rate: number;
    p50: number;
    p95: number;
    p99: number;
    errors: number;
    sustained: boolean;
    /** CPU ms per request by process, also for a step that was not sustained. */
    cpuMsPerRequest: Record<string, number>;
    statementsPerRequest: { API: number; worker: number };
  }> = [];
  let best:
    | { rate: number; latency: ReturnType<Recorder["summary"]>; cpu: Record<string, number> }
    | undefined;
  for (const rate of throughputRates) {
    ctx.log(`throughput: binding requests end to end at ${rate}/s`);
    const total = Math.round(rate * (seconds + warmup));
    const people = await applicants(ctx, total);
    await settle(ctx);
    const statementsBefore = await statementsNow(ctx);
    const meter = cpuMeter(ctx.stack.pids);
    const run = await openLoop({ rate, seconds, warmupSeconds: warmup, drainMs: 30_000 }, async (i) => {
      const id = await ctx.api.submitBinding(people[i]!.cookie, ctx.unitName);
      await ctx.api.decide(ctx.admin, await ctx.watcher.waitFor(id));
    });
    const cpu = perRequest(meter(), total);
    const sent = statementsDelta(statementsBefore, await statementsNow(ctx));
    const latency = run.recorder.summary();
    // Sustained: nothing failed and latency stayed bounded (no queue growing for the whole step).
    const sustained = latency.errors === 0 && latency.p95 <= 2000;
    steps.push({
      rate,
      p50: latency.p50,
      p95: latency.p95,
      p99: latency.p99,
      errors: latency.errors,
      sustained,
      cpuMsPerRequest: cpu,
      statementsPerRequest: { API: sent.API.total / total, worker: sent.worker.total / total },
    });
    if (!sustained) break;
    best = { rate, latency, cpu };
    statementsPerRequest = steps.at(-1)!.statementsPerRequest;
    await sleep(1000);
  }
  const rate = best?.rate ?? 0;
  return check(
    ctx,
    {
      id: "throughput-binding",
      title: "Throughput, binding requests completed end to end",
      load: `open loop, steps ${throughputRates.join(", ")}/s × ${seconds} s until one is not sustained`,
      latency: best?.latency,
      throughput: rate,
      value: rate,
      unit: "req/s sustained",
      cpuMsPerRequest: best?.cpu,
      target: "≥ 30/s",
      notes: [
        "sustained = no errors and end-to-end p95 ≤ 2 s at that offered rate",
        `SQL statements of one binding request (incl. BEGIN/COMMIT): ${statementsText(oneRequest)}`,
        ...(statementsPerRequest
          ? [
              `SQL statements per request at ${rate}/s: API ${statementsPerRequest.API.toFixed(1)}, worker ${statementsPerRequest.worker.toFixed(1)}`,
            ]
          : []),
        ...steps.map(
          (s) =>
            `${s.rate}/s: p50 ${s.p50} p95 ${s.p95} p99 ${s.p99} ms, ${s.errors} errors${s.sustained ? "" : " (not sustained)"}; CPU ms per request ${cpuText(s.cpuMsPerRequest)}`,
        ),
      ],
      extra: { steps, statementsPerRequest, oneRequestStatements: oneRequest },
    },
    rate >= 30,
  );
}

const BARE_SERVER = `
const http = require("node:http");
const body = JSON.stringify({ data: { status: "ok" } });
const server = http.createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
`;

/** A trivial route (liveness) and /api/health through the whole middleware chain vs bare node:http. */
export async function middlewareRows(ctx: Context): Promise<RowResult[]> {
  const bare = spawn(process.execPath, ["-e", BARE_SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve) =>
    bare.stdout.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
  );
  const { concurrency, capacitySeconds: seconds } = ctx.sizes;
  const measure = async (url: string, pids: () => Record<string, number | undefined>) => {
    const meter = cpuMeter(pids);
    const run = await closedLoop({ concurrency, seconds, warmupSeconds: ctx.smoke ? 0.5 : 2 }, async () => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      await response.arrayBuffer();
    });
    // The warm-up's requests are charged too; close enough at these counts (noted).
    const cpu = meter();
    return { run, cpu };
  };
  try {
    ctx.log("bare node:http server");
    const base = await measure(`http://127.0.0.1:${port}/`, () => ({ bare: bare.pid }));
    const rows: RowResult[] = [];
    for (const [id, title, path] of [
      ["trivial-route", "Trivial route (/api/health/live) vs bare node:http", "/api/health/live"],
      ["health", "/api/health vs bare node:http", "/api/health"],
    ] as const) {
      ctx.log(title);
      const api = await measure(`${ctx.stack.url}${path}`, () => ({ API: ctx.stack.pids().API }));
      const ratio = api.run.requestsPerSecond / base.run.requestsPerSecond;
      const latency = api.run.recorder.summary();
      const apiCpu = (api.cpu.API ?? 0) / Math.max(1, api.run.completed);
      const bareCpu = (base.cpu.bare ?? 0) / Math.max(1, base.run.completed);
      rows.push(
        check(
          ctx,
          {
            id,
            title,
            load: `closed loop, ${concurrency} connections, ${seconds} s`,
            latency,
            throughput: api.run.requestsPerSecond,
            value: api.run.requestsPerSecond,
            unit: "req/s",
            baseline: { name: "bare node:http", value: base.run.requestsPerSecond, unit: "req/s" },
            ratio,
            cpuMsPerRequest: { API: apiCpu, bare: bareCpu },
            target: "≥ 0.4× bare requests/s",
            notes: [
              `CPU per request: API ${(apiCpu * 1000).toFixed(0)} µs, bare ${(bareCpu * 1000).toFixed(0)} µs ` +
                "(warm-up included); the load generator shares the machine's cores with the server",
            ],
          },
          ratio >= 0.4,
        ),
      );
    }
    return rows;
  } finally {
    bare.kill("SIGKILL");
  }
}

/**
 * What the API's own log says about a window of wall time `from`..`to` (ms since the epoch): its
 * event-loop delay (logged every 10 s: the worst p99 and max, ms) and the time its handlers took by
 * kind of request (p50/p99 of the access log's `ms`). A client-side p99 well above the handlers'
 * p99 is time spent before the handler ran (a blocked event loop, the process not scheduled).
 */
async function apiLogDuring(dataDir: string, from: number, to: number) {
  const text = await readFile(path.join(dataDir, "api.log"), "utf8").catch(() => "");
  const loop = { p99: [] as number[], max: [] as number[] };
  const handlers: Record<string, number[]> = { submissions: [], decisions: [], reads: [] };
  for (const line of text.split("\n")) {
    if (!line.startsWith("{")) continue;
    let entry: {
      time?: string;
      msg?: string;
      p99?: number;
      max?: number;
      method?: string;
      path?: string;
      ms?: number;
    };
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    const time = entry.time ? Date.parse(entry.time) : Number.NaN;
    if (!(time >= from && time <= to)) continue;
    if (entry.msg === "event loop delay") {
      // A window is the 10 s before its line: only those wholly inside.
      if (time < from + 10_000) continue;
      loop.p99.push(entry.p99 ?? 0);
      loop.max.push(entry.max ?? 0);
    } else if (entry.msg === "request" && typeof entry.ms === "number") {
      const kind =
        entry.method === "POST" && entry.path?.endsWith("/decision")
          ? "decisions"
          : entry.method === "POST" && entry.path === "/api/binding-requests"
            ? "submissions"
            : entry.method === "GET" && entry.path === "/api/tasks"
              ? "reads"
              : undefined;
      if (kind) handlers[kind]!.push(entry.ms);
    }
  }
  const text10s = loop.p99.length
    ? `API event-loop delay (10 s windows): worst p99 ${Math.max(...loop.p99)} ms, median p99 ` +
      `${recorderOf(loop.p99).summary().p50} ms, worst max ${Math.max(...loop.max)} ms`
    : "API event-loop delay: not logged";
  const handled = Object.fromEntries(
    Object.entries(handlers).map(([kind, ms]) => [kind, recorderOf(ms).summary()]),
  );
  const handlerText = Object.entries(handled)
    .map(([kind, h]) => `${kind} p50 ${h.p50} / p99 ${h.p99} ms (${h.count})`)
    .join(", ");
  return {
    notes: [text10s, `API handler time (its access log): ${handlerText}`],
    extra: {
      loopDelayP99Worst: loop.p99.length ? Math.max(...loop.p99) : undefined,
      loopDelayMaxWorst: loop.max.length ? Math.max(...loop.max) : undefined,
      handlerP99: Object.fromEntries(Object.entries(handled).map(([kind, h]) => [kind, h.p99])),
    },
  };
}

/**
 * The bench process's own CPU (ms) and event-loop lateness (ms, as the API logs its own) between the
 * call and the returned stop().
 */
function clientMeter(): () => { cpuMs: number; loop: Lateness } {
  const cpu = process.cpuUsage();
  const lateness = measureEventLoopLateness();
  return () => {
    const loop = lateness.read();
    lateness.stop();
    const used = process.cpuUsage(cpu);
    return { cpuMs: (used.user + used.system) / 1000, loop };
  };
}

/**
 * The soak: submissions + decisions + inbox reads at once, against reads alone in the same run. Two
 * rows: the whole API (p99 ≤ 500 ms, 0 errors, the backlog drains) and the inbox reads among the
 * writes against the same reads alone (p99 ≤ 2×: the writes do not starve the readers). The whole
 * mix's p99 over reads alone is printed too; it is not a target, since a decision answers only once
 * its workflow has accepted it (the warm decision row), which reads alone never wait for.
 */
export async function soakRows(ctx: Context): Promise<RowResult[]> {
  const s = ctx.sizes.soak;
  ctx.log(`soak: preparing ${s.decisions * s.seconds} open tasks to decide`);
  const toDecide = await openBindingTasks(ctx, s.decisions * s.seconds);
  const people = await applicants(ctx, s.submissions * s.seconds);
  const read = () =>
    ctx.api.get(`/api/tasks?view=unclaimed&unitId=${ctx.unitId}&page=1&pageSize=20`, ctx.admin);

  ctx.log("soak: inbox reads alone (baseline)");
  await settle(ctx);
  const alone = await openLoop(
    { rate: s.reads, seconds: s.readsAloneSeconds, warmupSeconds: 2 },
    async () => {
      await read();
    },
  );
  const baseline = alone.recorder.summary();

  ctx.log(
    `soak: ${s.submissions} submissions/s + ${s.decisions} decisions/s + ${s.reads} reads/s for ${s.seconds} s`,
  );
  await settle(ctx);
  const all = new Recorder();
  const submitted: string[] = [];
  const meter = cpuMeter(ctx.stack.pids);
  // The bench's own process shares the cores: its CPU and event-loop delay are time the latencies
  // include that no process of the stack spent.
  const client = clientMeter();
  const soakStart = performance.now();
  const soakStartWall = Date.now();
  const loops = await Promise.all([
    openLoop({ rate: s.submissions, seconds: s.seconds }, async (i) => {
      submitted.push(await ctx.api.submitBinding(people[i]!.cookie, ctx.unitName));
    }),
    openLoop({ rate: s.decisions, seconds: s.seconds }, async (i) => ctx.api.decide(ctx.admin, toDecide[i]!)),
    openLoop({ rate: s.reads, seconds: s.seconds }, async () => {
      await read();
    }),
  ]);
  const cpu = meter();
  const clientUse = client();
  const requests = loops.reduce((n, l) => n + l.sent, 0);
  // Each process's CPU as ms per second of the soak (2,000 = both cores; until its last answer came):
  // whether the mix fits the machine, which CPU ms per request (over three kinds of request) does not show.
  const soakSeconds = (performance.now() - soakStart) / 1000;
  const cpuPerSecond = Object.fromEntries(Object.entries(cpu).map(([name, ms]) => [name, ms / soakSeconds]));
  for (const loop of loops) all.merge(loop.recorder);
  const latency = all.summary();
  const apiLog = await apiLogDuring(ctx.stack.dataDir, soakStartWall, Date.now());
  // The backlog drains: every submission's task exists within a minute of the end.
  const drainStart = performance.now();
  const drained = await Promise.race([
    Promise.all(submitted.map((id) => ctx.watcher.waitFor(id))).then(() => true),
    sleep(60_000).then(() => false),
  ]);
  const drainMs = performance.now() - drainStart;
  const [subs, decs, reads] = loops.map((l) => l.recorder.summary());
  const load = `${s.submissions} submissions/s + ${s.decisions} decisions/s + ${s.reads} reads/s, ${s.seconds} s`;
  const readsAlone = { name: "reads alone p99", value: baseline.p99, unit: "ms" };
  return [
    check(
      ctx,
      {
        id: "soak",
        title: "Soak: submissions + decisions + inbox reads",
        load,
        latency,
        value: latency.p99,
        unit: "ms p99",
        cpuMsPerRequest: perRequest(cpu, requests),
        target: "p99 ≤ 500 ms, 0 errors, backlog drains",
        notes: [
          `submissions p99 ${subs!.p99} ms, decisions p99 ${decs!.p99} ms, reads p99 ${reads!.p99} ms`,
          `the whole mix's p99 is ${(latency.p99 / baseline.p99).toFixed(2)}× reads alone (${baseline.p99} ms)`,
          `CPU ms per second of the soak: ${cpuText(cpuPerSecond)} (2,000 = both cores)`,
          `the bench's own process (the load's sender): CPU ${(clientUse.cpuMs / soakSeconds).toFixed(1)} ms a second, ` +
            `event-loop delay p50 ${clientUse.loop.p50} / p99 ${clientUse.loop.p99} / max ${clientUse.loop.max} ms`,
          drained
            ? `backlog drained ${drainMs.toFixed(0)} ms after the end`
            : "backlog NOT drained within 60 s",
          ...apiLog.notes,
          ...all.samples,
        ],
        extra: {
          submissions: subs,
          decisions: decs,
          reads,
          readsAlone: baseline,
          drained,
          drainMs,
          cpuPerSecond,
          client: { ...clientUse, cpuPerSecond: clientUse.cpuMs / soakSeconds },
          ...apiLog.extra,
        },
      },
      latency.p99 <= 500 && drained,
    ),
    check(
      ctx,
      {
        id: "soak-reads",
        title: "Soak: inbox reads among the writes",
        load,
        latency: reads!,
        value: reads!.p99,
        unit: "ms p99",
        baseline: readsAlone,
        ratio: reads!.p99 / baseline.p99,
        target: "≤ 2× reads alone",
        notes: [`reads alone: p50 ${baseline.p50} p95 ${baseline.p95} p99 ${baseline.p99} ms`],
      },
      reads!.p99 / baseline.p99 <= 2,
    ),
  ];
}

/**
 * Worker memory per cached workflow: RSS growth of a fresh worker while N workflows wait open. The
 * worker's cache is sized to hold all N (the stack's default, 500, holds fewer than the 1,000 row),
 * so the growth is divided among workflows that are really in memory. Afterwards a fresh worker with
 * the stack's own cache size takes over: the rows that follow (the soak) measure the worker the stack
 * runs, not one holding the last row's workflows (the N workflows stay open in Temporal).
 */
export async function memoryRows(ctx: Context): Promise<RowResult[]> {
  const rows: RowResult[] = [];
  for (const count of ctx.sizes.memoryCounts) {
    ctx.log(`worker memory with ${count} open workflows`);
    await ctx.stack.restartWorker({ TEMPORAL_WORKER_CACHED_WORKFLOWS: String(count + 100) });
    await settle(ctx);
    const before = rssBytes(ctx.stack.pids().worker!);
    await openBindingTasks(ctx, count);
    await sleep(2000);
    const after = rssBytes(ctx.stack.pids().worker!);
    const perWorkflowMb = (after - before) / count / 2 ** 20;
    rows.push(
      check(
        ctx,
        {
          id: `memory-${count}`,
          title: `Worker memory per cached workflow, ${count} open`,
          load: `${count} binding requests left open on a freshly started worker caching ${count + 100}`,
          value: perWorkflowMb,
          unit: "MB/workflow",
          target: "≤ 1 MB",
          notes: [
            `worker RSS ${(before / 2 ** 20).toFixed(0)} MB → ${(after / 2 ** 20).toFixed(0)} MB ` +
              "(RSS from /proc)",
          ],
          extra: { rssBeforeBytes: before, rssAfterBytes: after },
        },
        perWorkflowMb <= 1,
      ),
    );
  }
  await ctx.stack.restartWorker();
  return rows;
}
