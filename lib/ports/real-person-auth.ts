// Real-person authentication port (实人认证). A check is opened for a named person; the mobile app
// scans its QR code (or opens its SMS link), compares the face with the ID photo and reports the
// outcome, which reaches the realPersonCheck workflow as an Update. The simulated adapter keeps
// checks in the RealPersonCheck table; the simulated mobile page (/mobile/check/<token>) reports
// the outcome, so every flow works offline.
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

export interface RealPersonAuth {
  /** Opens a check; `url` is what the QR code or SMS link carries to the mobile app. */
  startCheck(input: StartCheckInput): Promise<{ checkId: string; token: string; url: string }>;
  /** What the QR code of an issued check carries (the mobile app opens it). */
  checkUrl(token: string): string;
  /** What an SMS about an issued check links to: a page showing its QR code and advice. */
  smsLinkUrl(token: string): string;
}

export function createSimulatedRealPersonAuth(db: Database, publicUrl: string): RealPersonAuth {
  return {
    async startCheck(input) {
      const token = randomBytes(24).toString("base64url");
      const check = await db.realPersonCheck.create({ data: { ...input, token } });
      return { checkId: check.id, token, url: mobileCheckUrl(publicUrl, token) };
    },
    checkUrl: (token) => mobileCheckUrl(publicUrl, token),
    smsLinkUrl: (token) => faceCheckPageUrl(publicUrl, token),
  };
}
