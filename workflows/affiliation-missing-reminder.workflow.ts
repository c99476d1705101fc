// R14: a unit registered in 2024 or later must complete affiliation (关联上级单位 / 归口). The console
// says so from the start; this process reminds the unit's contact mobile once, after a configured
// time, unless the unit has a superior or an affiliation request waiting by then (the activity
// decides from the database at that moment).
import { proxyActivities, sleep } from "@temporalio/workflow";
import type { createActivities } from "../activities/index.js";
import { serviceCalls } from "./activity-options.js";
import type { AffiliationMissingReminderInput, AffiliationMissingReminderOutcome } from "./contracts.js";

type Activities = ReturnType<typeof createActivities>;

export async function affiliationMissingReminder({
  unitId,
  afterSeconds,
}: AffiliationMissingReminderInput): Promise<AffiliationMissingReminderOutcome> {
  const notify = proxyActivities<Activities>(serviceCalls);
  await sleep(afterSeconds * 1000);
  const { sent } = await notify.sendAffiliationMissingReminder({ unitId });
  return sent ? "SENT" : "NOT_NEEDED";
}
