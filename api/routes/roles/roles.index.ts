// The role catalogue (账号角色管理, R9): every subsystem's roles with their labels, who may grant them
// and what they require. Read from the RoleDefinition rows by the API and the console alike.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { listRoleCatalogue } from "../../../lib/role-catalogue.js";
import type { AppEnv } from "../../context.js";
import { dataResponse, defineRoute } from "../../route.js";

export const catalogueRoleSchema = z
  .object({
    subsystem: z.enum(["PLATFORM", "PORTAL", "SYSCONFIG", "TITLE_REVIEW"]),
    role: z.string(),
    labelZh: z.string(),
    labelEn: z.string(),
    /** Holders of these roles grant and revoke it in their unit and its subordinate units; empty: nobody (R8). */
    grantableBy: z.array(z.string()),
    /** R12: acting in this role needs a real-person session. */
    requiresRealPerson: z.boolean(),
    /** R10: a holder cannot apply for a title, an applicant cannot be granted it. */
    excludesTitleApplication: z.boolean(),
    sortOrder: z.number().int(),
  })
  .openapi("CatalogueRole");

const list = defineRoute({
  method: "get",
  path: "/roles",
  tags: ["roles"],
  summary: "The role catalogue: subsystem × role × labels × who may grant it × what it requires",
  access: { actor: "any" },
  responses: {
    200: dataResponse("The catalogue, in display order", z.array(catalogueRoleSchema)),
  },
});

export const rolesRouter = new OpenAPIHono<AppEnv>().openapi(list, async (c) => {
  const roles = await listRoleCatalogue(c.get("deps").db);
  return c.json({ data: roles as z.infer<typeof catalogueRoleSchema>[] }, 200);
});
