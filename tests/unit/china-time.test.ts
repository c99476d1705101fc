import { describe, expect, it } from "vitest";
import { chinaDateDigits, formatChinaTime } from "../../domain/china-time.js";
import { renderSms } from "../../lib/ports/sms-templates.js";

describe("Issue 8 item 7: SMS texts give times in China time and say so", () => {
  it("formats an instant in China Standard Time whatever the process time zone", () => {
    // 06:16 UTC is 14:16 in Shanghai; 20:30 UTC is already the next day there.
    expect(formatChinaTime(new Date("2026-11-30T06:16:00Z"))).toBe("2026-11-30 14:16");
    expect(formatChinaTime(new Date("2026-11-30T20:30:00Z"))).toBe("2026-12-01 04:30");
    expect(chinaDateDigits(new Date("2026-11-30T20:30:00Z"))).toBe("20261201");
  });

  it("labels every deadline in an SMS as Beijing time", () => {
    const deadline = formatChinaTime(new Date("2026-11-30T06:16:00Z"));
    const reminder = renderSms("LEGAL_REP_FACE_CHECK_REMINDER", {
      unitName: "贵阳市示例单位",
      requestNumber: "DW202611300001",
      deadline,
      url: "http://127.0.0.1:3000/face-check/x",
    });
    expect(reminder).toContain("链接将于2026-11-30 14:16（北京时间）失效");
    const binding = renderSms("BINDING_REQUEST_REMINDER", {
      personName: "张三",
      unitName: "贵阳市示例单位",
      requestNumber: "BD202611300001",
      deadline,
    });
    expect(binding).toContain("请于2026-11-30 14:16（北京时间）前");
  });
});
