// R31: where a title application goes when a node pushes it up. Its path is the push chain at
// submission; a unit may change its superior (R13) while the application is on its way, and then
// the application follows the chain as it is at the moment of the push: the remaining old steps are
// skipped and the new superiors are appended. Pure: the workflow decides with it, deterministically.

/** A step of an application's path: its position (0 = the applicant's unit) and the node. */
export type ChainStep = { position: number; unitId: string };

export type NextSteps = {
  /** Positions of planned steps the application no longer goes through (they become SKIPPED). */
  skip: number[];
  /** New steps, after every existing position, for the superiors the plan did not have. */
  append: ChainStep[];
  /** The node the application goes to now; null: the pushing node is the top, the application is complete. */
  next: ChainStep | null;
  /** The first node where plan and chain part: the old one and the new one (null: none). */
  changed: { from: string | null; to: string | null } | null;
};

/**
 * `planned`: the pending steps after the pushing node, in order; `chain`: the pushing node's
 * superiors now, nearest first (lib/unit-hierarchy.ts superiorChain without the node itself);
 * `lastPosition`: the highest position the application has. The common beginning of plan and
 * chain is kept; from the first difference on, the plan is skipped and the chain appended.
 */
export function nextSteps(
  planned: readonly ChainStep[],
  chain: readonly string[],
  lastPosition: number,
): NextSteps {
  let same = 0;
  while (same < planned.length && same < chain.length && planned[same]!.unitId === chain[same]) same++;
  if (same === planned.length && same === chain.length) {
    return { skip: [], append: [], next: planned[0] ?? null, changed: null };
  }
  const append = chain.slice(same).map((unitId, i) => ({ position: lastPosition + 1 + i, unitId }));
  const path = [...planned.slice(0, same), ...append];
  return {
    skip: planned.slice(same).map((step) => step.position),
    append,
    next: path[0] ?? null,
    changed: { from: planned[same]?.unitId ?? null, to: chain[same] ?? null },
  };
}
