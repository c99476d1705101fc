// The app on a real socket (127.0.0.1, a free port), so that what reads the client address
// (api/sessions.ts clientAddress: the socket's peer, X-Forwarded-For from trusted proxies) sees a
// peer as in production; app.request() has no socket ("unknown").
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";

export type ServedApp = {
  url: string;
  /** fetch() of a path under /api, with the Origin the CSRF check expects and JSON bodies. */
  request(
    path: string,
    init?: { method?: string; headers?: Record<string, string>; body?: unknown },
  ): Promise<Response>;
  close(): Promise<void>;
};

export async function serveApp(app: Pick<Hono, "fetch">): Promise<ServedApp> {
  // app.fetch itself, not a wrapper: the node server passes the socket (env.incoming) as its second argument.
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    request: (path, init = {}) =>
      fetch(`${url}/api${path}`, {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers: {
          origin: url,
          ...(init.body === undefined ? {} : { "content-type": "application/json" }),
          ...init.headers,
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // fetch keeps connections alive: close them, or close() waits for their idle timeout.
        (server as Server).closeAllConnections();
      }),
  };
}
