// R31: where a pushed title application goes, when the chain is as planned and when a unit changed
// its superior while the application was on its way.
import { describe, expect, it } from "vitest";
import { nextSteps } from "../../domain/push-chain.js";

const planned = [
  { position: 2, unitId: "U2" },
  { position: 3, unitId: "HR" },
];

describe("R31 nextSteps", () => {
  it("R31 the chain as planned: on to the next planned step, nothing skipped", () => {
    expect(nextSteps(planned, ["U2", "HR"], 3)).toEqual({
      skip: [],
      append: [],
      next: { position: 2, unitId: "U2" },
      changed: null,
    });
  });

  it("R31 the top node pushes: no next node, the application is complete", () => {
    expect(nextSteps([], [], 3)).toEqual({ skip: [], append: [], next: null, changed: null });
  });

  it("R31 the pushing node has a new superior: the old steps are skipped, the new chain appended after every position", () => {
    expect(nextSteps(planned, ["V2", "HR"], 3)).toEqual({
      skip: [2, 3],
      append: [
        { position: 4, unitId: "V2" },
        { position: 5, unitId: "HR" },
      ],
      next: { position: 4, unitId: "V2" },
      changed: { from: "U2", to: "V2" },
    });
  });

  it("R31 a change further up keeps the common beginning and replaces the rest", () => {
    expect(nextSteps(planned, ["U2", "V3", "HR"], 3)).toEqual({
      skip: [3],
      append: [
        { position: 4, unitId: "V3" },
        { position: 5, unitId: "HR" },
      ],
      next: { position: 2, unitId: "U2" },
      changed: { from: "HR", to: "V3" },
    });
  });

  it("R31 a chain that grew above the planned top goes on to the new superiors", () => {
    expect(nextSteps([], ["HR"], 1)).toEqual({
      skip: [],
      append: [{ position: 2, unitId: "HR" }],
      next: { position: 2, unitId: "HR" },
      changed: { from: null, to: "HR" },
    });
  });

  it("R31 a node that lost its superior is the top now: the rest is skipped and the push completes it", () => {
    expect(nextSteps(planned, [], 3)).toEqual({
      skip: [2, 3],
      append: [],
      next: null,
      changed: { from: "U2", to: null },
    });
  });

  it("R31 the regional HR department after a top that is not one: the next node, marked implicit, when nothing is left before it", () => {
    const toTop = [
      { position: 1, unitId: "TOP" },
      { position: 2, unitId: "HR" },
    ];
    // Pushed at the applicant's unit: the next node is the top, not the implicit one.
    expect(nextSteps(toTop, ["TOP", "HR"], 2, true).next).toEqual({ position: 1, unitId: "TOP" });
    // Pushed at the top: the implicit regional HR department is next.
    expect(nextSteps(toTop.slice(1), ["HR"], 2, true)).toEqual({
      skip: [],
      append: [],
      next: { position: 2, unitId: "HR", implicit: true },
      changed: null,
    });
    // A superior that is an HR department is not implicit.
    expect(nextSteps(toTop.slice(1), ["HR"], 2, false).next).toEqual({ position: 2, unitId: "HR" });
  });

  it("R31 an application planned to end at its unit goes on to the regional HR department once the chain has one", () => {
    expect(nextSteps([], ["HR"], 0, true)).toEqual({
      skip: [],
      append: [{ position: 1, unitId: "HR" }],
      next: { position: 1, unitId: "HR", implicit: true },
      changed: { from: null, to: "HR" },
    });
  });
});
