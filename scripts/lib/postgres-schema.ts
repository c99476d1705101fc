// The PostgreSQL schema is generated from prisma/schema.prisma (the one source, SQLite): the
// datasource's provider is swapped and a header says where it comes from. The source uses nothing
// SQLite-only (no @db. native types, no SQLite-specific defaults); `postgresSchemaOf` refuses a
// source that starts to, so the generated file never silently differs in meaning.

import Database from "better-sqlite3";

/** Where the generated PostgreSQL schema, its client and its migrations live. */
export const POSTGRES_PRISMA_DIR = "prisma/postgresql";
export const POSTGRES_SCHEMA = `${POSTGRES_PRISMA_DIR}/schema.prisma`;
export const POSTGRES_MIGRATIONS = `${POSTGRES_PRISMA_DIR}/migrations`;
/** The schema as of the newest PostgreSQL migration: the next migration is the diff from it. */
export const POSTGRES_MIGRATED_SCHEMA = `${POSTGRES_PRISMA_DIR}/migrated.prisma`;
/** A PostgreSQL URL that only selects the schema for `prisma generate` (nothing connects to it). */
export const POSTGRES_GENERATE_URL = "postgresql://generate@localhost/generate";
export const POSTGRES_SCHEMA_COMMAND = "npm run db:schema:postgres";

const HEADER = `// GENERATED from prisma/schema.prisma by \`${POSTGRES_SCHEMA_COMMAND}\`: do not edit.
// The same models on PostgreSQL (provider swapped); its migrations are in ./migrations.
`;

/** The PostgreSQL schema text for the SQLite schema `source`; throws on SQLite-only syntax. */
export function postgresSchemaOf(source: string): string {
  const provider = /(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/;
  if (!provider.test(source)) throw new Error('prisma/schema.prisma: no datasource with provider "sqlite"');
  if (/@db\./.test(source)) throw new Error("prisma/schema.prisma: @db. native types are provider-specific");
  return HEADER + source.replace(provider, '$1"postgresql"');
}

/** Reference data the SQLite migrations insert (role catalogue, hierarchy lock…), by table. */
export type ReferenceData = Record<string, Record<string, unknown>[]>;
/** The reference data the PostgreSQL migrations have inserted so far. */
export const POSTGRES_REFERENCE_DATA = `${POSTGRES_PRISMA_DIR}/reference-data.json`;

/**
 * Rows a freshly migrated SQLite database holds: the data its migrations insert, which PostgreSQL
 * needs too (`prisma migrate diff` carries only the structure). Booleans as true/false (SQLite
 * keeps 0/1 in BOOLEAN columns).
 */
export function referenceDataOf(sqliteFile: string): ReferenceData {
  const db = new Database(sqliteFile, { readonly: true });
  try {
    const tables = db
      .prepare(
        // Ordinary tables only: not an FTS5 table (virtual) nor the shadow tables it fills.
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name",
      )
      .all() as { name: string }[];
    const data: ReferenceData = {};
    for (const { name } of tables) {
      const rows = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all() as Record<string, unknown>[];
      if (rows.length === 0) continue;
      const columns = db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string }[];
      const booleans = columns.filter((c) => c.type.toUpperCase() === "BOOLEAN").map((c) => c.name);
      data[name] = rows.map((row) => {
        for (const column of booleans) if (row[column] !== null) row[column] = row[column] === 1;
        return row;
      });
    }
    return data;
  } finally {
    db.close();
  }
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return `'${String(value).replace(/'/g, "''")}'`;
}

/**
 * The INSERTs that bring PostgreSQL's reference data from `before` to `after`; throws when a row
 * was changed or removed (write that migration by hand: it may need an UPDATE with care).
 */
export function referenceDataSql(before: ReferenceData, after: ReferenceData): string {
  const statements: string[] = [];
  const key = (row: Record<string, unknown>) => JSON.stringify(row);
  for (const [table, rows] of Object.entries(after)) {
    const had = new Set((before[table] ?? []).map(key));
    const now = new Set(rows.map(key));
    const gone = (before[table] ?? []).filter((row) => !now.has(key(row)));
    if (gone.length > 0) {
      throw new Error(
        `reference data of ${table} changed or removed: write that PostgreSQL migration by hand`,
      );
    }
    for (const row of rows.filter((r) => !had.has(key(r)))) {
      const columns = Object.keys(row).map((c) => `"${c}"`);
      statements.push(
        `INSERT INTO "${table}" (${columns.join(", ")}) VALUES (${Object.values(row).map(literal).join(", ")});`,
      );
    }
  }
  for (const table of Object.keys(before)) {
    if (!(table in after))
      throw new Error(`reference data of ${table} removed: write that migration by hand`);
  }
  return statements.length
    ? `-- Reference data (as the SQLite migrations insert it)\n${statements.join("\n")}`
    : "";
}
