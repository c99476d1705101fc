// Issue 8 item 1: one safe write path to SQLite, in every process.
import { spawn } from "node:child_process";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { sqliteFilePath } from "../../lib/database.js";
import { isPostgresUrl } from "../../lib/database-url.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { incrementCounter } from "../support/sqlite-writer-lib.js";

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts tests/support/sqlite-writer.ts in a process of its own; `go()` starts its writes and
 * resolves once it is under way, `failures` with the number of its transactions that failed.
 */
async function anotherProcess(url: string, prefix: string, count: number) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "tests/support/sqlite-writer.ts", url, prefix, "20261130", String(count)],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  let out = "";
  const ready = new Promise<void>((resolve) =>
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.startsWith("ready")) resolve();
    }),
  );
  const failures = new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`writer exited with ${code}`));
      resolve((JSON.parse(out.trim().split("\n").at(-1)!) as { failures: number }).failures);
    });
  });
  await ready;
  return { go: () => child.stdin.end("go\n"), failures };
}

describe("Item 1: one safe write path to SQLite", () => {
  it("a rolled-back transaction takes no other caller's acknowledged write with it", async () => {
    database = await createTestDatabase();
    const { db } = database;
    const failing = db.$transaction(async (tx) => {
      await tx.requestNumberSequence.create({ data: { prefix: "A", day: "20261130", last: 1 } });
      await sleep(300);
      throw new Error("the transaction fails");
    });
    await sleep(50);
    // Acknowledged while the transaction is open: it must survive the rollback.
    const b = await db.requestNumberSequence.create({ data: { prefix: "B", day: "20261130", last: 1 } });
    expect(b.prefix).toBe("B");
    await expect(failing).rejects.toThrow("the transaction fails");
    const rows = await db.requestNumberSequence.findMany({ orderBy: { prefix: "asc" } });
    expect(rows.map((r) => r.prefix)).toEqual(["B"]);
  });

  it("read-then-write transactions of two processes on one file all apply, none fails", async () => {
    database = await createTestDatabase();
    const { db, url } = database;
    await db.requestNumberSequence.create({ data: { prefix: "C", day: "20261130", last: 0 } });
    const other = await anotherProcess(url, "C", 25);
    other.go();
    let failures = 0;
    const here = Promise.all(
      Array.from({ length: 25 }, () =>
        incrementCounter(db, "C", "20261130").catch(() => {
          failures++;
        }),
      ),
    );
    await here;
    expect(await other.failures).toBe(0);
    expect(failures).toBe(0);
    const row = await db.requestNumberSequence.findUniqueOrThrow({
      where: { prefix_day: { prefix: "C", day: "20261130" } },
    });
    expect(row.last).toBe(50);
  });
});

describe("Issue 14 (soak): waiting for the SQLite write lock does not stop the process", () => {
  it("a write waiting for another connection's write lock leaves the event loop free, and reads answer meanwhile", async (context) => {
    database = await createTestDatabase();
    const { db, url } = database;
    if (isPostgresUrl(url)) return context.skip();
    // Prisma's first query of a model compiles it: done before, so the write below reaches SQLite at once.
    await db.requestNumberSequence.create({ data: { prefix: "D", day: "20261130", last: 1 } });
    // Another writer (as the worker beside the API) holds the write lock for 400 ms.
    const other = new BetterSqlite3(sqliteFilePath(url));
    other.exec("BEGIN IMMEDIATE");
    other.prepare("INSERT INTO RequestNumberSequence (prefix, day, last) VALUES ('E', '20261130', 1)").run();
    const released = setTimeout(() => {
      other.exec("COMMIT");
      other.close();
    }, 400);
    try {
      const started = performance.now();
      // then(): a Prisma query runs only once it is awaited or then() is called.
      const write = db.requestNumberSequence
        .create({ data: { prefix: "F", day: "20261130", last: 1 } })
        .then(() => performance.now() - started);
      // While the write waits for the lock, a timer fires on time and a read answers (a synchronous
      // busy wait held the whole event loop, the other writer's release at 400 ms included, for the
      // whole 5 s busy timeout).
      await sleep(50);
      const sleptMs = performance.now() - started;
      const read = await db.requestNumberSequence.findMany({ where: { prefix: "E" } });
      const readAfter = performance.now() - started;
      const writeAfter = await write;
      expect(sleptMs).toBeLessThan(150);
      expect(read).toEqual([]); // the other connection's write is not committed yet
      expect(readAfter).toBeLessThan(300);
      // The write went in once the lock was free, soon after (a few ms of polling).
      expect(writeAfter).toBeGreaterThanOrEqual(390);
      expect(writeAfter).toBeLessThan(1500);
    } finally {
      clearTimeout(released);
      if (other.open) other.close();
    }
    expect(
      (await db.requestNumberSequence.findMany({ orderBy: { prefix: "asc" } })).map((r) => r.prefix),
    ).toEqual(["D", "E", "F"]);
  });

  it("a plain read does not wait for this process's open transaction", async (context) => {
    database = await createTestDatabase();
    const { db, url } = database;
    if (isPostgresUrl(url)) return context.skip();
    let finish: () => void = () => undefined;
    const open = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const transaction = db.$transaction(async (tx) => {
      await tx.requestNumberSequence.create({ data: { prefix: "G", day: "20261130", last: 1 } });
      await open;
    });
    await sleep(50);
    const ends = setTimeout(finish, 300);
    // Answered from the last commit while the transaction is still open (it would otherwise wait).
    const started = performance.now();
    const rows = await db.requestNumberSequence.findMany({ where: { prefix: "G" } });
    const readMs = performance.now() - started;
    await transaction;
    clearTimeout(ends);
    expect(rows).toEqual([]);
    expect(readMs).toBeLessThan(200);
    // Once committed, the next read sees it.
    expect(await db.requestNumberSequence.count({ where: { prefix: "G" } })).toBe(1);
  });
});
