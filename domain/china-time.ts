// Times shown to people (SMS texts) are China Standard Time (UTC+8, no daylight saving).
export function formatChinaTime(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}
