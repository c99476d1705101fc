// Migrations run through Prisma 6.19's CLI (the `prisma6` package) with its JavaScript schema engine:
// a driver adapter and the WebAssembly engine, so nothing is downloaded at run time (Prisma 7's CLI,
// which generates the clients, migrates only through a native engine that is not on npm). DATABASE_URL chooses the
// database: a SQLite file (prisma/schema.prisma, prisma/migrations, better-sqlite3) or, for a
// postgresql:// URL, PostgreSQL (the generated prisma/postgresql/schema.prisma, its migrations and
// Prisma's pg adapter).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { defineConfig } from "prisma6/config";
import { loadConfig } from "../lib/config.js";
import { isPostgresUrl } from "../lib/database-url.js";
import { migrationSchema } from "../scripts/lib/migration-schema.js";

// The schema engine sends whole multi-statement scripts through executeRaw on the shadow
// database; better-sqlite3 prepares one statement at a time, so route those to executeScript.
function acceptScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length === 0 && query.sql.includes(";")) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}

function scriptTolerant(
  factory: SqlMigrationAwareDriverAdapterFactory,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => acceptScripts(await factory.connect()),
    connectToShadowDb: async () => acceptScripts(await factory.connectToShadowDb()),
  };
}

// Prisma's pg adapter cannot read PostgreSQL's `name` type, which the schema engine's catalogue
// queries return (prisma/prisma#27403: "Column type 'name' could not be deserialized"). `name` is
// text on the wire, so the migration connections report it as text. The platform's own queries
// never see `name` (lib/database.ts does not need this).
const PG_NAME = 19;
const PG_TEXT = 25;
type Fields = { fields?: { dataTypeID: number }[] };
function nameAsText<T>(result: T): T {
  for (const one of Array.isArray(result) ? result : [result]) {
    for (const field of (one as Fields)?.fields ?? [])
      if (field.dataTypeID === PG_NAME) field.dataTypeID = PG_TEXT;
  }
  return result;
}
function migrationPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 2 });
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const callback = args.at(-1);
      if (typeof callback === "function") {
        args[args.length - 1] = (error: unknown, result: unknown) => callback(error, nameAsText(result));
      }
      const result = query(...args);
      return result instanceof Promise ? result.then(nameAsText) : result;
    };
  });
  return pool;
}

const config = loadConfig();
process.env.DATABASE_URL ??= config.databaseUrl;
const postgres = isPostgresUrl(config.databaseUrl);
if (!postgres) mkdirSync(config.dataDir, { recursive: true });
const prismaDir = postgres ? path.join("prisma", "postgresql") : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: migrationSchema(path.join(prismaDir, "schema.prisma")),
  migrations: { path: path.resolve(prismaDir, "migrations") },
  async adapter() {
    return postgres
      ? new PrismaPg(migrationPool(config.databaseUrl))
      : scriptTolerant(new PrismaBetterSqlite3({ url: config.databaseUrl }));
  },
});
