// R30 at the API: a decision's choice of registered facts is checked against what the request offers
// before it goes to the workflow, so the reviewer is told which fields are wrong. The workflow's
// Update validator applies the same rule (domain/registered-facts.ts) and stays the authority.
import { z } from "@hono/zod-openapi";
import { AppError } from "../../../domain/errors.js";
import {
  FACT_SOURCES,
  factsChoiceProblem,
  type RegisteredFactsChoice,
} from "../../../domain/registered-facts.js";
import { factChoicesOf } from "../../../lib/registry-result.js";
import type { HumanTask } from "../../../prisma/generated/client.js";
import type { AppDependencies } from "../../context.js";

const source = z.enum(FACT_SOURCES);

/** The decision body's `registeredFacts`: per differing field, REGISTRY or APPLICANT. */
export const registeredFactsSchema = z
  .strictObject({
    unitName: source.optional(),
    legalRepName: source.optional(),
    legalRepIdNumber: source.optional(),
  })
  .openapi({
    description:
      "R30, approving a unit registration: for every fact that differs from the business registry, the value to register (the registry's or the applicant's). Only for those facts; not on a rejection",
  });

/**
 * Refuses a choice the task's request does not offer (REGISTERED_FACT_NOT_OFFERED: another kind of
 * request, a rejection, a field that agrees, no registry record) or an approval leaving a differing
 * field open (REGISTERED_FACTS_CHOICE_REQUIRED); `details.fields` names the fields.
 */
export async function checkRegisteredFactsChoice(
  deps: AppDependencies,
  task: Pick<HumanTask, "requestType" | "requestId">,
  body: { decision: "APPROVE" | "REJECT"; registeredFacts?: RegisteredFactsChoice },
): Promise<void> {
  const chosen = Object.keys(body.registeredFacts ?? {});
  const notOffered = (fields: string[]) =>
    new AppError("REGISTERED_FACT_NOT_OFFERED", { field: "registeredFacts", details: { fields } });
  if (task.requestType !== "UNIT_REGISTRATION" || body.decision === "REJECT") {
    if (body.registeredFacts !== undefined) throw notOffered(chosen);
    return;
  }
  const registration = await deps.db.unitRegistration.findUnique({ where: { id: task.requestId } });
  const offered = factChoicesOf(registration?.registryResult ?? null);
  const problem = factsChoiceProblem(body.registeredFacts, offered);
  if (problem?.problem === "NOT_OFFERED") throw notOffered(problem.fields);
  if (problem?.problem === "CHOICE_REQUIRED") {
    throw new AppError("REGISTERED_FACTS_CHOICE_REQUIRED", {
      field: "registeredFacts",
      details: { fields: problem.fields },
    });
  }
}
