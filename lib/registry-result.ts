// The business registry check's result as a unit registration stores it (UnitRegistration.registryResult,
// written by the registration's checkBusinessRegistry activity): the comparison (R2), the registry's
// record (what a reviewer may register instead of the applicant's values, R30) and when it was asked.
import { offeredFactChoices } from "../domain/registered-facts.js";
import type { ComparedField, RegistryOutcome } from "../domain/registry-comparison.js";
import type { RegistryRecord } from "./ports/business-registry.js";

export type StoredRegistryResult = {
  outcome: RegistryOutcome;
  mismatchedFields: ComparedField[];
  /** Facts the registry does not disclose (absent in results stored before the registry could omit one). */
  notProvidedFields?: ComparedField[];
  /** Null when the registry has no record of the USCC. */
  record: RegistryRecord | null;
  checkedAt: string;
};

/** The stored result, or null when the registry was not (yet) asked or did not answer. */
export function readRegistryResult(stored: string | null): StoredRegistryResult | null {
  return stored ? (JSON.parse(stored) as StoredRegistryResult) : null;
}

/** R30: the fields an approving reviewer chooses on for a registration with this stored result. */
export function factChoicesOf(stored: string | null): ComparedField[] {
  const result = readRegistryResult(stored);
  return offeredFactChoices(result?.mismatchedFields ?? [], Boolean(result?.record));
}
