// A real Temporal cluster on this machine, for the scale-out stack (`npm run cluster:start`,
// `npm run test:cluster`, the benchmark): the Temporal server v1.29.1 (lib/temporal-server.ts) run as
// four separate processes — frontend, history, matching and worker — on PostgreSQL (the
// postgres12 persistence plugin; databases `temporal` and `temporal_visibility` created and
// migrated by the server's own SQL schema tool) with several history shards. Unlike the dev server
// (one process, SQLite), a service can be killed and restarted on its own, which is how the fault
// test proves that nothing is lost when one fails.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { Client, Connection } from "@temporalio/client";
import { msToTs } from "@temporalio/common/lib/time.js";
import pg from "pg";
import { freePorts } from "./free-port.js";
import type { Log } from "./go-install.js";
import { type PostgresServer, startPostgres } from "./postgres-server.js";
import { stopChild } from "./temporal-dev-server.js";
import type { TemporalServerBinaries } from "./temporal-server.js";

const run = promisify(execFile);

/** The four services of a Temporal server, in the order they are started. */
export const CLUSTER_SERVICES = ["history", "matching", "frontend", "worker"] as const;
export type ClusterService = (typeof CLUSTER_SERVICES)[number];

/** The two databases of the cluster on its PostgreSQL server. */
export const TEMPORAL_DATABASES = { main: "temporal", visibility: "temporal_visibility" } as const;

export type TemporalClusterOptions = {
  /** Config, dynamic config and one log file per service go to `<dataDir>/temporal-cluster/`. */
  dataDir: string;
  binaries: TemporalServerBinaries;
  /**
   * A running PostgreSQL server to keep the cluster's databases on; else a private one is started
   * (and stopped, its data deleted, with the cluster).
   */
  postgres?: PostgresServer;
  /** History shards (fixed for the life of the databases). Default 4. */
  historyShards?: number;
  /** Namespaces registered before the cluster counts as ready. Default: `default`. */
  namespaces?: string[];
  /**
   * Partitions of each task queue (matching.numTaskqueueRead/WritePartitions). Default 1, as on the
   * dev server: this cluster runs one matching process, and partitions only spread a queue over
   * several; with one, a task written to a partition no poller waits on is forwarded to the root
   * partition (matching CPU 4.3 -> 2.7-2.8 ms per request, issue 14 throughput row at 15/s).
   * Raise it with the number of matching hosts.
   */
  taskQueuePartitions?: number;
  /** The services' log level. Default `warn`. */
  logLevel?: "debug" | "info" | "warn" | "error";
  /** Progress lines (default: none). */
  log?: Log;
  /** Aborts a start in progress (e.g. on Ctrl-C): what was started is stopped and the start throws. */
  signal?: AbortSignal;
};

export type TemporalCluster = {
  /** The frontend's gRPC address (`127.0.0.1:<port>`): what TEMPORAL_ADDRESS names. */
  address: string;
  /** `<dataDir>/temporal-cluster`. */
  dir: string;
  historyShards: number;
  /** gRPC and membership (ringpop) port of each service. */
  ports: Record<ClusterService, { grpc: number; membership: number }>;
  postgres: PostgresServer;
  /** Where a service writes its output (appended across restarts). */
  logFile(service: ClusterService): string;
  /** The service's process id while it runs. */
  pid(service: ClusterService): number | undefined;
  /** Registers namespaces (existing ones are kept) and waits until each is served. */
  registerNamespaces(names: string[]): Promise<void>;
  /** SIGKILL to one service (a crash: no drain, no goodbye to the membership ring); resolves once it exited. */
  kill(service: ClusterService): Promise<void>;
  /** Starts a stopped or killed service again on its ports; resolves once it serves. */
  restart(service: ClusterService): Promise<void>;
  /** Stops the services (SIGTERM, then SIGKILL after 10 s) and the PostgreSQL server if it started one. */
  stop(): Promise<void>;
};

/** The gRPC health service name each service reports SERVING under once it is ready (none for worker). */
const HEALTH_SERVICE: Record<ClusterService, string | undefined> = {
  frontend: "temporal.api.workflowservice.v1.WorkflowService",
  // History says SERVING once it owns its initial shards (and 5 s later).
  history: "temporal.api.workflowservice.v1.HistoryService",
  matching: "temporal.api.workflowservice.v1.MatchingService",
  worker: undefined,
};

/** Retention of closed workflows' histories in registered namespaces (the server's minimum: 1 day). */
const RETENTION = "1 day";
const READY_TIMEOUT_MS = 120_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the cluster: its databases (created and migrated to the server's embedded schemas by the
 * schema tool, idempotently), a generated config, the four services, then registers the namespaces.
 * Resolves once every service is ready and a workflow can be started; throws (with the tail of the
 * failing service's log) when one exits or is not ready within 2 minutes, stopping what it started.
 */
export async function startTemporalCluster(options: TemporalClusterOptions): Promise<TemporalCluster> {
  const log = options.log ?? (() => {});
  const historyShards = options.historyShards ?? 4;
  const dir = path.join(path.resolve(options.dataDir), "temporal-cluster");
  await mkdir(path.join(dir, "config"), { recursive: true });
  await mkdir(path.join(dir, "logs"), { recursive: true });
  const ownPostgres = !options.postgres;
  // In the system temp directory, as startPostgres prefers: its unprivileged user must reach the
  // directory, and the socket path must stay short.
  const postgres = options.postgres ?? (await startPostgres());
  const children = new Map<ClusterService, ChildProcess>();
  const exits = new Map<ClusterService, string>();
  const killAll = () => {
    for (const child of children.values()) child.kill("SIGKILL");
  };
  // Should this process end without stop() (e.g. the bench on Ctrl-C), no service outlives it, nor
  // the PostgreSQL server it started (pg_ctl detaches it): a fast shutdown, its temporary directory
  // stays.
  const onExit = () => {
    killAll();
    if (!ownPostgres) return;
    try {
      process.kill(postgres.pid, "SIGINT");
    } catch {}
  };
  process.on("exit", onExit);
  try {
    log(
      `PostgreSQL on 127.0.0.1:${postgres.port}: setting up ${Object.values(TEMPORAL_DATABASES).join(", ")}`,
    );
    await setUpDatabases(options.binaries.sqlTool, postgres);
    const forgotten = await forgetDeadMembers(postgres);
    if (forgotten) log(`forgot ${forgotten} membership rows of services that no longer run`);
    const free = await freePorts(CLUSTER_SERVICES.length * 2, { below: 32_768 });
    const ports = Object.fromEntries(
      CLUSTER_SERVICES.map((service, i) => [service, { grpc: free[2 * i]!, membership: free[2 * i + 1]! }]),
    ) as TemporalCluster["ports"];
    const address = `127.0.0.1:${ports.frontend.grpc}`;
    await writeFile(path.join(dir, "dynamicconfig.yaml"), dynamicConfig(options.taskQueuePartitions ?? 1));
    await writeFile(
      path.join(dir, "config", "cluster.yaml"),
      clusterConfig({
        postgresPort: postgres.port,
        historyShards,
        ports,
        dir,
        logLevel: options.logLevel ?? "warn",
      }),
    );
    const logFile = (service: ClusterService) => path.join(dir, "logs", `${service}.log`);

    const launch = (service: ClusterService) => {
      const out = openSync(logFile(service), "a");
      const child = spawn(
        options.binaries.server,
        [
          "--root",
          dir,
          "--config",
          "config",
          "--env",
          "cluster",
          "--allow-no-auth",
          "start",
          "--service",
          service,
        ],
        // Own process group: a Ctrl-C in the terminal reaches only the parent, which stops them in order.
        { stdio: ["ignore", out, out], detached: true },
      );
      closeSync(out);
      exits.delete(service);
      child.once("exit", (code, signal) => {
        exits.set(service, signal ? `signal ${signal}` : `code ${code}`);
        if (children.get(service) === child) children.delete(service);
      });
      children.set(service, child);
    };

    const ready = async (service: ClusterService) => {
      const deadline = Date.now() + READY_TIMEOUT_MS;
      for (;;) {
        const exit = exits.get(service);
        if (exit) throw new Error(`Temporal ${service} exited (${exit}):\n${await tail(logFile(service))}`);
        if (options.signal?.aborted) throw new Error("Temporal cluster start aborted");
        if (await serving(service, ports[service])) return;
        if (Date.now() > deadline) {
          throw new Error(
            `Temporal ${service} not ready after ${READY_TIMEOUT_MS / 1000} s:\n${await tail(logFile(service))}`,
          );
        }
        await sleep(250);
      }
    };

    const started = Date.now();
    // History alone first: each service writes the cluster's metadata into a new database at start,
    // and two doing so at once make one of them exit (duplicate key on cluster_metadata_info).
    const [first, ...others] = CLUSTER_SERVICES;
    launch(first);
    await ready(first);
    for (const service of others) launch(service);
    await Promise.all(others.map(ready));
    await registerNamespaces(address, options.namespaces ?? ["default"]);
    await probeWorkflowStart(address, (options.namespaces ?? ["default"])[0]!);
    log(
      `Temporal cluster ready at ${address} in ${((Date.now() - started) / 1000).toFixed(1)} s (logs: ${dir}/logs)`,
    );

    let stopping: Promise<void> | undefined;
    return {
      address,
      dir,
      historyShards,
      ports,
      postgres,
      logFile,
      pid: (service) => children.get(service)?.pid,
      registerNamespaces: (names) => registerNamespaces(address, names),
      async kill(service) {
        const child = children.get(service);
        if (!child) return;
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        child.kill("SIGKILL");
        await exited;
      },
      async restart(service) {
        if (children.has(service)) throw new Error(`Temporal ${service} is running: kill or stop it first`);
        launch(service);
        await ready(service);
      },
      stop() {
        stopping ??= (async () => {
          // In reverse order of start: the worker service and the frontend first (no new calls), history
          // last (it hands its shards over cleanly).
          for (const service of [...CLUSTER_SERVICES].reverse()) {
            const child = children.get(service);
            if (child) await stopChild(child);
          }
          process.off("exit", onExit);
          if (ownPostgres) await postgres.stop();
        })();
        return stopping;
      },
    };
  } catch (error) {
    killAll();
    process.off("exit", onExit);
    if (ownPostgres) await postgres.stop();
    throw error;
  }
}

/**
 * Creates `temporal` and `temporal_visibility` when missing and brings them to the newest schema the
 * server embeds (`update-schema --schema-name postgresql/v12/…`): a second run changes nothing.
 */
async function setUpDatabases(sqlTool: string, postgres: PostgresServer): Promise<void> {
  const user = new URL(postgres.url("postgres")).username;
  const base = [
    "--plugin",
    "postgres12",
    "--ep",
    "127.0.0.1",
    "--port",
    String(postgres.port),
    "--user",
    user,
  ];
  for (const [kind, database] of Object.entries(TEMPORAL_DATABASES)) {
    const args = [...base, "--db", database];
    const tool = async (...command: string[]) => {
      try {
        await run(sqlTool, [...args, ...command]);
      } catch (error) {
        const { stdout, stderr } = error as { stdout?: string; stderr?: string };
        throw new Error(
          `temporal sql tool ${command.join(" ")} on ${database} failed:\n${stderr ?? ""}${stdout ?? ""}`,
        );
      }
    };
    if (!(await databaseExists(postgres, database))) {
      await tool("create-database");
      await tool("setup-schema", "-v", "0.0");
    }
    await tool(
      "update-schema",
      "--schema-name",
      `postgresql/v12/${kind === "main" ? "temporal" : "visibility"}`,
    );
  }
}

/**
 * Deletes the membership rows (table `cluster_membership` of the main database) whose ringpop address
 * refuses a connection, and returns how many. A service bootstraps its ring from every row
 * heartbeated in the last 20 s and dials each until one answers, for up to 30 s (maxJoinDuration),
 * then retries for a minute before exiting: a cluster started again within 20 s of its stop (ports
 * are picked anew) sat out that limit with the old services' rows, and once exited (issue 14 CI
 * flake). A live member answers on its address, so its row is kept.
 */
async function forgetDeadMembers(postgres: PostgresServer): Promise<number> {
  const client = new pg.Client({ connectionString: postgres.url(TEMPORAL_DATABASES.main) });
  await client.connect();
  try {
    const members = await client.query<{ rpc_address: string; rpc_port: number }>(
      "SELECT DISTINCT rpc_address, rpc_port FROM cluster_membership",
    );
    let deleted = 0;
    for (const { rpc_address: address, rpc_port: port } of members.rows) {
      if (await accepts(address, port)) continue;
      const result = await client.query(
        "DELETE FROM cluster_membership WHERE rpc_address = $1 AND rpc_port = $2",
        [address, port],
      );
      deleted += result.rowCount ?? 0;
    }
    return deleted;
  } finally {
    await client.end();
  }
}

/** Whether `host:port` accepts a TCP connection within 1 s. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect(port, host);
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.setTimeout(1000, () => done(false));
  });
}

async function databaseExists(postgres: PostgresServer, database: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgres.url("postgres") });
  await client.connect();
  try {
    return (await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database])).rowCount === 1;
  } finally {
    await client.end();
  }
}

/**
 * Whether a service answers: SERVING on gRPC health, or for the worker (which serves no gRPC and
 * reports no health) an accepted connection on its membership port.
 */
async function serving(
  service: ClusterService,
  ports: { grpc: number; membership: number },
): Promise<boolean> {
  const healthName = HEALTH_SERVICE[service];
  if (!healthName) return accepts("127.0.0.1", ports.membership);
  const connection = Connection.lazy({ address: `127.0.0.1:${ports.grpc}`, connectTimeout: 1000 });
  try {
    const answer = await connection.withDeadline(Date.now() + 1000, () =>
      connection.healthService.check({ service: healthName }),
    );
    return answer.status === 1; // SERVING
  } catch {
    return false;
  } finally {
    await connection.close();
  }
}

/**
 * Registers each namespace unless it exists, then waits until the frontend describes it: a real
 * server reads a namespace it has not cached yet through from the database, so one that describes
 * is usable by workflows at once.
 */
export async function registerNamespaces(address: string, names: string[]): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    for (const namespace of names) {
      try {
        await connection.workflowService.registerNamespace({
          namespace,
          workflowExecutionRetentionPeriod: msToTs(RETENTION),
        });
      } catch (error) {
        if ((error as { code?: number }).code !== 6) throw error; // ALREADY_EXISTS
      }
    }
    const deadline = Date.now() + 30_000;
    for (const namespace of names) {
      for (;;) {
        try {
          await connection.workflowService.describeNamespace({ namespace });
          break;
        } catch (error) {
          if (Date.now() > deadline) throw new Error(`namespace ${namespace} not served: ${String(error)}`);
          await sleep(200);
        }
      }
    }
  } finally {
    await connection.close();
  }
}

/** Starts and terminates a workflow: the frontend, history (its shards) and the databases all answer. */
async function probeWorkflowStart(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection, namespace });
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        const handle = await client.workflow.start("ClusterReadinessProbe", {
          taskQueue: "cluster-readiness-probe",
          workflowId: `cluster-readiness-probe-${Date.now()}`,
        });
        await handle.terminate("readiness probe");
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`the cluster does not start workflows: ${String(error)}`);
        await sleep(500);
      }
    }
  } finally {
    await connection.close();
  }
}

async function tail(file: string, lines = 40): Promise<string> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text.split("\n").slice(-lines).join("\n");
}

/**
 * The server's static config (one file for all four services; `--service` picks the part a process
 * runs). Metrics and pprof are off: four processes would contend for one port.
 */
function clusterConfig(options: {
  postgresPort: number;
  historyShards: number;
  ports: TemporalCluster["ports"];
  dir: string;
  logLevel: string;
}): string {
  // postgres12_pgx (the pgx driver) rather than postgres12 (lib/pq): pgx prepares each statement
  // once per connection and reuses it, lib/pq has PostgreSQL parse and plan every query again.
  // Same schema and SQL. PostgreSQL's CPU per request 14.9-15.5 -> 7.9-8.3 ms (throughput row, 15/s).
  const store = (database: string, maxConns: number) => `      sql:
        pluginName: postgres12_pgx
        databaseName: ${database}
        connectAddr: "127.0.0.1:${options.postgresPort}"
        connectProtocol: tcp
        user: platform
        password: ""
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: 1h`;
  const service = (name: ClusterService) => `  ${name}:
    rpc:
      grpcPort: ${options.ports[name].grpc}
      membershipPort: ${options.ports[name].membership}
      bindOnLocalHost: true`;
  return `# Generated by lib/temporal-cluster.ts for the cluster in ${options.dir}; rewritten at each start.
log:
  stdout: true
  level: ${options.logLevel}

persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: ${options.historyShards}
  datastores:
    default:
${store(TEMPORAL_DATABASES.main, 20)}
    visibility:
${store(TEMPORAL_DATABASES.visibility, 10)}

global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
  pprof:
    port: 0

services:
${CLUSTER_SERVICES.map(service).join("\n")}

clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "127.0.0.1:${options.ports.frontend.grpc}"

dcRedirectionPolicy:
  policy: noop

dynamicConfigClient:
  filepath: "${path.join(options.dir, "dynamicconfig.yaml")}"
  pollInterval: 10s
`;
}

/**
 * What the dev server sets beyond the defaults (Temporal CLI v1.5.1), so both stacks behave alike,
 * except as lib/temporal-dev-server.ts changes it: no forced search-attribute re-read (the platform
 * registers none), and `partitions` per task queue (1 on the dev server; see taskQueuePartitions).
 */
const dynamicConfig = (
  partitions: number,
) => `# Generated by lib/temporal-cluster.ts: the dev server's own settings.
system.forceSearchAttributesCacheRefreshOnRead:
  - value: false
frontend.persistenceMaxQPS:
  - value: 10000
history.persistenceMaxQPS:
  - value: 45000
history.hostLevelCacheMaxSize:
  - value: 8096
frontend.namespaceRPS.visibility:
  - value: 100
matching.numTaskqueueReadPartitions:
  - value: ${partitions}
matching.numTaskqueueWritePartitions:
  - value: ${partitions}
`;
