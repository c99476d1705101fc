import { describe, expect, it } from "vitest";
import { addWorkingDays, isWorkingDay, officialScheduleLastYear } from "../../domain/working-days.js";

// 10:00 China Standard Time on a given date.
const at10 = (date: string) => new Date(`${date}T02:00:00Z`);
const iso = (date: string) => at10(date).toISOString();

describe("R2 review SLA in working days (China Standard Time)", () => {
  it("skips the weekend", () => {
    // Friday 2026-11-27: no holiday near it.
    expect(addWorkingDays(at10("2026-11-27"), 1).toISOString()).toBe(iso("2026-11-30")); // Monday
    expect(addWorkingDays(at10("2026-11-27"), 3).toISOString()).toBe(iso("2026-12-02")); // Wednesday
  });

  it("decides the day in China, not in UTC", () => {
    // 2026-09-26 23:30 UTC is Sunday 07:30 in China: not a working day.
    expect(isWorkingDay(new Date("2026-09-26T23:30:00Z"))).toBe(false);
    // 2026-09-27 20:00 UTC is Monday 04:00 in China: a working day.
    expect(isWorkingDay(new Date("2026-09-27T20:00:00Z"))).toBe(true);
    // 2026-02-14 17:00 UTC (a make-up Saturday in UTC) is already the Spring Festival in China.
    expect(isWorkingDay(new Date("2026-02-14T17:00:00Z"))).toBe(false);
  });
});

describe("Issue 8 item 7: working days follow the State Council schedule (chinese-days), configuration overrides it", () => {
  it("does not count the 2026 Spring Festival (02-15 to 02-23) and counts its make-up Saturdays", () => {
    // State Council, 2025-11: 春节 2月15日（周日）至23日（周一）放假调休，2月14日（周六）、2月28日（周六）上班.
    for (const day of ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-23"]) {
      expect(isWorkingDay(at10(day)), day).toBe(false);
    }
    expect(isWorkingDay(at10("2026-02-14"))).toBe(true);
    expect(isWorkingDay(at10("2026-02-28"))).toBe(true);
    // From Friday 02-13: Saturday 02-14 is day 1, then the holiday, then Tuesday 02-24 and 02-25.
    expect(addWorkingDays(at10("2026-02-13"), 1).toISOString()).toBe(iso("2026-02-14"));
    expect(addWorkingDays(at10("2026-02-13"), 3).toISOString()).toBe(iso("2026-02-25"));
    // From Friday 02-27: the make-up Saturday 02-28 counts.
    expect(addWorkingDays(at10("2026-02-27"), 1).toISOString()).toBe(iso("2026-02-28"));
  });

  it("does not count the National Day week and counts the make-up Sunday before it", () => {
    expect(isWorkingDay(at10("2026-09-20"))).toBe(true); // Sunday, 上班
    // From Wednesday 09-30: 10-01..10-07 off, Thursday 10-08, Friday 10-09, Saturday 10-10 (上班).
    expect(addWorkingDays(at10("2026-09-30"), 3).toISOString()).toBe(iso("2026-10-10"));
  });

  it("PUBLIC_HOLIDAYS adds a holiday and can cancel an official make-up day", () => {
    const calendar = { holidays: new Set(["2026-11-30", "2026-02-28"]) };
    expect(addWorkingDays(at10("2026-11-27"), 1, calendar).toISOString()).toBe(iso("2026-12-01"));
    expect(isWorkingDay(at10("2026-02-28"), calendar)).toBe(false);
  });

  it("WORKING_WEEKENDS adds a working day, also on an official holiday", () => {
    const calendar = { workingWeekends: new Set(["2026-11-28", "2026-02-23"]) };
    expect(addWorkingDays(at10("2026-11-27"), 1, calendar).toISOString()).toBe(iso("2026-11-28"));
    expect(isWorkingDay(at10("2026-02-23"), calendar)).toBe(true);
  });

  it("counts weekends only for years the library does not ship yet", () => {
    expect(officialScheduleLastYear).toBeGreaterThanOrEqual(2026);
    expect(isWorkingDay(at10("2099-01-01"))).toBe(true); // a Thursday: New Year's Day is unknown
    expect(isWorkingDay(at10("2099-01-03"))).toBe(false); // a Saturday
    expect(isWorkingDay(at10("2099-01-01"), { holidays: new Set(["2099-01-01"]) })).toBe(false);
  });
});
