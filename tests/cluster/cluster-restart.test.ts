// Issue 14.3, on the scale-out stack only (`npm run test:cluster`): the cluster's state lives in its
// PostgreSQL databases, not in its processes — a whole cluster stopped and started again on the same
// databases (set up a second time by the schema tool, which then changes nothing) still has its
// namespaces and its running workflows, with the shard count they were created with.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { Client, Connection } from "@temporalio/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../lib/config.js";
import { type PostgresServer, startPostgres } from "../../lib/postgres-server.js";
import { startTemporalCluster } from "../../lib/temporal-cluster.js";
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

    const second = await startTemporalCluster({ dataDir, binaries, postgres, namespaces: [namespace] });
    try {
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
