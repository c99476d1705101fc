import type { Client } from "@temporalio/client";
import type { Actor } from "../domain/authorization.js";
import type { Config } from "../lib/config.js";
import type { Database } from "../lib/database.js";
import type { Logger } from "../lib/logger.js";
import type { RealPersonAuth } from "../lib/ports/real-person-auth.js";
import type { SmsGateway } from "../lib/ports/sms.js";

export type AppDependencies = {
  config: Config;
  db: Database;
  temporal: Client;
  sms: SmsGateway;
  realPersonAuth: RealPersonAuth;
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
