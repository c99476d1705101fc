// Demo data for a newcomer to click through the console: enterprises from the registry fixture
// with an administrator, a handler and members each. Enabled by `npm start -- --demo` or DEMO_DATA=true.
import { validateUscc } from "../../domain/uscc.js";
import type { Database } from "../../lib/database.js";
import { hashPassword } from "../../lib/passwords.js";
import { loadRegistryFixtures } from "../../lib/ports/business-registry.js";
import { bindWithRole, makeIdNumber, type SeededPerson, upsertUnit } from "./seed.js";

const MEMBER_NAMES = ["周杰", "吴迪", "郑爽", "王磊", "冯雪", "陈晨", "杨帆", "黄蕾", "朱峰"];

/** People bound to no unit: once the API runs, they ask to join the first demo enterprise (新进账号管理). */
export const DEMO_APPLICANTS = [
  { name: "林晓", idNumber: makeIdNumber("520103", "19960512", 301), mobile: "13685009901" },
  { name: "何平", idNumber: makeIdNumber("520111", "19941120", 302), mobile: "13685009902" },
];

export async function seedDemo(db: Database, password: string): Promise<SeededPerson[]> {
  const passwordHash = await hashPassword(password);
  const enterprises = loadRegistryFixtures()
    // Ordinary records only: the conflicting and legacy ones stay free for trying registration.
    .filter((r) => r.status === "IN_BUSINESS" && r.uscc.startsWith("91") && r.note?.startsWith("ordinary"))
    .filter((r) => {
      const check = validateUscc(r.uscc);
      return check.ok && check.checkCharacterValid;
    })
    .slice(0, 3);
  const seeded: SeededPerson[] = [];
  for (const [u, record] of enterprises.entries()) {
    const prefectureCode = `${record.regionCode.slice(0, 4)}00`;
    const superior = await db.unit.findFirst({
      where: { type: "HR_DEPARTMENT", regionCode: prefectureCode },
    });
    const unit = await upsertUnit(
      db,
      {
        name: record.name,
        uscc: record.uscc,
        type: "ENTERPRISE",
        origin: "SELF_REGISTERED",
        regionCode: record.regionCode,
        parentUnitId: superior?.id ?? null,
        formsCommittee: false,
        contactName: `${record.legalRepName.slice(0, 1)}经理`,
        contactMobile: `1368500${String(u).padStart(2, "0")}00`,
        legalRepName: record.legalRepName,
        legalRepIdNumber: record.legalRepIdNumber,
      },
      passwordHash,
    );
    for (let p = 0; p < 3; p++) {
      const name = MEMBER_NAMES[u * 3 + p] ?? `成员${u}${p}`;
      const spec = {
        name,
        idNumber: makeIdNumber(record.regionCode, `199${u}0${p + 1}15`, 200 + p),
        mobile: `1368500${String(u).padStart(2, "0")}${String(p + 1).padStart(2, "0")}`,
      };
      const person = await db.person.upsert({
        where: { idNumber: spec.idNumber },
        update: {},
        create: { ...spec, passwordHash, realPersonVerifiedAt: new Date() },
      });
      const grant =
        p === 0
          ? ({ role: "UNIT_ADMIN", subsystem: "PORTAL" } as const)
          : p === 1
            ? ({ role: "TITLE_HANDLER", subsystem: "TITLE_REVIEW" } as const)
            : undefined;
      await bindWithRole(db, person.id, unit.id, grant);
      if (grant) seeded.push({ ...spec, role: grant.role, unitName: unit.name });
    }
    if (u === 0) {
      // An account from before names were required (R19: 账号信息维护 completes it).
      const nameless = await db.person.upsert({
        where: { idNumber: makeIdNumber(record.regionCode, "19890909", 299) },
        update: {},
        create: {
          idNumber: makeIdNumber(record.regionCode, "19890909", 299),
          name: null,
          mobile: "13685009900",
          passwordHash,
        },
      });
      await bindWithRole(db, nameless.id, unit.id);
    }
  }
  for (const applicant of DEMO_APPLICANTS) {
    await db.person.upsert({
      where: { idNumber: applicant.idNumber },
      update: {},
      create: { ...applicant, passwordHash, realPersonVerifiedAt: new Date() },
    });
  }
  return seeded;
}
