// R2: the facts a unit registers with are compared with the business registry's record.
// Names are compared after normalising what people type differently but means the same
// (spaces, full-width brackets), never more: a different word is a mismatch.

export const COMPARED_FIELDS = ["unitName", "legalRepName", "legalRepIdNumber"] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export type RegistryOutcome = "MATCH" | "MISMATCH" | "NOT_FOUND" | "DEREGISTERED";

export type SubmittedFacts = {
  uscc: string;
  unitName: string;
  legalRepName: string;
  legalRepIdNumber: string;
};
export type RegistryFacts = {
  uscc: string;
  name: string;
  legalRepName: string;
  legalRepIdNumber: string;
  status: "IN_BUSINESS" | "DEREGISTERED";
};

export type RegistryComparison = { outcome: RegistryOutcome; mismatchedFields: ComparedField[] };

export function normalizeName(value: string): string {
  return value
    .normalize("NFKC") // full-width letters, digits and brackets become their ASCII forms
    .replace(/\s+/g, "")
    .toUpperCase();
}

export function compareWithRegistry(
  submitted: SubmittedFacts,
  record: RegistryFacts | null,
): RegistryComparison {
  if (!record) return { outcome: "NOT_FOUND", mismatchedFields: [] };
  const registryValue: Record<ComparedField, string> = {
    unitName: record.name,
    legalRepName: record.legalRepName,
    legalRepIdNumber: record.legalRepIdNumber,
  };
  const mismatchedFields = COMPARED_FIELDS.filter(
    (field) => normalizeName(submitted[field]) !== normalizeName(registryValue[field]),
  );
  if (record.status === "DEREGISTERED") return { outcome: "DEREGISTERED", mismatchedFields };
  return { outcome: mismatchedFields.length ? "MISMATCH" : "MATCH", mismatchedFields };
}
