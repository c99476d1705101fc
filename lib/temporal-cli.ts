// Finds or builds the Temporal CLI, which contains the dev server (SQLite persistence + Web UI).
// It builds from the Go module proxy, since nothing else can be downloaded on our machines.
import path from "node:path";
import type { Config } from "./config.js";
import { goInstall, isExecutable, type Log } from "./go-install.js";

export const TEMPORAL_CLI_VERSION = "v1.5.1";
const MODULE = "github.com/temporalio/cli/cmd/temporal";

export function cachedCliPath(temporal: Config["temporal"]): string {
  return path.join(temporal.cacheDir, `temporal-${TEMPORAL_CLI_VERSION}`, "temporal");
}

/** The CLI to use: TEMPORAL_CLI when set, else the cached build, else a fresh build into the cache. */
export async function resolveTemporalCli(temporal: Config["temporal"], log: Log): Promise<string> {
  if (temporal.cliPath) {
    if (!(await isExecutable(temporal.cliPath))) {
      throw new Error(`TEMPORAL_CLI=${temporal.cliPath} is not an executable file`);
    }
    return temporal.cliPath;
  }
  const cached = cachedCliPath(temporal);
  if (await isExecutable(cached)) return cached;
  await buildTemporalCli(path.dirname(cached), log);
  return cached;
}

async function buildTemporalCli(binDir: string, log: Log): Promise<void> {
  log(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go into ${binDir}.`);
  log("A first build downloads about 300 Go modules and compiles them: expect 5–10 minutes on 2 cores.");
  log("Later starts reuse the binary. Set TEMPORAL_CLI to use an existing temporal binary instead.");
  await goInstall({
    packages: [MODULE],
    version: TEMPORAL_CLI_VERSION,
    binDir,
    label: "the Temporal CLI",
    log,
    cgo: "0",
  });
}
