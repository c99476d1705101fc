// The standby worker: a second worker process started with `--standby`, which makes its database
// client, its Temporal connection, the workflow bundle, the Worker and its warm-ups, and then waits
// without polling (the SDK's Worker polls only once run() is called) until its parent activates it.
// When the running worker dies, the standby polls within milliseconds instead of a new process
// spending ~2 s (on a slow core) importing and connecting: the first decision after a kill -9 then
// waits for the sticky queue's 1 s timeout only (issue 14 item 2). Parent and standby talk over
// Node's IPC channel: the standby reports it stands by, the parent tells it to run.
import type { ChildProcess } from "node:child_process";
import { describeExit } from "./supervisor.js";

/** The argument that starts `lib/run-worker.ts` as a standby. */
export const STANDBY_ARG = "--standby";

type StandbyMessage = { standby: "ready" | "activate" };

const isMessage = (value: unknown, kind: StandbyMessage["standby"]) =>
  typeof value === "object" && value !== null && (value as StandbyMessage).standby === kind;

/**
 * In the standby: reports that it stands by, then resolves when the parent activates it. A standby
 * whose parent is gone (the IPC channel closed) exits: nobody could ever activate it.
 */
export function standByUntilActivated(): Promise<void> {
  if (!process.send) throw new Error(`${STANDBY_ARG} needs an IPC channel to its parent`);
  // The parent went away while this process was getting ready.
  if (!process.connected) process.exit(0);
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      if (!isMessage(message, "activate")) return;
      process.off("message", onMessage);
      process.off("disconnect", orphaned);
      // The channel would otherwise keep the process alive after the worker stops.
      process.disconnect();
      resolve();
    };
    const orphaned = () => process.exit(0);
    process.on("message", onMessage);
    process.once("disconnect", orphaned);
    process.send?.({ standby: "ready" } satisfies StandbyMessage);
  });
}

/**
 * In the parent: resolves when the standby `child` stands by; rejects if it exits first. One not
 * standing by within `timeoutMs` (Temporal unreachable, say) is killed (SIGKILL), and this rejects.
 */
export function standingBy(child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    const onMessage = (message: unknown) => {
      if (!isMessage(message, "ready")) return;
      done();
      resolve();
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      done();
      reject(new Error(`the standby worker exited (${describeExit(code, signal)})`));
    };
    const timer = setTimeout(() => {
      done();
      child.kill("SIGKILL");
      reject(new Error(`the standby worker was not ready after ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

/**
 * In the parent: tells the standby `child` (once standingBy() resolved) to start polling. A standby
 * that cannot be told (its channel closed as it died) is killed, so its exit is seen as a crash.
 */
export function activate(child: ChildProcess): void {
  if (!child.connected) return void child.kill("SIGKILL");
  child.send({ standby: "activate" } satisfies StandbyMessage, (error) => {
    if (error) child.kill("SIGKILL");
  });
}
