/**
 * Checks the offline business-registry fixture data (lib/ports/business-registry.fixtures.json).
 * The identifier checks are implemented here on purpose, independently of the validators in domain/.
 */
import { describe, expect, it } from "vitest";
import fixtures from "../../lib/ports/business-registry.fixtures.json" with { type: "json" };
import { loadGuizhouRegions } from "../../prisma/seed/regions.js";

type RegistryFixture = {
  uscc: string;
  name: string;
  legalRepName: string;
  legalRepIdNumber: string;
  status: string;
  registeredOn: string;
  regionCode: string;
  note: string;
};

const records: RegistryFixture[] = fixtures;

// GB 32100 unified social credit code
const USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

function usccCheckCharacterOk(uscc: string): boolean {
  const sum = USCC_WEIGHTS.reduce((acc, w, i) => acc + USCC_CHARSET.indexOf(uscc[i]!) * w, 0);
  const check = (31 - (sum % 31)) % 31;
  return uscc[17] === USCC_CHARSET[check];
}

// GB 11714 organisation code in positions 9–17
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
function organisationCodeOk(uscc: string): boolean {
  const org = uscc.slice(8, 17);
  const sum = ORG_WEIGHTS.reduce((acc, w, i) => acc + Number.parseInt(org[i]!, 36) * w, 0);
  const c = 11 - (sum % 11);
  const expected = c === 10 ? "X" : c === 11 ? "0" : String(c);
  return org[8] === expected;
}

// GB 11643 resident identity number, ISO 7064 MOD 11-2
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";
function residentIdOk(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + Number(id[i]) * w, 0);
  return id[17] === ID_CHECK[sum % 11];
}
function birthDateOk(id: string): boolean {
  const [y, m, d] = [id.slice(6, 10), id.slice(10, 12), id.slice(12, 14)].map(Number) as [
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(y, m - 1, d));
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === m - 1 &&
    date.getUTCDate() === d &&
    date < new Date()
  );
}

const isLegacy = (r: RegistryFixture) => r.note.includes("legacy code failing the check character");

describe("business registry fixtures", () => {
  it("has about 25 records with unique USCCs", () => {
    expect(records.length).toBeGreaterThanOrEqual(20);
    expect(new Set(records.map((r) => r.uscc)).size).toBe(records.length);
  });

  it("self-test of the checks on known valid identifiers", () => {
    for (const u of ["91520102MA6DK1B28W", "1252000042920011XH"]) {
      expect(USCC_FORMAT.test(u), u).toBe(true);
      expect(usccCheckCharacterOk(u), u).toBe(true);
      expect(organisationCodeOk(u), u).toBe(true);
    }
    expect(usccCheckCharacterOk("91520102MA6DK1B28X")).toBe(false);
    expect(residentIdOk("520102199003071236")).toBe(true);
    expect(residentIdOk("520102199003071237")).toBe(false);
  });

  it("every USCC has the right format", () => {
    for (const r of records) expect(r.uscc, r.name).toMatch(USCC_FORMAT);
  });

  it("exactly the legacy records fail the mod-31 check character; all others pass", () => {
    const failing = records.filter((r) => !usccCheckCharacterOk(r.uscc)).map((r) => r.uscc);
    const legacy = records.filter(isLegacy).map((r) => r.uscc);
    expect(legacy).toHaveLength(2);
    expect(failing).toEqual(legacy);
  });

  it("every organisation code (positions 9–17) passes the GB 11714 check", () => {
    for (const r of records) expect(organisationCodeOk(r.uscc), r.uscc).toBe(true);
  });

  it("every legal representative ID is a valid Guizhou resident ID with a real past birth date", () => {
    for (const r of records) {
      expect(r.legalRepIdNumber, r.name).toMatch(/^52\d{16}$|^52\d{15}X$/);
      expect(residentIdOk(r.legalRepIdNumber), r.legalRepIdNumber).toBe(true);
      expect(birthDateOk(r.legalRepIdNumber), r.legalRepIdNumber).toBe(true);
    }
  });

  it("uses known statuses, ISO dates and Guizhou region codes matching the USCC", () => {
    const regionCodes = new Set(loadGuizhouRegions().map((r) => r.code));
    for (const r of records) {
      expect(["IN_BUSINESS", "DEREGISTERED"]).toContain(r.status);
      expect(r.registeredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(regionCodes.has(r.regionCode), r.regionCode).toBe(true);
      expect(r.uscc.slice(2, 8)).toBe(r.regionCode);
    }
  });

  it("contains the special cases tests rely on", () => {
    expect(records.filter((r) => r.status === "DEREGISTERED")).toHaveLength(2);
    expect(records.filter((r) => r.note.startsWith("conflicting"))).toHaveLength(3);
    expect(records.some((r) => r.uscc.startsWith("12"))).toBe(true); // public institution
    expect(records.some((r) => r.uscc.startsWith("5"))).toBe(true); // social organisation
  });
});
