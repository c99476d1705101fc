// Verifies the audit log's hash chain (R26): walks the events in sequence order, in batches, so a
// year of events is checked in constant memory, and reports the first broken link.
import { auditEventHash, CHAINED_AUDIT_SELECT, sealAuditChain } from "./audit.js";
import type { Database } from "./database.js";

export type AuditChainBreak = {
  /** The sequence where the chain breaks (for a missing event: the sequence that is missing). */
  sequence: number | null;
  /** The event found there (for a missing event: the next one that exists). */
  id: string;
  problem: "MISSING" | "PREV_HASH_MISMATCH" | "HASH_MISMATCH" | "NOT_SEALED" | "OUTSIDE_CHAIN";
  /** What differs, in a sentence for the operator. */
  detail: string;
};

export type AuditChainReport =
  | { ok: true; count: number; head: { sequence: number; hash: string } | null }
  | { ok: false; checked: number; break: AuditChainBreak };

export async function verifyAuditChain(db: Database, batchSize = 1000): Promise<AuditChainReport> {
  let expected = 1;
  let prevHash: string | null = null;
  let checked = 0;
  let head: { sequence: number; hash: string } | null = null;
  const broken = (b: AuditChainBreak): AuditChainReport => ({ ok: false, checked, break: b });
  for (;;) {
    // Keyset paging on the unique sequence: each batch is one indexed range read, no transaction
    // held, so writers go on appending while the chain is checked.
    const rows = await db.auditEvent.findMany({
      where: { sequence: { gte: expected } },
      orderBy: { sequence: "asc" },
      take: batchSize,
      select: CHAINED_AUDIT_SELECT,
    });
    for (const row of rows) {
      const sequence = row.sequence!;
      if (sequence !== expected) {
        const missing = sequence - expected === 1 ? `${expected}` : `${expected}–${sequence - 1}`;
        return broken({
          sequence: expected,
          id: row.id,
          problem: "MISSING",
          detail: `event(s) ${missing} are missing: the next event found is sequence ${sequence} (id ${row.id})`,
        });
      }
      if (row.hash === null) {
        return broken({
          sequence,
          id: row.id,
          problem: "NOT_SEALED",
          detail:
            head === null
              ? "the events written before the chain existed are not sealed yet: run `npm run audit:verify -- --seal`"
              : `the event has no hash although event ${sequence - 1} has one`,
        });
      }
      if (row.prevHash !== prevHash) {
        return broken({
          sequence,
          id: row.id,
          problem: "PREV_HASH_MISMATCH",
          detail: `prevHash is ${row.prevHash ?? "empty"} but the hash of event ${sequence - 1} is ${prevHash ?? "empty"}`,
        });
      }
      const computed = auditEventHash(prevHash, { ...row, sequence });
      if (computed !== row.hash) {
        return broken({
          sequence,
          id: row.id,
          problem: "HASH_MISMATCH",
          detail: `the stored hash ${row.hash} does not match its content (computed ${computed}): the event was changed after it was written`,
        });
      }
      prevHash = row.hash;
      head = { sequence, hash: row.hash };
      expected = sequence + 1;
      checked++;
    }
    if (rows.length < batchSize) break;
  }
  // Rows without a sequence were not written by the chain's writer (e.g. inserted by hand).
  const outside = await db.auditEvent.findFirst({ where: { sequence: null }, select: { id: true } });
  if (outside) {
    return broken({
      sequence: null,
      id: outside.id,
      problem: "OUTSIDE_CHAIN",
      detail: `event ${outside.id} has no sequence: it was not written through the audit log's writer`,
    });
  }
  return { ok: true, count: checked, head };
}

/** Hashes the events the migration numbered but could not hash (see sealAuditChain); returns how many. */
export async function sealMigratedAuditEvents(db: Database): Promise<number> {
  return db.$transaction(
    async (tx) => {
      const before = await tx.auditEvent.count({ where: { hash: null, sequence: { not: null } } });
      await sealAuditChain(tx);
      const after = await tx.auditEvent.count({ where: { hash: null, sequence: { not: null } } });
      return before - after;
    },
    { timeout: 30 * 60_000 },
  );
}
