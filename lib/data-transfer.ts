// Moving all the platform's data between databases (`npm run db:export` / `db:import`): SQLite to
// PostgreSQL when a province outgrows one machine, and back. The dump is one JSON document per line:
// a header, then one line per row ({"model", "row"}), DateTimes tagged so they come back as
// DateTimes. Rows are read through Prisma and written through it (SQLite) or PostgreSQL's COPY,
// so each database's own representation (SQLite's 0/1 booleans, its DateTime text) never leaks
// into the dump. Audit events are copied as stored, hashes included: the chain verifies the same
// after the move (audit:verify).
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { Prisma } from "../prisma/generated/client.js";
import { type Database, databaseDialect, withPostgresConnection } from "./database.js";

export const DUMP_FORMAT = "zc-account-platform/dump/1";
type Row = Record<string, unknown>;
type Delegate = {
  findMany(args: object): Promise<Row[]>;
  createMany(args: { data: Row[] }): Promise<unknown>;
  deleteMany(): Promise<unknown>;
  count(): Promise<number>;
};
export type DumpLine =
  | { format: typeof DUMP_FORMAT; models: string[]; exportedAt: string }
  | { model: string; row: Row };

const BATCH = 500;
/**
 * Rows per COPY statement on PostgreSQL: each is its own transaction, so a task count updated by the
 * insert trigger gains at most this many row versions before they can be pruned.
 */
const COPY_BATCH = 5000;
/** Tables the migrations fill (role catalogue, hierarchy lock): the dump's rows replace them. */
const REFERENCE_MODELS = new Set(["RoleDefinition", "HierarchyLock"]);

/**
 * Tables the database derives from others (the stored unit ancestry and the units' name bigrams,
 * kept by triggers on Unit, the subtrees' active bindings, kept by triggers on Binding, Person
 * and UnitAncestor, and the task counts, kept by triggers on HumanTask): not dumped, rebuilt as
 * the dump's units (parents first), bindings and tasks are inserted.
 */
const DERIVED_MODELS = new Set(["UnitAncestor", "BindingAncestor", "UnitNameBigram", "HumanTaskCount"]);

const MODELS = (Object.values(Prisma.ModelName) as string[]).filter((m) => !DERIVED_MODELS.has(m));
/** The scalar fields (columns) of each dumped model: a dump's rows may name no other. */
const FIELDS = new Map(MODELS.map((model) => [model, new Set(fieldsOf(model))]));

function delegate(db: Database, model: string): Delegate {
  return (db as unknown as Record<string, Delegate>)[model.charAt(0).toLowerCase() + model.slice(1)]!;
}

/** A foreign key: `table.column` references `refTable`. */
type ForeignKey = { table: string; column: string; refTable: string; refColumn: string };

async function foreignKeys(db: Database): Promise<ForeignKey[]> {
  if (databaseDialect(db) === "postgresql") {
    return db.$queryRaw<ForeignKey[]>`
      SELECT c.conrelid::regclass::text AS "table", a.attname::text AS "column",
        c.confrelid::regclass::text AS "refTable", r.attname::text AS "refColumn"
      FROM pg_constraint c
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      JOIN pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = c.confkey[1]
      WHERE c.contype = 'f'`.then((keys) =>
      keys.map((k) => ({ ...k, table: unquote(k.table), refTable: unquote(k.refTable) })),
    );
  }
  const keys: ForeignKey[] = [];
  for (const table of MODELS) {
    const rows = await db.$queryRawUnsafe<{ table: string; from: string; to: string }[]>(
      `PRAGMA foreign_key_list("${table}")`,
    );
    for (const row of rows) keys.push({ table, column: row.from, refTable: row.table, refColumn: row.to });
  }
  return keys;
}

const unquote = (name: string) => name.replace(/^"|"$/g, "");

/** The models in an order where every referenced table comes before the tables referring to it. */
function insertionOrder(keys: ForeignKey[]): string[] {
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < MODELS.length) {
    const ready = MODELS.filter(
      (m) =>
        !placed.has(m) &&
        keys.every(
          (k) => k.table !== m || k.refTable === m || placed.has(k.refTable) || !MODELS.includes(k.refTable),
        ),
    );
    if (ready.length === 0) throw new Error("the foreign keys form a cycle between tables");
    for (const m of ready) {
      placed.add(m);
      order.push(m);
    }
  }
  return order;
}

/** Rows of a self-referencing table, each after the row it refers to. */
function parentsFirst(rows: Row[], selfKeys: ForeignKey[]): Row[] {
  if (selfKeys.length === 0) return rows;
  const done = new Set<string>();
  const sorted: Row[] = [];
  let left = rows;
  while (left.length > 0) {
    const keyOf = (row: Row, column: string) => String(row[column]);
    const present = new Set(left.flatMap((row) => selfKeys.map((k) => keyOf(row, k.refColumn))));
    const ready = left.filter((row) =>
      selfKeys.every((k) => {
        const ref = row[k.column];
        return ref === null || ref === undefined || done.has(String(ref)) || !present.has(String(ref));
      }),
    );
    if (ready.length === 0) throw new Error("rows refer to each other in a cycle");
    for (const row of ready) {
      sorted.push(row);
      for (const k of selfKeys) done.add(keyOf(row, k.refColumn));
    }
    const readySet = new Set(ready);
    left = left.filter((row) => !readySet.has(row));
  }
  return sorted;
}

function encode(row: Row): Row {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, v instanceof Date ? { $date: v.toISOString() } : v]),
  );
}

function decode(row: Row): Row {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      v && typeof v === "object" && "$date" in v ? new Date((v as { $date: string }).$date) : v,
    ]),
  );
}

/**
 * Every row of every model, as dump lines (header first), in an order `importDump` can insert:
 * referenced tables first, a self-referencing table's parents before their children. Rows are
 * written as they are read, so memory does not grow with a table; only a self-referencing table
 * (units: tens of thousands of rows at province scale; regions) is held whole to order it.
 */
export async function* exportDump(db: Database): AsyncGenerator<DumpLine> {
  const keys = await foreignKeys(db);
  const order = insertionOrder(keys);
  yield { format: DUMP_FORMAT, models: order, exportedAt: new Date().toISOString() };
  for (const model of order) {
    const selfKeys = keys.filter((k) => k.table === model && k.refTable === model);
    if (selfKeys.length === 0) {
      for await (const row of rowsOf(db, model)) yield { model, row: encode(row) };
      continue;
    }
    const rows: Row[] = [];
    for await (const row of rowsOf(db, model)) rows.push(row);
    for (const row of parentsFirst(rows, selfKeys)) yield { model, row: encode(row) };
  }
}

/** The primary key of the models whose key is one column not named `id`. */
const SINGLE_KEYS: Record<string, string> = {
  Region: "code",
  DecisionOrigin: "decisionKey",
  RateLimiterFlexible: "key",
};

/**
 * A model's rows in pages of BATCH. A model with a one-column primary key (`id`, or as in
 * SINGLE_KEYS) is paged by it (keyset: each page starts after the last key, so the millionth row's
 * page costs what the first did, where OFFSET would walk past every row before it again; the same
 * column's order in the comparison and the sort: BINARY on SQLite, collation C on PostgreSQL).
 * The others (compound keys: role definitions, request number sequences) are small.
 */
async function* rowsOf(db: Database, model: string): AsyncGenerator<Row> {
  const fields = fieldsOf(model);
  const table = delegate(db, model);
  const key = SINGLE_KEYS[model] ?? (fields.includes("id") ? "id" : undefined);
  if (key) {
    for (let after: unknown; ; ) {
      const page = await table.findMany({
        ...(after === undefined ? {} : { where: { [key]: { gt: after } } }),
        orderBy: { [key]: "asc" },
        take: BATCH,
      });
      yield* page;
      if (page.length < BATCH) return;
      after = page.at(-1)![key];
    }
  }
  const orderBy = fields.map((f) => ({ [f]: "asc" }));
  for (let skip = 0; ; skip += BATCH) {
    const page = await table.findMany({ orderBy, skip, take: BATCH });
    yield* page;
    if (page.length < BATCH) return;
  }
}

/** The scalar fields (columns) of a model. */
function fieldsOf(model: string): string[] {
  return Object.values(
    (Prisma as unknown as Record<string, Record<string, string>>)[`${model}ScalarFieldEnum`] ?? {},
  );
}

/** Row counts by model. */
export async function countRows(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const model of MODELS) counts[model] = await delegate(db, model).count();
  return counts;
}

/**
 * Loads a dump into `db`, a migrated database holding no data yet (only the migrations' reference
 * data, which the dump's rows replace); refuses anything else, so nothing is ever merged or lost.
 * Rows go in batches: createMany of BATCH on SQLite, COPY of COPY_BATCH on PostgreSQL. Returns the
 * number of rows by model. Throws on a dump from elsewhere (no header, an unknown model or field).
 */
export async function importDump(
  db: Database,
  lines: AsyncIterable<DumpLine>,
): Promise<Record<string, number>> {
  const existing = await countRows(db);
  const occupied = Object.entries(existing).filter(([m, n]) => n > 0 && !REFERENCE_MODELS.has(m));
  if (occupied.length > 0) {
    throw new Error(
      `the target database already holds data (${occupied.map(([m, n]) => `${m}: ${n}`).join(", ")}): import into a freshly migrated, empty database`,
    );
  }
  const imported: Record<string, number> = {};
  let header = false;
  let batch: { model: string; rows: Row[] } | null = null;
  const postgres = databaseDialect(db) === "postgresql";
  const batchSize = postgres ? COPY_BATCH : BATCH;
  const flush = async () => {
    if (batch && batch.rows.length > 0)
      await (postgres
        ? copyRows(db, batch.model, batch.rows)
        : delegate(db, batch.model).createMany({ data: batch.rows }));
    batch = null;
  };
  for await (const line of lines) {
    if ("format" in line) {
      if (line.format !== DUMP_FORMAT) throw new Error(`not a platform dump (${line.format})`);
      header = true;
      for (const model of [...REFERENCE_MODELS].reverse()) await delegate(db, model).deleteMany();
      continue;
    }
    if (!header) throw new Error("not a platform dump: no header line");
    const fields = FIELDS.get(line.model);
    if (!fields) throw new Error(`unknown model in the dump: ${line.model}`);
    if (batch && (batch.model !== line.model || batch.rows.length >= batchSize)) await flush();
    batch ??= { model: line.model, rows: [] };
    for (const name in line.row)
      if (!fields.has(name)) throw new Error(`unknown field in the dump: ${line.model}.${name}`);
    batch.rows.push(decode(line.row));
    imported[line.model] = (imported[line.model] ?? 0) + 1;
  }
  await flush();
  await fillTaskRequestNumbers(db);
  // The planner's statistics of the loaded tables now, not at autovacuum's next pass: the first
  // requests after the move are planned on them (the extended ones on HumanTask included). VACUUM
  // marks the loaded pages all-visible, so the lists' index-only scans (a page's ids) read no table
  // rows from the first request on.
  if (postgres) await db.$executeRawUnsafe("VACUUM (ANALYZE)");
  return imported;
}

/**
 * PostgreSQL: inserts `rows` of `model` with one `COPY … FROM STDIN` (text format), the server's
 * bulk-load statement: Prisma's createMany spends ~0.4 ms of CPU per row building its INSERT, which
 * made the move of a province (3M rows) take 40 minutes. The triggers that keep the derived tables
 * fire as for any insert. The dump's rows of a model carry the same fields (importDump checked them).
 */
async function copyRows(db: Database, model: string, rows: Row[]): Promise<void> {
  const columns = Object.keys(rows[0]!);
  const text = rows.map((row) => `${columns.map((column) => copyValue(row[column])).join("\t")}\n`).join("");
  const statement = `COPY "${model}" (${columns.map((column) => `"${column}"`).join(", ")}) FROM STDIN`;
  await withPostgresConnection(db, (connection) =>
    pipeline(Readable.from([text]), connection.query(copyFrom(statement))),
  );
}

/**
 * A value in COPY's text format: \N for null, backslash escapes for the characters that end a
 * field or a row. DateTimes as ISO UTC, which `timestamp(3)` columns store as Prisma does (UTC).
 */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]!);
  throw new Error(`a value of an unexpected type in the dump: ${typeof value}`);
}

const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** The request tables whose numbers the tasks of each request type carry (HumanTask.requestNumber). */
const NUMBERED_REQUESTS = {
  UNIT_REGISTRATION: "UnitRegistration",
  BINDING_REQUEST: "BindingRequest",
  AFFILIATION_REQUEST: "AffiliationRequest",
  TITLE_APPLICATION: "TitleApplication",
} as const;

/**
 * Gives the imported tasks without a request number their request's (a dump taken before the
 * column existed), as its migration did for the tasks it found: the workbench's search looks a
 * typed number up there. Same SQL on SQLite and PostgreSQL.
 */
async function fillTaskRequestNumbers(db: Database): Promise<void> {
  for (const [type, table] of Object.entries(NUMBERED_REQUESTS))
    await db.$executeRawUnsafe(
      `UPDATE "HumanTask" SET "requestNumber" = (SELECT r."requestNumber" FROM "${table}" r WHERE r."id" = "HumanTask"."requestId")
       WHERE "requestType" = '${type}' AND "requestNumber" IS NULL`,
    );
}
