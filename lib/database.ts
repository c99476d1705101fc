// The one path to the platform database, for every process (API, worker, scripts, tests).
//
// Prisma's better-sqlite3 adapter gives each process ONE connection. Two faults follow from it,
// and this module closes both:
// - while an interactive `$transaction` is open, any other caller's query runs inside it, so the
//   transaction's rollback erases writes that were already acknowledged to those callers. Here a
//   process-wide mutex admits one unit of work at a time: a statement, or a whole transaction.
// - a transaction that reads first starts as a reader; when another process commits meanwhile,
//   its first write fails at once with SQLITE_BUSY_SNAPSHOT (the busy timeout cannot help). Here
//   every transaction starts as a writer (BEGIN IMMEDIATE).
// Two more for latency (issue 14, the soak): better-sqlite3 is synchronous, so SQLite's own busy
// wait for another process's write lock stopped the whole event loop, every request in flight
// with it. The writing connection has no busy timeout: a write that finds the lock taken is tried
// again after a short asynchronous pause, until BUSY_WAIT_MS have passed. And a plain SELECT
// outside a transaction runs on a second, reading connection (WAL: readers never wait for the
// writer), so reads do not queue behind this process's transactions or its waits for the lock.
// The API and the worker copy the log into the database file on a thread of their own
// (startWalCheckpointer), not inside the commit that takes it past 1,000 frames.
//
// DATABASE_URL=postgresql://… selects PostgreSQL instead (the client generated from
// prisma/postgresql/schema.prisma, through Prisma's pg driver adapter and a connection pool), behind
// the same `Database` type. There each transaction has a connection of its own, so no mutex is
// needed; instead:
// - interactive transactions run SERIALIZABLE, the isolation SQLite's single writer gives, so code
//   that reads and then writes inside `$transaction` keeps its meaning;
// - a serialization failure or deadlock (SQLSTATE 40001 / 40P01; Prisma's P2034) re-runs the whole
//   interactive transaction, and a single statement outside one, up to SERIALIZATION_ATTEMPTS
//   times with a growing, jittered pause; a transaction's re-runs take a cross-process advisory
//   lock first, so transactions that collided (the audit chain's head is such a hot row) then run
//   one at a time instead of colliding again. A batch `$transaction([...])` is not re-run (Prisma's
//   queries run once); the code uses interactive transactions;
// - a transaction whose COMMIT fails (SERIALIZABLE reports many conflicts only there) still gives
//   its connection back to the pool, and waiting for a free connection is bounded, so a burst of
//   conflicting requests can neither drain the pool nor wait forever;
// - string filters (`contains`, `startsWith`, `endsWith`) match case-insensitively, as SQLite's
//   LIKE does for ASCII (Prisma's `mode: "insensitive"`, added to every such filter);
// - the server's text ordering should be the C collation (see README), as SQLite's.

import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { Mutex } from "async-mutex";
import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { type Prisma, PrismaClient } from "../prisma/generated/client.js";
import { PrismaClient as PostgresPrismaClient } from "../prisma/postgresql/generated/client.js";
import { isPostgresUrl } from "./database-url.js";
import { statementCounter } from "./statement-stats.js";

export type Database = PrismaClient;

export const SQLITE_PRAGMAS = ["journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON"];
/** How long a write (or BEGIN) waits for another process's write lock before it fails, ms. */
const BUSY_WAIT_MS = 15_000;
/**
 * The reading connection's SQLite busy timeout, ms: in WAL mode a reader waits only in rare cases
 * (recovery after a crash, a checkpoint resetting the log), briefly.
 */
const READER_BUSY_TIMEOUT_MS = 5000;
/**
 * Interactive transactions: `maxWait` covers the wait for this process's other work and for
 * another process's write lock (BUSY_WAIT_MS); `timeout` bounds the work inside.
 */
const TRANSACTION_OPTIONS = { maxWait: BUSY_WAIT_MS + 5000, timeout: 15_000 };

export function sqliteFilePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "");
}

/**
 * The platform database named by `databaseUrl`: a `file:` URL opens the SQLite file on the
 * serialized, writer-first path; a `postgresql://` URL connects to PostgreSQL (see the top of this
 * file). Either way the same `Database` API.
 */
export function createDatabase(
  databaseUrl: string,
  /** PostgreSQL only: connections in this process's pool (config.databasePoolSize, DATABASE_POOL_SIZE). */
  poolSize = DEFAULT_POSTGRES_POOL_SIZE,
  /** SQLite only: a file that counts the statements sent, by SQL text (config.databaseStatementStats). */
  statementStats?: string,
): Database {
  if (isPostgresUrl(databaseUrl)) return createPostgresDatabase(databaseUrl, poolSize);
  const adapter = new SerializedSqliteFactory(
    // timeout 0: no synchronous busy wait on the writing connection (retryWhileBusy waits instead).
    new PrismaBetterSqlite3({ url: databaseUrl, timeout: 0 }),
    statementStats ? statementCounter(statementStats) : undefined,
  );
  return new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
}

/**
 * Applies the SQLite pragmas; call once after connecting (journal_mode=WAL persists in the file).
 * On PostgreSQL it opens the first pooled connection instead, so an unreachable server fails the
 * process at start-up and the first request (or health probe) does not pay for connecting.
 */
export async function preparePragmas(db: Database): Promise<void> {
  if (POSTGRES_POOLS.has(db)) {
    await db.$queryRawUnsafe("SELECT 1");
    return;
  }
  for (const pragma of SQLITE_PRAGMAS) {
    await db.$queryRawUnsafe(`PRAGMA ${pragma}`);
  }
}

/**
 * WAL frames after which a commit checkpoints the log itself (SQLite's default is 1,000, ~4 MB). With
 * the checkpointer below running, commits never get there; it only bounds the log of a process
 * without one (a script) or while the checkpointer is behind.
 */
const WAL_AUTOCHECKPOINT_PAGES = 10_000;
/** How often the checkpointer copies the log into the database file, ms. */
const WAL_CHECKPOINT_INTERVAL_MS = 1000;
/**
 * The checkpointer's thread: its own connection, a PASSIVE checkpoint each interval (it waits for no
 * reader or writer and takes no write lock). A round that finds the database busy (another process
 * checkpointing) is retried at the next one; any other error (I/O, a file that is not a database)
 * ends the thread, which its parent logs.
 */
const CHECKPOINTER_THREAD = `
const { workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 0 });
setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    if (!String(error && error.code).startsWith("SQLITE_BUSY")) throw error;
  }
}, workerData.intervalMs);
`;

/**
 * Checkpoints the SQLite database's write-ahead log on a thread of its own, every
 * WAL_CHECKPOINT_INTERVAL_MS, and takes checkpoints off this process's commits (issue 14). A commit
 * that crosses SQLite's 1,000-frame mark copies the log into the database file and syncs it before it
 * returns (a binding decision's COMMIT took 1.5-2.0 ms on average with them, 0.8 without; the one that
 * checkpoints up to 27 ms), all the while holding this process's event loop (better-sqlite3 is
 * synchronous) and the write lock. The API and every worker process start one (several only share
 * the work: a checkpoint another connection runs is skipped). On PostgreSQL it does nothing.
 * Returns a function that stops the thread. A thread that fails is logged; commits then checkpoint
 * at WAL_AUTOCHECKPOINT_PAGES.
 */
export async function startWalCheckpointer(
  db: Database,
  databaseUrl: string,
  logger: { warn(details: object, message: string): void },
): Promise<() => Promise<void>> {
  if (isPostgresUrl(databaseUrl)) return async () => undefined;
  await db.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const thread = new Worker(CHECKPOINTER_THREAD, {
    eval: true,
    workerData: { driver, file: sqliteFilePath(databaseUrl), intervalMs: WAL_CHECKPOINT_INTERVAL_MS },
  });
  thread.on("error", (error) =>
    logger.warn(
      { error: error.message, code: (error as { code?: unknown }).code },
      "WAL checkpointer stopped; commits checkpoint the log",
    ),
  );
  thread.unref();
  return async () => {
    await thread.terminate();
  };
}

/** SQLITE_BUSY and its extended codes: the statement did not run, so running it again is safe. */
function isBusy(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { originalCode?: unknown } };
  const code = e?.cause?.originalCode ?? e?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

/**
 * Runs `work` (a statement or BEGIN IMMEDIATE on the writing connection, which has no busy
 * timeout) again while it finds another process's write lock, for BUSY_WAIT_MS at most. The
 * pauses are timers, so the event loop serves other requests meanwhile; they stay short (1-5 ms)
 * because the other process's transactions last milliseconds, and SQLite's own busy handler,
 * which backs off to 25-100 ms sleeps, made a waiter miss the lock's release by that much.
 */
async function retryWhileBusy<T>(work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isBusy(error) || performance.now() - started >= BUSY_WAIT_MS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(attempt, 4) + Math.random()));
    }
  }
}

/** A plain SELECT, which the reading connection can answer outside a transaction. */
const READ_ONLY = /^\s*SELECT\b/i;

class SerializedSqliteFactory implements SqlDriverAdapterFactory {
  readonly provider = "sqlite";
  readonly adapterName: string;
  constructor(
    private readonly inner: PrismaBetterSqlite3,
    private readonly count?: (sql: string) => void,
  ) {
    this.adapterName = inner.adapterName;
  }
  async connect(): Promise<SqlDriverAdapter> {
    const client = (adapter: SqlDriverAdapter) =>
      (adapter as unknown as { client: BetterSqlite3.Database }).client;
    const writer = await this.inner.connect();
    cacheStatements(client(writer));
    const reader = await this.inner.connect();
    client(reader).pragma(`busy_timeout = ${READER_BUSY_TIMEOUT_MS}`);
    cacheStatements(client(reader));
    const counted = (adapter: SqlDriverAdapter) =>
      this.count ? countedStatements(adapter, this.count) : adapter;
    return new SerializedSqliteAdapter(counted(writer), counted(reader));
  }
}

/** Prepared statements kept per connection (distinct SQL texts; IN lists of other lengths are others). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Keeps the connection's prepared statements: Prisma's adapter prepares every statement again
 * (`prepare(sql).bind(args)`), and parsing and planning the same few dozen SQL texts was ~4% of the
 * API's and the worker's CPU under load (issue 14 item 2). `prepare` here answers a statement from an
 * LRU cache and `bind` a view that passes the arguments to each run (a better-sqlite3 statement can be
 * bound once only). It serves exactly what the adapter calls: `reader`, `run`, `columns`, `raw().all`.
 * A statement's result columns are fixed once it is prepared, so `columns` is read once per statement:
 * better-sqlite3 builds a new array of new objects on each call (~10 µs for 17 columns), which the
 * adapter calls before every read (3 % of the API's CPU in the soak).
 */
function cacheStatements(client: BetterSqlite3.Database): void {
  const prepare = client.prepare.bind(client);
  type Cached = { statement: BetterSqlite3.Statement; columns?: BetterSqlite3.ColumnDefinition[] };
  const cache = new Map<string, Cached>();
  const cached = (sql: string) => {
    let entry = cache.get(sql);
    if (entry) {
      cache.delete(sql); // re-inserted below: the Map's order is the recency order
    } else {
      entry = { statement: prepare(sql) };
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, entry);
    return entry;
  };
  client.prepare = ((sql: string) => {
    const entry = cached(sql);
    const { statement } = entry;
    return {
      // The adapter's own BEGIN (`prepare("BEGIN").run()`, unused while startTransaction above
      // sends BEGIN IMMEDIATE) still works.
      run: () => statement.run(),
      bind: (args: unknown[]) => ({
        reader: statement.reader,
        run: () => statement.run(args),
        columns: () => (entry.columns ??= statement.columns()),
        raw: () => ({ all: () => statement.raw(true).all(args) }),
      }),
    };
  }) as unknown as typeof client.prepare;
}

/** `adapter` reporting the SQL of every statement it runs, inside transactions too, to `count`. */
function countedStatements(adapter: SqlDriverAdapter, count: (sql: string) => void): SqlDriverAdapter {
  const counted = <T extends Pick<SqlDriverAdapter, "queryRaw" | "executeRaw">>(target: T): T => {
    const queryRaw = target.queryRaw.bind(target);
    const executeRaw = target.executeRaw.bind(target);
    target.queryRaw = (query) => {
      count(query.sql);
      return queryRaw(query);
    };
    target.executeRaw = (query) => {
      count(query.sql);
      return executeRaw(query);
    };
    return target;
  };
  const executeScript = adapter.executeScript.bind(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.executeScript = (script) => {
    count(script);
    return executeScript(script);
  };
  adapter.startTransaction = async (isolationLevel) => counted(await startTransaction(isolationLevel));
  return counted(adapter);
}

const CLOSING = /^\s*(COMMIT|ROLLBACK)\b/i;

class SerializedSqliteAdapter implements SqlDriverAdapter {
  readonly provider = "sqlite";
  readonly adapterName: string;
  readonly #mutex = new Mutex();
  constructor(
    private readonly inner: SqlDriverAdapter,
    /** The reading connection: plain SELECTs outside transactions, no mutex (each runs whole, synchronously). */
    private readonly reader: SqlDriverAdapter,
  ) {
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: SqlQuery) {
    if (READ_ONLY.test(query.sql)) return this.reader.queryRaw(query);
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
  async dispose() {
    await this.reader.dispose();
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

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/** Connections per process (API, worker, each script) unless DATABASE_POOL_SIZE says otherwise. */
const DEFAULT_POSTGRES_POOL_SIZE = 10;
/** Runs of a transaction or statement that failed to serialize (40001) or deadlocked (40P01). */
export const SERIALIZATION_ATTEMPTS = 8;
const SERIALIZATION_CODES = new Set(["40001", "40P01"]);
/** Each PostgreSQL `Database` and its connection pool. */
const POSTGRES_POOLS = new WeakMap<object, pg.Pool>();

/**
 * Whether `error` is a PostgreSQL serialization failure or deadlock, as the pg driver, Prisma's
 * adapter (cause.originalCode) or the client (P2034; P2010 with meta.code) reports it.
 */
export function isSerializationFailure(error: unknown): boolean {
  type Reported = {
    code?: unknown;
    originalCode?: unknown;
    meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown } } };
    cause?: unknown;
  };
  let e = error as Reported | undefined;
  for (let depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    if (e.code === "P2034") return true;
    const codes = [e.code, e.originalCode, e.meta?.code, e.meta?.driverAdapterError?.cause?.originalCode];
    if (codes.some((code) => typeof code === "string" && SERIALIZATION_CODES.has(code))) return true;
    e = e.cause as Reported | undefined;
  }
  return false;
}

/** Runs `work` again after a serialization failure or deadlock, SERIALIZATION_ATTEMPTS runs at most. */
export async function retrySerializationFailures<T>(
  work: () => Promise<T>,
  serially?: <R>(work: () => Promise<R>) => Promise<R>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      // After a conflict, runs one at a time (across processes) so hot rows stop colliding.
      return attempt > 1 && serially ? await serially(work) : await work();
    } catch (error) {
      if (!isSerializationFailure(error) || attempt >= SERIALIZATION_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt + Math.random() * 20));
    }
  }
}

/** The advisory lock (pg_advisory_lock) that admits one retried transaction at a time. */
const RETRY_LOCK_KEY = 1_4032_0001;

/**
 * Runs `work` while this process holds the retry lock, on a connection of its own: transactions
 * that already conflicted once run one after another (across every process on the database)
 * while first attempts stay concurrent. A session lock on a separate connection, because a lock
 * taken inside a SERIALIZABLE transaction comes after its snapshot, too late to help.
 */
function serialRunner(pool: pg.Pool) {
  return async <R>(work: () => Promise<R>): Promise<R> => {
    const connection = await pool.connect();
    try {
      await connection.query("SELECT pg_advisory_lock($1)", [RETRY_LOCK_KEY]);
      try {
        return await work();
      } finally {
        await connection.query("SELECT pg_advisory_unlock($1)", [RETRY_LOCK_KEY]);
      }
    } finally {
      connection.release();
    }
  };
}

/**
 * pg's adapter, with single statements outside a transaction re-run on 40001/40P01, and every
 * transaction's connection returned to the pool however the transaction ends.
 */
class RetryingPgFactory implements SqlDriverAdapterFactory {
  readonly provider = "postgres";
  readonly adapterName: string;
  constructor(private readonly inner: PrismaPg) {
    this.adapterName = inner.adapterName;
  }
  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.inner.connect();
    const queryRaw = adapter.queryRaw.bind(adapter);
    const executeRaw = adapter.executeRaw.bind(adapter);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.queryRaw = (query) => retrySerializationFailures(() => queryRaw(query));
    adapter.executeRaw = (query) => retrySerializationFailures(() => executeRaw(query));
    adapter.startTransaction = async (isolationLevel) =>
      releasedWhenClosingFails(await startTransaction(isolationLevel));
    return adapter;
  }
}

/**
 * `transaction`, releasing its pooled connection when its COMMIT or ROLLBACK statement fails.
 * Prisma ends a transaction by sending COMMIT (or ROLLBACK) through `executeRaw` and only then
 * calling commit() (rollback()), which is where pg's adapter releases the connection; when the
 * statement throws, neither call comes. A SERIALIZABLE transaction's COMMIT fails with 40001
 * whenever the server finds the conflict only at commit (read/write dependencies among
 * transactions, e.g. many logins counting and inserting tries at once), so each such conflict
 * kept one connection checked out for good: the pool shrank until every caller waited forever,
 * and `$disconnect` (pg's pool.end waits for every connection) never returned (issue 14).
 * The server has already ended the transaction when COMMIT fails; the ROLLBACK here makes sure of
 * it before the connection goes back, and a connection that cannot even do that is discarded.
 */
function releasedWhenClosingFails(transaction: Transaction): Transaction {
  // Prisma 7 calls rollback() after a failed COMMIT as well: the connection goes back once only
  // (pg's pool would hand a twice-released connection to two transactions at once).
  let released = false;
  const once =
    (end: () => Promise<void>): (() => Promise<void>) =>
    async () => {
      if (released) return;
      released = true;
      await end();
    };
  transaction.commit = once(transaction.commit.bind(transaction));
  transaction.rollback = once(transaction.rollback.bind(transaction));
  const executeRaw = transaction.executeRaw.bind(transaction);
  transaction.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (CLOSING.test(query.sql) && !released) {
        const broken = await abandon(executeRaw);
        // pg's adapter keeps its pooled client as `client`; release(error) makes the pool discard it.
        const client = (transaction as unknown as { client?: pg.PoolClient }).client;
        if (broken && client) {
          released = true;
          client.release(broken);
        } else await transaction.rollback();
      }
      throw error;
    }
  };
  return transaction;
}

/** Sends ROLLBACK; the error when even that fails (the connection is then unusable). */
async function abandon(executeRaw: Transaction["executeRaw"]): Promise<Error | undefined> {
  const rollback: SqlQuery = { sql: "ROLLBACK", args: [], argTypes: [] };
  return executeRaw(rollback).then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
}

const STRING_MATCHES = ["contains", "startsWith", "endsWith"];

/** `where` with `mode: "insensitive"` added to every string filter that matches a part. */
function insensitive(where: unknown): unknown {
  if (Array.isArray(where)) return where.map(insensitive);
  if (!where || typeof where !== "object" || where instanceof Date) return where;
  const entries = Object.entries(where).map(([key, value]) => [key, insensitive(value)]);
  const filter = Object.fromEntries(entries);
  if (STRING_MATCHES.some((k) => typeof filter[k] === "string") && !("mode" in filter)) {
    filter.mode = "insensitive";
  }
  return filter;
}

function createPostgresDatabase(databaseUrl: string, poolSize: number): Database {
  // A caller waits for a free connection as long as Prisma waits to start a transaction, then fails
  // instead of waiting forever.
  const connectionTimeoutMillis = TRANSACTION_OPTIONS.maxWait;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis });
  const lockPool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  // An idle connection the server ended (restart, DROP DATABASE … FORCE) is dropped by the pool; the
  // pool re-emits its error, which would end the process if nobody listened (Prisma's adapter
  // listens on the main pool).
  lockPool.on("error", () => undefined);
  const serially = serialRunner(lockPool);
  let lockPoolEnded: Promise<void> | undefined;
  const adapter = new RetryingPgFactory(new PrismaPg(pool, { disposeExternalPool: true }));
  const client = new PostgresPrismaClient({
    adapter,
    transactionOptions: { ...TRANSACTION_OPTIONS, isolationLevel: "Serializable" },
  }).$extends({
    query: {
      $allModels: {
        $allOperations({ args, query }) {
          const where = (args as { where?: unknown }).where;
          return query(where === undefined ? args : ({ ...args, where: insensitive(where) } as typeof args));
        },
      },
    },
  });
  const transaction = client.$transaction.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const database = new Proxy(client, {
    get(target, property, receiver) {
      if (property === "$disconnect") {
        // Idempotent like Prisma's own $disconnect: pg refuses to end a pool twice.
        return () => target.$disconnect().finally(() => (lockPoolEnded ??= lockPool.end()));
      }
      if (property !== "$transaction") return Reflect.get(target, property, receiver);
      return (...args: unknown[]) =>
        typeof args[0] === "function"
          ? retrySerializationFailures(() => transaction(...args), serially)
          : transaction(...args);
    },
  }) as unknown as Database;
  POSTGRES_POOLS.set(database, pool);
  return database;
}

/** Which database a client (or a transaction's client) talks to. */
export function databaseDialect(db: Database | Prisma.TransactionClient): "sqlite" | "postgresql" {
  const provider = (db as { _activeProvider?: string })._activeProvider;
  return POSTGRES_POOLS.has(db) || provider === "postgresql" ? "postgresql" : "sqlite";
}

/**
 * PostgreSQL only: runs `work` on a connection of `db`'s pool, outside Prisma, and returns it to
 * the pool. For bulk maintenance Prisma has no statement for (db:import's COPY); the platform's
 * own writes go through Prisma. Throws on a SQLite database.
 */
export async function withPostgresConnection<T>(
  db: Database,
  work: (connection: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const pool = POSTGRES_POOLS.get(db);
  if (!pool) throw new Error("not a PostgreSQL database");
  const connection = await pool.connect();
  let failed = true;
  try {
    const result = await work(connection);
    failed = false;
    return result;
  } finally {
    // A connection whose work failed may be mid-COPY: the pool discards it instead of reusing it.
    connection.release(failed);
  }
}
