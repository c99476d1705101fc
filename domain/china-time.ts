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

/** "2026-11-27 11:30:05": to the second, for records such as the audit log's export. */
export function formatChinaTimeSeconds(instant: Date): string {
  return inChina(instant).slice(0, 19).replace("T", " ");
}

/** The instant a China calendar day ("2026-11-27") begins: 2026-11-26T16:00:00Z. */
export function chinaDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}
