// Views of the hierarchy (R7, R13, R31): the tree of units under a unit, loaded one level at a time
// or searched across the whole subtree, with the counts an administrator looks at (accounts, open
// tasks); and a unit's push chain (主管部门 / 上级推送节点) up to the HR department at the top.
//
// The counts of a level come from one query with grouped counts, whatever the number of units in it:
// a provincial HR department has thousands of units below it.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Actor } from "../../../domain/authorization.js";
import { AppError } from "../../../domain/errors.js";
import { maskName } from "../../../domain/masking.js";
import type { Database } from "../../../lib/database.js";
import { containingPattern, likeIgnoringCase } from "../../../lib/sql-dialect.js";
import { pushChain, reachesHrDepartment, superiorChain } from "../../../lib/unit-hierarchy.js";
import { Prisma, type UnitType } from "../../../prisma/generated/client.js";
import type { AppEnv } from "../../context.js";
import { textField } from "../../fields.js";
import { dataResponse, defineRoute } from "../../route.js";
import { requireActor, requirePerson } from "../../sessions.js";
import { requireUnitVisible } from "./unit-management.js";
import { canViewUnit, holdsRoleOverUnit } from "./unit-scope.js";
import { unitSubtreeSql, unitsAndSuperiorsSql } from "./unit-subtree.js";
import { UNIT_TYPES } from "./units.routes.js";

const tags = ["units"];
const idParam = z.object({ id: z.string().uuid() });
/** Search results are a starting point, not a list to page through. */
const SEARCH_LIMIT = 50;

const unitRef = z.object({ id: z.string(), name: z.string() });

const treeNode = z
  .object({
    id: z.string(),
    name: z.string(),
    uscc: z.string().nullable(),
    type: z.enum(UNIT_TYPES),
    parentUnitId: z.string().nullable(),
    hasChildren: z.boolean(),
    /** Active bindings: the accounts of the unit (R24). */
    accountCount: z.number().int(),
    /** Open or claimed tasks of the unit's queue (新进账号管理, affiliation requests, title applications). */
    openTaskCount: z.number().int(),
    /** Masked name; null when the unit has no administrator (R8: a superior's administrator designates one). */
    administrator: z.object({ name: z.string().nullable() }).nullable(),
    /** Only in search results: the units from the tree's root down to this one (both included). */
    path: z.array(unitRef).optional(),
  })
  .openapi("UnitTreeNode");

const tree = defineRoute({
  method: "get",
  path: "/units/{id}/tree",
  tags,
  summary:
    "The units under a unit (R7: its and its superiors' administrators and handlers, platform staff): the direct subordinates of parentId (default: the unit), or with q the units of the whole subtree whose name contains q or whose USCC is q (at most 50, each with its path)",
  access: { actor: "person", strength: "REAL_PERSON" },
  request: {
    params: idParam,
    query: z.object({
      parentId: z.string().uuid().optional().openapi({ description: "A unit in the subtree (lazy loading)" }),
      q: textField({ min: 1, max: 50 }).optional().openapi({ description: "Part of the name, or the USCC" }),
    }),
  },
  responses: { 200: dataResponse("Units", z.array(treeNode)) },
});

const chainNode = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(UNIT_TYPES),
  regionName: z.string(),
  /**
   * Only on the last node when the top is not an HR department: the HR department of the top's
   * region, which receives the unit's title applications until the top affiliates (R31).
   */
  implicit: z.literal(true).optional(),
});

const pushChainRoute = defineRoute({
  method: "get",
  path: "/units/{id}/push-chain",
  tags,
  summary:
    "R31 主管部门（上级推送节点）: the unit, then each superior up to the top, then (when the top is not an HR department) the HR department of the top's region marked implicit, and whether the chain ends at an HR department (whoever may see the unit)",
  access: { actor: "any" },
  request: { params: idParam },
  responses: {
    200: dataResponse(
      "The push chain",
      z.object({ chain: z.array(chainNode), reachesHrDepartment: z.boolean() }).openapi("PushChain"),
    ),
  },
});

type RawNode = {
  id: string;
  name: string;
  uscc: string | null;
  type: UnitType;
  parentUnitId: string | null;
  childCount: number | bigint;
  accountCount: number | bigint;
  openTaskCount: number | bigint;
  administratorName: string | null;
  hasAdministrator: number | bigint | boolean;
};

/**
 * The units that `units` selects (a `SELECT "id"` subquery), by name, with their counts: one
 * statement joining grouped counts of children, active bindings and open UNIT tasks.
 */
async function nodesOf(db: Database, units: Prisma.Sql) {
  const rows = await db.$queryRaw<RawNode[]>`
    SELECT "u"."id", "u"."name", "u"."uscc", "u"."type", "u"."parentUnitId",
      COALESCE("k"."n", 0) AS "childCount",
      COALESCE("b"."n", 0) AS "accountCount",
      COALESCE("t"."n", 0) AS "openTaskCount",
      "p"."name" AS "administratorName",
      ("r"."id" IS NOT NULL) AS "hasAdministrator"
    FROM "Unit" "u"
    LEFT JOIN (
      SELECT "parentUnitId" AS "unitId", COUNT(*) AS "n" FROM "Unit"
      WHERE "parentUnitId" IN (${units}) GROUP BY "parentUnitId"
    ) "k" ON "k"."unitId" = "u"."id"
    LEFT JOIN (
      SELECT "unitId", COUNT(*) AS "n" FROM "Binding"
      WHERE "endedAt" IS NULL AND "unitId" IN (${units}) GROUP BY "unitId"
    ) "b" ON "b"."unitId" = "u"."id"
    LEFT JOIN (
      SELECT "unitId", COUNT(*) AS "n" FROM "HumanTask"
      WHERE "queue" = 'UNIT' AND "status" IN ('OPEN', 'CLAIMED') AND "unitId" IN (${units})
      GROUP BY "unitId"
    ) "t" ON "t"."unitId" = "u"."id"
    LEFT JOIN "RoleBinding" "r" ON "r"."exclusiveKey" = 'UNIT_ADMIN:' || "u"."id"
    LEFT JOIN "Person" "p" ON "p"."id" = "r"."personId"
    WHERE "u"."id" IN (${units})
    ORDER BY "u"."name"`;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    uscc: row.uscc,
    type: row.type,
    parentUnitId: row.parentUnitId,
    hasChildren: Number(row.childCount) > 0,
    accountCount: Number(row.accountCount),
    openTaskCount: Number(row.openTaskCount),
    administrator: Number(row.hasAdministrator)
      ? { name: row.administratorName === null ? null : maskName(row.administratorName) }
      : null,
  }));
}

/** The units of the subtree under `rootId` that match the text, each with its path from the root. */
async function search(db: Database, rootId: string, q: string) {
  const matches = await db.$queryRaw<{ id: string }[]>`
    SELECT "u"."id" FROM "Unit" "u"
    WHERE "u"."id" IN (${unitSubtreeSql([rootId])})
      AND (${likeIgnoringCase(Prisma.sql`"u"."name"`, containingPattern(q))} OR "u"."uscc" = ${q.toUpperCase()})
    ORDER BY "u"."name" LIMIT ${SEARCH_LIMIT}`;
  if (matches.length === 0) return [];
  const ids = matches.map((m) => m.id);
  const [nodes, lineage] = await Promise.all([
    nodesOf(db, Prisma.sql`SELECT "id" FROM "Unit" WHERE "id" IN (${Prisma.join(ids)})`),
    db.$queryRaw<{ id: string; parentUnitId: string | null; name: string }[]>(unitsAndSuperiorsSql(ids)),
  ]);
  const byId = new Map(lineage.map((u) => [u.id, u]));
  const pathTo = (id: string) => {
    const path: { id: string; name: string }[] = [];
    for (let unit = byId.get(id); unit; unit = unit.parentUnitId ? byId.get(unit.parentUnitId) : undefined) {
      path.unshift({ id: unit.id, name: unit.name });
      if (unit.id === rootId || path.length > byId.size) break;
    }
    return path;
  };
  return nodes.map((node) => ({ ...node, path: pathTo(node.id) }));
}

/** R7: who sees a unit's place in the hierarchy: whoever may view it, and its superiors' staff. */
async function requireChainVisible(db: Database, actor: Actor, unitId: string) {
  const visible = (await canViewUnit(db, actor, unitId)) || (await holdsRoleOverUnit(db, actor, unitId));
  if (!visible || !(await db.unit.findUnique({ where: { id: unitId }, select: { id: true } }))) {
    throw new AppError("UNIT_NOT_FOUND");
  }
}

export const unitTreeRouter = new OpenAPIHono<AppEnv>()
  .openapi(tree, async (c) => {
    const { actor } = requirePerson(c);
    const { id } = c.req.valid("param");
    const { parentId, q } = c.req.valid("query");
    const { db } = c.get("deps");
    await requireUnitVisible(db, actor, id);
    if (q) return c.json({ data: await search(db, id, q) }, 200);
    const parent = parentId ?? id;
    // Only a unit of this tree: the caller's scope is the tree's root.
    if (parent !== id && !(await superiorChain(db, parent)).includes(id)) {
      throw new AppError("UNIT_NOT_FOUND", { field: "parentId" });
    }
    const children = Prisma.sql`SELECT "id" FROM "Unit" WHERE "parentUnitId" = ${parent}`;
    return c.json({ data: await nodesOf(db, children) }, 200);
  })
  .openapi(pushChainRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { db } = c.get("deps");
    await requireChainVisible(db, requireActor(c), id);
    const chain = await pushChain(db, id);
    return c.json({ data: { chain, reachesHrDepartment: reachesHrDepartment(chain) } }, 200);
  });
