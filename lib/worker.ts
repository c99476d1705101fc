// The Temporal worker: every workflow and activity of the platform, on one task queue.
import { fileURLToPath } from "node:url";
import { NativeConnection, Worker } from "@temporalio/worker";
import { createActivities } from "../activities/index.js";
import type { Config } from "./config.js";
import type { Database } from "./database.js";
import type { Ports } from "./ports/index.js";
import { temporalConnectionOptions } from "./temporal.js";

export const workflowsPath = fileURLToPath(new URL("../workflows/index.ts", import.meta.url));

export async function createWorker(options: {
  config: Config;
  db: Database;
  ports: Ports;
  connection?: NativeConnection;
}): Promise<Worker> {
  const { config } = options;
  const connection =
    options.connection ?? (await NativeConnection.connect(temporalConnectionOptions(config.temporal)));
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowsPath,
    activities: createActivities({ db: options.db, ports: options.ports }),
    // A workflow cached by a worker that died (kill -9) waits this long before another worker takes
    // its next task: the SDK's 10 s default is what the first decision after a crash used to wait.
    stickyQueueScheduleToStartTimeout: "1 second",
  });
}
