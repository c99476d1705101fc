// Creates the next migration from a change of prisma/schema.prisma:
//   npm run db:migration -- <name>
// `prisma migrate diff` compares the committed migrations (replayed on an in-memory shadow
// database) with the schema and prints the SQL, which becomes the new migration. Unlike
// `migrate dev` it never prompts and never touches a real database.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { migrationSchema } from "./lib/migration-schema.js";
import { runMigrationCli } from "./lib/prisma-clis.js";
import { nextMigrationSql } from "./lib/unmanaged-tables.js";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (lower-case letters, digits and _)");
  process.exit(2);
}
const scratch = await mkdtemp(path.join(os.tmpdir(), "zc-migration-"));
try {
  const output = await runMigrationCli(
    [
      "migrate",
      "diff",
      "--from-migrations",
      "prisma/migrations",
      "--to-schema-datamodel",
      migrationSchema("prisma/schema.prisma"),
      "--script",
    ],
    { DATA_DIR: scratch, DATABASE_URL: `file:${path.join(scratch, "scratch.db")}` },
  );
  const sql = nextMigrationSql(output.replace(/^Loaded Prisma config.*$/m, "").trim());
  if (!sql || sql.includes("This is an empty migration")) {
    console.log("The schema has no changes: no migration created.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const file = path.join("prisma", "migrations", `${stamp}_${name}`, "migration.sql");
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${sql}\n`);
    console.log(`Created ${file}: review it, then commit it.`);
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}
