// Finds or builds the real Temporal server (`go.temporal.io/server/cmd/server`) and its SQL schema
// tool (`cmd/tools/sql`) for the cluster stack (lib/temporal-cluster.ts). Both come from one module
// version, built with `go install` into a versioned directory of the cache, reused when present.
import path from "node:path";
import { goInstall, isExecutable, type Log } from "./go-install.js";

/** The server version: the one the Temporal CLI v1.5.1 embeds, so both stacks run the same server. */
export const TEMPORAL_SERVER_VERSION = "v1.29.1";
const MODULE = "go.temporal.io/server";

/** Absolute paths of the two binaries. */
export type TemporalServerBinaries = { server: string; sqlTool: string };

/** Where the binaries of TEMPORAL_SERVER_VERSION live under `cacheDir` (TEMPORAL_CACHE_DIR). */
export function cachedServerBinaries(cacheDir: string): TemporalServerBinaries {
  const dir = path.join(cacheDir, `temporal-server-${TEMPORAL_SERVER_VERSION}`);
  return { server: path.join(dir, "server"), sqlTool: path.join(dir, "sql") };
}

/**
 * The cached binaries, built first when either is missing (a cold build downloads the server's
 * modules and compiles them: minutes; throws when `go` is missing or the build fails).
 */
export async function resolveTemporalServer(cacheDir: string, log: Log): Promise<TemporalServerBinaries> {
  const binaries = cachedServerBinaries(cacheDir);
  if ((await isExecutable(binaries.server)) && (await isExecutable(binaries.sqlTool))) return binaries;
  const binDir = path.dirname(binaries.server);
  log(
    `Building the Temporal server ${TEMPORAL_SERVER_VERSION} and its SQL schema tool with Go into ${binDir}.`,
  );
  log("A first build downloads the server's Go modules and compiles them: expect 5–15 minutes on 2 cores.");
  await goInstall({
    packages: [`${MODULE}/cmd/server`, `${MODULE}/cmd/tools/sql`],
    version: TEMPORAL_SERVER_VERSION,
    binDir,
    label: "the Temporal server",
    log,
  });
  return binaries;
}
