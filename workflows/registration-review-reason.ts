// Why a unit registration goes to manual review after its registry check (R1, R2): the workflow's
// rule, kept apart (no Temporal imports) so the step that opens the review in the same local activity
// as the check (issue 14, patch registration-checked-opening) applies the very same rule.
import type { RegistryComparison } from "../domain/registry-comparison.js";
import type { ManualReviewReason } from "./contracts.js";

const OUTCOME_REASON = {
  MISMATCH: "REGISTRY_MISMATCH",
  NOT_FOUND: "REGISTRY_NOT_FOUND",
  DEREGISTERED: "REGISTRY_DEREGISTERED",
} as const satisfies Record<Exclude<RegistryComparison["outcome"], "MATCH">, ManualReviewReason>;

/**
 * R2: a registry answer other than MATCH goes to review with its reason; R1: a match whose USCC
 * failed its check characters too. Undefined: the legal representative's face check comes next (R3).
 */
export function reviewReasonAfterCheck(
  comparison: Pick<RegistryComparison, "outcome">,
  usccCheckWarning: boolean,
): ManualReviewReason | undefined {
  if (comparison.outcome !== "MATCH") return OUTCOME_REASON[comparison.outcome];
  return usccCheckWarning ? "USCC_CHECK_CHARACTER" : undefined;
}

/** The REGISTRY_CHECKED timeline entry's detail (R25): the outcome, then the fields that differ. */
export function registryCheckedDetail(comparison: Pick<RegistryComparison, "outcome" | "mismatchedFields">) {
  return [comparison.outcome, ...comparison.mismatchedFields].join(" ");
}
