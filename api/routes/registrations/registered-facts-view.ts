// R30 on the applicant's status page (R25): the facts an approved registration registered the unit
// with, and for each whether it is the registry's value or the applicant's. Read from the request:
// the submitted facts, the stored registry record and the choice the approval recorded in the history.
import { z } from "@hono/zod-openapi";
import { maskIdNumber } from "../../../domain/masking.js";
import { FACT_SOURCES, parseFactsChoiceDetail, registeredFacts } from "../../../domain/registered-facts.js";
import { readRegistryResult } from "../../../lib/registry-result.js";
import type { UnitRegistration } from "../../../prisma/generated/client.js";

const source = z.enum(FACT_SOURCES);

export const registeredFactsView = z
  .object({
    unitName: z.string(),
    legalRepName: z.string(),
    legalRepIdNumberMasked: z.string(),
    /** REGISTRY: the business registry's value, chosen by the reviewer; APPLICANT: as submitted. */
    sources: z.object({ unitName: source, legalRepName: source, legalRepIdNumber: source }),
  })
  .openapi("RegisteredFacts");

/** The registered facts of an approved registration; null for any other status. */
export function registeredFactsOf(
  registration: UnitRegistration,
  history: { kind: string; detail: string | null }[],
): z.infer<typeof registeredFactsView> | null {
  if (registration.status !== "APPROVED") return null;
  const approved = history.filter((entry) => entry.kind === "APPROVED").at(-1);
  const record = readRegistryResult(registration.registryResult)?.record ?? null;
  const facts = registeredFacts(registration, record, parseFactsChoiceDetail(approved?.detail));
  return {
    unitName: facts.unitName,
    legalRepName: facts.legalRepName,
    legalRepIdNumberMasked: maskIdNumber(facts.legalRepIdNumber),
    sources: facts.sources,
  };
}
