// Issue 8 item 1: one safe write path to SQLite, in every process.
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
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
