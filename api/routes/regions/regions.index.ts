// GB/T 2260 regions, for the region pickers of registration and unit forms.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { regionNameInEnglish } from "../../../domain/region-names.js";
import type { AppEnv } from "../../context.js";
import { identifierText } from "../../fields.js";
import { defineRoute } from "../../route.js";

const region = z
  .object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string().openapi({ description: "The name in English: pinyin and the kind of division" }),
    level: z.enum(["PROVINCE", "PREFECTURE", "COUNTY"]),
    parentCode: z.string().nullable(),
  })
  .openapi("Region");

const list = defineRoute({
  method: "get",
  path: "/regions",
  tags: ["regions"],
  summary: "All regions (about a hundred), parents first",
  access: { actor: "anonymous" },
  request: {
    query: z.object({
      parentCode: identifierText()
        .regex(/^\d{6}$/)
        .optional(),
    }),
  },
  responses: {
    200: {
      description: "Regions",
      content: { "application/json": { schema: z.object({ data: z.array(region), total: z.number() }) } },
    },
  },
});

const levelOrder = { PROVINCE: 0, PREFECTURE: 1, COUNTY: 2 } as const;

export const regionsRouter = new OpenAPIHono<AppEnv>().openapi(list, async (c) => {
  const { parentCode } = c.req.valid("query");
  const rows = await c.get("deps").db.region.findMany({
    where: parentCode ? { parentCode } : {},
    orderBy: { code: "asc" },
  });
  rows.sort((a, b) => levelOrder[a.level] - levelOrder[b.level] || a.code.localeCompare(b.code));
  const data = rows.map((row) => ({ ...row, nameEn: regionNameInEnglish(row.name) }));
  return c.json({ data, total: data.length }, 200);
});
