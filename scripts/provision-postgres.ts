// `npm run postgres:provision`: makes sure Debian's PostgreSQL 15 server binaries are there for the
// PostgreSQL test layer (`npm run test:postgres`). Installed with apt-get when missing and we are
// root; no cluster or service is set up (lib/postgres-server.ts starts a private one when needed).
import { execFileSync } from "node:child_process";
import { POSTGRES_BIN, postgresInstalled } from "../lib/postgres-server.js";

if (!postgresInstalled()) {
  if (process.getuid?.() !== 0) {
    console.error(`PostgreSQL 15 is missing (${POSTGRES_BIN}): run apt-get install postgresql-15 as root`);
    process.exit(1);
  }
  console.log("Installing Debian's postgresql-15 package with apt-get (first time only)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "postgresql-15"], {
    stdio: "inherit",
    env,
  });
  // The package starts a system cluster; the tests never use it.
  try {
    execFileSync("pg_ctlcluster", ["15", "main", "stop"], { stdio: "ignore" });
  } catch {}
  if (!postgresInstalled()) throw new Error(`apt-get finished but ${POSTGRES_BIN}/initdb is still missing`);
}
console.log(`PostgreSQL: ${POSTGRES_BIN}`);
