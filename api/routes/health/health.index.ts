// Readiness of the database and Temporal, for operators and load balancers.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.js";
import { dataResponse, defineRoute } from "../../route.js";

const component = z.object({ ok: z.boolean(), ms: z.number(), error: z.string().optional() });

const health = defineRoute({
  method: "get",
  path: "/health",
  tags: ["operations"],
  summary: "Database and Temporal readiness",
  access: { actor: "anonymous" },
  responses: {
    200: dataResponse(
      "Everything is ready",
      z.object({ status: z.enum(["ok", "degraded"]), database: component, temporal: component }),
    ),
    503: { description: "Something is not ready (same body)" },
  },
});

async function probe(check: () => Promise<unknown>) {
  const started = performance.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timed out after 2 s")), 2000)),
    ]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), error: String(error) };
  }
}

export const healthRouter = new OpenAPIHono<AppEnv>().openapi(health, async (c) => {
  const { db, temporal } = c.get("deps");
  const [database, workflowService] = await Promise.all([
    probe(() => db.$queryRawUnsafe("SELECT 1")),
    probe(() => temporal.workflowService.getSystemInfo({})),
  ]);
  const status = database.ok && workflowService.ok ? "ok" : "degraded";
  return c.json({ data: { status, database, temporal: workflowService } }, status === "ok" ? 200 : 503);
});
