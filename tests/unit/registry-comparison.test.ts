import { describe, expect, it } from "vitest";
import { compareWithRegistry } from "../../domain/registry-comparison.js";

const record = {
  uscc: "91520103MA6YD9X55J",
  name: "贵州黔山示例建设工程有限公司",
  legalRepName: "罗志远",
  legalRepIdNumber: "52220119770217085X",
  status: "IN_BUSINESS" as const,
};
const submitted = {
  uscc: record.uscc,
  unitName: record.name,
  legalRepName: record.legalRepName,
  legalRepIdNumber: record.legalRepIdNumber,
};

describe("R2 business registry comparison", () => {
  it("R2 matches identical facts, ignoring spaces, full-width brackets and the case of an x", () => {
    expect(compareWithRegistry(submitted, record)).toEqual({
      outcome: "MATCH",
      mismatchedFields: [],
      notProvidedFields: [],
    });
    const typed = {
      ...submitted,
      unitName: " 贵州黔山示例建设工程有限公司 ",
      legalRepIdNumber: "52220119770217085x",
    };
    expect(compareWithRegistry(typed, record).outcome).toBe("MATCH");
    const brackets = { ...record, name: "贵阳示例（集团）有限公司" };
    expect(compareWithRegistry({ ...submitted, unitName: "贵阳示例(集团)有限公司" }, brackets).outcome).toBe(
      "MATCH",
    );
  });

  it("issue 13.1: a minority name matches whichever look-alike of · either side wrote", () => {
    const uyghur = { ...record, legalRepName: "热依拉•买买提" };
    for (const written of ["热依拉·买买提", "热依拉・买买提", "热依拉．买买提"]) {
      expect(compareWithRegistry({ ...submitted, legalRepName: written }, uyghur), written).toMatchObject({
        outcome: "MATCH",
        mismatchedFields: [],
      });
    }
    expect(
      compareWithRegistry({ ...submitted, legalRepName: "热依拉·买提" }, uyghur).mismatchedFields,
    ).toEqual(["legalRepName"]);
  });

  it("R2 names every field that differs", () => {
    const result = compareWithRegistry(
      { ...submitted, legalRepName: "陈国栋", legalRepIdNumber: "520102197501011234" },
      record,
    );
    expect(result).toEqual({
      outcome: "MISMATCH",
      mismatchedFields: ["legalRepName", "legalRepIdNumber"],
      notProvidedFields: [],
    });
  });

  it("R2 treats a missing or deregistered record as not matching", () => {
    expect(compareWithRegistry(submitted, null)).toEqual({
      outcome: "NOT_FOUND",
      mismatchedFields: [],
      notProvidedFields: [],
    });
    expect(compareWithRegistry(submitted, { ...record, status: "DEREGISTERED" }).outcome).toBe(
      "DEREGISTERED",
    );
  });

  it("R2: an ID number the registry does not disclose is 'not provided': never a mismatch, never a match", () => {
    const undisclosed = { ...record, legalRepIdNumber: null };
    // Any ID number at all: the comparison cannot tell, so it does not count either way.
    for (const legalRepIdNumber of [record.legalRepIdNumber, "520102197501011234"]) {
      expect(compareWithRegistry({ ...submitted, legalRepIdNumber }, undisclosed)).toEqual({
        outcome: "MATCH",
        mismatchedFields: [],
        notProvidedFields: ["legalRepIdNumber"],
      });
    }
    // The disclosed facts still decide: a differing name is a mismatch, a deregistered unit stays so.
    expect(compareWithRegistry({ ...submitted, legalRepName: "陈国栋" }, undisclosed)).toEqual({
      outcome: "MISMATCH",
      mismatchedFields: ["legalRepName"],
      notProvidedFields: ["legalRepIdNumber"],
    });
    expect(compareWithRegistry(submitted, { ...undisclosed, status: "DEREGISTERED" })).toEqual({
      outcome: "DEREGISTERED",
      mismatchedFields: [],
      notProvidedFields: ["legalRepIdNumber"],
    });
  });
});
