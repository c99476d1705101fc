import { z } from "@hono/zod-openapi";
import { defineRoute } from "../../route.js";
import { meSchema } from "./me.js";

const tags = ["auth"];

export const login = defineRoute({
  method: "post",
  path: "/auth/login",
  tags,
  summary: "Person password login (gives a `PASSWORD` session)",
  access: { actor: "anonymous" },
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            account: z
              .string()
              .trim()
              .min(1)
              .max(64)
              .openapi({ description: "Resident ID number or mobile" }),
            password: z.string().min(1).max(128),
          }),
        },
      },
    },
  },
  responses: {
    200: {
      description: "Logged in",
      content: { "application/json": { schema: z.object({ data: meSchema }) } },
    },
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
    200: {
      description: "Current actor",
      content: { "application/json": { schema: z.object({ data: meSchema }) } },
    },
  },
});
