// What the console knows about the current actor: identity (masked), unit, roles, session.
import { z } from "@hono/zod-openapi";
import { type Actor, SUBSYSTEMS } from "../../../domain/authorization.js";
import { maskIdNumber, maskMobile } from "../../../domain/masking.js";
import { UNIT_TYPES } from "../../../domain/unit-types.js";
import type { Config } from "../../../lib/config.js";
import type { Database } from "../../../lib/database.js";
import type { CurrentSession } from "../../context.js";
import { idleExpiresAt } from "../../sessions.js";

export const meSchema = z
  .object({
    kind: z.enum(["PERSON", "UNIT"]),
    strength: z.enum(["PASSWORD", "REAL_PERSON"]),
    person: z
      .object({
        id: z.string(),
        name: z.string().nullable(),
        idNumberMasked: z.string(),
        mobileMasked: z.string(),
      })
      .nullable(),
    unit: z.object({ id: z.string(), name: z.string(), type: z.enum(UNIT_TYPES) }).nullable(),
    roles: z.array(
      z.object({
        role: z.string().openapi({ description: "A role of the catalogue (GET /api/roles)" }),
        subsystem: z.enum(SUBSYSTEMS),
        unitId: z.string(),
        unitName: z.string(),
        /** 评委会组建单位: the console's menus differ for handlers of units that do not form a committee. */
        unitFormsCommittee: z.boolean(),
      }),
    ),
    session: z.object({ createdAt: z.string(), idleExpiresAt: z.string(), absoluteExpiresAt: z.string() }),
  })
  .openapi("Me");

export type Me = z.infer<typeof meSchema>;

export async function describeMe(
  db: Database,
  config: Config,
  actor: Actor,
  session: CurrentSession,
): Promise<Me> {
  const sessionView = {
    createdAt: session.createdAt.toISOString(),
    idleExpiresAt: idleExpiresAt(session, config).toISOString(),
    absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
  };
  if (actor.kind === "UNIT") {
    const unit = await db.unit.findUniqueOrThrow({ where: { id: actor.unitId } });
    return {
      kind: "UNIT",
      strength: "PASSWORD",
      person: null,
      unit: { id: unit.id, name: unit.name, type: unit.type },
      roles: [],
      session: sessionView,
    };
  }
  const [person, unit, grants] = await Promise.all([
    db.person.findUniqueOrThrow({ where: { id: actor.personId } }),
    actor.unitId ? db.unit.findUnique({ where: { id: actor.unitId } }) : null,
    db.roleBinding.findMany({
      where: { personId: actor.personId, revokedAt: null },
      include: { unit: { select: { name: true, formsCommittee: true } } },
      orderBy: { grantedAt: "asc" },
    }),
  ]);
  return {
    kind: "PERSON",
    strength: actor.strength,
    person: {
      id: person.id,
      name: person.name,
      idNumberMasked: maskIdNumber(person.idNumber),
      mobileMasked: maskMobile(person.mobile),
    },
    unit: unit ? { id: unit.id, name: unit.name, type: unit.type } : null,
    roles: grants.map((g) => ({
      role: g.role,
      subsystem: g.subsystem,
      unitId: g.unitId,
      unitName: g.unit.name,
      unitFormsCommittee: g.unit.formsCommittee,
    })),
    session: sessionView,
  };
}
