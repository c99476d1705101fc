// Issue 8 item 5 (answers within a bounded time): calls into Temporal when its endpoint refuses
// connections or answers with a gRPC status the SDK does not retry (a gRPC server that implements
// nothing answers UNIMPLEMENTED, as a proxy in front of a cluster or an auth failure would): 503.
import { Server, ServerCredentials } from "@grpc/grpc-js";
import { Client, Connection } from "@temporalio/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeUpdateWithin, startWorkflowWithin } from "../../api/workflow-calls.js";
import { decideReview } from "../../workflows/contracts.js";

const logger = { warn() {}, error() {}, info() {} } as never;
const config = { temporal: { startTimeoutSeconds: 3, updateTimeoutSeconds: 3, taskQueue: "x" } } as never;
const server = new Server();
let emptyServer = "";
beforeAll(async () => {
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  emptyServer = `127.0.0.1:${port}`;
});
afterAll(() => server.forceShutdown());

for (const which of ["refused (127.0.0.1:1)", "a gRPC endpoint answering UNIMPLEMENTED"]) {
  describe(`Temporal ${which}`, () => {
    const deps = () => {
      const address = which.startsWith("refused") ? "127.0.0.1:1" : emptyServer;
      return {
        temporal: new Client({ connection: Connection.lazy({ address }), namespace: "default" }),
        config,
        logger,
      };
    };
    it("a workflow start answers 503 SERVICE_UNAVAILABLE within the bound", async () => {
      const d = deps();
      const t = Date.now();
      const error = await startWorkflowWithin(d as never, "unitRegistration", {
        taskQueue: "x",
        workflowId: "w1",
        args: [],
      } as never).catch((e) => e);
      expect(Date.now() - t).toBeLessThan(6_000);
      expect(error?.code).toBe("SERVICE_UNAVAILABLE");
    });
    it("an Update answers 503 ACTION_NOT_CONFIRMED within the bound", async () => {
      const d = deps();
      const t = Date.now();
      const error = await executeUpdateWithin(d as never, d.temporal.workflow.getHandle("w1"), decideReview, {
        args: [{} as never],
        updateId: "k",
      }).catch((e) => e);
      expect(Date.now() - t).toBeLessThan(6_000);
      expect(error?.code).toBe("ACTION_NOT_CONFIRMED");
    });
  });
}
