// Tables the SQLite migrations create by hand, outside the Prisma schema: `prisma migrate diff`
// finds them in the migrated database, not in the schema, and proposes to drop them.

/** The workbench's title search: an FTS5 table and the shadow tables FTS5 keeps beside it. */
export const UNMANAGED_TABLE_PREFIXES = ["HumanTaskTitleSearch"] as const;

const unmanaged = (table: string) => UNMANAGED_TABLE_PREFIXES.some((prefix) => table.startsWith(prefix));

/**
 * `prisma migrate diff --script` output without the steps that drop an unmanaged table. The diff is
 * a list of steps, each a `-- Comment` line and its statements, separated by blank lines.
 */
export function withoutUnmanagedDrops(sql: string): string {
  return sql
    .split(/\n\s*\n/)
    .filter((step) => {
      const dropped = /DROP TABLE "([^"]+)"/.exec(step);
      return !dropped || !unmanaged(dropped[1]!);
    })
    .join("\n\n")
    .trim();
}
