// Review SLAs count working days (R2: "1–3 working days") in China Standard Time. Weekends are
// skipped; public holidays and their make-up working days come from configuration, since the
// State Council publishes them each year.

const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export type WorkCalendar = { holidays?: ReadonlySet<string>; workingWeekends?: ReadonlySet<string> };

function cstDate(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

export function isWorkingDay(instant: Date, calendar: WorkCalendar = {}): boolean {
  const date = cstDate(instant);
  if (calendar.workingWeekends?.has(date)) return true;
  if (calendar.holidays?.has(date)) return false;
  const weekday = new Date(instant.getTime() + CST_OFFSET_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The instant `days` working days after `start`, at the same time of day. */
export function addWorkingDays(start: Date, days: number, calendar: WorkCalendar = {}): Date {
  let instant = start;
  let remaining = days;
  while (remaining > 0) {
    instant = new Date(instant.getTime() + DAY_MS);
    if (isWorkingDay(instant, calendar)) remaining--;
  }
  return instant;
}
