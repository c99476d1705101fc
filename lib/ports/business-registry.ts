// Business registry port (市场监管局数据比对). The fixture adapter answers from a shipped dataset of
// fictional enterprises so the whole registration flow works offline.
import { readFileSync } from "node:fs";

export type RegistryRecord = {
  uscc: string;
  name: string;
  legalRepName: string;
  legalRepIdNumber: string;
  status: "IN_BUSINESS" | "DEREGISTERED";
  registeredOn: string;
  regionCode: string;
  /** Fixture only: why the record is there (e.g. "conflicting: …", "legacy code failing …"). */
  note?: string;
};

/** The registry could not answer (network, outage); callers retry, then fall back to manual review. */
export class RegistryUnavailableError extends Error {
  override name = "RegistryUnavailableError";
}

export interface BusinessRegistry {
  /** The registry's record for this USCC, or null when it has none. */
  lookup(uscc: string): Promise<RegistryRecord | null>;
}

export type FixtureRegistryOptions = {
  records?: RegistryRecord[];
  /** USCCs for which the fixture simulates an outage (for tests and demos of the fallback). */
  unavailableFor?: ReadonlySet<string>;
};

export function loadRegistryFixtures(): RegistryRecord[] {
  const url = new URL("./business-registry.fixtures.json", import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as RegistryRecord[];
}

export function createFixtureBusinessRegistry(options: FixtureRegistryOptions = {}): BusinessRegistry {
  const records = new Map((options.records ?? loadRegistryFixtures()).map((r) => [r.uscc, r]));
  return {
    async lookup(uscc) {
      if (options.unavailableFor?.has(uscc)) {
        throw new RegistryUnavailableError("The business registry did not answer");
      }
      return records.get(uscc) ?? null;
    },
  };
}
