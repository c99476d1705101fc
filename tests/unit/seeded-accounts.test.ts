import { describe, expect, it } from "vitest";
import { makeIdNumber } from "../../prisma/seed/seed.js";
import { seededAccountLines, showSeededIds } from "../../scripts/lib/seeded-accounts.js";

const idNumber = makeIdNumber("520102", "19800101", 123);
const people = [
  {
    name: "平台运维",
    idNumber,
    mobile: "13985001234",
    role: "PLATFORM_OPERATOR" as const,
    unitName: "省人社厅",
  },
];

describe("issue 11.7: the start banner", () => {
  it("the start banner prints no full ID numbers (masked, with a --show-seeded-ids switch for developers)", () => {
    const masked = seededAccountLines(people, showSeededIds(["node", "scripts/start.ts", "--demo"])).join(
      "\n",
    );
    expect(masked).not.toContain(idNumber);
    expect(masked).not.toContain("13985001234");
    expect(masked).toContain(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    expect(masked).toContain("--show-seeded-ids");

    const shown = seededAccountLines(
      people,
      showSeededIds(["node", "scripts/start.ts", "--show-seeded-ids"]),
    );
    expect(shown.join("\n")).toContain(idNumber);
    expect(shown.join("\n")).not.toContain("masked");
  });
});
