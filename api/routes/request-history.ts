// R25: a request's timeline as every status page and the workbench show it.
import { z } from "@hono/zod-openapi";
import type { Database } from "../../lib/database.js";
import type { RequestType } from "../../prisma/generated/client.js";

export const historyEntrySchema = z.object({
  at: z.string(),
  kind: z.string(),
  actorLabel: z.string().nullable(),
  reason: z.string().nullable(),
  detail: z.string().nullable(),
});

export async function loadRequestHistory(db: Database, requestType: RequestType, requestId: string) {
  const events = await db.requestEvent.findMany({
    where: { requestType, requestId },
    orderBy: { sequence: "asc" },
  });
  return events.map((e) => ({
    at: e.at.toISOString(),
    kind: e.kind,
    actorLabel: e.actorLabel,
    reason: e.reason,
    detail: e.detail,
  }));
}
