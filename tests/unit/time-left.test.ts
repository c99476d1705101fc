// Issue 12 item 5: a face-check link's remaining time reads as days and hours, not 10078:38.
import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import en from "../../admin-ui/src/i18n/en.json" with { type: "json" };
import zhCN from "../../admin-ui/src/i18n/zh-CN.json" with { type: "json" };
import { formatTimeLeft } from "../../admin-ui/src/utils/time-left.js";

const DAY = 86_400;
const HOUR = 3_600;

beforeAll(async () => {
  await i18next.init({
    resources: { "zh-CN": { translation: zhCN }, en: { translation: en } },
    lng: "zh-CN",
    interpolation: { escapeValue: false },
  });
});

describe("issue 12.5: formatTimeLeft", () => {
  it.each([
    // A 7-day link a minute and a bit after it was sent: 10078:38 as minutes:seconds before.
    [7 * DAY - 82, "6天23小时", "6 d 23 h"],
    [7 * DAY, "7天", "7 d"],
    [DAY + 59 * 60, "1天", "1 d"],
    [23 * HOUR + 5 * 60 + 7, "23小时5分", "23 h 5 min"],
    [2 * HOUR, "2小时", "2 h"],
    [HOUR - 1, "59:59", "59:59"],
    [245, "4:05", "4:05"],
    [0, "0:00", "0:00"],
    [-5, "0:00", "0:00"],
  ])("%i s → %s / %s", async (seconds, zh, english) => {
    await i18next.changeLanguage("zh-CN");
    expect(formatTimeLeft(seconds)).toBe(zh);
    await i18next.changeLanguage("en");
    expect(formatTimeLeft(seconds)).toBe(english);
  });
});
