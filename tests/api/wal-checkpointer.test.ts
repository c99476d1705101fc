// Issue 14: the SQLite write-ahead log is copied into the database file by a thread of its own
// (lib/database.ts startWalCheckpointer), not by the commit that crosses SQLite's 1,000-frame mark.
// In WAL mode the database file grows only when a checkpoint copies pages into it, so its size shows
// whether anything checkpointed.
import { mkdtemp, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sqliteFilePath, startWalCheckpointer } from "../../lib/database.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

const warnings: string[] = [];
const logger = { warn: (_: unknown, message: string) => void warnings.push(message) };
/**
 * ~2 MB in 200 rows, one commit each as the platform writes: ~1,600 WAL frames (each commit writes
 * its pages again), more than SQLite's default 1,000 at which a commit would checkpoint, fewer than
 * the 10,000 the checkpointer leaves to commits.
 */
const ROWS = 200;
const PADDING = "x".repeat(10_000);

async function writeRows(db: TestDatabase["db"], tag: string) {
  for (let i = 0; i < ROWS; i++) {
    await db.loginAttempt.create({
      data: { account: `${tag}-${i}-${PADDING}`, ipAddress: "203.0.113.9", succeeded: false },
    });
  }
}

const fileSize = async (url: string) => (await stat(sqliteFilePath(url))).size;

describe.runIf(process.env.TEST_DATABASE !== "postgresql")(
  "issue 14: WAL checkpoints off the commits",
  () => {
    it("the checkpointer copies committed pages into the database file within a few seconds; once stopped, nothing copies them", async () => {
      database = await createTestDatabase();
      const { db, url } = database;
      const stop = await startWalCheckpointer(db, url, logger);
      // The writing connection's own checkpoints only bound a log the thread does not keep short.
      expect(await db.$queryRawUnsafe("PRAGMA wal_autocheckpoint")).toEqual([
        { wal_autocheckpoint: 10_000n },
      ]);

      const before = await fileSize(url);
      await writeRows(db, "with");
      await expect
        .poll(() => fileSize(url), { timeout: 5000 })
        .toBeGreaterThan(before + ROWS * PADDING.length);

      await stop();
      const stopped = await fileSize(url);
      await writeRows(db, "after");
      // Three intervals of the thread: it would have copied the rows by now.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(await fileSize(url)).toBe(stopped);
      expect(warnings).toEqual([]);
    });

    it("a checkpoint that fails for another reason than a busy database stops the thread with a warning, not silently", async () => {
      database = await createTestDatabase();
      warnings.length = 0;
      // The thread opens its own connection to this file, which is not a database: its first
      // checkpoint fails with SQLITE_NOTADB (a busy database would only skip the round).
      const file = path.join(await mkdtemp(path.join(tmpdir(), "checkpointer-")), "not-a-database.db");
      await writeFile(file, "not a database ".repeat(20));
      const stop = await startWalCheckpointer(database.db, `file:${file}`, logger);
      try {
        await expect
          .poll(() => warnings, { timeout: 5000 })
          .toEqual(["WAL checkpointer stopped; commits checkpoint the log"]);
      } finally {
        await stop();
      }
    });
  },
);
