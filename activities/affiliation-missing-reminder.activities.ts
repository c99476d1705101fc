// I/O of the R14 reminder: whether the unit still has to affiliate, and the SMS, keyed by the unit
// so a retry (or a second run of the workflow) sends it once.
import type { ActivityDependencies } from "./index.js";

export function createAffiliationMissingReminderActivities({ db, ports }: ActivityDependencies) {
  return {
    /**
     * R14: reminds the unit's contact mobile to affiliate when it still must (affiliationRequired, no
     * superior, no open affiliation request, active). A unit that no longer exists needs nothing.
     */
    async sendAffiliationMissingReminder({ unitId }: { unitId: string }): Promise<{ sent: boolean }> {
      const unit = await db.unit.findUnique({
        where: { id: unitId },
        select: {
          name: true,
          contactMobile: true,
          status: true,
          affiliationRequired: true,
          parentUnitId: true,
        },
      });
      if (!unit?.affiliationRequired || unit.parentUnitId !== null || unit.status !== "ACTIVE") {
        return { sent: false };
      }
      const open = await db.affiliationRequest.findUnique({
        where: { openUnitId: unitId },
        select: { id: true },
      });
      if (open) return { sent: false };
      await ports.sms.queue({
        idempotencyKey: `AffiliationMissingReminder:${unitId}`,
        mobile: unit.contactMobile,
        template: "AFFILIATION_MISSING_REMINDER",
        params: { unitName: unit.name },
      });
      return { sent: true };
    },
  };
}
