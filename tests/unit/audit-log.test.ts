// R26, pure parts of the audit log: the CSV cells of the export and the masking of before/after.
import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "../../api/routes/audit-events/csv.js";
import { maskAuditValue, maskedAuditPayload } from "../../domain/audit-masking.js";
import { auditEventHash, canonicalAuditEvent, type HashedAuditFields } from "../../lib/audit.js";

describe("R26 the export's CSV cells", () => {
  it("R26 neutralises cells a spreadsheet would run as a formula", () => {
    for (const formula of ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"]) {
      expect(csvCell(formula).replace(/^"/, "")).toMatch(/^'/);
    }
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(null)).toBe("");
  });

  it("R26 quotes commas, quotes and line breaks as RFC 4180 says, rows end in CRLF", () => {
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvRow(["a", "b,c", null])).toBe('a,"b,c",\r\n');
  });
});

describe("R26 personal data in before/after", () => {
  it("R26 masks ID numbers and mobiles by field name at any depth, and by shape in free text", () => {
    const masked = maskAuditValue({
      legalRepIdNumber: "520102199003071236",
      contact: { contactMobile: "13912345678" },
      list: [{ idNumber: "520102199003071236" }],
      note: "请联系 13912345678，身份证 520102199003071236",
      uscc: "91520102MA6DK1B28W",
      count: 3,
    });
    expect(masked).toEqual({
      legalRepIdNumber: "520102********1236",
      contact: { contactMobile: "139****5678" },
      list: [{ idNumber: "520102********1236" }],
      note: "请联系 139****5678，身份证 520102********1236",
      uscc: "91520102MA6DK1B28W",
      count: 3,
    });
    // As people write them: a country code, spaces or hyphens, full-width digits.
    for (const written of [
      "+8613912345678",
      "0086 139 1234 5678",
      "139-1234-5678",
      "１３９１２３４５６７８",
    ]) {
      expect(maskAuditValue(`手机${written}`)).toBe("手机139****5678");
    }
    expect(maskAuditValue("身份证５２０１０２１９９００３０７１２３６")).toBe("身份证520102********1236");
    expect(maskedAuditPayload(null)).toBeNull();
    expect(maskedAuditPayload('{"mobile":"13912345678"}')).toEqual({ mobile: "139****5678" });
  });
});

describe("R26 the chain's hash", () => {
  const event: HashedAuditFields = {
    id: "e1",
    sequence: 1,
    at: new Date("2026-11-30T08:00:00.000Z"),
    action: "person.disabled",
    actorType: "PERSON",
    actorId: "p1",
    actorLabel: null,
    sessionStrength: "REAL_PERSON",
    ipAddress: "10.0.0.1",
    userAgent: null,
    requestId: "r1",
    targetType: "Person",
    targetId: "p2",
    unitId: "u1",
    before: '{"status":"ENABLED"}',
    after: '{"status":"DISABLED"}',
  };

  it("R26 covers every field and the previous hash", () => {
    const hash = auditEventHash(null, event);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(auditEventHash(null, { ...event })).toBe(hash);
    expect(auditEventHash("0".repeat(64), event)).not.toBe(hash);
    for (const [field, value] of Object.entries({
      after: '{"status":"ENABLED"}',
      sessionStrength: null,
      sequence: 2,
    })) {
      expect(auditEventHash(null, { ...event, [field]: value })).not.toBe(hash);
    }
    // Fields are positions in an array: moving text from one field to the next changes the hash.
    expect(canonicalAuditEvent({ ...event, actorId: "p", actorLabel: "1" })).not.toBe(
      canonicalAuditEvent({ ...event, actorId: "p1", actorLabel: "" }),
    );
  });
});
