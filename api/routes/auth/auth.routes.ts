import { z } from "@hono/zod-openapi";
import { exactText, identifierText } from "../../fields.js";
import { dataResponse, defineRoute, jsonBody } from "../../route.js";
import { meSchema } from "./me.js";

const tags = ["auth"];

export const login = defineRoute({
  method: "post",
  path: "/auth/login",
  tags,
  summary: "Person password login (gives a `PASSWORD` session)",
  access: { actor: "anonymous" },
  request: {
    body: jsonBody(
      z.object({
        account: identifierText()
          .min(1)
          .max(64)
          .openapi({ description: "ID number (any accepted identity document) or mobile" }),
        password: exactText({ min: 1, max: 128 }),
      }),
    ),
  },
  responses: {
    200: dataResponse("Logged in", meSchema),
  },
});

export const logout = defineRoute({
  method: "post",
  path: "/auth/logout",
  tags,
  summary: "End the current session",
  access: { actor: "anonymous" },
  responses: { 204: { description: "Logged out" } },
});

export const me = defineRoute({
  method: "get",
  path: "/auth/me",
  tags,
  summary: "Who is logged in, with which roles and session strength",
  access: { actor: "any" },
  responses: {
    200: dataResponse("Current actor", meSchema),
  },
});

const stepUpView = z
  .object({
    checkId: z.string(),
    status: z.enum(["PENDING", "SCANNED", "PASSED", "FAILED", "EXPIRED", "CONSUMED"]),
    qrUrl: z.string(),
    expiresAt: z.string(),
    strength: z.enum(["PASSWORD", "REAL_PERSON"]),
  })
  .openapi("StepUp");

export const startStepUp = defineRoute({
  method: "post",
  path: "/auth/step-up",
  tags,
  summary: "Start a real-person check (QR code) that raises this session to REAL_PERSON",
  access: { actor: "person" },
  responses: {
    201: dataResponse("QR code issued", stepUpView),
  },
});

export const showStepUp = defineRoute({
  method: "get",
  path: "/auth/step-up/{checkId}",
  tags,
  summary: "Progress of a step-up; once the face check passed, the session becomes REAL_PERSON",
  access: { actor: "person" },
  request: { params: z.object({ checkId: z.string().uuid() }) },
  responses: {
    200: dataResponse("Progress", stepUpView),
  },
});
