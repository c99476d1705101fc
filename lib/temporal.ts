// Temporal connection settings shared by the API, the worker and the scripts.

import { readFileSync } from "node:fs";
import { Client, Connection, type ConnectionOptions } from "@temporalio/client";
import type { Config } from "./config.js";

/** Options that both the client's Connection and the worker's NativeConnection accept. */
export function temporalConnectionOptions(
  temporal: Config["temporal"],
): ConnectionOptions & { apiKey?: string } {
  const tls = temporal.tls;
  return {
    address: temporal.address,
    apiKey: temporal.apiKey,
    tls: tls
      ? {
          serverNameOverride: tls.serverName,
          serverRootCACertificate: tls.ca ? readFileSync(tls.ca) : undefined,
          clientCertPair:
            tls.cert && tls.key ? { crt: readFileSync(tls.cert), key: readFileSync(tls.key) } : undefined,
        }
      : undefined,
  };
}

export async function connectTemporalClient(temporal: Config["temporal"]): Promise<Client> {
  const connection = await Connection.connect(temporalConnectionOptions(temporal));
  return new Client({ connection, namespace: temporal.namespace });
}
