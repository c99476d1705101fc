import type { Client } from "@temporalio/client";
import type { Actor } from "../domain/authorization.js";
import type { Config } from "../lib/config.js";
import type { Database } from "../lib/database.js";
import type { Logger } from "../lib/logger.js";
import type { Ports } from "../lib/ports/index.js";

export type AppDependencies = Ports & {
  config: Config;
  db: Database;
  temporal: Client;
  logger: Logger;
  /** Serves the built console from this directory when set. */
  consoleDir?: string;
};

export type CurrentSession = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  absoluteExpiresAt: Date;
};

export type AppEnv = {
  Variables: {
    requestId: string;
    deps: AppDependencies;
    logger: Logger;
    actor: Actor | null;
    session: CurrentSession | null;
  };
};
