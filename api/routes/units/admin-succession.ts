// 更换管理员 (R8) from 单位基础信息管理, real-person sessions only (R12). The actor's position towards the
// unit picks the path: its current administrator (a), the administrator of the nearest superior unit
// that has one when it has none (b), or of its region's HR department when neither exists (c). The
// unit login's first designation (d) is POST /units/{id}/first-administrator. All four run the same
// use case (lib/admin-succession.ts); `check` runs it without writing, for the confirmation step.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { maskIdNumber } from "../../../domain/masking.js";
import {
  designateAdministrator,
  type SuccessionResult,
  successionActorKind,
} from "../../../lib/admin-succession.js";
import type { AppEnv } from "../../context.js";
import { idNumberField, personNameField } from "../../fields.js";
import { dataResponse, defineRoute, jsonBody } from "../../route.js";
import { auditOrigin, clientAddress, requirePerson } from "../../sessions.js";
import { asDesignationGuess } from "../auth/throttle.js";
import { requireUnitVisible } from "./unit-management.js";

const tags = ["units"];
const access = { actor: "person", roles: ["UNIT_ADMIN"], strength: "REAL_PERSON" } as const;
const request = {
  params: z.object({ id: z.string().uuid() }),
  body: jsonBody(z.object({ idNumber: idNumberField, name: personNameField })),
};

const successionView = z
  .object({
    path: z.enum(["CURRENT_ADMIN", "SUPERIOR_ADMIN", "REGIONAL_HR_ADMIN", "UNIT_LOGIN"]),
    unit: z.object({ id: z.string(), name: z.string() }),
    administrator: z.object({ name: z.string().nullable(), idNumberMasked: z.string() }),
    /** Loses the office and every other role in the unit; stays bound to it. */
    formerAdministrator: z
      .object({ name: z.string().nullable(), revokedRoles: z.array(z.string()) })
      .nullable(),
    /** The new administrator was bound to no unit and is bound to this one with the designation. */
    boundNow: z.boolean(),
  })
  .openapi("AdminSuccession");

const check = defineRoute({
  method: "post",
  path: "/units/{id}/admin-succession/check",
  tags,
  summary:
    "R8: whether this person can become the unit's administrator and what would change (nothing is written); an ineligible candidate is refused with the reason and details.remedy",
  access,
  request,
  responses: { 200: dataResponse("The designation as it would happen", successionView) },
});

const designate = defineRoute({
  method: "post",
  path: "/units/{id}/admin-succession",
  tags,
  summary:
    "R8 更换管理员: the current administrator designates the next one; for a unit without one, the nearest superior unit's administrator, else its region's HR-department administrator. SMS to the new and the former administrator",
  access,
  request,
  responses: { 200: dataResponse("Designated", successionView) },
});

const view = (result: SuccessionResult): z.infer<typeof successionView> => ({
  path: result.path,
  unit: result.unit,
  administrator: {
    name: result.administrator.name,
    idNumberMasked: maskIdNumber(result.administrator.idNumber),
  },
  formerAdministrator: result.formerAdministrator
    ? { name: result.formerAdministrator.name, revokedRoles: result.formerAdministrator.revokedRoles }
    : null,
  boundNow: result.boundNow,
});

/** Both routes: the actor's position picks the path, then the use case runs (for real, or as a dry run). */
async function succession(
  c: Context<AppEnv>,
  id: string,
  body: { idNumber: string; name: string },
  dryRun: boolean,
) {
  const { actor } = requirePerson(c);
  const deps = c.get("deps");
  await requireUnitVisible(deps.db, actor, id);
  const kind = await successionActorKind(deps.db, id, actor.personId);
  // The check answers as the designation does: both count as guesses, per administrator and address.
  const result = await asDesignationGuess(
    deps.db,
    deps.config,
    `SUCCESSION:${actor.personId}`,
    clientAddress(c),
    () =>
      designateAdministrator(
        { ...deps, logger: c.get("logger") },
        {
          unitId: id,
          candidateIdNumber: body.idNumber,
          candidateName: body.name,
          by: { kind, personId: actor.personId },
          origin: auditOrigin(c),
          dryRun,
        },
      ),
  );
  return view(result);
}

export const adminSuccessionRouter = new OpenAPIHono<AppEnv>()
  .openapi(check, async (c) =>
    c.json({ data: await succession(c, c.req.valid("param").id, c.req.valid("json"), true) }, 200),
  )
  .openapi(designate, async (c) =>
    c.json({ data: await succession(c, c.req.valid("param").id, c.req.valid("json"), false) }, 200),
  );
