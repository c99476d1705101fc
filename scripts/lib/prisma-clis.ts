// The two Prisma CLIs. Prisma 7's (`prisma`) generates the clients the platform runs on, Prisma
// 6.19's (`prisma6`) runs the migrations: Prisma 7 migrates only through a native schema engine that
// is not on the npm registry, Prisma 6.19 through its WebAssembly engine and a driver adapter
// (prisma/migrate.config.ts). Both run as child processes; this module imports nothing of the
// generated clients, so it works before they exist (`postinstall`).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/**
 * Prisma 7's CLI fetches a native schema engine before every command, also `generate`, which never
 * runs it; naming a file as the engine (Prisma's PRISMA_SCHEMA_ENGINE_BINARY) stops the download.
 */
const NO_SCHEMA_ENGINE = path.resolve("prisma", "no-native-schema-engine.txt");

/** Runs a Prisma CLI; resolves with its standard output, rejects with its output on failure. */
function runCli(cli: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve(cli), ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`prisma ${args.join(" ")} failed:\n${stdout}${stderr}`)),
    );
  });
}

/** A migration command (`migrate deploy`, `migrate diff`) through Prisma 6.19's CLI. */
export function runMigrationCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return runCli("prisma6/build/index.js", [...args, "--config", "prisma/migrate.config.ts"], env);
}

/**
 * Generates the client of the database `databaseUrl` names (prisma.config.ts picks the schema): a
 * `file:` URL → prisma/generated, a `postgresql://` URL → prisma/postgresql/generated.
 */
export function generateClient(databaseUrl: string): Promise<string> {
  return runCli("prisma/build/index.js", ["generate"], {
    DATABASE_URL: databaseUrl,
    PRISMA_SCHEMA_ENGINE_BINARY: NO_SCHEMA_ENGINE,
  });
}
