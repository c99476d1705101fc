import { describe, expect, it } from "vitest";
import { redactedPath } from "../../lib/redaction.js";

describe("issue 11.7: logged request paths", () => {
  it("tokens in logged request paths are redacted; ids and request numbers stay readable", () => {
    const token = "Q2x5X3NlY3JldF90b2tlbl9mb3JfdGVzdGluZ19vbmx5";
    expect(redactedPath(`/api/real-person-checks/${token}`)).toBe("/api/real-person-checks/:redacted");
    // A cut-off or glued link is still a secret: whatever follows the prefix is hidden.
    expect(redactedPath("/api/real-person-checks/short")).toBe("/api/real-person-checks/:redacted");
    expect(redactedPath(`/api/mobile/checks/${token}/face`)).toBe("/api/mobile/checks/:redacted/face");
    expect(redactedPath(`/face-check/${token}`)).toBe("/face-check/:redacted");
    expect(redactedPath(`/mobile/check/${token}`)).toBe("/mobile/check/:redacted");
    expect(redactedPath(`/api/some/new/${token}/route`)).toBe("/api/some/new/:redacted/route");
    const id = "0b6f3c4e-8a8e-4d2a-9f7e-2b1c3d4e5f60";
    expect(redactedPath(`/api/units/${id}/tree`)).toBe(`/api/units/${id}/tree`);
    expect(redactedPath("/api/registrations/ZC2026113000012345")).toBe(
      "/api/registrations/ZC2026113000012345",
    );
    expect(redactedPath("/api/units/name-suggestions")).toBe("/api/units/name-suggestions");
  });
});
