// Issue 14.3, on the scale-out stack only (`npm run test:cluster`): the cluster's state lives in its
// PostgreSQL databases, not in its processes — a whole cluster stopped and started again on the same
// databases (set up a second time by the schema tool, which then changes nothing) still has its
// namespaces and its running workflows, with the shard count they were created with. And it starts
// without waiting for the stopped services: their membership rows (cluster_membership, heartbeats
// of the last 20 s count) named ports nobody listens on any more, and the restarted history tried to
// join them for ringpop's 30 s limit, then exited when that took over a minute on a loaded machine.
import { randomBytes, randomUUID } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { Client, Connection } from "@temporalio/client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../lib/config.js";
import { freePorts } from "../../lib/free-port.js";
import { type PostgresServer, startPostgres } from "../../lib/postgres-server.js";
import { startTemporalCluster, TEMPORAL_DATABASES } from "../../lib/temporal-cluster.js";
import { resolveTemporalServer, type TemporalServerBinaries } from "../../lib/temporal-server.js";

let postgres: PostgresServer;
let binaries: TemporalServerBinaries;
const dataDir = path.resolve(process.env.TEST_DATA_DIR ?? ".test-data", `cluster-restart-${randomUUID()}`);

beforeAll(async () => {
  binaries = await resolveTemporalServer(loadConfig().temporal.cacheDir, () => {});
  postgres = await startPostgres({ durable: false });
});
afterAll(() => postgres?.stop());

async function withClient<T>(address: string, namespace: string, work: (client: Client) => Promise<T>) {
  const connection = await Connection.connect({ address });
  try {
    return await work(new Client({ connection, namespace }));
  } finally {
    await connection.close();
  }
}

/**
 * What a service that just stopped leaves behind, made certain: a membership row with a fresh
 * heartbeat for a port that refuses connections (the stopped services' own rows may be up to 15 s
 * old, so whether they still count at the restart depends on timing).
 */
async function insertDeadMember(postgres: PostgresServer): Promise<void> {
  const [deadPort] = await freePorts(1, { below: 32_768 });
  const client = new pg.Client({ connectionString: postgres.url(TEMPORAL_DATABASES.main) });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO cluster_membership
         (membership_partition, host_id, rpc_address, rpc_port, role, session_start, last_heartbeat, record_expiry)
       VALUES (0, $1, '127.0.0.1', $2, 2, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC',
               now() AT TIME ZONE 'UTC' + interval '48 hours')`,
      [randomBytes(16), deadPort],
    );
  } finally {
    await client.end();
  }
}

describe("Issue 14.3: a real cluster keeps its state in PostgreSQL", () => {
  it("a cluster stopped and started again on its databases still runs its workflows in its namespaces", async () => {
    const namespace = `restart-${randomUUID().slice(0, 8)}`;
    const workflowId = `cluster-restart-${randomUUID()}`;
    const first = await startTemporalCluster({ dataDir, binaries, postgres, namespaces: [namespace] });
    try {
      expect(first.historyShards).toBe(4);
      await withClient(first.address, namespace, (client) =>
        // Nobody polls this queue: the workflow stays RUNNING with its first task scheduled.
        client.workflow.start("nobodyRunsThis", { taskQueue: `nobody-${randomUUID()}`, workflowId }),
      );
    } finally {
      await first.stop();
    }
    expect(first.pid("history")).toBeUndefined();
    await insertDeadMember(postgres);
    const historyLogBefore = (await stat(first.logFile("history"))).size;

    const second = await startTemporalCluster({ dataDir, binaries, postgres, namespaces: [namespace] });
    try {
      // The restarted history joined the ring at once instead of dialling the dead member until
      // ringpop's join limit (30 s) and retrying.
      const historyLog = (await readFile(second.logFile("history")))
        .subarray(historyLogBefore)
        .toString("utf8");
      expect(historyLog).not.toContain("unable to bootstrap ringpop");
      const description = await withClient(second.address, namespace, (client) =>
        client.workflow.getHandle(workflowId).describe(),
      );
      expect(description.status.name).toBe("RUNNING");
      const shards = await withClient(second.address, namespace, (client) =>
        client.connection.workflowService.getClusterInfo({}),
      );
      expect(shards.historyShardCount).toBe(4);
      await withClient(second.address, namespace, (client) =>
        client.workflow.getHandle(workflowId).terminate("done"),
      );
    } finally {
      await second.stop();
    }
  });
});
