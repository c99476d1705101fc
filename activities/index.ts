// Activities do all I/O. They are built from their dependencies so tests pass real ones
// (a real SQLite file) or the dev adapters, without module mocks. Each is idempotent.
import type { Database } from "../lib/database.js";
import type { Ports } from "../lib/ports/index.js";
import { createAffiliationMissingReminderActivities } from "./affiliation-missing-reminder.activities.js";
import { createAffiliationRequestActivities } from "./affiliation-request.activities.js";
import { createBindingRequestActivities } from "./binding-request.activities.js";
import { createContactMobileChangeActivities } from "./contact-mobile-change.activities.js";
import { createPersonRegistrationActivities } from "./person-registration.activities.js";
import { createRealPersonCheckActivities } from "./real-person-check.activities.js";
import { createRequestActivities } from "./request.activities.js";
import { createTitleApplicationActivities } from "./title-application.activities.js";
import { createUnitRegistrationActivities } from "./unit-registration.activities.js";

export type ActivityDependencies = { db: Database; ports: Ports };

export function createActivities(deps: ActivityDependencies) {
  const { db } = deps;
  return {
    ...createRequestActivities(deps),
    ...createUnitRegistrationActivities(deps),
    ...createContactMobileChangeActivities(deps),
    ...createBindingRequestActivities(deps),
    ...createAffiliationRequestActivities(deps),
    ...createAffiliationMissingReminderActivities(deps),
    ...createPersonRegistrationActivities(deps),
    ...createRealPersonCheckActivities(deps),
    ...createTitleApplicationActivities(deps),

    /** Moves a check to its next status; a retry after a crash finds it already there. */
    async markRealPersonCheck(input: {
      checkId: string;
      status: "SCANNED" | "PASSED" | "FAILED" | "EXPIRED";
    }) {
      const now = new Date();
      await db.realPersonCheck.updateMany({
        where: {
          id: input.checkId,
          status: { in: input.status === "SCANNED" ? ["PENDING"] : ["PENDING", "SCANNED"] },
        },
        data:
          input.status === "SCANNED"
            ? { status: "SCANNED", scannedAt: now }
            : { status: input.status, completedAt: now },
      });
    },
  };
}
