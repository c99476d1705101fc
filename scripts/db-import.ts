// `npm run db:import -- <file>`: loads a dump written by `npm run db:export` into the configured
// database (DATABASE_URL), which is migrated first and must hold no data yet (only the
// migrations' reference data, which the dump replaces). Then compares row counts with the dump.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { loadConfigOrExit } from "../lib/config.js";
import { countRows, type DumpLine, importDump } from "../lib/data-transfer.js";
import { createDatabase, preparePragmas } from "../lib/database.js";
import { applyMigrations } from "./lib/prisma-cli.js";

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run db:import -- <dump file>");
  process.exit(2);
}
const config = loadConfigOrExit();
await applyMigrations(config);
const db = createDatabase(config.databaseUrl, config.databasePoolSize);
await preparePragmas(db);
async function* lines(): AsyncGenerator<DumpLine> {
  for await (const text of createInterface({ input: createReadStream(file!), crlfDelay: Infinity })) {
    if (text.trim()) yield JSON.parse(text) as DumpLine;
  }
}
try {
  const imported = await importDump(db, lines());
  const counts = await countRows(db);
  const differing = Object.entries(imported).filter(([model, n]) => counts[model] !== n);
  if (differing.length > 0)
    throw new Error(`row counts differ after the import: ${JSON.stringify(differing)}`);
  const total = Object.values(imported).reduce((a, b) => a + b, 0);
  console.log(`Imported ${total} row(s) from ${file}:`, imported);
} finally {
  await db.$disconnect();
}
