// Prisma 6.19 with the JavaScript schema engine: migrations run through a driver adapter and the
// WebAssembly engine, so nothing is downloaded at run time. DATABASE_URL chooses the
// database: a SQLite file (prisma/schema.prisma, prisma/migrations, better-sqlite3) or, for a
// postgresql:// URL, PostgreSQL (the generated prisma/postgresql/schema.prisma, its migrations and
// Prisma's pg adapter).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { defineConfig } from "prisma/config";
import { loadConfig } from "./lib/config.js";
import { isPostgresUrl } from "./lib/database-url.js";

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

const config = loadConfig();
process.env.DATABASE_URL ??= config.databaseUrl;
const postgres = isPostgresUrl(config.databaseUrl);
if (!postgres) mkdirSync(config.dataDir, { recursive: true });
const prismaDir = postgres ? path.join("prisma", "postgresql") : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(prismaDir, "schema.prisma"),
  migrations: { path: path.join(prismaDir, "migrations") },
  async adapter() {
    return postgres
      ? new PrismaPg({ connectionString: config.databaseUrl })
      : scriptTolerant(new PrismaBetterSQLite3({ url: config.databaseUrl }));
  },
});
