// Prisma 6.19's CLI, which runs the migrations (see prisma/migrate.config.ts), reads a datasource only
// with its `url`, which Prisma 7's CLI, generating the clients, refuses in a schema file: the
// migrations read copies that name it.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

const COPIES = path.resolve("node_modules", ".cache", "zc-account-platform", "migration-schemas");

/**
 * The path of a copy of the schema file `schema` whose datasource names `url = env("DATABASE_URL")`
 * (unchanged when it does already); copies live under node_modules/.cache.
 */
export function migrationSchema(schema: string): string {
  const source = readFileSync(schema, "utf8");
  const withUrl = /datasource\s+db\s*\{[^}]*\burl\s*=/.test(source)
    ? source
    : source.replace(
        /(datasource\s+db\s*\{[^}]*?provider\s*=\s*"\w+")/,
        '$1\n  url      = env("DATABASE_URL")',
      );
  mkdirSync(COPIES, { recursive: true });
  const copy = path.join(COPIES, path.relative(".", path.resolve(schema)).replaceAll(path.sep, "_"));
  // Written aside and renamed: processes migrating at the same time never read a partial copy.
  writeFileSync(`${copy}.${process.pid}`, withUrl);
  renameSync(`${copy}.${process.pid}`, copy);
  return copy;
}
