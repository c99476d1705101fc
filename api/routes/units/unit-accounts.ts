// The unit's accounts (统一门户子系统): the list of people bound to the unit (R24), exit (R17),
// enable/disable (R18) and completing missing names (R19). Administrators and handlers act only
// in real-person sessions (R12), and only on people bound to their unit. 账号角色管理 lists the
// accounts of the unit and its subordinate units too (`withSubordinates`), for those who grant roles.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { REAL_PERSON_ROLES } from "../../../domain/authorization.js";
import { AppError } from "../../../domain/errors.js";
import { idNumberSearched } from "../../../domain/id-number.js";
import { maskIdNumber, maskMobile } from "../../../domain/masking.js";
import { writeAuditEvent } from "../../../lib/audit.js";
import type { Database } from "../../../lib/database.js";
import { endBinding } from "../../../lib/memberships.js";
import type { SmsRequest } from "../../../lib/ports/sms.js";
import { containingPattern, countOf, likeIgnoringCase } from "../../../lib/sql-dialect.js";
import { Prisma } from "../../../prisma/generated/client.js";
import type { AppEnv } from "../../context.js";
import { personNameField, textField } from "../../fields.js";
import { dataResponse, defineRoute, jsonBody } from "../../route.js";
import { auditOrigin, requirePerson } from "../../sessions.js";
import {
  cappedListResponse,
  cappedTotal,
  inPageOrder,
  LIST_COUNT_LIMIT,
  listQuery,
  paging,
} from "../list-query.js";
import { requireRoleGranter } from "../role-bindings/role-scope.js";
import { requireUnitRole } from "./unit-scope.js";

const tags = ["unit-accounts"];
const access = { actor: "person", roles: REAL_PERSON_ROLES, strength: "REAL_PERSON" } as const;
const adminAccess = { actor: "person", roles: ["UNIT_ADMIN"], strength: "REAL_PERSON" } as const;
const accountParams = z.object({ unitId: z.string().uuid(), personId: z.string().uuid() });

const accountView = z
  .object({
    personId: z.string(),
    name: z.string().nullable(),
    idNumberMasked: z.string(),
    mobileMasked: z.string(),
    status: z.enum(["ENABLED", "DISABLED"]),
    /** The person's roles in `unit` (catalogue role names). */
    roles: z.array(z.string()),
    boundAt: z.string(),
    /** The unit the person is bound to: the listed unit or, with `withSubordinates`, one below it. */
    unit: z.object({ id: z.string(), name: z.string() }),
  })
  .openapi("UnitAccount");

const list = defineRoute({
  method: "get",
  path: "/units/{unitId}/accounts",
  tags,
  summary:
    "R24: the accounts bound to the unit (masked), searchable by name or full ID number; with withSubordinates=true (账号角色管理, those who grant roles) also the accounts of every unit below it",
  access,
  request: {
    params: z.object({ unitId: z.string().uuid() }),
    query: listQuery(["boundAt"]).extend({
      q: textField({ max: 50 }).optional(),
      status: z.enum(["ENABLED", "DISABLED"]).optional(),
      nameMissing: z.enum(["true", "false"]).optional(),
      withSubordinates: z.enum(["true", "false"]).optional(),
    }),
  },
  responses: {
    200: {
      description: "Accounts; the total stops at countLimit (capped names it then)",
      content: { "application/json": { schema: cappedListResponse(accountView) } },
    },
  },
});

const exit = defineRoute({
  method: "post",
  path: "/units/{unitId}/accounts/{personId}/exit",
  tags,
  summary: "R17: remove the person from the unit; the binding and the person's roles in the unit end",
  access,
  request: {
    params: accountParams,
    body: jsonBody(z.object({ reason: textField({ min: 2, max: 200 }) })),
  },
  responses: { 204: { description: "Exited" } },
});

const setStatus = defineRoute({
  method: "post",
  path: "/units/{unitId}/accounts/{personId}/status",
  tags,
  summary:
    "R18: disable (administrator or handler) or enable (administrator only); disabling ends the person's sessions",
  access,
  request: {
    params: accountParams,
    body: jsonBody(
      z.object({
        status: z.enum(["ENABLED", "DISABLED"]),
        reason: textField({ max: 200 }).optional(),
      }),
    ),
  },
  responses: {
    200: dataResponse("Changed", accountView),
  },
});

const completeName = defineRoute({
  method: "patch",
  path: "/units/{unitId}/accounts/{personId}",
  tags,
  summary: "R19: the administrator completes a missing name",
  access: adminAccess,
  request: {
    params: accountParams,
    body: jsonBody(z.object({ name: personNameField })),
  },
  responses: {
    200: dataResponse("Completed", accountView),
  },
});

const include = {
  person: { include: { roleBindings: { where: { revokedAt: null } } } },
  unit: { select: { id: true, name: true } },
} as const;
type AccountRow = Prisma.BindingGetPayload<{ include: typeof include }>;

function view(row: AccountRow): z.infer<typeof accountView> {
  return {
    personId: row.personId,
    name: row.person.name,
    idNumberMasked: maskIdNumber(row.person.idNumber),
    mobileMasked: maskMobile(row.person.mobile),
    status: row.person.status,
    roles: row.person.roleBindings.filter((g) => g.unitId === row.unitId).map((g) => g.role),
    boundAt: row.startedAt.toISOString(),
    unit: row.unit,
  };
}

/** The person's active binding to the unit, or ACCOUNT_NOT_IN_UNIT. */
async function findAccount(c: Context<AppEnv>, unitId: string, personId: string): Promise<AccountRow> {
  const row = await c
    .get("deps")
    .db.binding.findFirst({ where: { unitId, activePersonId: personId }, include });
  if (!row) throw new AppError("ACCOUNT_NOT_IN_UNIT");
  return row;
}

/**
 * Tells the person about a change the unit made to their account (R17 exit, R18 disable/enable), by
 * keyed SMS. The change is done: a failing SMS gateway must not turn it into an error the user retries.
 */
async function tellPerson(c: Context<AppEnv>, notice: SmsRequest): Promise<void> {
  try {
    await c.get("deps").sms.send(notice);
  } catch (error) {
    c.get("logger").error({ err: error, idempotencyKey: notice.idempotencyKey }, "account notice not sent");
  }
}

/** Account statuses as SQL literals: an enum column compared with a bound text fails on PostgreSQL. */
const ACCOUNT_STATUS_SQL = { ENABLED: Prisma.sql`'ENABLED'`, DISABLED: Prisma.sql`'DISABLED'` } as const;

type Page = { page: { id: string }[]; counted: number };

/**
 * The page and the count as two statements that read index entries only (no person probe): the
 * page stops after offset + page entries, the count after LIST_COUNT_LIMIT + 1. `fromWhere` reads
 * the listed bindings as "b" (startedAt, activePersonId), `id` is their binding's id column,
 * `ordered` the list's ORDER BY (`listOrder`).
 */
async function pageAndCount(
  db: Database,
  id: Prisma.Sql,
  fromWhere: Prisma.Sql,
  ordered: Prisma.Sql,
  skip: number,
  take: number,
) {
  const [page, counted] = await Promise.all([
    db.$queryRaw<{ id: string }[]>`
      SELECT ${id} AS "id" FROM ${fromWhere} ${ordered} LIMIT ${take} OFFSET ${skip}`,
    db.$queryRaw<{ total: number | bigint }[]>`SELECT COUNT(*) AS "total" FROM (
      SELECT 1 AS "one" FROM ${fromWhere} LIMIT ${LIST_COUNT_LIMIT + 1}) "counted"`,
  ]);
  return { page, counted: countOf(counted[0]?.total) } satisfies Page;
}

/**
 * The page and the count from one pass (a person filter): each binding's person is probed once, in
 * list order, up to the page's end or LIST_COUNT_LIMIT + 1 matches, whichever is further — two
 * statements would probe the same people twice (a selective filter reads the whole unit for both).
 */
async function matchedOnce(
  db: Database,
  id: Prisma.Sql,
  fromWhere: Prisma.Sql,
  ordered: Prisma.Sql,
  skip: number,
  take: number,
) {
  const matched = await db.$queryRaw<{ id: string }[]>`
    SELECT ${id} AS "id" FROM ${fromWhere} ${ordered}
    LIMIT ${Math.max(skip + take, LIST_COUNT_LIMIT + 1)}`;
  return { page: matched.slice(skip, skip + take), counted: matched.length } satisfies Page;
}

/**
 * The list's order: newest (or oldest) bound first, ties by person then binding, as both the
 * unit's index (unitId, startedAt, activePersonId, id) and the subtree's index (ancestorId,
 * startedAt, activePersonId, bindingId) hold them, so each shape reads its index without a sort
 * and returns the same order for the same rows.
 */
const listOrder = (id: Prisma.Sql, order: Prisma.Sql) =>
  Prisma.sql`ORDER BY "b"."startedAt" ${order}, "b"."activePersonId" ${order}, ${id} ${order}`;

/** Whether any unit is below the unit (one entry of its stored ancestry range past itself). */
async function hasSubordinates(db: Database, unitId: string): Promise<boolean> {
  const below = await db.unitAncestor.findFirst({
    where: { ancestorId: unitId, depth: { gt: 0 } },
    select: { unitId: true },
  });
  return below !== null;
}

const isAdmin = (row: AccountRow) => view(row).roles.includes("UNIT_ADMIN");

export const unitAccountsRouter = new OpenAPIHono<AppEnv>()
  .openapi(list, async (c) => {
    const { actor } = requirePerson(c);
    const { unitId } = c.req.valid("param");
    const query = c.req.valid("query");
    const { db } = c.get("deps");
    // R7: who grants roles manages the accounts of its own and its subordinate units.
    const withSubordinates = query.withSubordinates === "true";
    if (withSubordinates) await requireRoleGranter(db, actor, unitId);
    else requireUnitRole(actor, unitId);
    // An ID number names one person: their active binding is then read by its unique key, not by
    // walking the unit's members and sorting what matches.
    const idNumber = query.q ? idNumberSearched(query.q) : null;
    let searchedPersonId: string | undefined;
    if (idNumber) {
      const found = await db.person.findUnique({ where: { idNumber }, select: { id: true } });
      if (!found) return c.json({ data: [], ...cappedTotal(0) }, 200);
      searchedPersonId = found.id;
    }
    // Filtered and paged in SQL. Two shapes, each reading an index in the list's order (no sort):
    // - one unit: its range of Binding's (unitId, startedAt, activePersonId, id) index;
    // - a subtree (withSubordinates: a county's, a city's, the province's): its range of the stored
    //   subtree bindings (BindingAncestor, kept by triggers), which carry the person's status, name
    //   and whether that is missing, so no filter probes the people. A unit without subordinates
    //   (most units) has exactly its own bindings there: its status, nameMissing and name-search
    //   filters read that range too (same rows, same order).
    const nameSearch = query.q && !idNumber ? query.q : undefined;
    const storedFilter =
      query.status !== undefined || query.nameMissing === "true" || nameSearch !== undefined;
    const stored = withSubordinates || (storedFilter && !(await hasSubordinates(db, unitId)));
    // What the listed rows carry is tested there; the rest on the person's row, probed (Person's
    // (id, status, name) index, on activePersonId, which the lists' indexes hold) only then.
    const rowFilters = stored
      ? [
          ...(query.status ? [Prisma.sql`"b"."personStatus" = ${ACCOUNT_STATUS_SQL[query.status]}`] : []),
          ...(query.nameMissing === "true" ? [Prisma.sql`"b"."personNameMissing"`] : []),
          ...(nameSearch
            ? [likeIgnoringCase(Prisma.sql`"b"."personName"`, containingPattern(nameSearch))]
            : []),
        ]
      : [];
    const personFilters = [
      ...(nameSearch && !stored
        ? [likeIgnoringCase(Prisma.sql`"p"."name"`, containingPattern(nameSearch))]
        : []),
      ...(query.status && !stored ? [Prisma.sql`"p"."status" = ${ACCOUNT_STATUS_SQL[query.status]}`] : []),
      ...(query.nameMissing === "true" && !stored
        ? [Prisma.sql`("p"."name" IS NULL OR "p"."name" = '')`]
        : []),
    ];
    const probes = personFilters.length > 0;
    const person = probes ? Prisma.sql`JOIN "Person" "p" ON "p"."id" = "b"."activePersonId"` : Prisma.empty;
    const bound = searchedPersonId
      ? Prisma.sql`"b"."activePersonId" = ${searchedPersonId}`
      : Prisma.sql`"b"."activePersonId" IS NOT NULL`;
    const id = stored ? Prisma.sql`"b"."bindingId"` : Prisma.sql`"b"."id"`;
    const from = stored
      ? Prisma.sql`"BindingAncestor" "b" ${person} WHERE "b"."ancestorId" = ${unitId}`
      : Prisma.sql`"Binding" "b" ${person} WHERE "b"."unitId" = ${unitId}`;
    const where = Prisma.join([bound, ...rowFilters, ...personFilters], " AND ");
    // One person's active binding is at most one row (activePersonId is unique): nothing to order.
    const ordered = searchedPersonId
      ? Prisma.empty
      : listOrder(id, query.order === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`);
    const { skip, take } = paging(query);
    // The count stops past LIST_COUNT_LIMIT rows (the response says "more"): a province's million
    // accounts are not counted on every request.
    // A name search matches few: one pass finds the page and the count (two would read the range twice).
    const { page, counted } =
      probes || nameSearch
        ? await matchedOnce(db, id, Prisma.sql`${from} AND ${where}`, ordered, skip, take)
        : await pageAndCount(db, id, Prisma.sql`${from} AND ${where}`, ordered, skip, take);
    const rows = page.length
      ? await db.binding.findMany({ where: { id: { in: page.map((r) => r.id) } }, include })
      : [];
    const data = inPageOrder(page, rows).map(view);
    return c.json({ data, ...cappedTotal(counted) }, 200);
  })
  .openapi(exit, async (c) => {
    const { actor } = requirePerson(c);
    const { unitId, personId } = c.req.valid("param");
    requireUnitRole(actor, unitId);
    const { reason } = c.req.valid("json");
    const row = await findAccount(c, unitId, personId);
    // The unit in `details` lets the refusal name who can help (api/errors.ts).
    const about = { details: { unitId } };
    if (personId === actor.personId) throw new AppError("CANNOT_CHANGE_OWN_ACCOUNT", about);
    if (isAdmin(row)) throw new AppError("CANNOT_EXIT_ADMINISTRATOR", about);
    // R18: once exited, no administrator could enable the account again.
    if (row.person.status === "DISABLED") throw new AppError("CANNOT_EXIT_DISABLED", about);
    const { db } = c.get("deps");
    const ended = await db.$transaction(async (tx) => {
      const binding = await endBinding(tx, { personId, unitId, reason: "EXITED", endedById: actor.personId });
      if (!binding) throw new AppError("ACCOUNT_NOT_IN_UNIT");
      await writeAuditEvent(tx, {
        action: "binding.exited",
        actor: { type: "PERSON", id: actor.personId },
        origin: auditOrigin(c),
        target: { type: "Binding", id: row.id },
        unitId,
        before: { unitId, roles: view(row).roles },
        after: { endReason: "EXITED", reason },
      });
      return binding;
    });
    const unit = await db.unit.findUniqueOrThrow({ where: { id: unitId }, select: { name: true } });
    await tellPerson(c, {
      idempotencyKey: `Binding:${ended.id}:exited`,
      mobile: row.person.mobile,
      template: "ACCOUNT_EXITED",
      params: { unitName: unit.name, reason },
    });
    return c.body(null, 204);
  })
  .openapi(setStatus, async (c) => {
    const { actor } = requirePerson(c);
    const { unitId, personId } = c.req.valid("param");
    requireUnitRole(actor, unitId);
    const { status, reason } = c.req.valid("json");
    const row = await findAccount(c, unitId, personId);
    const about = { details: { unitId } };
    if (personId === actor.personId) throw new AppError("CANNOT_CHANGE_OWN_ACCOUNT", about);
    const actorIsAdmin = actor.roles.some((g) => g.unitId === unitId && g.role === "UNIT_ADMIN");
    if (status === "ENABLED" && !actorIsAdmin) throw new AppError("ONLY_ADMIN_ENABLES", about);
    if (isAdmin(row) && !actorIsAdmin) throw new AppError("ONLY_ADMIN", { details: { unitId, rule: "R18" } });
    const { db } = c.get("deps");
    if (row.person.status !== status) {
      const action = status === "DISABLED" ? "person.disabled" : "person.enabled";
      const changeId = await db.$transaction(async (tx) => {
        await tx.person.update({ where: { id: personId }, data: { status } });
        // A disabled person is logged out everywhere at once, not at their next request.
        if (status === "DISABLED") {
          await tx.session.updateMany({
            where: { personId, revokedAt: null },
            data: { revokedAt: new Date() },
          });
        }
        await writeAuditEvent(tx, {
          action,
          actor: { type: "PERSON", id: actor.personId },
          origin: auditOrigin(c),
          target: { type: "Person", id: personId },
          unitId,
          before: { status: row.person.status },
          after: { status, reason },
        });
        // The change's audit event names its notice: one SMS per change, whatever retries it.
        const event = await tx.auditEvent.findFirstOrThrow({
          where: { action, targetType: "Person", targetId: personId },
          orderBy: { sequence: "desc" },
          select: { id: true },
        });
        return event.id;
      });
      await tellPerson(c, {
        idempotencyKey: `AuditEvent:${changeId}:${action}`,
        mobile: row.person.mobile,
        template: status === "DISABLED" ? "ACCOUNT_DISABLED" : "ACCOUNT_ENABLED",
        params: { unitName: row.unit.name },
      });
    }
    return c.json({ data: view(await findAccount(c, unitId, personId)) }, 200);
  })
  .openapi(completeName, async (c) => {
    const { actor } = requirePerson(c);
    const { unitId, personId } = c.req.valid("param");
    requireUnitRole(actor, unitId, "R19");
    const { name } = c.req.valid("json");
    const row = await findAccount(c, unitId, personId);
    if (row.person.name?.trim()) throw new AppError("PERSON_NAME_ALREADY_SET", { field: "name" });
    const { db } = c.get("deps");
    await db.$transaction(async (tx) => {
      await tx.person.update({ where: { id: personId }, data: { name } });
      await writeAuditEvent(tx, {
        action: "person.name-completed",
        actor: { type: "PERSON", id: actor.personId },
        origin: auditOrigin(c),
        target: { type: "Person", id: personId },
        unitId,
        before: { name: null },
        after: { name },
      });
    });
    return c.json({ data: view(await findAccount(c, unitId, personId)) }, 200);
  });
