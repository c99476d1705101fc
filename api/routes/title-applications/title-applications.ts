// 职称评审子系统 → 职称申报, minimal: a person opens a title application, sees theirs and may withdraw
// one in progress; its review along the push chain (R31) comes later. Opening one is refused by R10
// (业务互斥) when the person holds an excluding role in any unit, checked in the same transaction as
// the insert, so a grant racing the application ends with exactly one of them.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { AppError } from "../../../domain/errors.js";
import { writeAuditEvent } from "../../../lib/audit.js";
import { assertNoRoleConflict } from "../../../lib/role-exclusion.js";
import type { TitleApplication } from "../../../prisma/generated/client.js";
import type { AppEnv } from "../../context.js";
import { dataResponse, defineRoute } from "../../route.js";
import { auditOrigin, requirePerson } from "../../sessions.js";
import { listQuery, listResponse, paging } from "../list-query.js";

const tags = ["title-applications"];
const access = { actor: "person" } as const;

const applicationView = z
  .object({
    id: z.string(),
    status: z.enum(["IN_PROGRESS", "COMPLETED", "RETURNED", "WITHDRAWN"]),
    createdAt: z.string(),
  })
  .openapi("TitleApplication");

const open = defineRoute({
  method: "post",
  path: "/title-applications",
  tags,
  summary:
    "Open a title application (R10: refused while the person holds an administrator or handler role, with who can help)",
  access,
  responses: { 201: dataResponse("Opened", applicationView) },
});

const list = defineRoute({
  method: "get",
  path: "/title-applications",
  tags,
  summary: "The logged-in person's title applications, newest first",
  access,
  request: { query: listQuery(["createdAt"]) },
  responses: {
    200: {
      description: "Applications",
      content: { "application/json": { schema: listResponse(applicationView) } },
    },
  },
});

const withdraw = defineRoute({
  method: "post",
  path: "/title-applications/{id}/withdraw",
  tags,
  summary: "Withdraw one's own title application in progress",
  access,
  request: { params: z.object({ id: z.string().uuid() }) },
  responses: { 200: dataResponse("Withdrawn", applicationView) },
});

const view = (row: TitleApplication): z.infer<typeof applicationView> => ({
  id: row.id,
  status: row.status,
  createdAt: row.createdAt.toISOString(),
});

export const titleApplicationsRouter = new OpenAPIHono<AppEnv>()
  .openapi(open, async (c) => {
    const { actor } = requirePerson(c);
    const { db } = c.get("deps");
    const row = await db.$transaction(async (tx) => {
      await assertNoRoleConflict(tx, { kind: "TITLE_APPLICATION", personId: actor.personId });
      const inProgress = await tx.titleApplication.findFirst({
        where: { personId: actor.personId, status: "IN_PROGRESS" },
      });
      if (inProgress) {
        throw new AppError("TITLE_APPLICATION_IN_PROGRESS", { details: { applicationId: inProgress.id } });
      }
      const created = await tx.titleApplication.create({
        data: { personId: actor.personId, status: "IN_PROGRESS" },
      });
      await writeAuditEvent(tx, {
        action: "title-application.opened",
        actor: { type: "PERSON", id: actor.personId },
        origin: auditOrigin(c),
        target: { type: "TitleApplication", id: created.id },
        unitId: actor.unitId,
        after: { status: created.status },
      });
      return created;
    });
    return c.json({ data: view(row) }, 201);
  })
  .openapi(list, async (c) => {
    const { actor } = requirePerson(c);
    const query = c.req.valid("query");
    const { db } = c.get("deps");
    const where = { personId: actor.personId };
    const [rows, total] = await Promise.all([
      db.titleApplication.findMany({ where, orderBy: { createdAt: query.order }, ...paging(query) }),
      db.titleApplication.count({ where }),
    ]);
    return c.json({ data: rows.map(view), total }, 200);
  })
  .openapi(withdraw, async (c) => {
    const { actor } = requirePerson(c);
    const { id } = c.req.valid("param");
    const { db } = c.get("deps");
    const row = await db.$transaction(async (tx) => {
      const current = await tx.titleApplication.findFirst({ where: { id, personId: actor.personId } });
      if (!current) throw new AppError("TITLE_APPLICATION_NOT_FOUND");
      if (current.status !== "IN_PROGRESS") throw new AppError("REQUEST_CLOSED");
      const withdrawn = await tx.titleApplication.update({ where: { id }, data: { status: "WITHDRAWN" } });
      await writeAuditEvent(tx, {
        action: "title-application.withdrawn",
        actor: { type: "PERSON", id: actor.personId },
        origin: auditOrigin(c),
        target: { type: "TitleApplication", id },
        unitId: actor.unitId,
        before: { status: current.status },
        after: { status: withdrawn.status },
      });
      return withdrawn;
    });
    return c.json({ data: view(row) }, 200);
  });
