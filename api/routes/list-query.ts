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

/**
 * The most rows a list counts for its total: past it the response says "more" (`capped`) instead of
 * counting a province's worth of rows on every request; the console shows "10,000+".
 */
export const LIST_COUNT_LIMIT = 10_000;

/**
 * A list whose total stops at `countLimit` (LIST_COUNT_LIMIT): `capped` names the counts that
 * stopped there (`["total"]`), the total then being a floor.
 */
export function cappedListResponse<T extends z.ZodType>(item: T) {
  return listResponse(item).extend({
    /** The most `total` says: counting stops there. */
    countLimit: z.number().int(),
    /** The counts that stopped at `countLimit`: there are more rows ("10000+"). */
    capped: z.array(z.enum(["total"])),
  });
}

/** The capped fields of a list response from a count taken up to LIST_COUNT_LIMIT + 1 rows. */
export const cappedTotal = (counted: number) => ({
  total: Math.min(counted, LIST_COUNT_LIMIT),
  countLimit: LIST_COUNT_LIMIT,
  capped: counted > LIST_COUNT_LIMIT ? ["total" as const] : [],
});

/**
 * `rows` in the order of `page`: a list reads its page's ids first, in the list's order, from an
 * index alone (a deep page skips index entries, never table rows), then the page's rows by id, which
 * come back in no particular order. An id whose row is gone since is left out.
 */
export function inPageOrder<R extends { id: string }>(
  page: readonly { id: string }[],
  rows: readonly R[],
): R[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return page.flatMap(({ id }) => byId.get(id) ?? []);
}
