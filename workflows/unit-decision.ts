// What the processes a unit decides share (binding requests R16, affiliation requests R13): the
// Update validator of the unit's decision. The decider's grants and session strength arrive with
// the Update as the API loaded them; the validator is the arbiter, so of two deciders at once
// exactly one is accepted.
import { ApplicationFailure } from "@temporalio/workflow";
import { REAL_PERSON_ROLES } from "../domain/authorization.js";
import {
  NOT_A_UNIT_DECIDER,
  NOT_IN_REVIEW,
  OTHER_REQUEST,
  REAL_PERSON_REQUIRED,
  REASON_REQUIRED,
  type UnitDecision,
} from "./contracts.js";

/** A non-retryable failure of a validator: the API maps its `type` to a 4xx. */
export const fail = (type: string, message: string) =>
  ApplicationFailure.create({ type, message, nonRetryable: true });

/**
 * R12 and the unit's scope: the actor holds UNIT_ADMIN or TITLE_HANDLER in `unitId` and acts in a
 * real-person session. Throws NOT_A_UNIT_DECIDER or REAL_PERSON_REQUIRED.
 */
export function requireUnitDecider(
  actor: Pick<UnitDecision, "deciderRoles" | "strength">,
  unitId: string,
  message = "Only the unit's administrator or handlers decide",
): void {
  const decides = actor.deciderRoles.some(
    (g) => g.unitId === unitId && (REAL_PERSON_ROLES as readonly string[]).includes(g.role),
  );
  if (!decides) throw fail(NOT_A_UNIT_DECIDER, message);
  if (actor.strength !== "REAL_PERSON")
    throw fail(REAL_PERSON_REQUIRED, "R12: a real-person session is required");
}

/** The Update validator of a unit's decision: still open, a decider of this unit, R12, a reason to reject. */
export function validateUnitDecision(
  input: UnitDecision,
  request: { requestId: string; unitId: string },
  awaiting: boolean,
  state: string,
): void {
  if (input.requestId !== request.requestId) throw fail(OTHER_REQUEST, "This run belongs to another request");
  if (!awaiting) throw fail(NOT_IN_REVIEW, `The request is ${state}`);
  requireUnitDecider(input, request.unitId);
  if (input.decision === "REJECT" && !input.reason?.trim())
    throw fail(REASON_REQUIRED, "A rejection needs a reason");
}
