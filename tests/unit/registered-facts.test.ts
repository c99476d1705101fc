// R30: the rule of what an approving reviewer may choose, and what is then registered.
import { describe, expect, it } from "vitest";
import {
  factsChoiceDetail,
  factsChoiceProblem,
  offeredFactChoices,
  parseFactsChoiceDetail,
  registeredFacts,
} from "../../domain/registered-facts.js";

const submitted = {
  unitName: "铜仁梵净示例茶叶有限公司",
  legalRepName: "田丽平",
  legalRepIdNumber: "52270119691026962X",
};
const record = {
  name: "铜仁梵净示例茶业有限公司",
  legalRepName: "田丽萍",
  legalRepIdNumber: "52270119691026962X",
};

describe("R30 registered facts", () => {
  it("R30: offers the differing fields only, and none without a registry record", () => {
    expect(offeredFactChoices(["legalRepName", "unitName"], true)).toEqual(["unitName", "legalRepName"]);
    expect(offeredFactChoices(["unitName"], false)).toEqual([]);
    expect(offeredFactChoices([], true)).toEqual([]);
  });

  it("R30: accepts one of the two sources for every offered field, and nothing else", () => {
    const offered = offeredFactChoices(["unitName", "legalRepName"], true);
    expect(factsChoiceProblem({ unitName: "REGISTRY", legalRepName: "APPLICANT" }, offered)).toBeNull();
    expect(factsChoiceProblem({ unitName: "REGISTRY" }, offered)).toEqual({
      problem: "CHOICE_REQUIRED",
      fields: ["legalRepName"],
    });
    expect(factsChoiceProblem(undefined, offered)).toEqual({
      problem: "CHOICE_REQUIRED",
      fields: ["unitName", "legalRepName"],
    });
    expect(factsChoiceProblem({ unitName: "铜仁随便有限公司", legalRepName: "REGISTRY" }, offered)).toEqual({
      problem: "NOT_OFFERED",
      fields: ["unitName"],
    });
    expect(
      factsChoiceProblem(
        { unitName: "REGISTRY", legalRepName: "REGISTRY", legalRepIdNumber: "REGISTRY" },
        offered,
      ),
    ).toEqual({ problem: "NOT_OFFERED", fields: ["legalRepIdNumber"] });
    expect(factsChoiceProblem("REGISTRY", offered)).toEqual({ problem: "NOT_OFFERED", fields: [] });
    expect(factsChoiceProblem(undefined, [])).toBeNull();
    expect(factsChoiceProblem({}, [])).toBeNull();
  });

  it("R30: registers a chosen field from its source and every other field as submitted", () => {
    expect(registeredFacts(submitted, record, { unitName: "REGISTRY", legalRepName: "APPLICANT" })).toEqual({
      unitName: "铜仁梵净示例茶业有限公司",
      legalRepName: "田丽平",
      legalRepIdNumber: "52270119691026962X",
      sources: { unitName: "REGISTRY", legalRepName: "APPLICANT", legalRepIdNumber: "APPLICANT" },
    });
    expect(registeredFacts(submitted, null).unitName).toBe(submitted.unitName);
    expect(() => registeredFacts(submitted, null, { unitName: "REGISTRY" })).toThrow();
  });

  it("R30: the history detail carries sources only, and reads back", () => {
    const detail = factsChoiceDetail({ legalRepName: "APPLICANT", unitName: "REGISTRY" });
    expect(detail).toBe("unitName=REGISTRY legalRepName=APPLICANT");
    expect(parseFactsChoiceDetail(detail)).toEqual({ unitName: "REGISTRY", legalRepName: "APPLICANT" });
    expect(factsChoiceDetail({})).toBeUndefined();
    expect(parseFactsChoiceDetail("MISMATCH unitName")).toEqual({});
    expect(parseFactsChoiceDetail(null)).toEqual({});
  });

  it("R30: without the registry's ID number (not disclosed) the applicant's is registered, and it cannot be chosen from the registry", () => {
    const undisclosed = { ...record, legalRepIdNumber: null };
    expect(registeredFacts(submitted, undisclosed, { unitName: "REGISTRY" })).toEqual({
      unitName: "铜仁梵净示例茶业有限公司",
      legalRepName: "田丽平",
      legalRepIdNumber: "52270119691026962X",
      sources: { unitName: "REGISTRY", legalRepName: "APPLICANT", legalRepIdNumber: "APPLICANT" },
    });
    expect(() => registeredFacts(submitted, undisclosed, { legalRepIdNumber: "REGISTRY" })).toThrow(
      /no legalRepIdNumber/,
    );
  });
});
