// `npm run cluster:start`: a real Temporal cluster on this machine (lib/temporal-cluster.ts) — a
// private PostgreSQL 15 server, then frontend, history, matching and worker as four processes —
// until Ctrl-C (or SIGTERM), which stops them all. Its files live in DATA_DIR/temporal-cluster/ (the
// PostgreSQL data directory is deleted at stop). Point the platform at it with
// TEMPORAL_ADDRESS=<the printed address>. `-- --shards N` sets the history shards (default 4).
import { loadConfigOrExit } from "../lib/config.js";
import { startTemporalCluster, type TemporalCluster } from "../lib/temporal-cluster.js";
import { resolveTemporalServer } from "../lib/temporal-server.js";

const log = (line: string) => console.log(`[cluster] ${line}`);
const config = loadConfigOrExit();
const shardsAt = process.argv.indexOf("--shards");
const historyShards = shardsAt > 0 ? Number(process.argv[shardsAt + 1]) : 4;
if (!Number.isInteger(historyShards) || historyShards < 1) {
  console.error("--shards takes a whole number of history shards, at least 1");
  process.exit(2);
}
const binaries = await resolveTemporalServer(config.temporal.cacheDir, log);
const starting = new AbortController();
let cluster: TemporalCluster | undefined;
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log("stopping…");
    starting.abort();
    void cluster?.stop().then(() => {
      log("stopped");
      process.exit(0);
    });
  });
}
try {
  cluster = await startTemporalCluster({
    dataDir: config.dataDir,
    binaries,
    historyShards,
    namespaces: [config.temporal.namespace],
    log,
    signal: starting.signal,
  });
} catch (error) {
  console.error(stopping ? "stopped before the cluster was ready" : error);
  process.exit(stopping ? 0 : 1);
}
for (const [service, ports] of Object.entries(cluster.ports)) {
  log(
    `${service.padEnd(8)} pid ${cluster.pid(service as keyof typeof cluster.ports)}, gRPC ${ports.grpc}, membership ${ports.membership}, log ${cluster.logFile(service as keyof typeof cluster.ports)}`,
  );
}
log(`PostgreSQL 127.0.0.1:${cluster.postgres.port}, ${cluster.historyShards} history shards`);
log(`ready: TEMPORAL_ADDRESS=${cluster.address} (Ctrl-C stops the cluster)`);
