// Read-then-write transactions on one counter row: the shape that SQLite's snapshots punish when
// two processes write one file (issue 8 item 1).
import type { Database } from "../../lib/database.js";

/** Reads the counter, then writes it plus one, in one transaction. */
export async function incrementCounter(db: Database, prefix: string, day: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const key = { prefix_day: { prefix, day } };
    const row = await tx.requestNumberSequence.findUnique({ where: key });
    await new Promise((resolve) => setTimeout(resolve, 2));
    await tx.requestNumberSequence.update({ where: key, data: { last: (row?.last ?? 0) + 1 } });
  });
}
