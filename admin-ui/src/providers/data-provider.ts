import type {
  BaseRecord,
  CrudFilter,
  CrudSort,
  CustomParams,
  CustomResponse,
  DataProvider,
  DeleteOneParams,
  DeleteOneResponse,
  MetaQuery,
  Pagination,
} from "@refinedev/core";
import { API_URL, apiRequest } from "../api/http";

/** `meta.apiPath` lets a resource live under another path, e.g. `sms-outbox` at `/api/dev/sms-outbox`. */
const resourceUrl = (resource: string, meta?: MetaQuery, id?: string | number): string => {
  const path = typeof meta?.apiPath === "string" ? meta.apiPath : resource;
  return id === undefined ? `${API_URL}/${path}` : `${API_URL}/${path}/${encodeURIComponent(id)}`;
};

const SUPPORTED_OPERATORS = new Set(["eq", "contains"]);

const listQuery = (
  pagination?: Pagination,
  sorters?: CrudSort[],
  filters?: CrudFilter[],
): URLSearchParams => {
  const query = new URLSearchParams();
  if ((pagination?.mode ?? "server") === "server") {
    query.set("page", String(pagination?.currentPage ?? 1));
    query.set("pageSize", String(pagination?.pageSize ?? 10));
  }
  const [sorter] = sorters ?? [];
  if (sorter) {
    query.set("sort", sorter.field);
    query.set("order", sorter.order);
  }
  for (const filter of filters ?? []) {
    // The API matches each filter field its own way (exact or partial), so both map to `field=value`.
    if (!("field" in filter) || !SUPPORTED_OPERATORS.has(filter.operator)) {
      throw new Error(`Filter operator "${filter.operator}" is not supported by the API`);
    }
    if (filter.value !== undefined && filter.value !== null && filter.value !== "") {
      query.set(filter.field, String(filter.value));
    }
  }
  return query;
};

export const dataProvider: DataProvider = {
  getApiUrl: () => API_URL,

  getList: ({ resource, pagination, sorters, filters, meta }) =>
    apiRequest("GET", resourceUrl(resource, meta), { query: listQuery(pagination, sorters, filters) }),

  getOne: ({ resource, id, meta }) => apiRequest("GET", resourceUrl(resource, meta, id)),

  create: ({ resource, variables, meta }) =>
    apiRequest("POST", resourceUrl(resource, meta), { body: variables }),

  update: ({ resource, id, variables, meta }) =>
    apiRequest("PATCH", resourceUrl(resource, meta, id), { body: variables }),

  deleteOne: async <TData extends BaseRecord = BaseRecord>({
    resource,
    id,
    meta,
  }: DeleteOneParams<unknown>): Promise<DeleteOneResponse<TData>> => {
    // The API answers a delete with 204 or with the deleted record.
    const body = await apiRequest<DeleteOneResponse<TData> | undefined>(
      "DELETE",
      resourceUrl(resource, meta, id),
    );
    return body ?? { data: { id } as TData };
  },

  custom: <TData extends BaseRecord = BaseRecord>({
    url,
    method,
    payload,
    query,
    headers,
    sorters,
    filters,
  }: CustomParams): Promise<CustomResponse<TData>> => {
    const search = listQuery({ mode: "off" }, sorters, filters);
    for (const [key, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
      if (value !== undefined && value !== null) search.set(key, String(value));
    }
    const fullUrl = url.startsWith("/") ? url : `${API_URL}/${url}`;
    // Refine expects `{ data }` even from a 202 or 204 without a body.
    return apiRequest<CustomResponse<TData> | undefined>(
      method.toUpperCase() as Uppercase<typeof method>,
      fullUrl,
      {
        body: payload,
        query: search,
        headers,
      },
    ).then((body) => body ?? ({ data: undefined } as unknown as CustomResponse<TData>));
  },
};
