// Issue 14: the timeline entry (R25) as stored. A workflow task retried after its local steps were
// written may take another path and adopt the stored outcome; its entry then lands on the row the
// first attempt wrote (same sequence: the write keeps the first row), and the workflow's status query
// shows what that row holds — the decider included — instead of an entry without an actor.
import type { RequestType } from "../prisma/generated/client.js";
import type { RequestHistoryEntry } from "../workflows/contracts.js";
import type { ActivityDependencies } from "./index.js";

/** What a stored entry adds to a kept one: its actor and text (only the fields the row has). */
export type StoredEntry = Partial<
  Pick<RequestHistoryEntry, "actorId" | "actorRole" | "actorLabel" | "reason" | "detail">
>;

/** The stored entry's actor and text at (requestType, requestId, sequence); {} when there is none. */
export async function storedEntry(
  db: ActivityDependencies["db"],
  key: { requestType: RequestType; requestId: string; sequence: number },
): Promise<StoredEntry> {
  const row = await db.requestEvent.findUnique({
    where: { requestType_requestId_sequence: key },
    select: { actorId: true, actorRole: true, actorLabel: true, reason: true, detail: true },
  });
  if (!row) return {};
  // The row's SYSTEM stands for "no actor" (recordRequestEvent writes it for entries without one).
  const entry = Object.entries(row).filter(
    ([name, value]) => value !== null && !(name === "actorRole" && value === "SYSTEM"),
  );
  return Object.fromEntries(entry);
}
