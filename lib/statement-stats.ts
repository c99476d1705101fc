// DB_STATEMENT_STATS=<file>: how many SQL statements this process sends, by SQL text (issue 14: the
// statements one binding request costs, per process). Off by default; when off nothing is counted.
import { renameSync, writeFileSync } from "node:fs";

/** What the file holds: statements sent since the process started, in total and per SQL text. */
export type StatementCounts = { total: number; bySql: Record<string, number> };

/** How often the file is rewritten while statements come in, ms. */
const WRITE_INTERVAL_MS = 250;

/**
 * A counter that rewrites `file` (JSON StatementCounts) at most every WRITE_INTERVAL_MS while
 * statements come in, and once more when the process exits. Write errors are ignored: the counts
 * are a measuring aid, never a reason for a request to fail.
 */
export function statementCounter(file: string): (sql: string) => void {
  const counts: StatementCounts = { total: 0, bySql: {} };
  let pending = false;
  const write = () => {
    pending = false;
    try {
      // Written aside and renamed, so a reader never sees half a file.
      writeFileSync(`${file}.partial`, JSON.stringify(counts));
      renameSync(`${file}.partial`, file);
    } catch {
      // A measuring aid only.
    }
  };
  process.once("exit", write);
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
