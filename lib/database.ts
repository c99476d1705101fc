// The one path to the platform database, for every process (API, worker, scripts, tests).
//
// Prisma's better-sqlite3 adapter gives each process ONE connection. Two faults follow from it,
// and this module closes both:
// - while an interactive `$transaction` is open, any other caller's query runs inside it, so the
//   transaction's rollback erases writes that were already acknowledged to those callers. Here a
//   process-wide mutex admits one unit of work at a time: a statement, or a whole transaction.
// - a transaction that reads first starts as a reader; when another process commits meanwhile,
//   its first write fails at once with SQLITE_BUSY_SNAPSHOT (the busy timeout cannot help). Here
//   every transaction starts as a writer (BEGIN IMMEDIATE), waiting the busy timeout for the
//   other process, and a lock still held after that is retried a bounded number of times.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { Mutex } from "async-mutex";
import { PrismaClient } from "../prisma/generated/client.js";

export type Database = PrismaClient;

export const SQLITE_PRAGMAS = ["journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON"];
/** How long one statement waits for another process's write lock (SQLite busy timeout), ms. */
const BUSY_TIMEOUT_MS = 5000;
/** Attempts of a statement or BEGIN that found the database locked for the whole busy timeout. */
const BUSY_ATTEMPTS = 3;
/**
 * Interactive transactions: `maxWait` covers the wait for this process's other work and for
 * another process's write lock (all BUSY_ATTEMPTS of it); `timeout` bounds the work inside.
 */
const TRANSACTION_OPTIONS = { maxWait: BUSY_TIMEOUT_MS * BUSY_ATTEMPTS + 5000, timeout: 15_000 };

export function sqliteFilePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "");
}

/** A Prisma client on the serialized, writer-first SQLite path (see the top of this file). */
export function createDatabase(databaseUrl: string): Database {
  const adapter = new SerializedSqliteFactory(
    new PrismaBetterSQLite3({ url: databaseUrl, timeout: BUSY_TIMEOUT_MS }),
  );
  return new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
}

/** Applies the pragmas; call once after connecting (journal_mode=WAL persists in the file). */
export async function preparePragmas(db: Database): Promise<void> {
  for (const pragma of SQLITE_PRAGMAS) {
    await db.$queryRawUnsafe(`PRAGMA ${pragma}`);
  }
  await db.$queryRawUnsafe(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
}

/** SQLITE_BUSY and its extended codes: the statement did not run, so running it again is safe. */
function isBusy(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { originalCode?: unknown } };
  const code = e?.cause?.originalCode ?? e?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

async function retryWhileBusy<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isBusy(error) || attempt >= BUSY_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
    }
  }
}

class SerializedSqliteFactory implements SqlDriverAdapterFactory {
  readonly provider = "sqlite";
  readonly adapterName: string;
  constructor(private readonly inner: PrismaBetterSQLite3) {
    this.adapterName = inner.adapterName;
  }
  async connect(): Promise<SqlDriverAdapter> {
    return new SerializedSqliteAdapter(await this.inner.connect());
  }
}

const CLOSING = /^\s*(COMMIT|ROLLBACK)\b/i;

class SerializedSqliteAdapter implements SqlDriverAdapter {
  readonly provider = "sqlite";
  readonly adapterName: string;
  readonly #mutex = new Mutex();
  constructor(private readonly inner: SqlDriverAdapter) {
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: SqlQuery) {
    return this.#mutex.runExclusive(() => retryWhileBusy(() => this.inner.queryRaw(query)));
  }
  executeRaw(query: SqlQuery) {
    return this.#mutex.runExclusive(() => retryWhileBusy(() => this.inner.executeRaw(query)));
  }
  executeScript(script: string) {
    return this.#mutex.runExclusive(() => this.inner.executeScript(script));
  }
  getConnectionInfo() {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: false };
  }
  dispose() {
    return this.inner.dispose();
  }

  /**
   * Holds the connection until COMMIT or ROLLBACK: nobody else's statement runs inside. Prisma
   * sends COMMIT/ROLLBACK through `executeRaw`, then calls commit()/rollback(); when that
   * statement fails, commit()/rollback() never come, so the lock is released right there.
   */
  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") {
      // The inner adapter raises Prisma's InvalidIsolationLevel error for anything else.
      return this.inner.startTransaction(isolationLevel);
    }
    const release = await this.#mutex.acquire();
    try {
      await retryWhileBusy(() => this.inner.executeScript("BEGIN IMMEDIATE"));
    } catch (error) {
      release();
      throw error;
    }
    const inner = this.inner;
    let released = false;
    const done = async () => {
      if (!released) {
        released = true;
        release();
      }
    };
    return {
      provider: "sqlite",
      adapterName: this.adapterName,
      options: { usePhantomQuery: false },
      queryRaw: (query) => inner.queryRaw(query),
      async executeRaw(query) {
        try {
          return await inner.executeRaw(query);
        } catch (error) {
          if (CLOSING.test(query.sql)) {
            await inner.executeScript("ROLLBACK").catch(() => undefined);
            await done();
          }
          throw error;
        }
      },
      commit: done,
      rollback: done,
    };
  }
}
