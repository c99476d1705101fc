// R5: legacy units are imported with their custom account names; bad rows are reported, good rows kept.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importUnits } from "../../lib/import-units.js";
import { makeIdNumber, makeUscc, seedRegions } from "../../prisma/seed/seed.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { postJson } from "../support/registration.js";

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
  await seedRegions(database.db);
});
afterEach(() => database.close());

const header =
  "accountName,name,uscc,type,regionCode,contactName,contactMobile,legalRepName,legalRepIdNumber,initialPassword,registeredAt";
const good = (account: string, name: string, uscc: string) =>
  `${account},${name},${uscc},ENTERPRISE,520102,老联系人,13611112222,老法人,${makeIdNumber("520102", "19650505", 123)},Legacy#Pass1,2019-05-01`;

describe("R5 legacy unit import", () => {
  it("R5 imports good rows with their custom account names and reports each bad row by line and field", async () => {
    const csv = [
      header,
      good("gz_old_001", "贵阳老单位示例一有限公司", makeUscc("91", "520102", "71000001")),
      "gz_old_002,贵阳老单位示例二有限公司,,ENTERPRISE,520102,老联系人,12345,老法人,,Legacy#Pass1,2018-01-01",
      good("gz_old_003", "贵阳老单位示例三有限公司", ""),
      "x,太短账号单位,,ENTERPRISE,520102,老联系人,13611112222,,,Legacy#Pass1,2018-01-01",
      "gz_old_005,贵阳老单位示例五有限公司,,ENTERPRISE,520102,老联系人,13611112222,,,Legacy#Pass1,2025-01-01",
    ].join("\n");
    const report = await importUnits(database.db, csv);
    expect(report.imported).toBe(2);
    expect(report.failed).toEqual([
      { line: 3, field: "contactMobile", message: expect.any(String) },
      { line: 5, field: "accountName", message: expect.any(String) },
      { line: 6, field: "registeredAt", message: expect.any(String) },
    ]);
    const unit = await database.db.unit.findUniqueOrThrow({ where: { accountName: "gz_old_001" } });
    expect(unit).toMatchObject({ origin: "IMPORTED", affiliationRequired: false });
    // Importing the same file again changes nothing and reports the existing units as skipped.
    const again = await importUnits(database.db, csv);
    expect(again.imported).toBe(0);
    expect(again.skipped).toHaveLength(2);
    expect(await database.db.unit.count({ where: { origin: "IMPORTED" } })).toBe(2);
  });

  it("R5 an imported unit logs in with its custom account name", async () => {
    await importUnits(database.db, [header, good("gz_old_009", "贵阳老单位示例九有限公司", "")].join("\n"));
    const { app } = createTestApp(database);
    const response = await postJson(app, "/api/auth/unit-login/code", {
      account: "gz_old_009",
      password: "Legacy#Pass1",
    });
    expect(response.status).toBe(200);
  });

  it("Issue 11 item 6: a full-width USCC and mobile are read as ASCII; a name with U+200B or a bidi override is refused", async () => {
    const fullWidth = (ascii: string) =>
      ascii.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const uscc = makeUscc("91", "520102", "71000011");
    const csv = [
      header,
      good("gz_old_011", "贵阳老单位示例十一有限公司", fullWidth(uscc)).replace(
        "13611112222",
        fullWidth("13611112222"),
      ),
      good("gz_old_012", "贵阳老单位\u200b示例十二有限公司", ""),
      good("gz_old_013", "贵阳老单位示例十三有限公司", "").replace("老联系人", "老联\u202e系人"),
    ].join("\n");
    const report = await importUnits(database.db, csv);
    expect(report.imported).toBe(1);
    expect(report.failed).toEqual([
      { line: 3, field: "name", message: expect.stringContaining("U+200B") },
      { line: 4, field: "contactName", message: expect.stringContaining("U+202E") },
    ]);
    const unit = await database.db.unit.findUniqueOrThrow({ where: { accountName: "gz_old_011" } });
    expect(unit).toMatchObject({ uscc, contactMobile: "13611112222" });
  });

  it("issue 13.8: quoted and unquoted cells follow one rule — a password's edge space is reported by line and field, never trimmed", async () => {
    const row = (account: string, name: string, password: string) =>
      `${account},${name},,ENTERPRISE,520102,老联系人,13611112222,,,${password},2019-05-01`;
    const csv = [
      header,
      row("gz_old_021", "贵阳老单位二十一有限公司", "Init@2026 "),
      row("gz_old_022", "贵阳老单位二十二有限公司", '"Init@2026 "'),
      row("gz_old_023", "贵阳老单位二十三有限公司", " Init@2026"),
      row("gz_old_024", "贵阳老单位二十四有限公司", '" Init@2026 "'),
      row("gz_old_025", "贵阳老单位二十五有限公司", "Init@2026"),
      row("gz_old_026", "贵阳老单位二十六有限公司", '"Init@2026"'),
    ].join("\n");
    const report = await importUnits(database.db, csv);
    expect(report.failed).toEqual([
      { line: 2, field: "initialPassword", message: expect.stringContaining("space at its end") },
      { line: 3, field: "initialPassword", message: expect.stringContaining("space at its end") },
      { line: 4, field: "initialPassword", message: expect.stringContaining("space at its start") },
      { line: 5, field: "initialPassword", message: expect.stringContaining("space at its start and end") },
    ]);
    expect(report.imported).toBe(2);
    // The imported password is exactly the cell: it logs in as written.
    const { app } = createTestApp(database);
    for (const account of ["gz_old_025", "gz_old_026"]) {
      const response = await postJson(app, "/api/auth/unit-login/code", { account, password: "Init@2026" });
      expect(response.status, account).toBe(200);
    }
  });

  it("issue 13.8: every other column is trimmed, quoted or not, as the API trims names and identifiers", async () => {
    const csv = [
      header,
      ' gz_old_031 ,"  贵阳老单位三十一有限公司 ",, ENTERPRISE ,520102," 老联系人 ", 13611112222 ,,,Legacy#Pass1,2019-05-01',
    ].join("\n");
    const report = await importUnits(database.db, csv);
    expect(report.failed).toEqual([]);
    expect(report.imported).toBe(1);
    const unit = await database.db.unit.findUniqueOrThrow({ where: { accountName: "gz_old_031" } });
    expect(unit).toMatchObject({
      name: "贵阳老单位三十一有限公司",
      type: "ENTERPRISE",
      contactName: "老联系人",
      contactMobile: "13611112222",
    });
  });

  it("issue 13.8: a password failing R15 names what it needs; full-width characters are named", async () => {
    const row = (account: string, password: string) =>
      `${account},贵阳老单位${account}有限公司,,ENTERPRISE,520102,老联系人,13611112222,,,${password},2019-05-01`;
    const report = await importUnits(
      database.db,
      [header, row("gz_old_041", "legacypass1"), row("gz_old_042", "Ｌｅｇａｃｙ＃Ｐａｓｓ１")].join("\n"),
    );
    expect(report.failed).toEqual([
      {
        line: 2,
        field: "initialPassword",
        message:
          "does not meet the password policy (R15): it needs an upper-case letter, a special character",
      },
      { line: 3, field: "initialPassword", message: expect.stringContaining("half-width characters only") },
    ]);
  });

  it("issue 13.8: a file that is not valid CSV is reported with its line, and nothing is imported", async () => {
    const csv = [
      header,
      good("gz_old_051", "贵阳老单位五十一有限公司", ""),
      'gz_old_052,"贵阳老单位" ,x',
    ].join("\n");
    const report = await importUnits(database.db, csv);
    expect(report.imported).toBe(0);
    expect(report.failed).toEqual([
      { line: 3, field: "", message: expect.stringMatching(/^not valid CSV: /) },
    ]);
  });

  it("reports a file without the required columns", async () => {
    const report = await importUnits(database.db, "accountName,name\nabcd,某单位");
    expect(report.imported).toBe(0);
    expect(report.failed[0]).toMatchObject({ line: 1, message: "missing column(s)" });
  });
});
