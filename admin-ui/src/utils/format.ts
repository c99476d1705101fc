import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone";
import utc from "dayjs/plugin/utc";
import i18next from "i18next";
import { formatByteSize } from "../../../domain/upload-rules";
import type { Me } from "../api/types";

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Every date and time the console shows is China time, whatever the browser's time zone: deadlines
 * and decisions follow the offices in Guizhou, and a reviewer abroad must read the same time as
 * the SMS texts (domain/china-time.ts).
 */
export const CHINA_TIME_ZONE = "Asia/Shanghai";

/**
 * Date and time in China time, labelled since a browser elsewhere could doubt it:
 * "2026-11-30 14:16（北京时间）" / "2026-11-30 14:16 (China time)", the same digits as in SMS texts.
 */
export const formatDateTime = (value: string): string =>
  `${dayjs(value).tz(CHINA_TIME_ZONE).format("YYYY-MM-DD HH:mm")}${i18next.t("common.chinaTime")}`;

/** What the header calls the signed-in account: the person's name, else the masked ID number, else the unit. */
export const accountDisplayName = (me: Me): string =>
  me.person?.name ?? me.person?.idNumberMasked ?? me.unit?.name ?? "";

// Remaining times live in ./time-left (no imports but i18next, so unit tests load it in Node).
export { formatCountdown, formatTimeLeft } from "./time-left";

/** A file size for people: 512 B, 34.5 KB, 2.1 MB, 10 MB — as the API's messages write it. */
export const formatFileSize = (bytes: number): string => formatByteSize(bytes);

/** A calendar date, YYYY-MM-DD: the day in China for an instant, a bare date as it is. */
export const formatDate = (value: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : dayjs(value).tz(CHINA_TIME_ZONE).format("YYYY-MM-DD");
