// The PostgreSQL schema is generated from prisma/schema.prisma (the one source, SQLite): the
// datasource's provider is swapped and a header says where it comes from. The source uses nothing
// SQLite-only (no @db. native types, no SQLite-specific defaults); `postgresSchemaOf` refuses a
// source that starts to, so the generated file never silently differs in meaning.

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
