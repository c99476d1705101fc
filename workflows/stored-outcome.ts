// The database is the arbiter of a request's outcome. A workflow task retried after its local steps
// were written (its completion refused for a new Update, or its worker died) may take another path
// than the attempt that wrote them: the step that closes the request then finds it closed, changes
// nothing and reports what is stored. The workflow adopts that outcome instead of its own.

/**
 * What a request-closing step found stored: the request's status and, for a decision, the key of
 * the decision applied (the task row's decisionKey). Histories recorded before this field existed
 * return nothing (void) or no `stored`: the step then did what the path intended.
 */
export type StoredOutcome = {
  status: string;
  decisionKey: string | null;
  /** The stored decision's reason, where a notice of the adopted outcome needs it (a rejection). */
  reason?: string | null;
};

/** The outcome a workflow takes after a closing step, and whether it is another than its path's. */
export type AdoptedOutcome<S extends string> = {
  outcome: S;
  /** The key of the decision that closed the request; undefined for a withdrawal or an expiry. */
  decisionKey: string | undefined;
  /** True when the stored outcome (status or deciding key) is not the one this path intended. */
  adopted: boolean;
};

/**
 * The adopt rule (shared by every workflow with a human decision): the stored outcome wins. A retry of
 * the same path (same status, same key) counts as applied; no `stored` (an old history's result)
 * means the step applied what was intended.
 */
export function adoptStoredOutcome<S extends string>(
  intended: S,
  intendedKey: string | undefined,
  stored: StoredOutcome | null | undefined,
): AdoptedOutcome<S> {
  if (!stored) return { outcome: intended, decisionKey: intendedKey, adopted: false };
  const decisionKey = stored.decisionKey ?? undefined;
  const adopted = stored.status !== intended || decisionKey !== intendedKey;
  return { outcome: stored.status as S, decisionKey, adopted };
}
