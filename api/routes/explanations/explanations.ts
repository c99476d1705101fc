// "Why can't I" before trying (issue 9): the console disables a control it knows the API would refuse
// (R18 re-enabling for a handler, R10 title application for an administrator) and shows why on hover.
// This route answers those refusals as the API would give them (code, message, details with rule,
// remedy, contacts), so the tooltip and the refusal say the same thing with the same people.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { AppError, EXPLAINED_REFUSALS, type ExplainedRefusal, errorMessage } from "../../../domain/errors.js";
import { explainRefusal } from "../../../lib/explanations.js";
import { assertNoRoleConflict } from "../../../lib/role-exclusion.js";
import type { AppEnv } from "../../context.js";
import { dataResponse, defineRoute } from "../../route.js";
import { requireActor } from "../../sessions.js";

const explanationSchema = z
  .object({
    code: z.enum(EXPLAINED_REFUSALS),
    message: z.object({ "zh-CN": z.string(), en: z.string() }),
    /** rule, remedy { zh-CN, en }, contacts: the convention of domain/errors.ts. */
    details: z.record(z.string(), z.unknown()),
  })
  .openapi("RefusalExplanation");

const list = defineRoute({
  method: "get",
  path: "/explanations",
  tags: ["explanations"],
  summary:
    "Why an action would be refused and what would make it possible, as the refusal itself would say it (rule, remedy, contacts); codes that cannot apply to the actor (R10 without an excluding role) are left out",
  access: { actor: "any" },
  request: {
    query: z.object({
      /** Comma-separated refusal codes, e.g. ONLY_ADMIN_ENABLES,CANNOT_EXIT_DISABLED. */
      codes: z
        .string()
        .max(500)
        .transform((value) => [...new Set(value.split(",").map((code) => code.trim()))])
        .pipe(z.array(z.enum(EXPLAINED_REFUSALS)).min(1).max(10)),
      /** The unit the action concerns: its administrator, or who designates one, is named. */
      unitId: z.string().uuid().optional(),
      /** For FORBIDDEN_ROLE: the roles the action needs, comma-separated. */
      roles: z
        .string()
        .max(200)
        .optional()
        .transform((value) => (value ? value.split(",").map((role) => role.trim()) : undefined)),
    }),
  },
  responses: { 200: dataResponse("The explanations, in the order asked", z.array(explanationSchema)) },
});

type Explained = z.infer<typeof explanationSchema>;

export const explanationsRouter = new OpenAPIHono<AppEnv>().openapi(list, async (c) => {
  const actor = requireActor(c);
  const { codes, unitId, roles } = c.req.valid("query");
  const { db } = c.get("deps");
  const data: Explained[] = [];
  for (const code of codes as ExplainedRefusal[]) {
    if (code === "TITLE_APPLICATION_EXCLUDED_BY_ROLE") {
      // R10 is about the roles the person holds now: the refusal opening an application would get.
      if (actor.kind !== "PERSON") continue;
      try {
        await assertNoRoleConflict(db, { kind: "TITLE_APPLICATION", personId: actor.personId });
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== code) throw error;
        data.push({ code, message: error.localized, details: error.details as Record<string, unknown> });
      }
      continue;
    }
    const explanation = await explainRefusal(db, code, { actor, unitId, requiredRoles: roles });
    data.push({
      code,
      message: errorMessage(code),
      details: { ...(unitId ? { unitId } : {}), ...explanation },
    });
  }
  return c.json({ data }, 200);
});
