// R2: the facts a unit registers with are compared with the business registry's record.
// Names are compared after normalising what people type differently but means the same
// (spaces, full-width brackets), never more: a different word is a mismatch. A fact the registry
// does not disclose (commercial registries never give the legal representative's ID number) is
// neither a match nor a mismatch: it is "not provided", and another step proves it (R3's face check).

import { withNameSeparator } from "./person-name.js";

export const COMPARED_FIELDS = ["unitName", "legalRepName", "legalRepIdNumber"] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/** What the registry said of a registration (R2): the outcome the reviewer and the history show. */
export const REGISTRY_OUTCOMES = ["MATCH", "MISMATCH", "NOT_FOUND", "DEREGISTERED"] as const;
export type RegistryOutcome = (typeof REGISTRY_OUTCOMES)[number];

export type SubmittedFacts = {
  uscc: string;
  unitName: string;
  legalRepName: string;
  legalRepIdNumber: string;
};
/** The registry's side; null for a fact the registry cannot tell. */
export type RegistryFacts = {
  uscc: string;
  name: string;
  legalRepName: string;
  legalRepIdNumber: string | null;
  status: "IN_BUSINESS" | "DEREGISTERED";
};

/**
 * The comparison: `mismatchedFields` differ; `notProvidedFields` were not compared because the
 * registry does not disclose them (never counted as a match nor as a mismatch).
 */
export type RegistryComparison = {
  outcome: RegistryOutcome;
  mismatchedFields: ComparedField[];
  notProvidedFields: ComparedField[];
};

export function normalizeName(value: string): string {
  return value
    .normalize("NFKC") // full-width letters, digits and brackets become their ASCII forms
    .replace(/\s+/g, "")
    .toUpperCase();
}

// A person's name is the same name whichever look-alike of "·" the registry or the applicant used
// (issue 13.1: domain/person-name.ts).
const comparable = (field: ComparedField, value: string) =>
  normalizeName(field === "legalRepName" ? withNameSeparator(value) : value);

export function compareWithRegistry(
  submitted: SubmittedFacts,
  record: RegistryFacts | null,
): RegistryComparison {
  if (!record) return { outcome: "NOT_FOUND", mismatchedFields: [], notProvidedFields: [] };
  const registryValue: Record<ComparedField, string | null> = {
    unitName: record.name,
    legalRepName: record.legalRepName,
    legalRepIdNumber: record.legalRepIdNumber,
  };
  const notProvidedFields = COMPARED_FIELDS.filter((field) => registryValue[field] === null);
  const mismatchedFields = COMPARED_FIELDS.filter((field) => {
    const value = registryValue[field];
    return value !== null && comparable(field, submitted[field]) !== comparable(field, value);
  });
  if (record.status === "DEREGISTERED")
    return { outcome: "DEREGISTERED", mismatchedFields, notProvidedFields };
  return { outcome: mismatchedFields.length ? "MISMATCH" : "MATCH", mismatchedFields, notProvidedFields };
}
