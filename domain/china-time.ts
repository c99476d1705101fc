// Times shown to people (SMS texts) are China Standard Time (UTC+8, no daylight saving); the SMS
// templates label them （北京时间）, since a reader abroad could doubt it.
const inChina = (instant: Date) => new Date(instant.getTime() + 8 * 3_600_000).toISOString();

/** "2026-11-27 11:30". */
export function formatChinaTime(instant: Date): string {
  return inChina(instant).slice(0, 16).replace("T", " ");
}

/** "20261127". */
export function chinaDateDigits(instant: Date): string {
  return inChina(instant).slice(0, 10).replaceAll("-", "");
}
