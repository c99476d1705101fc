// Remaining times for people. Re-exported by ./format, where the console imports them from.
import i18next from "i18next";

/** A remaining time in seconds as m:ss, e.g. 4:05. */
export const formatCountdown = (seconds: number): string =>
  `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A remaining time in seconds for people, at the precision that matters: from a day on days and
 * hours ("6天23小时" / "6 d 23 h"), from an hour on hours and minutes ("5小时3分" / "5 h 3 min"),
 * below an hour a ticking m:ss ("4:05"). A face-check link lasts days, a QR code minutes.
 */
export const formatTimeLeft = (seconds: number): string => {
  const whole = Math.max(0, Math.floor(seconds));
  const days = Math.floor(whole / DAY);
  const hours = Math.floor((whole % DAY) / HOUR);
  const minutes = Math.floor((whole % HOUR) / MINUTE);
  if (days > 0) return i18next.t(hours > 0 ? "timeLeft.daysHours" : "timeLeft.days", { days, hours });
  if (hours > 0)
    return i18next.t(minutes > 0 ? "timeLeft.hoursMinutes" : "timeLeft.hours", { hours, minutes });
  return formatCountdown(whole);
};
