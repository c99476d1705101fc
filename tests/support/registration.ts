// Builds and submits unit registrations through the real API, with real uploaded files.
import { randomUUID } from "node:crypto";
import type { Hono } from "hono";

/** The smallest file that file-type recognises as a PDF. */
export const PDF_BYTES = new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
/** A PNG signature and IHDR chunk start: enough for magic-byte detection. */
export const PNG_BYTES = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
  0, 0, 0, 1, 8, 2, 0, 0, 0,
]);

export type AppLike = Pick<Hono, "request">;
export const ORIGIN = "http://localhost";

export async function upload(
  app: AppLike,
  kind: string,
  name: string,
  bytes: Uint8Array,
  type = "application/pdf",
) {
  const form = new FormData();
  form.set("kind", kind);
  form.set("file", new File([bytes.slice()], name, { type }));
  return app.request(`${ORIGIN}/api/uploads`, { method: "POST", body: form, headers: { origin: ORIGIN } });
}

/** Registry fixture record used by default: an ordinary enterprise whose facts match. */
export const MATCHING = {
  uscc: "91520201526150783T",
  unitName: "六盘水凉都示例能源有限公司",
  legalRepName: "杨光辉",
  legalRepIdNumber: "520112197103087933",
  regionCode: "520201",
};

export async function registrationBody(app: AppLike, overrides: Record<string, unknown> = {}) {
  const licence = await (await upload(app, "BUSINESS_LICENCE", "营业执照.pdf", PDF_BYTES)).json();
  const letter = await (
    await upload(app, "AUTHORIZATION_LETTER", "授权书.png", PNG_BYTES, "image/png")
  ).json();
  return {
    submissionId: randomUUID(),
    ...MATCHING,
    unitType: "ENTERPRISE",
    contactName: "张联系",
    contactMobile: "13688889999",
    password: "Unit#Pass2026",
    businessLicenceUploadId: licence.data.id,
    authorizationLetterUploadId: letter.data.id,
    ...overrides,
  };
}

export function postJson(app: AppLike, path: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(`${ORIGIN}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN, ...headers },
    body: JSON.stringify(body),
  });
}

/**
 * The Node server's request as the test app sees it for a client at `address`: the socket's remote
 * address, no proxy in between (what the per-address limits count).
 */
export const fromAddress = (address: string) => ({
  incoming: { socket: { remoteAddress: address }, headers: {} },
});

/** POSTs JSON as a client at `address`. */
export function postJsonFrom(app: AppLike, address: string, path: string, body: unknown) {
  const init = {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  };
  return app.request(path, init, fromAddress(address));
}
