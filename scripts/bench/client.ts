// The requests the rows send, as the console and the public forms send them.
import { randomUUID } from "node:crypto";
import { request } from "undici";
import { PDF_BYTES } from "./fixtures.js";

export type Api = ReturnType<typeof apiClient>;

/** An answer as the rows read it (fetch's Response or undici's, whose body must be read). */
type Answer = { ok: boolean; status: number; text(): Promise<string>; json(): Promise<unknown> };

/** Throws with the status and body unless the answer is 2xx; returns the parsed JSON. */
async function ok<T>(response: Answer, what: string): Promise<T> {
  if (!response.ok) throw new Error(`${what}: ${response.status} ${(await response.text()).slice(0, 300)}`);
  return (await response.json()) as T;
}

/**
 * Sends a request with undici's `request`, the lighter of its two APIs: the bench shares the
 * machine's two cores with the stack it measures, and with `fetch` (WHATWG streams and objects per
 * request) it spent 158 / 167 ms of CPU a second of the soak against 106 / 115 so (two pairs,
 * alternated, 2026-12-05).
 */
async function requestOnce(url: string, options: Parameters<typeof request>[1]): Promise<Answer> {
  const { statusCode, body } = await request(url, options);
  return {
    ok: statusCode >= 200 && statusCode < 300,
    status: statusCode,
    text: () => body.text(),
    json: () => body.json(),
  };
}

/**
 * `work`, done once more when the connection it reused turns out closed before any answer
 * (UND_ERR_SOCKET): the API closes a keep-alive connection idle for 5 s, and a bench whose event
 * loop was busy longer (seeding thousands of applicants) finds the close only when it writes on it.
 * Every request sent here may be repeated: GETs, submissions with their submissionId, decisions with
 * their idempotency key, uploads (an unused file).
 */
async function send(work: () => Promise<Answer>): Promise<Answer> {
  try {
    return await work();
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string } };
    if ((e.cause?.code ?? e.code) !== "UND_ERR_SOCKET") throw error;
    return work();
  }
}

export function apiClient(baseUrl: string) {
  const json = (cookie?: string) => ({
    "content-type": "application/json",
    origin: baseUrl,
    ...(cookie ? { cookie } : {}),
  });
  return {
    baseUrl,
    /** GET returning the body; throws unless 2xx. */
    async get<T = unknown>(path: string, cookie?: string): Promise<T> {
      const answer = await send(() =>
        requestOnce(`${baseUrl}${path}`, { headers: cookie ? { cookie } : {} }),
      );
      return ok<T>(answer, `GET ${path}`);
    },
    async post<T = unknown>(
      path: string,
      body: unknown,
      cookie?: string,
      headers: Record<string, string> = {},
    ) {
      const answer = await send(() =>
        requestOnce(`${baseUrl}${path}`, {
          method: "POST",
          headers: { ...json(cookie), ...headers },
          body: JSON.stringify(body),
        }),
      );
      return ok<T>(answer, `POST ${path}`);
    },
    /** An uploaded file's id (a registration's business licence or authorisation letter). */
    async upload(kind: "BUSINESS_LICENCE" | "AUTHORIZATION_LETTER"): Promise<string> {
      const form = new FormData();
      form.set("kind", kind);
      form.set(
        "file",
        new File([PDF_BYTES.slice()], `${kind.toLowerCase()}.pdf`, { type: "application/pdf" }),
      );
      // fetch: it writes the multipart body (setup only, not timed).
      const response = await send(() =>
        fetch(`${baseUrl}/api/uploads`, { method: "POST", body: form, headers: { origin: baseUrl } }),
      );
      return (await ok<{ data: { id: string } }>(response, "upload")).data.id;
    },
    /** Submits a binding request to the unit named `unitName`; the request's id. */
    async submitBinding(cookie: string, unitName: string): Promise<string> {
      const body = { unitName, pledgeAccepted: true, submissionId: randomUUID() };
      return (await this.post<{ data: { id: string } }>("/api/binding-requests", body, cookie)).data.id;
    },
    /** The decider's Update through the API: answered once the workflow applied it. */
    async decide(cookie: string, taskId: string): Promise<void> {
      await this.post(`/api/tasks/${taskId}/decision`, { decision: "APPROVE" }, cookie, {
        "idempotency-key": `bench-${randomUUID()}`,
      });
    },
  };
}
