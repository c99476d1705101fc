// R25: a request's timeline as every status page and the workbench show it.
import { z } from "@hono/zod-openapi";
import { ACTOR_ROLES, actorOfEvent } from "../../domain/request-actors.js";
import type { Database } from "../../lib/database.js";
import type { RequestType } from "../../prisma/generated/client.js";

export const historyEntrySchema = z.object({
  at: z.string(),
  kind: z.string(),
  actorRole: z.enum(ACTOR_ROLES).nullable().openapi({
    description: "What the actor acted as: a role, APPLICANT or SYSTEM; null: unknown (an older event)",
  }),
  actorLabel: z.string().nullable().openapi({
    description: "The actor's masked name; an older event's whole Chinese label when its role is null",
  }),
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
    ...actorOfEvent(e),
    reason: e.reason,
    detail: e.detail,
  }));
}
