// A real adapter's face check (R3, R12, R15, R27): the vendor session the person is sent to, and the
// verdict our server fetches from the vendor (never one posted by a browser). The verdict is stored
// on the check with the vendor's reference (also in the audit log); the identity the vendor verified is
// only compared (or, for a QR login, used to find the account) and never stored beyond the check.
import { ApplicationFailure, Context } from "@temporalio/activity";
import { AppError } from "../domain/errors.js";
import { writeAuditEvent } from "../lib/audit.js";
import type { FaceCheckVendor, VendorSession, VendorVerdict } from "../lib/ports/real-person-auth.js";
import type { RealPersonCheck } from "../prisma/generated/client.js";
import { VENDOR_UNAVAILABLE } from "../workflows/contracts.js";
import type { ActivityDependencies } from "./index.js";

/** What a fetched verdict did to the check: NONE when the session ended (or time ran out) without one. */
export type VendorCheckOutcome = "PASSED" | "FAILED" | "NONE";

const OPEN = ["PENDING", "SCANNED"] as const;

export function createRealPersonCheckActivities({ db, ports }: ActivityDependencies) {
  function vendorOf(): FaceCheckVendor {
    const vendor = ports.realPersonAuth.vendor;
    if (!vendor) {
      throw ApplicationFailure.create({
        type: VENDOR_UNAVAILABLE,
        message: "No face-check vendor is configured (REAL_PERSON_AUTH_ADAPTER)",
        nonRetryable: true,
      });
    }
    return vendor;
  }

  /**
   * Applies a final verdict once: the check's status (and, for a QR login, whose login it is) and
   * the audit event naming the vendor's reference, in one transaction. Answers the stored outcome,
   * so a retry after a crash answers the same.
   */
  async function applyVerdict(
    check: RealPersonCheck,
    vendor: FaceCheckVendor,
    reference: string,
    verdict: Extract<VendorVerdict, { outcome: "PASSED" | "FAILED" }>,
  ): Promise<"PASSED" | "FAILED"> {
    let outcome = verdict.outcome;
    let reason: string | undefined;
    let identity: { personId: string; subjectName: string | null; subjectIdNumber: string } | undefined;
    if (verdict.outcome === "PASSED") {
      const { idNumber } = verdict.identity;
      if (check.purpose === "QR_LOGIN") {
        // The vendor verified who is there: that person logs in, if their account may.
        const person = await db.person.findUnique({ where: { idNumber } });
        if (!person) [outcome, reason] = ["FAILED", "PERSON_NOT_REGISTERED"];
        else if (person.status !== "ENABLED") [outcome, reason] = ["FAILED", "AUTH_ACCOUNT_DISABLED"];
        else identity = { personId: person.id, subjectName: person.name, subjectIdNumber: person.idNumber };
      } else if (check.subjectIdNumber?.toUpperCase() !== idNumber) {
        // Someone else's face check cannot stand for the person this check names.
        [outcome, reason] = ["FAILED", "IDENTITY_MISMATCH"];
      }
    }
    await db.$transaction(async (tx) => {
      const { count } = await tx.realPersonCheck.updateMany({
        where: { id: check.id, status: { in: [...OPEN] } },
        data: { status: outcome, completedAt: new Date(), vendorReference: reference, ...identity },
      });
      if (count === 0) return;
      await writeAuditEvent(tx, {
        action: "realPersonCheck.verdict",
        actor: { type: "SYSTEM", label: vendor.name },
        target: { type: "RealPersonCheck", id: check.id },
        after: {
          purpose: check.purpose,
          outcome,
          vendor: vendor.name,
          vendorReference: reference,
          vendorCode: verdict.vendorCode,
          ...(verdict.outcome === "FAILED" ? { vendorMessage: verdict.vendorMessage } : {}),
          ...(reason ? { reason } : {}),
        },
      });
    });
    const stored = await db.realPersonCheck.findUniqueOrThrow({ where: { id: check.id } });
    return stored.status === "FAILED"
      ? "FAILED"
      : stored.status === "PASSED" || stored.status === "CONSUMED"
        ? "PASSED"
        : outcome;
  }

  return {
    /** Opens a session on the vendor's face-check page for the check; the person is sent there. */
    async openVendorFaceCheck(input: { checkId: string }): Promise<VendorSession> {
      const vendor = vendorOf();
      const check = await db.realPersonCheck.findUniqueOrThrow({ where: { id: input.checkId } });
      try {
        const session = await vendor.openSession(check);
        // The vendor's id of the session (Tencent's BizToken) on the check itself, to find it in
        // the vendor's records; a retried opening replaces it with the session the workflow gets.
        await db.realPersonCheck.update({
          where: { id: check.id },
          data: { vendorReference: session.reference },
        });
        return session;
      } catch (error) {
        if (error instanceof AppError) {
          throw ApplicationFailure.create({
            type: VENDOR_UNAVAILABLE,
            message: error.message,
            details: [error.details],
          });
        }
        throw error;
      }
    },

    /**
     * Asks the vendor for the session's verdict every pollIntervalMs (heartbeating, so a worker's
     * crash hands the polling on) until a final verdict, the session's end, or `until` (ISO time).
     * A vendor that does not answer for a while is asked again: its outage is not a verdict.
     */
    async awaitVendorVerdict(input: {
      checkId: string;
      reference: string;
      until: string;
    }): Promise<VendorCheckOutcome> {
      const vendor = vendorOf();
      const context = Context.current();
      const check = await db.realPersonCheck.findUniqueOrThrow({ where: { id: input.checkId } });
      const until = Date.parse(input.until);
      for (;;) {
        context.heartbeat();
        let verdict: VendorVerdict;
        try {
          verdict = await vendor.fetchVerdict({ reference: input.reference, purpose: check.purpose });
        } catch (error) {
          const vendorCode =
            error instanceof AppError ? (error.details as { vendorCode?: string })?.vendorCode : undefined;
          context.log.warn("face-check vendor did not answer; asking again", {
            checkId: check.id,
            vendorCode,
          });
          verdict = { outcome: "PENDING" };
        }
        if (verdict.outcome === "PASSED" || verdict.outcome === "FAILED") {
          return applyVerdict(check, vendor, input.reference, verdict);
        }
        if (verdict.outcome === "SESSION_ENDED" || Date.now() >= until) return "NONE";
        await context.sleep(Math.min(vendor.pollIntervalMs, Math.max(0, until - Date.now())));
      }
    },
  };
}
