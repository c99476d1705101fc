// `npm run temporal:cluster:provision`: finds or builds the real Temporal server and its SQL schema
// tool (lib/temporal-server.ts) for the cluster stack, and checks that PostgreSQL 15 is installed.
import { loadConfigOrExit } from "../lib/config.js";
import { POSTGRES_BIN, postgresInstalled } from "../lib/postgres-server.js";
import { resolveTemporalServer } from "../lib/temporal-server.js";

const started = Date.now();
const binaries = await resolveTemporalServer(loadConfigOrExit().temporal.cacheDir, (line) =>
  console.log(line),
);
console.log(`Temporal server: ${binaries.server}`);
console.log(`Temporal SQL schema tool: ${binaries.sqlTool} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
if (!postgresInstalled()) {
  console.error(`PostgreSQL 15 is missing (${POSTGRES_BIN}): run npm run postgres:provision`);
  process.exit(1);
}
