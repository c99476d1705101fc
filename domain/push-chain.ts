// R31: where a title application goes when a node pushes it up. Its path is the push chain at
// submission; a unit may change its superior (R13) while the application is on its way, and then
// the application follows the chain as it is at the moment of the push: the remaining old steps are
// skipped and the new superiors are appended. A chain whose top is not an HR department goes on to
// the HR department of the top's region, its implicit last node (lib/unit-hierarchy.ts
// pushChainLinks): that node's push completes the application, whatever superiors it has itself.
// Pure: the workflow decides with it, deterministically.

/**
 * A step of an application's path: its position (0 = the applicant's unit) and the node;
 * `implicit`: the node is the regional HR department that follows a top that is not one (R31), so
 * its push ends the path.
 */
export type ChainStep = { position: number; unitId: string; implicit?: true };

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
 * `planned`: the pending steps after the pushing node, in order; `chain`: the nodes after the
 * pushing node now, nearest first (lib/unit-hierarchy.ts pushChainLinks without the node itself:
 * its superiors, then the regional HR department when `implicitLast`); `lastPosition`: the highest
 * position the application has. The common beginning of plan and chain is kept; from the first
 * difference on, the plan is skipped and the chain appended. `next` is marked `implicit` when it
 * is the implicit last node.
 */
export function nextSteps(
  planned: readonly ChainStep[],
  chain: readonly string[],
  lastPosition: number,
  implicitLast = false,
): NextSteps {
  let same = 0;
  while (same < planned.length && same < chain.length && planned[same]!.unitId === chain[same]) same++;
  const changed = !(same === planned.length && same === chain.length);
  const append = chain.slice(same).map((unitId, i) => ({ position: lastPosition + 1 + i, unitId }));
  const first = [...planned.slice(0, same), ...append][0];
  // The next node is the chain's first: the implicit one when nothing else is left before it.
  const next = first
    ? {
        position: first.position,
        unitId: first.unitId,
        ...(implicitLast && chain.length === 1 ? { implicit: true as const } : {}),
      }
    : null;
  if (!changed) return { skip: [], append: [], next, changed: null };
  return {
    skip: planned.slice(same).map((step) => step.position),
    append,
    next,
    changed: { from: planned[same]?.unitId ?? null, to: chain[same] ?? null },
  };
}
