// The seeded accounts as `npm start` and `npm run db:seed` print them (issue 11.7): ID numbers are
// masked, since terminal output ends up in logs and screenshots; a developer who wants to log in as
// a seeded person passes `--show-seeded-ids` (or looks the person up in the console).
import { maskIdNumber, maskMobile } from "../../domain/masking.js";
import type { SeededPerson } from "../../prisma/seed/seed.js";

/** The command-line switch that prints seeded ID numbers and mobiles in full. */
export const SHOW_SEEDED_IDS = "--show-seeded-ids";

/** Whether the arguments ask for full ID numbers. */
export const showSeededIds = (argv: readonly string[]): boolean => argv.includes(SHOW_SEEDED_IDS);

/** One row per seeded person: role, account (masked unless `showIds`), mobile (likewise), name, unit. */
export function seededAccountRows(people: readonly SeededPerson[], showIds: boolean) {
  return people.map((p) => ({
    role: p.role,
    account: showIds ? p.idNumber : maskIdNumber(p.idNumber),
    mobile: showIds ? p.mobile : maskMobile(p.mobile),
    name: p.name,
    unit: p.unitName,
  }));
}

/** The banner's lines for the seeded accounts, with a hint at the switch when the numbers are masked. */
export function seededAccountLines(people: readonly SeededPerson[], showIds: boolean): string[] {
  const lines = seededAccountRows(people, showIds).map(
    (p) => `    ${p.role.padEnd(20)} ${p.account}  ${p.mobile}  ${p.name}  ${p.unit}`,
  );
  if (!showIds && people.length > 0) {
    lines.push(`    (ID numbers and mobiles masked; add -- ${SHOW_SEEDED_IDS} to print them in full)`);
  }
  return lines;
}
