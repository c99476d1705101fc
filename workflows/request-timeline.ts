// A request's timeline (R25) as its workflow keeps it: the entries the status query answers, each
// also written as a RequestEvent row (keyed by its position, so a retried write lands once).
import type { createActivities } from "../activities/index.js";
import type { RequestType } from "../prisma/generated/client.js";
import { databaseActivities } from "./activity-options.js";
import type { RequestHistoryEntry } from "./contracts.js";

const { recordRequestEvent } = databaseActivities<ReturnType<typeof createActivities>>();

/** `history` for the status query; `record` stamps an entry with the time, keeps it and stores it. */
export function requestTimeline(requestType: RequestType, requestId: string) {
  const history: RequestHistoryEntry[] = [];
  async function record(entry: Omit<RequestHistoryEntry, "at">): Promise<void> {
    const full = { at: new Date().toISOString(), ...entry };
    history.push(full);
    await recordRequestEvent({ requestType, requestId, sequence: history.length, ...full });
  }
  return { history, record };
}
