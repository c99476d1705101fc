// The API's Temporal connection (lib/temporal-native.ts): the SDK's native client, connected in the
// background so the API starts while Temporal is away.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client, isGrpcServiceError } from "@temporalio/client";
import { describe, expect, it } from "vitest";
import { startWorkflowWithin } from "../../api/workflow-calls.js";
import { AppError } from "../../domain/errors.js";
import { loadConfig } from "../../lib/config.js";
import { freePorts } from "../../lib/free-port.js";
import { createLogger } from "../../lib/logger.js";
import { resolveTemporalCli } from "../../lib/temporal-cli.js";
import { startTemporalDevServer } from "../../lib/temporal-dev-server.js";
import { BackgroundNativeConnection } from "../../lib/temporal-native.js";

describe("issue 14: the API's native Temporal connection", () => {
  it("while Temporal is away every call fails at once as UNAVAILABLE (a start answers 503); once Temporal serves, it connects and calls succeed", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "native-connection-"));
    const config = loadConfig({ DATA_DIR: dir });
    const [port, uiPort] = await freePorts(2);
    const connection = new BackgroundNativeConnection({ address: `127.0.0.1:${port}` }, 100);
    const client = new Client({ connection, namespace: "default" });
    const deps = { temporal: client, config, logger: createLogger({ level: "silent", name: "test" }) };
    let server: Awaited<ReturnType<typeof startTemporalDevServer>> | undefined;
    try {
      const away = Date.now();
      const refused = await connection.workflowService.getSystemInfo({}).catch((error: unknown) => error);
      expect(isGrpcServiceError(refused) && refused.code).toBe(14);
      const start = startWorkflowWithin(deps, "bindingRequest", {
        taskQueue: "none",
        workflowId: "native-away",
      });
      await expect(start).rejects.toSatisfy(
        (error) => error instanceof AppError && error.code === "SERVICE_UNAVAILABLE",
      );
      // At once: not after the start's 10 s deadline.
      expect(Date.now() - away).toBeLessThan(2000);

      server = await startTemporalDevServer({
        cliPath: await resolveTemporalCli(config.temporal, () => undefined),
        dbFile: path.join(dir, "temporal.db"),
        port: port!,
        uiPort: uiPort!,
        namespace: "default",
        headless: true,
      });
      await connection.ensureConnected();
      const info = await connection.withDeadline(Date.now() + 5000, () =>
        connection.workflowService.getSystemInfo({}),
      );
      expect(info.serverVersion).toMatch(/^\d+\.\d+/);
      await startWorkflowWithin(deps, "bindingRequest", { taskQueue: "none", workflowId: "native-up" });
      const described = await client.workflow.getHandle("native-up").describe();
      expect(described.status.name).toBe("RUNNING");
    } finally {
      await connection.close();
      await server?.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
