// Review SLAs count working days (R2: "1–3 working days") in China Standard Time. The State
// Council's schedule of public holidays and make-up working days (调休) comes from `chinese-days`;
// configured dates (PUBLIC_HOLIDAYS, WORKING_WEEKENDS) override it.
//
// We read the library's published data file, not its functions: those build their tables with
// the process's local time zone, so west of UTC every make-up day slides by one day. The data is
// plain JSON bundled with the workflow code, so the Temporal sandbox can use it (no I/O, no clock).
// A library upgrade only adds years, so a replayed review keeps its due time unless that time lay
// beyond the old data (where it was counted by weekends alone, see below).
import schedule from "chinese-days/dist/chinese-days.json" with { type: "json" };

const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export type WorkCalendar = { holidays?: ReadonlySet<string>; workingWeekends?: ReadonlySet<string> };

const officialHolidays: Readonly<Record<string, string>> = schedule.holidays;
const officialWorkdays: Readonly<Record<string, string>> = schedule.workdays;

/** The last year whose official schedule the library ships; later dates count weekends only. */
export const officialScheduleLastYear = Math.max(
  ...Object.keys(officialHolidays).map((date) => Number(date.slice(0, 4))),
);

function cstDate(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Whether `instant` falls on a working day in China: the configured overrides first, then the
 * official schedule, then Monday to Friday. For years the library does not know yet (the State
 * Council publishes each year's schedule in the late autumn before) only weekends are skipped,
 * until an upgrade of `chinese-days` or the overrides say otherwise.
 */
export function isWorkingDay(instant: Date, calendar: WorkCalendar = {}): boolean {
  const date = cstDate(instant);
  if (calendar.workingWeekends?.has(date)) return true;
  if (calendar.holidays?.has(date)) return false;
  if (date in officialWorkdays) return true;
  if (date in officialHolidays) return false;
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
