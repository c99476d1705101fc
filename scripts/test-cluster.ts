// `npm run test:cluster [-- <vitest args>]`: the API and workflow test layers on the scale-out stack —
// the platform database on PostgreSQL (TEST_DATABASE=postgresql: a private PostgreSQL 15 server per
// layer) and Temporal on a real cluster (lib/temporal-cluster.ts: frontend, history, matching and
// worker as four processes on PostgreSQL, 4 history shards) instead of the dev server — plus the
// cluster's own fault tests (tests/cluster/, each on a cluster of its own, since they kill services).
// The cluster lives under TEST_DATA_DIR/temporal-cluster/ (service logs in logs/) and is stopped at
// the end; the exit code is vitest's.
import { spawn } from "node:child_process";
import path from "node:path";
import { loadConfig } from "../lib/config.js";
import { startTemporalCluster } from "../lib/temporal-cluster.js";
import { resolveTemporalServer } from "../lib/temporal-server.js";

const log = (line: string) => console.log(`[test:cluster] ${line}`);
const dataDir = path.resolve(process.env.TEST_DATA_DIR ?? ".test-data");
const started = Date.now();
const binaries = await resolveTemporalServer(loadConfig().temporal.cacheDir, log);
const cluster = await startTemporalCluster({ dataDir, binaries, log });
let code = 1;
try {
  const vitest = spawn(
    process.execPath,
    [
      path.resolve("node_modules/vitest/vitest.mjs"),
      "run",
      ...["--project", "api", "--project", "workflows", "--project", "cluster"],
      ...process.argv.slice(2),
    ],
    {
      stdio: "inherit",
      env: {
        ...process.env,
        TEST_DATA_DIR: dataDir,
        TEST_DATABASE: "postgresql",
        TEST_CLUSTER: "1",
        TEMPORAL_ADDRESS: cluster.address,
      },
    },
  );
  const stopVitest = () => vitest.kill("SIGINT");
  process.on("SIGINT", stopVitest).on("SIGTERM", stopVitest);
  code = await new Promise<number>((resolve) => vitest.once("exit", (exit) => resolve(exit ?? 1)));
} finally {
  await cluster.stop();
}
log(
  `done in ${((Date.now() - started) / 1000).toFixed(0)} s (exit ${code}); cluster logs: ${cluster.dir}/logs`,
);
process.exit(code);
