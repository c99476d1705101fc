// Liveness (the process answers) and readiness (the database and Temporal answer), for operators and
// load balancers. Readiness is served from the cached background probe (health.probe.ts).
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.js";
import { dataResponse, defineRoute } from "../../route.js";
import type { HealthProbe } from "./health.probe.js";

const component = z.object({
  ok: z.boolean().describe("Ready (a component that was ready stays so until several probes in a row fail)"),
  ms: z.number().describe("Duration of the last probe"),
  checkedAt: z.string().nullable().describe("When the last probe finished (null before the first)"),
  consecutiveFailures: z.number().int(),
  error: z.string().optional().describe("The last probe's error"),
});
const readiness = z.object({
  status: z.enum(["ok", "degraded"]),
  database: component,
  temporal: component,
});

const health = defineRoute({
  method: "get",
  path: "/health",
  tags: ["operations"],
  summary: "Readiness: database and Temporal (from a probe refreshed in the background)",
  access: { actor: "anonymous" },
  responses: {
    200: dataResponse("Everything is ready", readiness),
    503: dataResponse("Something is not ready (same body)", readiness),
  },
});

const live = defineRoute({
  method: "get",
  path: "/health/live",
  tags: ["operations"],
  summary: "Liveness: the API process answers (no dependency is checked)",
  access: { actor: "anonymous" },
  responses: { 200: dataResponse("The process is alive", z.object({ status: z.literal("ok") })) },
});

export function healthRouter(probe: HealthProbe) {
  return new OpenAPIHono<AppEnv>()
    .openapi(health, async (c) => {
      const data = await probe.read();
      return c.json({ data }, data.status === "ok" ? 200 : 503);
    })
    .openapi(live, (c) => c.json({ data: { status: "ok" as const } }, 200));
}
