// Issue 13 item 4: a request number typed on the status page, checked alike by the console and the API.
import { describe, expect, it } from "vitest";
import { checkRequestNumber } from "../../domain/request-number.js";

const today = new Date("2026-11-30T04:00:00Z"); // 2026-11-30 12:00 in China

describe("request numbers as typed (R25)", () => {
  it("issue 13.4: accepts a unit registration's number up to today, China time", () => {
    expect(checkRequestNumber("DW20261130000001", "DW", today)).toBeNull();
    expect(checkRequestNumber("DW20240809123456", "DW", today)).toBeNull();
    // Beyond 999 999 in a day the sequence grows a digit.
    expect(checkRequestNumber("DW202611301000000", "DW", today)).toBeNull();
    // 2026-11-30 16:30 UTC is already 12-01 in China.
    expect(checkRequestNumber("DW20261201000001", "DW", new Date("2026-11-30T16:30:00Z"))).toBeNull();
  });

  it("issue 13.4: a digit left out or a letter for a digit is FORMAT", () => {
    for (const typed of [
      "DW2026113000001",
      "DW2026113000000I",
      "D20261130000001",
      "20261130000001",
      "",
      "DW-20261130-000001",
    ]) {
      expect(checkRequestNumber(typed, "DW", today), typed).toBe("FORMAT");
    }
  });

  it("issue 13.4: another request type's number is PREFIX", () => {
    expect(checkRequestNumber("BD20261130000001", "DW", today)).toBe("PREFIX");
    expect(checkRequestNumber("GK20261130000001", "DW", today)).toBe("PREFIX");
  });

  it("issue 13.4: a date that is no day or is in the future is DATE", () => {
    for (const typed of ["DW20261131000001", "DW20260229000001", "DW20261300000001", "DW20261201000001"]) {
      expect(checkRequestNumber(typed, "DW", today), typed).toBe("DATE");
    }
    expect(checkRequestNumber("DW20240229000001", "DW", today)).toBeNull();
  });
});
