// Configuration chooses the adapter behind each port; today each port has its offline dev adapter.

import path from "node:path";
import type { Config } from "../config.js";
import type { Database } from "../database.js";
import { type BusinessRegistry, createFixtureBusinessRegistry } from "./business-registry.js";
import { createLocalFileStorage, type FileStorage } from "./file-storage.js";
import { createSimulatedRealPersonAuth, type RealPersonAuth } from "./real-person-auth.js";
import { createOutboxSmsGateway, type SmsGateway } from "./sms.js";

export type Ports = {
  sms: SmsGateway;
  businessRegistry: BusinessRegistry;
  realPersonAuth: RealPersonAuth;
  fileStorage: FileStorage;
};

export function createPorts(config: Config, db: Database): Ports {
  return {
    sms: createOutboxSmsGateway(db),
    businessRegistry: createFixtureBusinessRegistry(),
    realPersonAuth: createSimulatedRealPersonAuth(db, config.publicUrl),
    fileStorage: createLocalFileStorage(path.join(config.dataDir, "uploads")),
  };
}
