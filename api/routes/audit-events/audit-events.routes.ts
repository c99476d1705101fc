import { z } from "@hono/zod-openapi";
import { textField } from "../../fields.js";
import { defineRoute } from "../../route.js";
import { listQuery, listResponse } from "../list-query.js";

const tags = ["audit-events"];
/** Platform auditors, and unit administrators (real-person session, checked with their scope: R12). */
const access = { actor: "person", roles: ["PLATFORM_AUDITOR", "UNIT_ADMIN"] } as const;

const chinaDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00+08:00`)));

const filterShape = {
  unitId: z.string().uuid().optional(),
  actor: textField({ min: 1, max: 50 }).optional().openapi({
    description: "An actor's id, a person's full ID number, or part of a person's or unit's name",
  }),
  action: z
    .string()
    .trim()
    .regex(/^[a-z0-9.-]{1,60}$/)
    .optional()
    .openapi({ description: "An action (binding.exited) or its leading part (binding)" }),
  from: chinaDate.optional().openapi({ description: "First China calendar day, YYYY-MM-DD" }),
  to: chinaDate.optional().openapi({ description: "Last China calendar day (included), YYYY-MM-DD" }),
};
const rangeInOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const rangeIssue = { path: ["to"], message: "to is before from" };

const auditEvent = z
  .object({
    id: z.string(),
    sequence: z.number().int().nullable(),
    at: z.string(),
    action: z.string(),
    actor: z.object({
      type: z.string(),
      id: z.string().nullable(),
      name: z.string().nullable(),
      idNumberMasked: z.string().nullable(),
    }),
    sessionStrength: z.string().nullable(),
    ipAddress: z.string().nullable(),
    userAgent: z.string().nullable(),
    requestId: z.string().nullable(),
    target: z.object({ type: z.string(), id: z.string().nullable() }),
    unit: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    before: z.unknown().openapi({ description: "The state before (personal data masked)" }),
    after: z.unknown().openapi({ description: "The state after (personal data masked)" }),
    hash: z.string().nullable(),
  })
  .openapi("AuditEvent");

export const list = defineRoute({
  method: "get",
  path: "/audit-events",
  tags,
  summary:
    "R26: the audit log in the caller's scope (auditors: all; administrators: their unit and subordinates)",
  access,
  request: { query: listQuery(["at"]).extend(filterShape).refine(rangeInOrder, rangeIssue) },
  responses: {
    200: {
      description: "Audit events",
      content: { "application/json": { schema: listResponse(auditEvent) } },
    },
  },
});

export const exportCsv = defineRoute({
  method: "get",
  path: "/audit-events/export.csv",
  tags,
  summary: "R26: the audit log in the caller's scope as CSV (streamed, UTF-8 with BOM, China time)",
  access,
  request: {
    query: z
      .object({ ...filterShape, locale: z.enum(["zh-CN", "en"]).default("zh-CN") })
      .refine(rangeInOrder, rangeIssue),
  },
  responses: {
    200: { description: "CSV, oldest event first", content: { "text/csv": { schema: z.string() } } },
  },
});

export const units = defineRoute({
  method: "get",
  path: "/audit-events/units",
  tags,
  summary: "The units whose events the caller may read, by name (for the unit filter)",
  access,
  request: { query: z.object({ q: textField({ max: 50 }).optional() }) },
  responses: {
    200: {
      description: "Up to 20 units",
      content: {
        "application/json": {
          schema: z.object({ data: z.array(z.object({ id: z.string(), name: z.string() })) }),
        },
      },
    },
  },
});
