// 系统配置子系统 → 单位基础信息管理 for administrators (R7, R12: real-person sessions only): the list of
// their unit and its subordinate units, a unit's page (facts, name history, who may designate its
// administrator), editing its facts and renaming it (R20). Admin succession is admin-succession.ts.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { REAL_PERSON_ROLES } from "../../../domain/authorization.js";
import { AppError } from "../../../domain/errors.js";
import { actorKindOf, successionAuthority } from "../../../lib/admin-succession.js";
import type { Database } from "../../../lib/database.js";
import { renameUnit } from "../../../lib/rename-unit.js";
import { containingPattern, likeIgnoringCase } from "../../../lib/sql-dialect.js";
import { Prisma } from "../../../prisma/generated/client.js";
import type { AppEnv } from "../../context.js";
import { contactNameField, identifierText, nameText, textField } from "../../fields.js";
import { dataResponse, defineRoute, jsonBody } from "../../route.js";
import { auditOrigin, requirePerson } from "../../sessions.js";
import { listQuery, listResponse } from "../list-query.js";
import { canEditUnitProfile, holdsRoleOverUnit, seesAllUnits } from "./unit-scope.js";
import { profileOf, unitListInclude, updateUnitFacts } from "./units.handlers.js";
import { UNIT_TYPES, unitProfile } from "./units.routes.js";

const tags = ["units"];
const idParam = z.object({ id: z.string().uuid() });
const staffAccess = { actor: "person", roles: REAL_PERSON_ROLES, strength: "REAL_PERSON" } as const;
const adminAccess = { actor: "person", roles: ["UNIT_ADMIN"], strength: "REAL_PERSON" } as const;

const unitRow = z
  .object({
    id: z.string(),
    name: z.string(),
    uscc: z.string().nullable(),
    type: z.enum(UNIT_TYPES),
    regionCode: z.string(),
    regionName: z.string(),
    parentUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
    administrator: z.object({ name: z.string().nullable() }).nullable(),
    /** The unit the list was asked for (its administrator's own unit), listed first. */
    isRoot: z.boolean(),
  })
  .openapi("SubordinateUnit");

export const unitDetail = unitProfile
  .extend({
    /** R20: every rename, newest first. */
    nameHistory: z.array(
      z.object({
        id: z.string(),
        oldName: z.string(),
        newName: z.string(),
        changedAt: z.string(),
        changedBy: z.object({ name: z.string().nullable() }).nullable(),
      }),
    ),
    /** R8: who may designate the unit's next administrator (besides its unit login when it has none). */
    succession: z.object({
      authority: z.enum(["CURRENT_ADMIN", "SUPERIOR_ADMIN", "REGIONAL_HR_ADMIN", "NONE"]),
      /** The unit whose administrator that is: this unit, a superior one or the region's HR department. */
      authorityUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
    }),
    /** What the caller may do on this page; the routes check the same. */
    permissions: z.object({
      editFacts: z.boolean(),
      rename: z.boolean(),
      designateAdministrator: z.boolean(),
    }),
  })
  .openapi("UnitDetail");

const subordinates = defineRoute({
  method: "get",
  path: "/units/{id}/subordinates",
  tags,
  summary:
    "单位基础信息管理: the unit itself (first) and its subordinate units at any depth, for its administrator or handlers (or a superior's)",
  access: staffAccess,
  request: {
    params: idParam,
    query: listQuery(["name"]).extend({
      q: textField({ max: 50 }).optional().openapi({ description: "Part of the name, or the USCC" }),
    }),
  },
  responses: {
    200: { description: "Units", content: { "application/json": { schema: listResponse(unitRow) } } },
  },
});

const show = defineRoute({
  method: "get",
  path: "/units/{id}",
  tags,
  summary:
    "A unit's page: its facts, name history (R20) and who may designate its administrator (R8); for the staff of the unit or a superior one, and HR-department administrators",
  access: { actor: "person", strength: "REAL_PERSON" },
  request: { params: idParam },
  responses: { 200: dataResponse("The unit", unitDetail) },
});

const update = defineRoute({
  method: "patch",
  path: "/units/{id}",
  tags,
  summary:
    "The administrator maintains the unit's facts (R7): type (not to or from HR department), region, contact name. The name changes by rename (R20), the contact mobile by its own request (R27)",
  access: adminAccess,
  request: {
    params: idParam,
    body: jsonBody(
      z.object({
        type: z.enum(UNIT_TYPES).optional(),
        regionCode: identifierText()
          .regex(/^\d{6}$/)
          .optional(),
        contactName: contactNameField.optional(),
      }),
    ),
  },
  responses: { 200: dataResponse("The unit", unitDetail) },
});

const rename = defineRoute({
  method: "post",
  path: "/units/{id}/rename",
  tags,
  summary:
    "R20: the administrator renames the unit; the former name is kept in its history and still finds the unit (binding requests, suggestions, account recovery)",
  access: adminAccess,
  request: {
    params: idParam,
    body: jsonBody(z.object({ name: nameText({ min: 4, max: 100 }) })),
  },
  responses: { 200: dataResponse("The renamed unit", unitDetail) },
});

/** The unit's page as this actor sees it. */
async function detailOf(db: Database, actor: Parameters<typeof canEditUnitProfile>[0], unitId: string) {
  const [profile, history, authority] = await Promise.all([
    profileOf(db, unitId, actor),
    db.unitNameChange.findMany({ where: { unitId }, orderBy: { changedAt: "desc" } }),
    successionAuthority(db, unitId),
  ]);
  const changers = await db.person.findMany({
    where: { id: { in: history.flatMap((h) => (h.changedById ? [h.changedById] : [])) } },
    select: { id: true, name: true },
  });
  const isAdmin =
    actor.kind === "PERSON" &&
    actor.strength === "REAL_PERSON" &&
    actor.roles.some((g) => g.role === "UNIT_ADMIN" && g.unitId === unitId);
  return {
    ...profile,
    nameHistory: history.map((h) => ({
      id: h.id,
      oldName: h.oldName,
      newName: h.newName,
      changedAt: h.changedAt.toISOString(),
      changedBy: h.changedById ? { name: changers.find((p) => p.id === h.changedById)?.name ?? null } : null,
    })),
    succession: {
      authority: authority.kind,
      authorityUnit: authority.kind === "NONE" ? null : authority.unit,
    },
    permissions: {
      editFacts: canEditUnitProfile(actor, unitId),
      rename: isAdmin,
      designateAdministrator:
        actor.kind === "PERSON" &&
        actor.strength === "REAL_PERSON" &&
        actorKindOf(authority, actor.personId) !== null,
    },
  };
}

/** The unit's own or a superior unit's administrator or handler, or an HR-department administrator. */
export async function requireUnitVisible(
  db: Database,
  actor: Parameters<typeof seesAllUnits>[1],
  unitId: string,
) {
  if (!(await db.unit.findUnique({ where: { id: unitId }, select: { id: true } }))) {
    throw new AppError("UNIT_NOT_FOUND");
  }
  if ((await holdsRoleOverUnit(db, actor, unitId)) || (await seesAllUnits(db, actor))) return;
  throw new AppError("UNIT_NOT_FOUND");
}

/** R20: only the unit's own administrator renames it and edits its facts. */
function requireOwnAdministrator(actor: Parameters<typeof canEditUnitProfile>[0], unitId: string) {
  const holds =
    actor.kind === "PERSON" && actor.roles.some((g) => g.role === "UNIT_ADMIN" && g.unitId === unitId);
  if (!holds) throw new AppError("ONLY_ADMIN", { details: { unitId, rule: "R20" } });
}

export const unitManagementRouter = new OpenAPIHono<AppEnv>()
  .openapi(subordinates, async (c) => {
    const { actor } = requirePerson(c);
    const { id } = c.req.valid("param");
    const { db } = c.get("deps");
    if (!(await holdsRoleOverUnit(db, actor, id))) {
      throw new AppError("FORBIDDEN_UNIT_SCOPE", { details: { unitId: id } });
    }
    const query = c.req.valid("query");
    // Read from the stored ancestry's (ancestorId, unitName, unitId) index: the subtree in name order,
    // the name search tested on its entries and the count, all without a sort or a read of Unit. The
    // USCC is looked up by its unique key first, then matched by id on the same entries.
    const byUscc = query.q
      ? await db.unit.findUnique({ where: { uscc: query.q.toUpperCase() }, select: { id: true } })
      : null;
    const match = query.q
      ? Prisma.sql`AND (${likeIgnoringCase(Prisma.sql`"unitName"`, containingPattern(query.q))}${
          byUscc ? Prisma.sql` OR "unitId" = ${byUscc.id}` : Prisma.empty
        })`
      : Prisma.empty;
    const order = query.order === "asc" || !query.sort ? Prisma.sql`ASC` : Prisma.sql`DESC`;
    const [root, counted] = await Promise.all([
      db.$queryRaw<{ id: string }[]>`
        SELECT "unitId" AS "id" FROM "UnitAncestor" WHERE "ancestorId" = ${id} AND "unitId" = ${id} ${match}`,
      db.$queryRaw<{ total: number | bigint }[]>`
        SELECT COUNT(*) AS "total" FROM "UnitAncestor" WHERE "ancestorId" = ${id} ${match}`,
    ]);
    // The unit itself is listed first (when it matches), then the others by name: the page's
    // window over the others moves by one when the unit comes first.
    const skip = (query.page - 1) * query.pageSize;
    const rootFirst = root.length > 0 && skip === 0;
    const take = query.pageSize - (rootFirst ? 1 : 0);
    const others = take
      ? await db.$queryRaw<{ id: string }[]>`
        SELECT "unitId" AS "id" FROM "UnitAncestor"
        WHERE "ancestorId" = ${id} AND "unitId" <> ${id} ${match}
        ORDER BY "unitName" ${order}
        LIMIT ${take} OFFSET ${Math.max(0, skip - root.length)}`
      : [];
    const page = rootFirst ? [...root, ...others] : others;
    // A page past the end asks nothing more (an empty `in` would still be planned as a scan).
    const rows = !page.length
      ? []
      : await db.unit.findMany({
          where: { id: { in: page.map((r) => r.id) } },
          include: unitListInclude,
        });
    const data = page.flatMap(({ id: rowId }) => {
      const u = rows.find((r) => r.id === rowId);
      if (!u) return [];
      return [
        {
          id: u.id,
          name: u.name,
          uscc: u.uscc,
          type: u.type,
          regionCode: u.regionCode,
          regionName: u.region.name,
          parentUnit: u.parentUnit,
          administrator: u.roleBindings[0] ? { name: u.roleBindings[0].person.name } : null,
          isRoot: u.id === id,
        },
      ];
    });
    return c.json({ data, total: Number(counted[0]?.total ?? 0) }, 200);
  })
  .openapi(show, async (c) => {
    const { actor } = requirePerson(c);
    const { id } = c.req.valid("param");
    const { db } = c.get("deps");
    await requireUnitVisible(db, actor, id);
    return c.json({ data: await detailOf(db, actor, id) }, 200);
  })
  .openapi(update, async (c) => {
    const { actor } = requirePerson(c);
    const { id } = c.req.valid("param");
    const { db } = c.get("deps");
    await requireUnitVisible(db, actor, id);
    requireOwnAdministrator(actor, id);
    await updateUnitFacts(c, id, c.req.valid("json"));
    return c.json({ data: await detailOf(db, actor, id) }, 200);
  })
  .openapi(rename, async (c) => {
    const { actor } = requirePerson(c);
    const { id } = c.req.valid("param");
    const { db } = c.get("deps");
    await requireUnitVisible(db, actor, id);
    requireOwnAdministrator(actor, id);
    await renameUnit(db, {
      unitId: id,
      name: c.req.valid("json").name,
      byPersonId: actor.personId,
      origin: auditOrigin(c),
    });
    return c.json({ data: await detailOf(db, actor, id) }, 200);
  });
