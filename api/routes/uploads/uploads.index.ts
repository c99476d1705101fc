// R23: registration materials. The content decides the type (magic bytes), the size is limited, the
// name is kept as a label (upload-refusals.ts); the file goes to file storage under a random key.
import { createHash, randomUUID } from "node:crypto";
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { AppError } from "../../../domain/errors.js";
import { deleteUnusedUploads } from "../../../lib/upload-retention.js";
import { consumeAddressAllowance } from "../../address-limits.js";
import type { AppEnv } from "../../context.js";
import { dataResponse, defineRoute } from "../../route.js";
import { clientAddress } from "../../sessions.js";
import { acceptUpload } from "./upload-refusals.js";

const upload = z
  .object({
    id: z.string(),
    kind: z.enum(["BUSINESS_LICENCE", "AUTHORIZATION_LETTER"]),
    originalName: z.string(),
    mediaType: z.string(),
    size: z.number(),
  })
  .openapi("Upload");

const create = defineRoute({
  method: "post",
  path: "/uploads",
  tags: ["uploads"],
  summary: "Upload a registration material (PDF, JPEG or PNG, at most 10 MB)",
  access: { actor: "anonymous" },
  request: {
    body: {
      required: true,
      content: {
        "multipart/form-data": {
          schema: z.object({
            kind: z.enum(["BUSINESS_LICENCE", "AUTHORIZATION_LETTER"]),
            file: z.any().openapi({ type: "string", format: "binary" }),
          }),
        },
      },
    },
  },
  responses: {
    201: dataResponse("Stored", upload),
  },
});

export const uploadsRouter = new OpenAPIHono<AppEnv>().openapi(create, async (c) => {
  const { kind, file } = c.req.valid("form");
  await consumeAddressAllowance(c.get("deps"), "UPLOAD", clientAddress(c));
  if (!(file instanceof File)) {
    throw new AppError("VALIDATION_FAILED", {
      field: "file",
      message: { "zh-CN": "请选择要上传的文件", en: "Choose a file to upload" },
    });
  }
  const { name, mediaType, bytes } = await acceptUpload(file);

  const { db, fileStorage } = c.get("deps");
  const id = randomUUID();
  const storageKey = `uploads/${id.slice(0, 2)}/${id}`;
  await fileStorage.put(storageKey, bytes);
  const row = await db.upload.create({
    data: {
      id,
      kind,
      originalName: name,
      mediaType,
      size: file.size,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      storageKey,
    },
  });
  // Each upload sweeps away the old ones nobody used, so anonymous uploads cannot pile up.
  const retentionMs = c.get("deps").config.uploadUnusedRetentionSeconds * 1000;
  await deleteUnusedUploads({ db, fileStorage }, new Date(Date.now() - retentionMs));
  const data = {
    id: row.id,
    kind: row.kind,
    originalName: row.originalName,
    mediaType: row.mediaType,
    size: row.size,
  };
  return c.json({ data }, 201);
});
