// Issue 14 item 3: any number of concurrent writes complete on the one safe write path, on SQLite and
// (npm run test:postgres) on PostgreSQL, where transactions run SERIALIZABLE side by side and the
// conflicts the server reports are re-run. Each test uses a client with a pool of only three
// connections, so a connection that a transaction never gave back shows at once: the next callers
// wait for a connection that never comes free, and closing the client waits for it forever.
import { afterEach, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../../lib/database.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

const CONCURRENT = 50;
const SMALL_POOL = 3;

/** Resolves with `work`'s result, or fails naming `what` once `ms` have passed. */
async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A second client on the test's database with a pool of SMALL_POOL connections (PostgreSQL). */
async function smallPoolClient(): Promise<Database> {
  database = await createTestDatabase();
  return createDatabase(database.url, SMALL_POOL);
}

describe("issue 14.3: concurrent conflicting writes all complete, with serializable results", () => {
  it("50 transactions that count the rows and then add one, all at once: every one commits and saw exactly the rows committed before it", async () => {
    const db = await smallPoolClient();
    // Write skew: each transaction's count is invalidated by every other's insert. On PostgreSQL
    // the server finds many of these conflicts only at COMMIT.
    const seen = await within(
      25_000,
      "the concurrent transactions",
      Promise.all(
        Array.from({ length: CONCURRENT }, (_, i) =>
          db.$transaction(async (tx) => {
            const before = await tx.loginAttempt.count({ where: { account: "hot" } });
            await tx.loginAttempt.create({
              data: { account: "hot", ipAddress: `seen:${before}:${i}`, succeeded: false },
            });
            return before;
          }),
        ),
      ),
    );
    // Serializable: the transactions happened in some order, each counting all those before it.
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: CONCURRENT }, (_, n) => n));
    expect(await db.loginAttempt.count({ where: { account: "hot" } })).toBe(CONCURRENT);
    // Every connection went back to the pool: closing waits for each of them.
    await within(5_000, "closing the client", db.$disconnect());
  });

  it("50 read-then-write increments of one row at once: all apply, none is lost", async () => {
    const db = await smallPoolClient();
    await db.requestNumberSequence.create({ data: { prefix: "H", day: "20261130", last: 0 } });
    const key = { prefix_day: { prefix: "H", day: "20261130" } };
    await within(
      25_000,
      "the concurrent increments",
      Promise.all(
        Array.from({ length: CONCURRENT }, () =>
          db.$transaction(async (tx) => {
            const row = await tx.requestNumberSequence.findUniqueOrThrow({ where: key });
            await tx.requestNumberSequence.update({ where: key, data: { last: row.last + 1 } });
          }),
        ),
      ),
    );
    expect((await db.requestNumberSequence.findUniqueOrThrow({ where: key })).last).toBe(CONCURRENT);
    await within(5_000, "closing the client", db.$disconnect());
  });
});
