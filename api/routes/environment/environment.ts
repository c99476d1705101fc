// Public facts about this installation that the console shows before anyone logs in: whether it runs
// in development (the 开发环境 ribbon) and which development stand-ins it offers (R28).
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { developmentStandIns } from "../../../lib/config.js";
import type { AppEnv } from "../../context.js";
import { dataResponse, defineRoute } from "../../route.js";

const environmentView = z
  .object({
    appEnv: z.enum(["development", "production"]),
    standIns: z.object({
      smsOutbox: z.boolean().describe("The SMS outbox keeps messages instead of sending them"),
      simulatedMobileApp: z.boolean().describe("Face checks are completed on the simulated mobile app"),
      registryFixture: z.boolean().describe("Registrations are compared with fictional registry data"),
    }),
  })
  .openapi("Environment");

const show = defineRoute({
  method: "get",
  path: "/environment",
  tags: ["operations"],
  summary: "The mode (APP_ENV) and the development stand-ins in use",
  access: { actor: "anonymous" },
  responses: { 200: dataResponse("The environment", environmentView) },
});

export const environmentRouter = new OpenAPIHono<AppEnv>().openapi(show, (c) => {
  const { config } = c.get("deps");
  return c.json({ data: { appEnv: config.appEnv, standIns: developmentStandIns(config) } }, 200);
});
