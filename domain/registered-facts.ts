// R30: a unit is registered with verified facts. Where a fact compared with the business registry
// (R2) differs from the registry's record, the reviewer who approves takes, field by field, the
// registry's value or the applicant's; the choice is recorded. Facts that agree, and facts of a
// USCC the registry has no record of (or could not be asked about), are the applicant's.
import { COMPARED_FIELDS, type ComparedField, type SubmittedFacts } from "./registry-comparison.js";

/** Where a registered fact comes from: the registry's record or the applicant's form. */
export const FACT_SOURCES = ["REGISTRY", "APPLICANT"] as const;
export type FactSource = (typeof FACT_SOURCES)[number];

/** The reviewer's choice, one source per differing field (sources only: never the values themselves). */
export type RegisteredFactsChoice = Partial<Record<ComparedField, FactSource>>;

/** The registry's values of the compared facts, as the registry check stored them (null: not disclosed). */
export type RegistryValues = { name: string; legalRepName: string; legalRepIdNumber: string | null };

/** The facts a unit is registered with, and where each comes from. */
export type RegisteredFacts = Record<ComparedField, string> & { sources: Record<ComparedField, FactSource> };

/**
 * The fields the reviewer chooses on: those the registry check found different, provided the
 * registry has a record (no record, or no answer: the applicant's values are the only ones).
 */
export function offeredFactChoices(
  mismatchedFields: readonly string[],
  registryHasRecord: boolean,
): ComparedField[] {
  if (!registryHasRecord) return [];
  return COMPARED_FIELDS.filter((field) => mismatchedFields.includes(field));
}

/** Why a choice cannot be taken: a field or value that was not offered, or an offered field left open. */
export type FactsChoiceProblem =
  | { problem: "NOT_OFFERED"; fields: string[] }
  | { problem: "CHOICE_REQUIRED"; fields: ComparedField[] };

/**
 * Checks an approval's choice against what was offered: every offered field has one of the two
 * sources, and nothing else is chosen (a field that agrees, an unknown field, any other value).
 * `choice` is untrusted input (an Update's argument), hence `unknown`. Null when it is fine.
 */
export function factsChoiceProblem(
  choice: unknown,
  offered: readonly ComparedField[],
): FactsChoiceProblem | null {
  if (choice !== undefined && (choice === null || typeof choice !== "object" || Array.isArray(choice))) {
    return { problem: "NOT_OFFERED", fields: [] };
  }
  const entries = Object.entries((choice ?? {}) as Record<string, unknown>);
  const notOffered = entries
    .filter(
      ([field, source]) =>
        !offered.includes(field as ComparedField) || !FACT_SOURCES.includes(source as FactSource),
    )
    .map(([field]) => field);
  if (notOffered.length > 0) return { problem: "NOT_OFFERED", fields: notOffered };
  const chosen = new Set(entries.map(([field]) => field));
  const open = offered.filter((field) => !chosen.has(field));
  return open.length > 0 ? { problem: "CHOICE_REQUIRED", fields: open } : null;
}

/**
 * The values to register: a chosen field's value from its source, every other field the
 * applicant's. `choice` must have passed `factsChoiceProblem`; a REGISTRY choice without a record
 * is an error, never a silent fallback.
 */
export function registeredFacts(
  submitted: Pick<SubmittedFacts, ComparedField>,
  record: RegistryValues | null,
  choice: RegisteredFactsChoice = {},
): RegisteredFacts {
  const registryValue: Record<ComparedField, string | undefined> = {
    unitName: record?.name,
    legalRepName: record?.legalRepName,
    // A fact the registry does not disclose has no registry value to register.
    legalRepIdNumber: record?.legalRepIdNumber ?? undefined,
  };
  const sources = Object.fromEntries(
    COMPARED_FIELDS.map((field) => [field, choice[field] ?? "APPLICANT"]),
  ) as Record<ComparedField, FactSource>;
  const value = (field: ComparedField): string => {
    if (sources[field] === "APPLICANT") return submitted[field];
    const fromRegistry = registryValue[field];
    if (fromRegistry === undefined) throw new Error(`The registry has no ${field} to register`);
    return fromRegistry;
  };
  return {
    unitName: value("unitName"),
    legalRepName: value("legalRepName"),
    legalRepIdNumber: value("legalRepIdNumber"),
    sources,
  };
}

/** The choice as a request history entry's detail: "unitName=REGISTRY legalRepName=APPLICANT". */
export function factsChoiceDetail(choice: RegisteredFactsChoice): string | undefined {
  const parts = COMPARED_FIELDS.filter((field) => choice[field]).map((field) => `${field}=${choice[field]}`);
  return parts.length > 0 ? parts.join(" ") : undefined;
}

/** Reads `factsChoiceDetail` back; anything else (an older entry's detail, none) is no choice. */
export function parseFactsChoiceDetail(detail: string | null | undefined): RegisteredFactsChoice {
  const choice: RegisteredFactsChoice = {};
  for (const part of detail?.split(/\s+/) ?? []) {
    const [field, source] = part.split("=");
    if (COMPARED_FIELDS.includes(field as ComparedField) && FACT_SOURCES.includes(source as FactSource)) {
      choice[field as ComparedField] = source as FactSource;
    }
  }
  return choice;
}
