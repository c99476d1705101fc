// `npm run audit:verify [-- --seal]`: checks the audit log's hash chain (R26) and prints OK with the
// number of events and the head's hash (keep it: a chain cut at its end is only seen against a
// head recorded earlier), or the first broken link, and exits 1. `--seal` first hashes the events
// written before the chain existed (the first audit write does that too).
import { existsSync } from "node:fs";
import { sealMigratedAuditEvents, verifyAuditChain } from "../lib/audit-chain.js";
import { loadConfigOrExit } from "../lib/config.js";
import { createDatabase, preparePragmas, sqliteFilePath } from "../lib/database.js";
import { isPostgresUrl } from "../lib/database-url.js";

const { databaseUrl } = loadConfigOrExit();
// Opening a missing SQLite file would create an empty database: say so instead.
if (!isPostgresUrl(databaseUrl) && !existsSync(sqliteFilePath(databaseUrl))) {
  console.error(`No database at ${sqliteFilePath(databaseUrl)} (DATABASE_URL): nothing to verify.`);
  process.exit(2);
}
const db = createDatabase(databaseUrl);
await preparePragmas(db);
try {
  if (process.argv.includes("--seal")) {
    console.log(`Sealed ${await sealMigratedAuditEvents(db)} event(s) written before the chain existed.`);
  }
  const report = await verifyAuditChain(db);
  if (report.ok) {
    const head = report.head ? `; head: sequence ${report.head.sequence}, hash ${report.head.hash}` : "";
    console.log(`OK: ${report.count} audit event(s), chain intact${head}`);
    process.exitCode = 0;
  } else {
    const b = report.break;
    console.log(
      `BROKEN at sequence ${b.sequence ?? "-"} (event ${b.id}): ${b.problem}: ${b.detail}. ` +
        `${report.checked} event(s) before it are intact.`,
    );
    process.exitCode = 1;
  }
} finally {
  await db.$disconnect();
}
