// DB_STATEMENT_STATS=<file>: how many SQL statements this process sends, by SQL text (issue 14: the
// statements one binding request costs, per process). Off by default; when off nothing is counted.
import { renameSync, writeFileSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";

/** What the file holds: statements sent since the process started, in total and per SQL text. */
export type StatementCounts = { total: number; bySql: Record<string, number> };

/** How often the file is rewritten while statements come in, ms. */
const WRITE_INTERVAL_MS = 250;

/**
 * A counter that rewrites `file` (JSON StatementCounts) at most every WRITE_INTERVAL_MS while
 * statements come in, and once more when the process exits. The periodic writes are asynchronous:
 * a synchronous write and rename held the event loop for ~3 ms each on an idle disk and ~14 ms
 * under the bench's disk load (issue 14 soak, API CPU profile), four times a second. Write errors
 * are ignored: the counts are a measuring aid, never a reason for a request to fail.
 */
export function statementCounter(file: string): (sql: string) => void {
  const counts: StatementCounts = { total: 0, bySql: {} };
  let pending = false;
  let writing = false;
  const write = async () => {
    // One write at a time: the next waits for the one under way (both use the same partial file).
    if (writing) {
      setTimeout(write, WRITE_INTERVAL_MS).unref();
      return;
    }
    pending = false;
    writing = true;
    try {
      // Written aside and renamed, so a reader never sees half a file.
      await writeFile(`${file}.partial`, JSON.stringify(counts));
      await rename(`${file}.partial`, file);
    } catch {
      // A measuring aid only.
    } finally {
      writing = false;
    }
  };
  process.once("exit", () => {
    try {
      writeFileSync(`${file}.exit`, JSON.stringify(counts));
      renameSync(`${file}.exit`, file);
    } catch {
      // A measuring aid only.
    }
  });
  return (sql) => {
    counts.total++;
    counts.bySql[sql] = (counts.bySql[sql] ?? 0) + 1;
    if (pending) return;
    pending = true;
    setTimeout(write, WRITE_INTERVAL_MS).unref();
  };
}

/** `after` minus `before`, per SQL text (texts sent 0 times in between left out). */
export function statementsBetween(before: StatementCounts, after: StatementCounts): StatementCounts {
  const bySql: Record<string, number> = {};
  for (const [sql, n] of Object.entries(after.bySql)) {
    const sent = n - (before.bySql[sql] ?? 0);
    if (sent > 0) bySql[sql] = sent;
  }
  return { total: after.total - before.total, bySql };
}
