// The legal representative's face check for a request (R3, R27): opened once per request, so a
// retried activity finds the check it opened before. Returns the link for SMS messages: a page
// showing the QR code that the legal representative scans with the mobile app.
import type { ActivityDependencies } from "./index.js";

export async function openLegalRepCheck(
  { db, ports }: ActivityDependencies,
  input: { requestId: string; legalRepName?: string; legalRepIdNumber?: string; ttlSeconds: number },
): Promise<{ checkId: string; url: string }> {
  const open = await db.realPersonCheck.findFirst({
    where: { requestId: input.requestId, purpose: "LEGAL_REP_VERIFICATION" },
  });
  if (open) return { checkId: open.id, url: ports.realPersonAuth.smsLinkUrl(open.token) };
  const check = await ports.realPersonAuth.startCheck({
    purpose: "LEGAL_REP_VERIFICATION",
    subjectName: input.legalRepName,
    subjectIdNumber: input.legalRepIdNumber,
    requestId: input.requestId,
    expiresAt: new Date(Date.now() + input.ttlSeconds * 1000),
  });
  return { checkId: check.checkId, url: ports.realPersonAuth.smsLinkUrl(check.token) };
}
