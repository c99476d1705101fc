// Paging and sorting for every list route: ?page=1&pageSize=20&sort=<field>&order=asc|desc.
import { z } from "@hono/zod-openapi";

export function listQuery<const Sort extends readonly [string, ...string[]]>(sortable: Sort) {
  return z.object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    sort: z.enum(sortable).optional(),
    order: z.enum(["asc", "desc"]).default("desc"),
  });
}

export const paging = (q: { page: number; pageSize: number }) => ({
  skip: (q.page - 1) * q.pageSize,
  take: q.pageSize,
});

export function listResponse<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), total: z.number().int() });
}
