// R25: a person sees every request they made, its status, and its full history: who decided,
// when, why. (Binding requests today; affiliation requests join this list when they exist.)
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.js";
import { dataResponse, defineRoute } from "../../route.js";
import { requirePerson } from "../../sessions.js";
import { bindingRequestView, requestView } from "../binding-requests/binding-requests.js";
import { historyEntrySchema, loadRequestHistory } from "../request-history.js";

const myRequest = bindingRequestView
  .extend({
    type: z.literal("BINDING_REQUEST"),
    canWithdraw: z.boolean(),
    history: z.array(historyEntrySchema),
  })
  .openapi("MyRequest");

const list = defineRoute({
  method: "get",
  path: "/me/requests",
  tags: ["persons"],
  summary: "Every request the logged-in person made, newest first, each with its history (R25)",
  access: { actor: "person" },
  responses: {
    200: dataResponse("Requests", z.array(myRequest)),
  },
});

export const myRequestsRouter = new OpenAPIHono<AppEnv>().openapi(list, async (c) => {
  const { actor } = requirePerson(c);
  const { db } = c.get("deps");
  const rows = await db.bindingRequest.findMany({
    where: { personId: actor.personId },
    include: { unit: true },
    orderBy: { submittedAt: "desc" },
    take: 100,
  });
  const data = await Promise.all(
    rows.map(async (row) => ({
      ...requestView(row),
      type: "BINDING_REQUEST" as const,
      canWithdraw: row.openPersonId !== null,
      history: await loadRequestHistory(db, "BINDING_REQUEST", row.id),
    })),
  );
  return c.json({ data }, 200);
});
