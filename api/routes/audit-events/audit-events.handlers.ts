import type { RouteHandler } from "@hono/zod-openapi";
import { chinaDateDigits, formatChinaTimeSeconds } from "../../../domain/china-time.js";
import type { Database } from "../../../lib/database.js";
import { containingPattern, likeIgnoringCase } from "../../../lib/sql-dialect.js";
import { type AuditEvent, Prisma } from "../../../prisma/generated/client.js";
import type { AppEnv } from "../../context.js";
import { requireActor } from "../../sessions.js";
import { paging } from "../list-query.js";
import { type AuditEventView, describeAuditEvents } from "./audit-event-view.js";
import type * as routes from "./audit-events.routes.js";
import {
  type AuditFilters,
  type AuditScope,
  auditScopeFor,
  auditWhereSql,
  scopeUnitsSql,
} from "./audit-scope.js";
import { csvRow, UTF8_BOM } from "./csv.js";

/** Events per export batch: bounded memory, and within one statement's bind limit for the lookups. */
export const EXPORT_BATCH_SIZE = 500;

/** The events with these ids, in the order given. */
async function loadInOrder(db: Database, ids: string[]): Promise<AuditEvent[]> {
  if (ids.length === 0) return [];
  const rows = await db.auditEvent.findMany({ where: { id: { in: ids } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const scope = auditScopeFor(requireActor(c));
  const query = c.req.valid("query");
  const { db } = c.get("deps");
  const where = auditWhereSql(scope, query);
  const direction = Prisma.raw(query.order === "asc" ? "ASC" : "DESC");
  const { skip, take } = paging(query);
  const [page, counted] = await Promise.all([
    db.$queryRaw<{ id: string }[]>`SELECT e."id" FROM "AuditEvent" e ${where}
      ORDER BY e."at" ${direction}, e."sequence" ${direction} LIMIT ${take} OFFSET ${skip}`,
    db.$queryRaw<{ total: bigint | number }[]>`SELECT COUNT(*) AS "total" FROM "AuditEvent" e ${where}`,
  ]);
  const rows = await loadInOrder(
    db,
    page.map((row) => row.id),
  );
  return c.json({ data: await describeAuditEvents(db, rows), total: Number(counted[0]?.total ?? 0) }, 200);
};

export const units: RouteHandler<typeof routes.units, AppEnv> = async (c) => {
  const scope = auditScopeFor(requireActor(c));
  const { q } = c.req.valid("query");
  const { db } = c.get("deps");
  const conditions: Prisma.Sql[] = [];
  const inScope = scopeUnitsSql(scope);
  if (inScope) conditions.push(Prisma.sql`u."id" IN (${inScope})`);
  if (q) {
    conditions.push(
      Prisma.sql`(${likeIgnoringCase(Prisma.sql`u."name"`, containingPattern(q))} OR u."uscc" = ${q.toUpperCase()})`,
    );
  }
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const data = await db.$queryRaw<{ id: string; name: string }[]>`
    SELECT u."id", u."name" FROM "Unit" u ${where} ORDER BY u."name" LIMIT 20`;
  return c.json({ data }, 200);
};

const COLUMNS = {
  "zh-CN": [
    "序号",
    "时间（北京时间）",
    "操作",
    "操作人类型",
    "操作人",
    "操作人证件号码",
    "会话强度",
    "客户端地址",
    "对象类型",
    "对象ID",
    "单位",
    "单位ID",
    "变更前",
    "变更后",
    "请求编号",
    "事件ID",
    "哈希",
  ],
  en: [
    "Sequence",
    "Time (China)",
    "Action",
    "Actor type",
    "Actor",
    "Actor ID number",
    "Session strength",
    "Client address",
    "Target type",
    "Target id",
    "Unit",
    "Unit id",
    "Before",
    "After",
    "Request id",
    "Event id",
    "Hash",
  ],
} as const;

const json = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));

function csvLine(view: AuditEventView): string {
  return csvRow([
    view.sequence,
    formatChinaTimeSeconds(new Date(view.at)),
    view.action,
    view.actor.type,
    view.actor.name,
    view.actor.idNumberMasked,
    view.sessionStrength,
    view.ipAddress,
    view.target.type,
    view.target.id,
    view.unit?.name,
    view.unit?.id,
    json(view.before),
    json(view.after),
    view.requestId,
    view.id,
    view.hash,
  ]);
}

/**
 * The CSV as a pull stream: each read fetches the next batch by sequence (keyset, no offset), so
 * only one batch is in memory however long the log is, and a client that stops reading stops
 * the queries.
 */
export function auditCsvStream(
  db: Database,
  scope: AuditScope,
  filters: AuditFilters,
  locale: keyof typeof COLUMNS,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = 0;
  let headerSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(UTF8_BOM + csvRow(COLUMNS[locale])));
          return;
        }
        const where = auditWhereSql(scope, filters, Prisma.sql`e."sequence" > ${after}`);
        const batch = await db.$queryRaw<{ id: string; sequence: bigint | number }[]>`
          SELECT e."id", e."sequence" FROM "AuditEvent" e ${where}
          ORDER BY e."sequence" ASC LIMIT ${EXPORT_BATCH_SIZE}`;
        if (batch.length === 0) {
          controller.close();
          return;
        }
        after = Number(batch[batch.length - 1]!.sequence);
        const views = await describeAuditEvents(
          db,
          await loadInOrder(
            db,
            batch.map((row) => row.id),
          ),
        );
        controller.enqueue(encoder.encode(views.map(csvLine).join("")));
      },
    },
    { highWaterMark: 1 },
  );
}

export const exportCsv: RouteHandler<typeof routes.exportCsv, AppEnv> = async (c) => {
  const scope = auditScopeFor(requireActor(c));
  const { locale, ...filters } = c.req.valid("query");
  const day = chinaDateDigits(new Date());
  const name = locale === "en" ? `audit-log-${day}.csv` : `审计日志-${day}.csv`;
  const body = auditCsvStream(c.get("deps").db, scope, filters, locale);
  return c.body(body, 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="audit-log-${day}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
  }) as never;
};
