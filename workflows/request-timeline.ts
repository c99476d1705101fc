// A request's timeline (R25) as its workflow keeps it: the entries the status query answers, each
// also written as a RequestEvent row (keyed by its position, so a retried write lands once).
import type { createActivities } from "../activities/index.js";
import type { RequestType } from "../prisma/generated/client.js";
import { databaseActivities } from "./activity-options.js";
import type { RequestHistoryEntry } from "./contracts.js";

const { recordRequestEvent } = databaseActivities<ReturnType<typeof createActivities>>();

/** An entry stamped with its time and its position in the timeline (1 = first). */
export type StampedEntry = RequestHistoryEntry & { sequence: number };

/**
 * `history` for the status query; `record` stamps an entry with the time, keeps it and stores it.
 * A step that stores the entry together with its own writes (one local activity instead of two,
 * issue 14) takes `stamp`'s entry and `keep`s what it stored.
 */
export function requestTimeline(requestType: RequestType, requestId: string) {
  const history: RequestHistoryEntry[] = [];
  /** The entry as it would be kept next: the time now and the next position. */
  const stamp = (entry: Omit<RequestHistoryEntry, "at">): StampedEntry => ({
    at: new Date().toISOString(),
    ...entry,
    sequence: history.length + 1,
  });
  /** Keeps a stamped entry for the status query (without its position). */
  const keep = ({ sequence: _, ...entry }: StampedEntry): void => {
    history.push(entry);
  };
  async function record(entry: Omit<RequestHistoryEntry, "at">): Promise<void> {
    const stamped = stamp(entry);
    keep(stamped);
    // Issue 14 (race gap d): a row already at this position (another path's attempt wrote it) comes
    // back as stored, and the kept entry shows its actor. Only the query's state changes, no command:
    // no patch; histories recorded before this answered undefined and replay as they ran.
    const stored = await recordRequestEvent({ requestType, requestId, ...stamped });
    if (stored) Object.assign(history[stamped.sequence - 1]!, stored);
  }
  return { history, record, stamp, keep };
}
