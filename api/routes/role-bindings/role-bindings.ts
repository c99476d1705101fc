// 角色绑定 (R9): an account's roles, granted and revoked one switch at a time by those the catalogue
// names (grantableBy), in the account's unit or a superior unit (role-scope.ts), in real-person
// sessions (R12). Every grant passes R10 (grantRole) and every change is audited in its transaction.
// Sessions load the actor's roles on every request, so a revoked role stops working at once.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { AppError } from "../../../domain/errors.js";
import { writeAuditEvent } from "../../../lib/audit.js";
import { grantRole, revokeRole, roleActiveKey } from "../../../lib/memberships.js";
import { findCatalogueRole } from "../../../lib/role-catalogue.js";
import type { RoleBinding } from "../../../prisma/generated/client.js";
import type { AppEnv } from "../../context.js";
import { identifierText } from "../../fields.js";
import { dataResponse, defineRoute, jsonBody } from "../../route.js";
import { auditOrigin, requirePerson } from "../../sessions.js";
import { listResponse } from "../list-query.js";
import { catalogueRoleSchema } from "../roles/roles.index.js";
import { authorizeRoleChange, requireRoleViewer } from "./role-scope.js";

const tags = ["role-bindings"];
const access = { actor: "person", strength: "REAL_PERSON" } as const;

const roleBindingView = z
  .object({
    id: z.string(),
    personId: z.string(),
    unit: z.object({ id: z.string(), name: z.string() }),
    subsystem: catalogueRoleSchema.shape.subsystem,
    role: z.string(),
    grantedAt: z.string(),
    grantedBy: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  })
  .openapi("RoleBinding");

const list = defineRoute({
  method: "get",
  path: "/role-bindings",
  tags,
  summary: "角色绑定: the active roles of an account in the unit it is bound to",
  access,
  request: { query: z.object({ personId: z.string().uuid() }) },
  responses: {
    200: { description: "Roles", content: { "application/json": { schema: listResponse(roleBindingView) } } },
  },
});

const grant = defineRoute({
  method: "post",
  path: "/role-bindings",
  tags,
  summary:
    "Grant a catalogue role to an account bound to the unit (R9, R10); 201 when granted, 200 when already held",
  access,
  request: {
    body: jsonBody(
      z.object({
        personId: z.string().uuid(),
        unitId: z.string().uuid(),
        subsystem: catalogueRoleSchema.shape.subsystem,
        role: identifierText().min(1).max(64),
      }),
    ),
  },
  responses: {
    200: dataResponse("Already held", roleBindingView),
    201: dataResponse("Granted", roleBindingView),
  },
});

const revoke = defineRoute({
  method: "delete",
  path: "/role-bindings/{id}",
  tags,
  summary:
    "Revoke a role; it stops working at once in every session of its holder (204 also when revoked already)",
  access,
  request: { params: z.object({ id: z.string().uuid() }) },
  responses: { 204: { description: "Revoked" } },
});

type BindingWithUnit = RoleBinding & { unit: { id: string; name: string } };

function view(row: BindingWithUnit, granters: Map<string, string | null>): z.infer<typeof roleBindingView> {
  return {
    id: row.id,
    personId: row.personId,
    unit: { id: row.unit.id, name: row.unit.name },
    subsystem: row.subsystem,
    role: row.role,
    grantedAt: row.grantedAt.toISOString(),
    grantedBy: row.grantedById ? { id: row.grantedById, name: granters.get(row.grantedById) ?? null } : null,
  };
}

const auditedFields = (row: RoleBinding) => ({
  personId: row.personId,
  unitId: row.unitId,
  subsystem: row.subsystem,
  role: row.role,
});

export const roleBindingsRouter = new OpenAPIHono<AppEnv>()
  .openapi(list, async (c) => {
    const { actor } = requirePerson(c);
    const { personId } = c.req.valid("query");
    const { db } = c.get("deps");
    const binding = await db.binding.findUnique({ where: { activePersonId: personId } });
    // A person bound to no unit holds no unit roles, and nobody manages their account.
    if (!binding) throw new AppError("ACCOUNT_NOT_IN_UNIT");
    await requireRoleViewer(db, actor, binding.unitId);
    const rows = await db.roleBinding.findMany({
      where: { personId, unitId: binding.unitId, revokedAt: null },
      include: { unit: { select: { id: true, name: true } } },
      orderBy: { grantedAt: "asc" },
    });
    const granterIds = [...new Set(rows.flatMap((r) => (r.grantedById ? [r.grantedById] : [])))];
    const granters = new Map(
      (await db.person.findMany({ where: { id: { in: granterIds } }, select: { id: true, name: true } })).map(
        (p) => [p.id, p.name],
      ),
    );
    return c.json({ data: rows.map((r) => view(r, granters)), total: rows.length }, 200);
  })
  .openapi(grant, async (c) => {
    const { actor } = requirePerson(c);
    const body = c.req.valid("json");
    const { db } = c.get("deps");
    const role = await findCatalogueRole(db, body.subsystem, body.role);
    if (!role) throw new AppError("ROLE_NOT_FOUND", { field: "role" });
    const { row, created } = await db.$transaction(async (tx) => {
      await authorizeRoleChange(tx, actor, body, role);
      const held = await tx.roleBinding.findUnique({
        where: { activeKey: roleActiveKey(body) },
        include: { unit: { select: { id: true, name: true } } },
      });
      if (held) return { row: held, created: false };
      // R10 and the binding to the unit are checked by grantRole, here in the same transaction.
      const granted = await grantRole(tx, { ...body, grantedById: actor.personId });
      await writeAuditEvent(tx, {
        action: "role.granted",
        actor: { type: "PERSON", id: actor.personId },
        origin: auditOrigin(c),
        target: { type: "RoleBinding", id: granted.id },
        unitId: body.unitId,
        after: auditedFields(granted),
      });
      const unit = await tx.unit.findUniqueOrThrow({
        where: { id: body.unitId },
        select: { id: true, name: true },
      });
      return { row: { ...granted, unit }, created: true };
    });
    const granterName = row.grantedById
      ? (await db.person.findUnique({ where: { id: row.grantedById }, select: { name: true } }))?.name
      : null;
    const data = view(row, new Map(row.grantedById ? [[row.grantedById, granterName ?? null]] : []));
    return created ? c.json({ data }, 201) : c.json({ data }, 200);
  })
  .openapi(revoke, async (c) => {
    const { actor } = requirePerson(c);
    const { id } = c.req.valid("param");
    const { db } = c.get("deps");
    await db.$transaction(async (tx) => {
      const row = await tx.roleBinding.findUnique({ where: { id } });
      if (!row) throw new AppError("ROLE_BINDING_NOT_FOUND");
      const role = await findCatalogueRole(tx, row.subsystem, row.role);
      if (!role) throw new AppError("ROLE_NOT_FOUND");
      await authorizeRoleChange(tx, actor, row, role);
      // Revoked meanwhile (by a colleague, an exit or a change of unit): nothing left to do.
      const revoked = await revokeRole(tx, { roleBindingId: id, revokedById: actor.personId });
      if (!revoked) return;
      await writeAuditEvent(tx, {
        action: "role.revoked",
        actor: { type: "PERSON", id: actor.personId },
        origin: auditOrigin(c),
        target: { type: "RoleBinding", id },
        unitId: row.unitId,
        before: auditedFields(row),
      });
    });
    return c.body(null, 204);
  });
