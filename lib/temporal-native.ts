// The SDK's native client (its Rust core) for the API and the worker: one runtime set-up, and a
// connection the API can start without.
import { setTimeout as sleep } from "node:timers/promises";
import { type ConnectionLike, type Metadata, OperatorService, WorkflowService } from "@temporalio/client";
import {
  DefaultLogger,
  type LogLevel,
  NativeConnection,
  type NativeConnectionOptions,
  Runtime,
} from "@temporalio/worker";
import type { Logger } from "./logger.js";

const sdkLevels: Record<LogLevel, "trace" | "debug" | "info" | "warn" | "error"> = {
  TRACE: "trace",
  DEBUG: "debug",
  INFO: "info",
  WARN: "warn",
  ERROR: "error",
};

/**
 * Installs the SDK's runtime, once per process and before its first native connection: the SDK's
 * own logs (the core's, the workflow bundler's report) go to `logger`, warnings up. Its handlers of
 * `shutdownSignals` stop the process's workers; a process without workers passes none and keeps
 * its own.
 */
export function installTemporalRuntime(logger: Logger, shutdownSignals: NodeJS.Signals[]): void {
  Runtime.install({
    logger: new DefaultLogger("WARN", (entry) =>
      logger[sdkLevels[entry.level]](entry.meta ?? {}, entry.message),
    ),
    shutdownSignals,
  });
}

/** What every call answers while not connected: gRPC UNAVAILABLE (14), as a failed call would. */
const notConnected = () =>
  Object.assign(new Error("14 UNAVAILABLE: not connected to Temporal yet"), {
    code: 14,
    details: "not connected to Temporal yet",
    metadata: {},
  });

const refuseCall: Parameters<typeof WorkflowService.create>[0] = (_method, _request, callback) =>
  callback(notConnected(), null);
const unavailableWorkflowService = WorkflowService.create(refuseCall);
const unavailableOperatorService = OperatorService.create(refuseCall);

/**
 * The API's Temporal connection (issue 14): the SDK's native client, whose gRPC transport runs on
 * the core's threads, where @grpc/grpc-js ran it on the API's event loop. It connects in the
 * background, again `retryMs` after each failed attempt, so the API starts (and /api/health says
 * "degraded") while Temporal is away; until then every call fails at once as gRPC UNAVAILABLE (the
 * API answers 503 and keeps the request). Once connected, the core client reconnects by itself
 * after an outage.
 */
export class BackgroundNativeConnection implements ConnectionLike {
  readonly plugins = [];
  #native: NativeConnection | undefined;
  readonly #connected: Promise<NativeConnection>;
  readonly #closing = new AbortController();

  constructor(options: NativeConnectionOptions, retryMs = 1000) {
    this.#connected = this.#connect(options, retryMs);
    this.#connected.catch(() => undefined);
  }

  async #connect(options: NativeConnectionOptions, retryMs: number): Promise<NativeConnection> {
    const closing = this.#closing.signal;
    for (;;) {
      closing.throwIfAborted();
      const native = await NativeConnection.connect(options).catch(() => undefined);
      if (!native) await sleep(retryMs, undefined, { signal: closing, ref: false }).catch(() => undefined);
      else if (closing.aborted) await native.close();
      else {
        this.#native = native;
        return native;
      }
    }
  }

  get workflowService(): WorkflowService {
    return this.#native?.workflowService ?? unavailableWorkflowService;
  }

  get operatorService() {
    return this.#native?.operatorService ?? unavailableOperatorService;
  }

  /** Resolves once connected. */
  async ensureConnected(): Promise<void> {
    await this.#connected;
  }

  withDeadline<R>(deadline: number | Date, fn: () => Promise<R>): Promise<R> {
    return this.#native ? this.#native.withDeadline(deadline, fn) : fn();
  }

  withMetadata<R>(metadata: Metadata, fn: () => Promise<R>): Promise<R> {
    return this.#native ? this.#native.withMetadata(metadata, fn) : fn();
  }

  withAbortSignal<R>(abortSignal: AbortSignal, fn: () => Promise<R>): Promise<R> {
    return this.#native ? this.#native.withAbortSignal(abortSignal, fn) : fn();
  }

  /** Stops connecting, and closes the native client if it connected. */
  async close(): Promise<void> {
    this.#closing.abort();
    await this.#native?.close();
  }
}
