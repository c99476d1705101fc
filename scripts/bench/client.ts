// The requests the rows send, as the console and the public forms send them.
import { randomUUID } from "node:crypto";
import { PDF_BYTES } from "./fixtures.js";

export type Api = ReturnType<typeof apiClient>;

/** Throws with the status and body unless the answer is 2xx; returns the parsed JSON. */
async function ok<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) throw new Error(`${what}: ${response.status} ${(await response.text()).slice(0, 300)}`);
  return (await response.json()) as T;
}

/**
 * `fetch`, sent once more when the connection it reused turns out closed before any answer
 * (undici's UND_ERR_SOCKET): the API closes a keep-alive connection idle for 5 s, and a bench whose
 * event loop was busy longer (seeding thousands of applicants) finds the close only when it writes
 * on it. Every request sent here may be repeated: GETs, submissions with their submissionId,
 * decisions with their idempotency key, uploads (an unused file).
 */
async function send(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== "UND_ERR_SOCKET") throw error;
    return fetch(url, init);
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
      return ok<T>(await send(`${baseUrl}${path}`, { headers: cookie ? { cookie } : {} }), `GET ${path}`);
    },
    async post<T = unknown>(
      path: string,
      body: unknown,
      cookie?: string,
      headers: Record<string, string> = {},
    ) {
      const response = await send(`${baseUrl}${path}`, {
        method: "POST",
        headers: { ...json(cookie), ...headers },
        body: JSON.stringify(body),
      });
      return ok<T>(response, `POST ${path}`);
    },
    /** An uploaded file's id (a registration's business licence or authorisation letter). */
    async upload(kind: "BUSINESS_LICENCE" | "AUTHORIZATION_LETTER"): Promise<string> {
      const form = new FormData();
      form.set("kind", kind);
      form.set(
        "file",
        new File([PDF_BYTES.slice()], `${kind.toLowerCase()}.pdf`, { type: "application/pdf" }),
      );
      const response = await send(`${baseUrl}/api/uploads`, {
        method: "POST",
        body: form,
        headers: { origin: baseUrl },
      });
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
