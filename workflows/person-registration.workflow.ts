// R15: a personal registration. The registrant's face check runs as a child; only when it passes
// is the account created (an activity, idempotent by registration id). The registrant's browser
// follows the registration's status in the database.
import { executeChild, proxyActivities } from "@temporalio/workflow";
import type { createActivities } from "../activities/index.js";
import { serviceCalls } from "./activity-options.js";
import {
  type PersonRegistrationInput,
  type PersonRegistrationOutcome,
  realPersonCheckWorkflowId,
} from "./contracts.js";
import { realPersonCheck } from "./real-person-check.workflow.js";

// It creates the account, then sends the registration SMS.
const { completePersonRegistration } = proxyActivities<ReturnType<typeof createActivities>>(serviceCalls);

export async function personRegistration(input: PersonRegistrationInput): Promise<PersonRegistrationOutcome> {
  const outcome = await executeChild(realPersonCheck, {
    workflowId: realPersonCheckWorkflowId(input.checkId),
    args: [{ checkId: input.checkId, ttlSeconds: input.ttlSeconds }],
  });
  return completePersonRegistration({ registrationId: input.registrationId, checkOutcome: outcome });
}
