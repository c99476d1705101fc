// `npm run db:export -- <file>`: writes every row of the configured database (DATABASE_URL, SQLite
// or PostgreSQL) to <file>, one JSON document per line (lib/data-transfer.ts). Stop the platform
// first (`npm start` not running) so the dump is one consistent moment.

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { loadConfigOrExit } from "../lib/config.js";
import { exportDump } from "../lib/data-transfer.js";
import { createDatabase, preparePragmas } from "../lib/database.js";

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run db:export -- <dump file>");
  process.exit(2);
}
const { databaseUrl, databasePoolSize } = loadConfigOrExit();
const db = createDatabase(databaseUrl, databasePoolSize);
await preparePragmas(db);
const out = createWriteStream(file);
const rows: Record<string, number> = {};
try {
  for await (const line of exportDump(db)) {
    if ("model" in line) rows[line.model] = (rows[line.model] ?? 0) + 1;
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  const total = Object.values(rows).reduce((a, b) => a + b, 0);
  console.log(`Exported ${total} row(s) to ${file}:`, rows);
} finally {
  await db.$disconnect();
}
