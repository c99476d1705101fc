import { describe, expect, it } from "vitest";
import { adoptStoredOutcome } from "../../workflows/stored-outcome.js";

describe("Issue 14: the adopt rule (the database is the arbiter of a request's outcome)", () => {
  it("a step that applied what its path intended keeps the path's outcome", () => {
    expect(adoptStoredOutcome("APPROVED", "k1", { status: "APPROVED", decisionKey: "k1" })).toEqual({
      outcome: "APPROVED",
      decisionKey: "k1",
      adopted: false,
    });
    expect(adoptStoredOutcome("WITHDRAWN", undefined, { status: "WITHDRAWN", decisionKey: null })).toEqual({
      outcome: "WITHDRAWN",
      decisionKey: undefined,
      adopted: false,
    });
  });

  it("an old history's result (no stored outcome) counts as applied as intended", () => {
    expect(adoptStoredOutcome("EXPIRED", undefined, undefined)).toEqual({
      outcome: "EXPIRED",
      decisionKey: undefined,
      adopted: false,
    });
    expect(adoptStoredOutcome("REJECTED", "k1", null).outcome).toBe("REJECTED");
  });

  it("a decision path that finds the request withdrawn adopts the withdrawal, with no deciding key", () => {
    expect(adoptStoredOutcome("APPROVED", "k1", { status: "WITHDRAWN", decisionKey: null })).toEqual({
      outcome: "WITHDRAWN",
      decisionKey: undefined,
      adopted: true,
    });
  });

  it("a withdrawal or expiry path that finds the request decided adopts the decision and its key", () => {
    expect(adoptStoredOutcome("EXPIRED", undefined, { status: "REJECTED", decisionKey: "k2" })).toEqual({
      outcome: "REJECTED",
      decisionKey: "k2",
      adopted: true,
    });
  });

  it("the same outcome applied under another decision's key is that decision's, not this one's", () => {
    expect(adoptStoredOutcome("APPROVED", "k1", { status: "APPROVED", decisionKey: "k2" })).toEqual({
      outcome: "APPROVED",
      decisionKey: "k2",
      adopted: true,
    });
  });
});
