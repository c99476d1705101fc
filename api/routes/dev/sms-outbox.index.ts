// The dev SMS adapter's outbox, so developers and testers can read codes and notices. It holds every
// code and face-check link, so only the platform operator reads it, and it exists only in
// development with SMS_ADAPTER=outbox (R28, api/app.ts).
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { maskMobile } from "../../../domain/masking.js";
import { smsTemplateName } from "../../../lib/ports/sms-templates.js";
import type { AppEnv } from "../../context.js";
import { defineRoute } from "../../route.js";
import { listQuery, listResponse, paging } from "../list-query.js";

const smsMessage = z
  .object({
    id: z.string(),
    mobileMasked: z.string(),
    template: z.string(),
    /** The kind's human name (null for a kind this build no longer has, e.g. an old GENERIC_NOTICE). */
    templateName: z.object({ "zh-CN": z.string(), en: z.string() }).nullable(),
    body: z.string(),
    status: z.enum(["QUEUED", "SENT", "FAILED"]),
    createdAt: z.string(),
  })
  .openapi("SmsMessage");

const list = defineRoute({
  method: "get",
  path: "/dev/sms-outbox",
  tags: ["dev"],
  summary: "Messages recorded by the dev SMS adapter, newest first",
  access: { actor: "person", roles: ["PLATFORM_OPERATOR"] },
  request: {
    query: listQuery(["createdAt"]).extend({
      mobile: z.string().optional().openapi({ description: "Only messages to this mobile (exact)" }),
    }),
  },
  responses: {
    200: { description: "Messages", content: { "application/json": { schema: listResponse(smsMessage) } } },
  },
});

export const smsOutboxRouter = new OpenAPIHono<AppEnv>().openapi(list, async (c) => {
  const query = c.req.valid("query");
  const { db } = c.get("deps");
  const where = query.mobile ? { mobile: query.mobile } : {};
  const [rows, total] = await Promise.all([
    db.smsMessage.findMany({ where, orderBy: { createdAt: query.order }, ...paging(query) }),
    db.smsMessage.count({ where }),
  ]);
  const data = rows.map((m) => ({
    id: m.id,
    mobileMasked: maskMobile(m.mobile),
    template: m.template,
    templateName: smsTemplateName(m.template),
    body: m.body,
    status: m.status,
    createdAt: m.createdAt.toISOString(),
  }));
  return c.json({ data, total }, 200);
});
