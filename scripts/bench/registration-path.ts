// Where a registration's "submit → task visible" time goes, step by step, on one stack:
//   npx tsx scripts/bench/registration-path.ts [embedded|cluster] [count] [rate/s]
// Submits `count` registrations needing review at `rate`/s (open loop) and prints, per step, the
// median and p95 in ms: the API's answer, the workflow start (WorkflowExecutionStarted, from its
// history), the first workflow task's schedule → start (matching) and start → task row (the local
// steps), and the task row → seen by the bench's poller; then its slowest tenth, each with when it
// was sent and its steps (a stall hits several at once). Times are read from the histories' event
// timestamps and the task rows' createdAt (one clock: one machine).

import { setTimeout as sleep } from "node:timers/promises";
import { Client, Connection } from "@temporalio/client";
import { FULL, prepare } from "./deadline-day.js";
import { passwordsPreparedAhead, registrationNeedingReview } from "./fixtures.js";
import { cpuMeter } from "./proc.js";
import { type StackKind, startStack } from "./stack.js";

const kind = (process.argv[2] ?? "embedded") as StackKind;
const count = Number(process.argv[3] ?? 60);
const rate = Number(process.argv[4] ?? 5);
const log = (line: string) => console.log(`[path ${new Date().toISOString().slice(11, 19)}] ${line}`);

const stack = await startStack(kind, log);
const ctx = await prepare(stack, FULL, false, log);
const connection = await Connection.connect({ address: stack.config.temporal.address });
const client = new Client({ connection, namespace: "default" });
type Sample = { sent: number; answered: number; seen: number; number: string };
const samples: Sample[] = [];
try {
  const uploads = [];
  for (let i = 0; i < count; i++)
    uploads.push({
      licence: await ctx.api.upload("BUSINESS_LICENCE"),
      letter: await ctx.api.upload("AUTHORIZATION_LETTER"),
    });
  await sleep(2000);
  const meter = cpuMeter(stack.pids);
  const runs: Promise<void>[] = [];
  const preparedPassword = passwordsPreparedAhead(ctx.api, count, rate);
  const start = Date.now();
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate;
    await sleep(Math.max(0, due - Date.now()));
    runs.push(
      (async () => {
        const body = registrationNeedingReview(i, uploads[i]!, await preparedPassword(i));
        const sent = Date.now();
        const answer = await ctx.api.post<{ data: { requestNumber: string } }>("/api/registrations", body);
        const answered = Date.now();
        await ctx.watcher.waitFor(answer.data.requestNumber);
        samples.push({ sent, answered, seen: Date.now(), number: answer.data.requestNumber });
      })(),
    );
  }
  await Promise.all(runs);
  await sleep(2000);
  const cpu = meter();
  const steps: Record<string, number[]> = {};
  const add = (name: string, ms: number) => {
    steps[name] ??= [];
    steps[name].push(ms);
  };
  const slowest: Array<{ at: number; steps: number[] }> = [];
  for (const sample of samples.slice(Math.floor(count / 6))) {
    const registration = await stack.db.unitRegistration.findUniqueOrThrow({
      where: { requestNumber: sample.number },
    });
    const task = await stack.db.humanTask.findFirstOrThrow({ where: { requestId: registration.id } });
    const events: Array<{ type: string; at: number }> = [];
    const history = await client.workflow.getHandle(registration.workflowId).fetchHistory();
    for (const event of history.events ?? []) {
      const t = event.eventTime!;
      events.push({
        type: String(event.eventType),
        at: Number(t.seconds) * 1000 + Math.round((t.nanos ?? 0) / 1e6),
      });
    }
    // EventType numbers: 1 started, 5 WFT scheduled, 6 WFT started, 7 WFT completed.
    const first = (type: number, after = 0) => events.find((e, i) => i >= after && e.type === String(type));
    const started = first(1)!;
    const wftScheduled = first(5)!;
    const wftStarted = first(6)!;
    const wftCompleted = first(7)!;
    const timed: Array<[string, number]> = [
      ["total submit → seen", sample.seen - sample.sent],
      ["API answer", sample.answered - sample.sent],
      ["submit → WorkflowExecutionStarted", started.at - sample.sent],
      ["started → WFT scheduled", wftScheduled.at - started.at],
      ["WFT scheduled → started (matching)", wftStarted.at - wftScheduled.at],
      ["WFT started → task row", task.createdAt.getTime() - wftStarted.at],
      ["task row → seen", sample.seen - task.createdAt.getTime()],
      ["WFT started → completed", wftCompleted.at - wftStarted.at],
    ];
    for (const [name, ms] of timed) add(name, ms);
    slowest.push({ at: sample.sent - start, steps: timed.map(([, ms]) => ms) });
    add("workflow tasks in history", events.filter((e) => e.type === "5").length);
    // Markers (25: a local activity's result, or a patch) the first workflow task recorded.
    const firstTaskEnd = events.findIndex((e) => e.type === "7");
    const nextTask = events.findIndex((e, i) => i > firstTaskEnd && e.type === "5");
    const firstTask = events.slice(firstTaskEnd, nextTask < 0 ? undefined : nextTask);
    add("markers of the first workflow task", firstTask.filter((e) => e.type === "25").length);
  }
  const pct = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  };
  console.log(`\n${kind}: ${samples.length} registrations at ${rate}/s (first sixth left out as warm-up)`);
  for (const [name, values] of Object.entries(steps))
    console.log(
      `${name.padEnd(40)} p25 ${String(pct(values, 25)).padStart(5)}  p50 ${String(pct(values, 50)).padStart(5)}  p95 ${String(pct(values, 95)).padStart(5)}`,
    );
  // The tail, one line each: when it was sent (ms after the first) and its steps, to tell a
  // stall that hit several at once from a cost every sample pays now and then.
  console.log("slowest tenth: sent (ms after the first) | the timed steps above, in their order");
  for (const { at, steps: s } of slowest
    .sort((a, b) => b.steps[0]! - a.steps[0]!)
    .slice(0, Math.ceil(slowest.length / 10)))
    console.log(`  ${String(at).padStart(6)} | ${s.join(", ")}`);
  const perRequest = Object.entries(cpu).map(([name, ms]) => `${name} ${(ms / count).toFixed(1)}`);
  console.log(`CPU ms per registration (all its steps, until 2 s after the last): ${perRequest.join(", ")}`);
} finally {
  await connection.close();
  ctx.watcher.close();
  await stack.stop();
}
process.exit(0);
