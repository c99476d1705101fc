// A real worker for a test: all workflows and activities, on the test's database and task queue.
import { NativeConnection } from "@temporalio/worker";
import type { Config } from "../../lib/config.js";
import { createPorts, type Ports } from "../../lib/ports/index.js";
import { createWorker } from "../../lib/worker.js";
import type { TestDatabase } from "./database.js";

export type RunningWorker = { stop(): Promise<void> };

export async function startTestWorker(options: {
  database: TestDatabase;
  config: Config;
  ports?: Ports;
}): Promise<RunningWorker> {
  const connection = await NativeConnection.connect({ address: options.config.temporal.address });
  const worker = await createWorker({
    config: options.config,
    db: options.database.db,
    ports: options.ports ?? createPorts(options.config, options.database.db),
    connection,
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
