// Configuration chooses the adapter behind each port: the offline development stand-ins by default
// (SMS outbox, simulated mobile app, registry fixture), the real vendors when configured (R28).
import path from "node:path";
import type { Config } from "../config.js";
import type { Database } from "../database.js";
import type { Logger } from "../logger.js";
import { type BusinessRegistry, createFixtureBusinessRegistry } from "./business-registry.js";
import { createTianyanchaBusinessRegistry } from "./business-registry-tianyancha.js";
import { createLocalFileStorage, type FileStorage } from "./file-storage.js";
import { createSimulatedRealPersonAuth, type RealPersonAuth } from "./real-person-auth.js";
import { createTencentRealPersonAuth } from "./real-person-tencent.js";
import { createOutboxSmsGateway, type SmsGateway } from "./sms.js";
import { createAliyunSmsGateway } from "./sms-aliyun.js";

export type Ports = {
  sms: SmsGateway;
  businessRegistry: BusinessRegistry;
  realPersonAuth: RealPersonAuth;
  fileStorage: FileStorage;
};

export function createPorts(config: Config, db: Database, logger?: Logger): Ports {
  return {
    sms: config.aliyunSms
      ? createAliyunSmsGateway(db, { ...config.aliyunSms, logger })
      : createOutboxSmsGateway(db),
    businessRegistry: config.tianyancha
      ? createTianyanchaBusinessRegistry({ ...config.tianyancha, logger })
      : createFixtureBusinessRegistry(),
    realPersonAuth: config.tencentFaceId
      ? createTencentRealPersonAuth(db, config.publicUrl, config.tencentFaceId)
      : createSimulatedRealPersonAuth(db, config.publicUrl),
    fileStorage: createLocalFileStorage(path.join(config.dataDir, "uploads")),
  };
}
