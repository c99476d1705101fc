// Real-person authentication port (实人认证). A check is opened for a named person (or, for a QR
// login, for whoever completes it); its QR code or SMS link leads the person to the face check.
// Checks live in the RealPersonCheck table whatever the adapter.
// - Simulated (development only, R28): the simulated mobile page (/mobile/check/<token>) reports
//   the outcome, which reaches the realPersonCheck workflow as an Update, so every flow works offline.
// - A real adapter (`vendor`, real-person-tencent.ts): the QR code and the SMS link open our page
//   /face-check/<token>, which sends the person on to the vendor's page; the worker fetches the
//   verdict from the vendor itself (never from the browser) until a verdict or the check's expiry.
import { randomBytes } from "node:crypto";
import type { RealPersonCheckPurpose } from "../../prisma/generated/client.js";
import type { Database } from "../database.js";

export type StartCheckInput = {
  purpose: RealPersonCheckPurpose;
  subjectName?: string;
  subjectIdNumber?: string;
  personId?: string;
  requestId?: string;
  sessionId?: string;
  originIp?: string;
  originUserAgent?: string;
  expiresAt: Date;
};

/** The link a QR code or SMS carries; the mobile app (or its simulation) opens it. */
export function mobileCheckUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/mobile/check/${token}`;
}

/** The page an SMS link opens on a computer: it shows the QR code to scan with the mobile app. */
export function faceCheckPageUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/face-check/${token}`;
}

/** One visit of the vendor's face-check page: its reference (e.g. Tencent's BizToken) and URL. */
export type VendorSession = { reference: string; url: string; expiresAt: string };

/**
 * What the vendor says of a session. `identity` is the identity the vendor verified (for a QR
 * login, the only source of who logs in); it is compared and used, never stored beyond the check.
 */
export type VendorVerdict =
  | { outcome: "PENDING" }
  /** The session lapsed without a verdict (the person left): the check stays open for a new one. */
  | { outcome: "SESSION_ENDED" }
  | { outcome: "PASSED"; vendorCode: string; identity: { idNumber: string; name: string } }
  | { outcome: "FAILED"; vendorCode: string; vendorMessage: string };

/** A real face-check vendor: its page, and its verdicts fetched server-side. */
export interface FaceCheckVendor {
  readonly name: string;
  /** How often a verdict is asked for while a session is open. */
  readonly pollIntervalMs: number;
  /** Opens a session on the vendor's page for the check; throws REAL_PERSON_VENDOR_UNAVAILABLE. */
  openSession(check: CheckSubject): Promise<VendorSession>;
  /** The session's verdict so far; throws REAL_PERSON_VENDOR_UNAVAILABLE when the vendor does not answer. */
  fetchVerdict(session: { reference: string; purpose: RealPersonCheckPurpose }): Promise<VendorVerdict>;
}

export type CheckSubject = {
  token: string;
  purpose: RealPersonCheckPurpose;
  subjectName: string | null;
  subjectIdNumber: string | null;
};

export interface RealPersonAuth {
  /** Opens a check; `url` is what the QR code or SMS link carries. */
  startCheck(input: StartCheckInput): Promise<{ checkId: string; token: string; url: string }>;
  /** What the QR code of an issued check carries (the mobile app, or our page leading to the vendor's). */
  checkUrl(token: string): string;
  /** What an SMS about an issued check links to: a page showing its QR code and advice. */
  smsLinkUrl(token: string): string;
  /** A real adapter's vendor; absent for the simulated mobile app, which reports verdicts itself. */
  vendor?: FaceCheckVendor;
}

/** The check's row, under a random, unguessable token. */
export async function createCheck(db: Database, input: StartCheckInput) {
  const token = randomBytes(24).toString("base64url");
  const check = await db.realPersonCheck.create({ data: { ...input, token } });
  return { checkId: check.id, token };
}

export function createSimulatedRealPersonAuth(db: Database, publicUrl: string): RealPersonAuth {
  return {
    async startCheck(input) {
      const { checkId, token } = await createCheck(db, input);
      return { checkId, token, url: mobileCheckUrl(publicUrl, token) };
    },
    checkUrl: (token) => mobileCheckUrl(publicUrl, token),
    smsLinkUrl: (token) => faceCheckPageUrl(publicUrl, token),
  };
}

/** A real adapter: QR codes and SMS links both open /face-check/<token>, which leads to the vendor. */
export function createVendorRealPersonAuth(
  db: Database,
  publicUrl: string,
  vendor: FaceCheckVendor,
): RealPersonAuth {
  return {
    async startCheck(input) {
      const { checkId, token } = await createCheck(db, input);
      return { checkId, token, url: faceCheckPageUrl(publicUrl, token) };
    },
    checkUrl: (token) => faceCheckPageUrl(publicUrl, token),
    smsLinkUrl: (token) => faceCheckPageUrl(publicUrl, token),
    vendor,
  };
}
