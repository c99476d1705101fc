import dayjs from "dayjs";
import type { Me } from "../api/types";

/** Date and time with seconds in the active dayjs locale (set together with the UI language). */
export const formatDateTime = (value: string): string => dayjs(value).format("LL LTS");

/** What the header calls the signed-in account: the person's name, else the masked ID number, else the unit. */
export const accountDisplayName = (me: Me): string =>
  me.person?.name ?? me.person?.idNumberMasked ?? me.unit?.name ?? "";

/** A remaining time in seconds as m:ss, e.g. 4:05. */
export const formatCountdown = (seconds: number): string =>
  `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;

/** A file size for people: 512 B, 34.5 KB, 2.1 MB. */
export const formatFileSize = (bytes: number): string => {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
};

/** A calendar date in the active dayjs locale. */
export const formatDate = (value: string): string => dayjs(value).format("LL");
