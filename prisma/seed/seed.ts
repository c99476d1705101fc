// Baseline data every installation needs: regions, the provincial HR department and one HR
// department per prefecture, each with an administrator, and the platform's operator, reviewer,
// supervisor and auditor. Idempotent: running it again changes nothing.

import type { Role } from "../../domain/authorization.js";
import { idNumberCheckCharacter } from "../../domain/id-number.js";
import { organizationCodeCheckCharacter, usccCheckCharacter } from "../../domain/uscc.js";
import type { Database } from "../../lib/database.js";
import { bindPerson, grantRole } from "../../lib/memberships.js";
import { hashPassword } from "../../lib/passwords.js";
import type { Subsystem, UnitOrigin, UnitType } from "../generated/client.js";
import { loadGuizhouRegions, type RegionSeed } from "./regions.js";

export const PROVINCIAL_HR_NAME = "贵州省人力资源和社会保障厅";

/** A well-formed USCC with both check characters right, built from a region and an 8-character body. */
export function makeUscc(prefix: string, regionCode: string, body: string): string {
  const organizationCode = body + organizationCodeCheckCharacter(body);
  const first17 = prefix + regionCode + organizationCode;
  return first17 + usccCheckCharacter(first17);
}

export function makeIdNumber(regionCode: string, birthDate: string, sequence: number): string {
  const first17 = regionCode + birthDate + String(sequence).padStart(3, "0");
  return first17 + idNumberCheckCharacter(first17);
}

export type SeededPerson = { name: string; idNumber: string; mobile: string; role: Role; unitName: string };

type PersonSpec = { name: string; idNumber: string; mobile: string };

async function upsertPerson(db: Database, spec: PersonSpec, passwordHash: string) {
  return db.person.upsert({
    where: { idNumber: spec.idNumber },
    update: {},
    create: { ...spec, passwordHash, realPersonVerifiedAt: new Date() },
  });
}

type UnitSpec = {
  name: string;
  uscc: string;
  type: UnitType;
  origin: UnitOrigin;
  regionCode: string;
  parentUnitId: string | null;
  formsCommittee: boolean;
  contactName: string;
  contactMobile: string;
  legalRepName?: string;
  legalRepIdNumber?: string;
};

export async function upsertUnit(db: Database, spec: UnitSpec, passwordHash: string) {
  return db.unit.upsert({
    where: { uscc: spec.uscc },
    update: {},
    create: { ...spec, accountName: spec.uscc, passwordHash, registeredAt: new Date("2020-01-01") },
  });
}

/** Binds the person to the unit (if not yet bound) and grants the role there. */
export async function bindWithRole(
  db: Database,
  personId: string,
  unitId: string,
  grant?: { role: Role; subsystem: Subsystem },
) {
  await bindPerson(db, personId, unitId);
  if (grant) await grantRole(db, { personId, unitId, ...grant });
}

export async function seedRegions(db: Database, regions: RegionSeed[] = loadGuizhouRegions()) {
  // Parents come first in the list, so foreign keys hold at every step.
  for (const region of regions) {
    await db.region.upsert({ where: { code: region.code }, update: { name: region.name }, create: region });
  }
}

const PREFECTURE_ADMIN_NAMES = ["吴亮", "郑敏", "冯涛", "陈静", "褚军", "卫红", "蒋伟", "沈丽", "韩磊"];

export async function seedBaseline(db: Database, password: string): Promise<SeededPerson[]> {
  await seedRegions(db);
  const passwordHash = await hashPassword(password);
  const seeded: SeededPerson[] = [];

  const province = await upsertUnit(
    db,
    {
      name: PROVINCIAL_HR_NAME,
      uscc: makeUscc("11", "520000", "00914011"),
      type: "HR_DEPARTMENT",
      origin: "SEED",
      regionCode: "520000",
      parentUnitId: null,
      formsCommittee: true,
      contactName: "省人社厅职称处",
      contactMobile: "13985000000",
    },
    passwordHash,
  );

  const platformStaff: Array<PersonSpec & { role: Role; subsystem: Subsystem }> = [
    {
      name: "赵强",
      idNumber: makeIdNumber("520103", "19780412", 11),
      mobile: "13985000001",
      role: "UNIT_ADMIN",
      subsystem: "PORTAL",
    },
    {
      name: "张明",
      idNumber: makeIdNumber("520102", "19850101", 13),
      mobile: "13985000002",
      role: "PLATFORM_OPERATOR",
      subsystem: "PLATFORM",
    },
    {
      name: "李华",
      idNumber: makeIdNumber("520102", "19900315", 24),
      mobile: "13985000003",
      role: "PLATFORM_REVIEWER",
      subsystem: "PLATFORM",
    },
    {
      name: "王芳",
      idNumber: makeIdNumber("520111", "19820620", 46),
      mobile: "13985000004",
      role: "PLATFORM_SUPERVISOR",
      subsystem: "PLATFORM",
    },
    {
      name: "孙丽",
      idNumber: makeIdNumber("520113", "19870909", 28),
      mobile: "13985000005",
      role: "PLATFORM_AUDITOR",
      subsystem: "PLATFORM",
    },
  ];
  for (const { role, subsystem, ...spec } of platformStaff) {
    const person = await upsertPerson(db, spec, passwordHash);
    await bindWithRole(db, person.id, province.id, { role, subsystem });
    seeded.push({ ...spec, role, unitName: province.name });
  }

  const prefectures = (
    await db.region.findMany({ where: { level: "PREFECTURE" }, orderBy: { code: "asc" } })
  ).slice(0, 9);
  for (const [index, prefecture] of prefectures.entries()) {
    const unit = await upsertUnit(
      db,
      {
        name: `${prefecture.name}人力资源和社会保障局`,
        uscc: makeUscc("11", prefecture.code, `0091${String(4100 + index)}`),
        type: "HR_DEPARTMENT",
        origin: "SEED",
        regionCode: prefecture.code,
        parentUnitId: province.id,
        formsCommittee: true,
        contactName: `${prefecture.name}人社局职称科`,
        contactMobile: `139850001${String(index).padStart(2, "0")}`,
      },
      passwordHash,
    );
    const spec = {
      name: PREFECTURE_ADMIN_NAMES[index] ?? `管理员${index}`,
      idNumber: makeIdNumber(`${prefecture.code.slice(0, 4)}02`, "19800101", 100 + index),
      mobile: `137850001${String(index).padStart(2, "0")}`,
    };
    const admin = await upsertPerson(db, spec, passwordHash);
    await bindWithRole(db, admin.id, unit.id, { role: "UNIT_ADMIN", subsystem: "PORTAL" });
    seeded.push({ ...spec, role: "UNIT_ADMIN", unitName: unit.name });
  }
  return seeded;
}
