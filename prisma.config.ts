// Prisma 7's CLI generates the clients (`npm run db:generate`): DATABASE_URL chooses the schema, a
// SQLite file's (prisma/schema.prisma) or, for a postgresql:// URL, PostgreSQL's generated one
// (prisma/postgresql/schema.prisma). Migrations run through Prisma 6.19's CLI instead
// (prisma/migrate.config.ts): Prisma 7 migrates only through a native schema engine that is not on
// the npm registry, 6.19 through its WebAssembly engine and a driver adapter.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { isPostgresUrl } from "./lib/database-url.js";

const url = process.env.DATABASE_URL ?? "file:./data/platform.db";

export default defineConfig({
  schema: path.join(isPostgresUrl(url) ? path.join("prisma", "postgresql") : "prisma", "schema.prisma"),
  datasource: { url },
});
