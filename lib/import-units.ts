// R5: units created before 2024-08-09 keep their custom account names. This imports them from a
// CSV file (UTF-8, header row). Every row is validated on its own: a bad row is reported with its
// line and field, the others are kept; a row whose unit exists already is skipped, so a file can
// be imported again after fixing the rows that failed.
import { CsvError, parse } from "csv-parse/sync";
import { idNumberProblemMessage, validateIdNumber } from "../domain/id-number.js";
import { normalizeMobile } from "../domain/mobile.js";
import {
  checkPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type PasswordRequirement,
} from "../domain/password-policy.js";
import { normalizePersonName, personNameProblemMessage } from "../domain/person-name.js";
import {
  canonicalIdentifier,
  canonicalText,
  characterCount,
  invisibleCharacterIn,
} from "../domain/text-input.js";
import { validateUscc } from "../domain/uscc.js";
import type { UnitType } from "../prisma/generated/client.js";
import { writeAuditEvent } from "./audit.js";
import type { Database } from "./database.js";
import { hashPassword } from "./passwords.js";
import { uniqueViolation } from "./unique.js";

export const IMPORT_COLUMNS = [
  "accountName",
  "name",
  "uscc",
  "type",
  "regionCode",
  "contactName",
  "contactMobile",
  "legalRepName",
  "legalRepIdNumber",
  "initialPassword",
  "registeredAt",
] as const;

const UNIT_TYPES: readonly string[] = [
  "ENTERPRISE",
  "PUBLIC_INSTITUTION",
  "GOVERNMENT_AGENCY",
  "SOCIAL_ORGANIZATION",
  "HR_DEPARTMENT",
];
const LEGACY_CUTOFF = "2024-08-09";
const ACCOUNT_NAME = /^[A-Za-z0-9_.@-]{4,64}$/;

export type ImportProblem = { line: number; field: string; message: string };
export type ImportReport = { imported: number; skipped: ImportProblem[]; failed: ImportProblem[] };

type Row = Record<(typeof IMPORT_COLUMNS)[number], string>;

// Issue 11 item 6, as for the API's fields: text in NFC, identifiers in NFKC (full-width digits and
// letters become ASCII), names without invisible characters.
// Issue 13 item 8: one rule for quoted and unquoted cells. A cell is read exactly as written (the
// parser trims nothing); then every column but the password is trimmed, as the API trims names and
// identifiers, and the password is kept as written, so a space at its edge is reported, never removed.
const IDENTIFIER_COLUMNS: ReadonlySet<string> = new Set([
  "accountName",
  "uscc",
  "type",
  "regionCode",
  "contactMobile",
  "legalRepIdNumber",
  "registeredAt",
]);
const NAME_COLUMNS = ["name", "contactName", "legalRepName"] as const;

function canonicalRow(row: Row): Row {
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => [
      column,
      column === "initialPassword"
        ? canonicalText(value)
        : (IDENTIFIER_COLUMNS.has(column) ? canonicalIdentifier(value) : canonicalText(value)).trim(),
    ]),
  ) as Row;
}

const REQUIREMENT_TEXT: Record<PasswordRequirement, string> = {
  HALF_WIDTH: "half-width characters only (no full-width or Chinese characters)",
  MIN_LENGTH: `at least ${PASSWORD_MIN_LENGTH} characters`,
  MAX_LENGTH: `at most ${PASSWORD_MAX_LENGTH} characters`,
  UPPERCASE: "an upper-case letter",
  LOWERCASE: "a lower-case letter",
  DIGIT: "a digit",
  SPECIAL: "a special character",
  NO_WHITESPACE: "no spaces",
};

/**
 * R15 for an imported initial password, said precisely: a space (or other whitespace) at either edge
 * is named as such — it is never trimmed, quoted or not — else every requirement the password misses.
 */
export function importedPasswordProblem(password: string): string | null {
  const leading = /^\s/u.test(password);
  const trailing = /\s$/u.test(password);
  if (leading || trailing) {
    const where = leading && trailing ? "start and end" : leading ? "start" : "end";
    return `has a space at its ${where}: passwords contain no spaces and are read exactly as written (quoted or not); remove the space`;
  }
  const { ok, missing } = checkPassword(password);
  if (ok) return null;
  return `does not meet the password policy (R15): it needs ${missing.map((r) => REQUIREMENT_TEXT[r]).join(", ")}`;
}

function validateRow(row: Row, regions: Set<string>): { problem?: { field: string; message: string } } {
  if (!ACCOUNT_NAME.test(row.accountName)) {
    return { problem: { field: "accountName", message: "4–64 letters, digits or _ . @ -" } };
  }
  for (const column of NAME_COLUMNS) {
    const invisible = invisibleCharacterIn(row[column]);
    if (invisible) {
      return {
        problem: { field: column, message: `an invisible control or format character (${invisible})` },
      };
    }
  }
  if (!row.name || characterCount(row.name) > 100)
    return { problem: { field: "name", message: "required, at most 100 characters" } };
  if (row.uscc && !validateUscc(row.uscc).ok)
    return { problem: { field: "uscc", message: "not a USCC (18 characters)" } };
  if (!UNIT_TYPES.includes(row.type))
    return { problem: { field: "type", message: `one of ${UNIT_TYPES.join(", ")}` } };
  if (!regions.has(row.regionCode))
    return { problem: { field: "regionCode", message: "unknown region code" } };
  if (!row.contactName) return { problem: { field: "contactName", message: "required" } };
  if (!normalizeMobile(row.contactMobile).ok)
    return { problem: { field: "contactMobile", message: "not a mainland mobile" } };
  const legalRepName = row.legalRepName ? normalizePersonName(row.legalRepName) : undefined;
  if (legalRepName && !legalRepName.ok) {
    const label = { "zh-CN": "法定代表人姓名", en: "legal representative's name" };
    return {
      problem: { field: "legalRepName", message: personNameProblemMessage(label, legalRepName.problem).en },
    };
  }
  const legalRepId = row.legalRepIdNumber ? validateIdNumber(row.legalRepIdNumber) : undefined;
  if (legalRepId && !legalRepId.ok) {
    return { problem: { field: "legalRepIdNumber", message: idNumberProblemMessage(legalRepId).en } };
  }
  const passwordProblem = importedPasswordProblem(row.initialPassword);
  if (passwordProblem) return { problem: { field: "initialPassword", message: passwordProblem } };
  if (
    row.registeredAt &&
    !(/^\d{4}-\d{2}-\d{2}$/.test(row.registeredAt) && row.registeredAt < LEGACY_CUTOFF)
  ) {
    return { problem: { field: "registeredAt", message: `a date (YYYY-MM-DD) before ${LEGACY_CUTOFF}` } };
  }
  return {};
}

export async function importUnits(db: Database, csv: string): Promise<ImportReport> {
  const report: ImportReport = { imported: 0, skipped: [], failed: [] };
  let records: Array<{ record: Row; info: { lines: number } }>;
  try {
    records = parse(csv, {
      // Header names are trimmed; cells are not (see canonicalRow).
      columns: (header: string[]) => header.map((name) => name.trim()),
      skip_empty_lines: true,
      bom: true,
      info: true,
    });
  } catch (error) {
    // Not CSV (an unclosed quote, a space between a closing quote and the comma…): nothing imported.
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines ?? 0;
    report.failed.push({ line, field: "", message: `not valid CSV: ${error.message}` });
    return report;
  }
  const header = Object.keys(records[0]?.record ?? {});
  const missing = IMPORT_COLUMNS.filter((column) => !header.includes(column));
  if (records.length > 0 && missing.length > 0) {
    report.failed.push({ line: 1, field: missing.join(","), message: "missing column(s)" });
    return report;
  }
  const regions = new Set((await db.region.findMany({ select: { code: true } })).map((r) => r.code));
  for (const { record, info } of records) {
    const row = canonicalRow(record);
    const line = info.lines;
    const { problem } = validateRow(row, regions);
    if (problem) {
      report.failed.push({ line, ...problem });
      continue;
    }
    const uscc = row.uscc ? validateUscc(row.uscc) : undefined;
    const usccValue = uscc?.ok ? uscc.value : null;
    const existing = await db.unit.findFirst({
      where: {
        OR: [
          { accountName: row.accountName },
          { name: row.name },
          ...(usccValue ? [{ uscc: usccValue }] : []),
        ],
      },
    });
    if (existing) {
      report.skipped.push({
        line,
        field: "accountName",
        message: `unit exists already (${existing.accountName})`,
      });
      continue;
    }
    // A registration in progress would find its name or USCC taken when it is approved: decide
    // that registration first, then import the row again.
    const registration = await db.unitRegistration.findFirst({
      where: { OR: [{ openUnitName: row.name }, ...(usccValue ? [{ openUscc: usccValue }] : [])] },
    });
    if (registration) {
      const field = registration.openUnitName === row.name ? "name" : "uscc";
      report.failed.push({
        line,
        field,
        message: `a unit registration in progress (${registration.requestNumber}) claims this ${field}; import the row again once it is decided`,
      });
      continue;
    }
    const idNumber = row.legalRepIdNumber ? validateIdNumber(row.legalRepIdNumber) : undefined;
    const passwordHash = await hashPassword(row.initialPassword);
    try {
      await db.$transaction(async (tx) => {
        const unit = await tx.unit.create({
          data: {
            accountName: row.accountName,
            name: row.name,
            uscc: usccValue,
            type: row.type as UnitType,
            origin: "IMPORTED",
            regionCode: row.regionCode,
            contactName: row.contactName,
            contactMobile: (normalizeMobile(row.contactMobile) as { value: string }).value,
            legalRepName: personNameOrNull(row.legalRepName),
            legalRepIdNumber: idNumber?.ok ? idNumber.value : null,
            passwordHash,
            registeredAt: new Date(`${row.registeredAt || "2020-01-01"}T00:00:00+08:00`),
          },
        });
        await writeAuditEvent(tx, {
          action: "unit.imported",
          actor: { type: "SYSTEM", label: "import:units" },
          target: { type: "Unit", id: unit.id },
          unitId: unit.id,
          after: { accountName: unit.accountName, name: unit.name, uscc: unit.uscc, line },
        });
      });
      report.imported++;
    } catch (error) {
      // The unit was created meanwhile (a registration approved, another import).
      const clash = uniqueViolation(error);
      if (!clash) throw error;
      report.skipped.push({ line, field: clash.fields[0] ?? "accountName", message: "unit exists already" });
    }
  }
  return report;
}

/** The stored form of an imported name (look-alike separators as U+00B7, Latin upper-case). */
function personNameOrNull(name: string | undefined): string | null {
  if (!name) return null;
  const result = normalizePersonName(name);
  return result.ok ? result.value : name;
}
