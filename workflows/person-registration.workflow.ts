// R15: a personal registration. The registrant's face check runs as a child; only when it passes
// is the account created (an activity, idempotent by registration id). The registrant's browser
// follows the registration's status in the database.
import { executeChild, proxyActivities } from "@temporalio/workflow";
import type { createActivities } from "../activities/index.js";
import {
  type PersonRegistrationInput,
  type PersonRegistrationOutcome,
  realPersonCheckWorkflowId,
} from "./contracts.js";
import { realPersonCheck } from "./real-person-check.workflow.js";

const { completePersonRegistration } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: "30 seconds",
  retry: { initialInterval: "1 second", maximumInterval: "1 minute", backoffCoefficient: 2 },
});

export async function personRegistration(input: PersonRegistrationInput): Promise<PersonRegistrationOutcome> {
  const outcome = await executeChild(realPersonCheck, {
    workflowId: realPersonCheckWorkflowId(input.checkId),
    args: [{ checkId: input.checkId, ttlSeconds: input.ttlSeconds }],
  });
  return completePersonRegistration({ registrationId: input.registrationId, checkOutcome: outcome });
}
