// Business registry port (市场监管局数据比对, R2). The fixture adapter answers from a shipped dataset of
// fictional enterprises so the whole registration flow works offline; the real one is Tianyancha
// (business-registry-tianyancha.ts).
import { readFileSync } from "node:fs";

/** The registry's record of one enterprise, as R2 compares it and R30 may register it. */
export type RegistryRecord = {
  uscc: string;
  name: string;
  legalRepName: string;
  /**
   * Null: the registry cannot tell. Commercial registries do not disclose the legal representative's
   * ID number; it is then neither a match nor a mismatch, and the R3 face check proves it.
   */
  legalRepIdNumber: string | null;
  /** IN_BUSINESS, or DEREGISTERED for every state in which the enterprise may not operate. */
  status: "IN_BUSINESS" | "DEREGISTERED";
  /** The registry's own wording of the registration state (登记状态, e.g. "吊销，未注销"), when it has one. */
  registryStatus?: string;
  /** Establishment date, YYYY-MM-DD (China date); "" when the registry does not say. */
  registeredOn: string;
  /** Administrative division code; null when the registry's answer carries none. */
  regionCode: string | null;
  /** Fixture only: why the record is there (e.g. "conflicting: …", "legacy code failing …"). */
  note?: string;
};

/** A record of the shipped fixture, which always knows the ID number and the division code. */
export type FixtureRegistryRecord = RegistryRecord & { legalRepIdNumber: string; regionCode: string };

/**
 * The registry could not answer (network, outage, throttled, timeout); callers retry, then fall back
 * to manual review. `vendorCode` is the vendor's code of the answer (or TIMEOUT, NETWORK, …).
 */
export class RegistryUnavailableError extends Error {
  override name = "RegistryUnavailableError";
  readonly vendorCode?: string;
  constructor(message: string, options: { cause?: unknown; vendorCode?: string } = {}) {
    super(message, { cause: options.cause });
    this.vendorCode = options.vendorCode;
  }
}

/**
 * The registry refused this platform (token, contract, balance, address allow-list, endpoint):
 * only the operators can mend it, so retrying is useless and the registration goes to manual review.
 */
export class RegistryCredentialsError extends RegistryUnavailableError {
  override name = "RegistryCredentialsError";
}

export interface BusinessRegistry {
  /** The registry's record for this USCC, or null when it has none. */
  lookup(uscc: string): Promise<RegistryRecord | null>;
}

export type FixtureRegistryOptions = {
  /** The records to answer from (tests may give records without an ID number, as a real registry). */
  records?: RegistryRecord[];
  /** USCCs for which the fixture simulates an outage (for tests and demos of the fallback). */
  unavailableFor?: ReadonlySet<string>;
};

/** The development registry's fictional enterprises (business-registry.fixtures.json), read from disk on each call. */
export function loadRegistryFixtures(): FixtureRegistryRecord[] {
  const url = new URL("./business-registry.fixtures.json", import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as FixtureRegistryRecord[];
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
