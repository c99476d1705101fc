// `npm run import:units -- units.csv`: imports legacy units (R5). See lib/import-units.ts for the
// columns. Exits non-zero when any row failed, after importing the good ones.
import { readFile } from "node:fs/promises";
import { loadConfigOrExit } from "../lib/config.js";
import { createDatabase } from "../lib/database.js";
import { IMPORT_COLUMNS, importUnits } from "../lib/import-units.js";

const file = process.argv[2];
if (!file) {
  console.error(`Usage: npm run import:units -- <file.csv>\nColumns: ${IMPORT_COLUMNS.join(",")}`);
  process.exit(2);
}
const { databaseUrl, databasePoolSize } = loadConfigOrExit();
const db = createDatabase(databaseUrl, databasePoolSize);
const report = await importUnits(db, await readFile(file, "utf8"));
await db.$disconnect();
console.log(
  `Imported ${report.imported} unit(s); skipped ${report.skipped.length}; failed ${report.failed.length}.`,
);
for (const p of report.skipped) console.log(`  line ${p.line}: skipped: ${p.message}`);
for (const p of report.failed) console.log(`  line ${p.line}: ${p.field}: ${p.message}`);
process.exit(report.failed.length > 0 ? 1 : 0);
