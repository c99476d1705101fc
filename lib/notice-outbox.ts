// The notice outbox's sender (issue 14): a request workflow's SMS notice is stored by the workflow's
// step (a row of the SmsMessage outbox, keyed by request and outcome) and delivered here, in the
// background of the worker process, so a reviewer's decision is answered once it is stored, not
// after the SMS gateway (a real one answers in 100–500 ms, sometimes seconds).
//
// A row waiting for the sender is QUEUED with `nextAttemptAt` set: it may be claimed from then on.
// A claim is one conditional UPDATE that pushes `nextAttemptAt` a lease ahead, so two sender
// processes never send a row at the same time; a sender that dies holding a claim leaves the row to
// be claimed again once the lease has passed (the at-least-once window of every send: a crash after
// the vendor accepted and before SENT was written sends again). A row stored by this process is
// stored already claimed, and delivered at once without another statement.
import { AppError } from "../domain/errors.js";
import type { Database } from "./database.js";
import type { Logger } from "./logger.js";

/** Retries back off from 1 s to 1 min and never give up, as the notice activities' retries did (ms). */
export function noticeBackoffMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), 60_000);
}

export type NoticeSenderOptions = {
  db: Database;
  /**
   * Sends one claimed QUEUED row (by id) and records SENT or FAILED (a refusal) on it, clearing its
   * `nextAttemptAt`; throws when sending again may help (AppError SMS_GATEWAY_THROTTLED,
   * SMS_GATEWAY_UNAVAILABLE, a database error).
   */
  deliver(messageId: string): Promise<void>;
  /** How long a claim holds a row (ms): longer than a delivery can take (the gateway's timeouts). */
  leaseMs: number;
  /** How often (ms) the sender looks for rows due (retries, and claims left by a dead process). */
  pollMs?: number;
  /** At most this many deliveries at once from polling (a claim stored by this process always goes). */
  batch?: number;
  logger?: Logger;
};

export type NoticeSender = {
  /** A claim for a new row: `nextAttemptAt` of a row this process is about to store (its lease). */
  claimUntil(): Date;
  /** Delivers a row this process has just stored claimed (see claimUntil), in the background. */
  deliverClaimed(messageId: string): void;
  /** Starts looking for due rows every pollMs (the worker process runs it). */
  start(): void;
  /** Stops polling and waits for the deliveries under way. */
  stop(): Promise<void>;
};

export function createNoticeSender(options: NoticeSenderOptions): NoticeSender {
  const { db, leaseMs, logger } = options;
  const pollMs = options.pollMs ?? 1000;
  const batch = options.batch ?? 8;
  const inFlight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let running = false;

  async function attempt(messageId: string, attempts: number): Promise<void> {
    try {
      await options.deliver(messageId);
    } catch (error) {
      // The backoff alone, as the notice activities' retries had it: a throttled notice is tried
      // again after 1 s, 2 s, 4 s… rather than the 60 s a waiting caller is told (a throttle for
      // the number's minute ends within the backoff's first minute anyway).
      const waitMs = noticeBackoffMs(attempts);
      // Only the error's kind: a vendor's message may quote the mobile.
      logger?.warn(
        {
          messageId,
          attempts,
          retryInMs: waitMs,
          error: error instanceof AppError ? error.code : error instanceof Error ? error.name : "Error",
        },
        "SMS notice not sent; retried later",
      );
      await db.smsMessage
        .updateMany({
          where: { id: messageId, status: "QUEUED" },
          data: { nextAttemptAt: new Date(Date.now() + waitMs) },
        })
        // The claim's lease then brings it back: later than the backoff, never lost.
        .catch(() => undefined);
    }
  }

  /** Deliveries started by polling: the `batch` bound counts these only. */
  let polledInFlight = 0;
  /** The poll under way, if any: stop() waits for it and for the deliveries it starts. */
  let polling: Promise<void> | undefined;

  function track(messageId: string, attempts: number, polled = false) {
    if (polled) polledInFlight++;
    const delivery = attempt(messageId, attempts).finally(() => {
      inFlight.delete(delivery);
      if (polled) polledInFlight--;
    });
    inFlight.add(delivery);
  }

  /**
   * Claims and delivers the rows due now, at most `batch` of its own under way. Deliveries of rows
   * this process has just stored do not count: under a burst of new notices, retries and rows a
   * dead process left still get their turn.
   */
  async function poll(): Promise<void> {
    const room = batch - polledInFlight;
    if (room <= 0) return;
    const now = new Date();
    const due = await db.smsMessage.findMany({
      where: { nextAttemptAt: { lte: now }, status: "QUEUED" },
      select: { id: true, attempts: true },
      orderBy: { nextAttemptAt: "asc" },
      take: room,
    });
    for (const row of due) {
      const claimed = await db.smsMessage.updateMany({
        where: { id: row.id, status: "QUEUED", nextAttemptAt: { lte: now } },
        data: { nextAttemptAt: new Date(Date.now() + leaseMs), attempts: { increment: 1 } },
      });
      // Another process claimed it first: it is theirs to send.
      if (claimed.count === 1) track(row.id, row.attempts + 1, true);
    }
  }

  function schedule() {
    if (!running) return;
    timer = setTimeout(async () => {
      try {
        polling = poll();
        await polling;
      } catch (error) {
        logger?.warn(
          { error: error instanceof Error ? error.name : "Error" },
          "SMS notice outbox poll failed",
        );
      }
      schedule();
    }, pollMs);
    // The sender alone never keeps a process alive.
    timer.unref();
  }

  return {
    claimUntil: () => new Date(Date.now() + leaseMs),
    deliverClaimed(messageId) {
      track(messageId, 1);
    },
    start() {
      if (running) return;
      running = true;
      schedule();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      // A poll under way may still claim rows: its deliveries are waited for too.
      await polling?.catch(() => undefined);
      await Promise.allSettled([...inFlight]);
    },
  };
}
