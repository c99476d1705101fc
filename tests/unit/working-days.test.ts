import { describe, expect, it } from "vitest";
import { addWorkingDays, isWorkingDay } from "../../domain/working-days.js";

// Friday 2026-09-25 10:00 China Standard Time.
const friday = new Date("2026-09-25T02:00:00Z");

describe("R2 review SLA in working days (China Standard Time)", () => {
  it("skips the weekend", () => {
    expect(addWorkingDays(friday, 1).toISOString()).toBe("2026-09-28T02:00:00.000Z"); // Monday
    expect(addWorkingDays(friday, 3).toISOString()).toBe("2026-09-30T02:00:00.000Z"); // Wednesday
  });

  it("skips configured public holidays and counts make-up working weekends", () => {
    const calendar = {
      holidays: new Set(["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"]),
      workingWeekends: new Set(["2026-09-27"]),
    };
    // Sunday 09-27 is a make-up working day; 10-01..10-07 is the National Day holiday.
    expect(addWorkingDays(friday, 1, calendar).toISOString()).toBe("2026-09-27T02:00:00.000Z");
    expect(addWorkingDays(friday, 5, calendar).toISOString()).toBe("2026-10-08T02:00:00.000Z");
  });

  it("decides the day in China, not in UTC", () => {
    // 2026-09-26 23:30 UTC is Sunday 07:30 in China: not a working day.
    expect(isWorkingDay(new Date("2026-09-26T23:30:00Z"))).toBe(false);
    // 2026-09-27 20:00 UTC is Monday 04:00 in China: a working day.
    expect(isWorkingDay(new Date("2026-09-27T20:00:00Z"))).toBe(true);
  });
});
