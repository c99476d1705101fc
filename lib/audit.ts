// R26: every change to accounts, roles, bindings, units and hierarchy is written here, inside the
// same transaction as the change itself. The log is append-only and tamper-evident: each event
// takes the next `sequence` and carries the hash of the event before it (`prevHash`) and its own
// `hash` over prevHash and its fields (`auditEventHash`), so an edited, removed or inserted row
// breaks the chain where `npm run audit:verify` (lib/audit-chain.ts) finds it.
import { createHash, randomUUID } from "node:crypto";
import type { Prisma } from "../prisma/generated/client.js";
import type { DecisionRecord } from "../workflows/contracts.js";
import type { Database } from "./database.js";

export type AuditActor =
  | { type: "PERSON"; id: string; label?: string }
  | { type: "UNIT"; id: string; label?: string }
  | { type: "SYSTEM"; id?: undefined; label: string };

export type AuditOrigin = {
  ipAddress?: string;
  userAgent?: string;
  requestId?: string;
  /** The strength of the session the actor acted through (R12), when they acted through one. */
  sessionStrength?: "PASSWORD" | "REAL_PERSON";
};

export type AuditEventInput = {
  action: string;
  actor: AuditActor;
  origin?: AuditOrigin;
  target: { type: string; id?: string };
  unitId?: string | null;
  before?: unknown;
  after?: unknown;
};

/** A transaction, or the root client (then the event is written in a transaction of its own). */
type AuditWriter = Prisma.TransactionClient | Database;

/** The stored fields an event's hash covers, in this order (see `canonicalAuditEvent`). */
export type HashedAuditFields = {
  id: string;
  sequence: number;
  at: Date;
  action: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  sessionStrength: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  requestId: string | null;
  targetType: string;
  targetId: string | null;
  unitId: string | null;
  before: string | null;
  after: string | null;
};

/** Selects exactly the fields of HashedAuditFields, plus the chain's own. */
export const CHAINED_AUDIT_SELECT = {
  id: true,
  sequence: true,
  at: true,
  action: true,
  actorType: true,
  actorId: true,
  actorLabel: true,
  sessionStrength: true,
  ipAddress: true,
  userAgent: true,
  requestId: true,
  targetType: true,
  targetId: true,
  unitId: true,
  before: true,
  after: true,
  prevHash: true,
  hash: true,
} as const satisfies Prisma.AuditEventSelect;

/**
 * The one canonical serialization of an event, used by the writer and the verifier: a JSON array
 * of the fields in a fixed order (`before`/`after` as their stored JSON text), led by a version tag
 * so the format can change without making old hashes ambiguous.
 */
export function canonicalAuditEvent(event: HashedAuditFields): string {
  return JSON.stringify([
    "audit-v1",
    event.id,
    event.sequence,
    event.at.toISOString(),
    event.action,
    event.actorType,
    event.actorId,
    event.actorLabel,
    event.sessionStrength,
    event.ipAddress,
    event.userAgent,
    event.requestId,
    event.targetType,
    event.targetId,
    event.unitId,
    event.before,
    event.after,
  ]);
}

/** SHA-256 (hex) over the previous event's hash (empty for the first event) and this event. */
export function auditEventHash(prevHash: string | null, event: HashedAuditFields): string {
  return createHash("sha256")
    .update(prevHash ?? "")
    .update("\n")
    .update(canonicalAuditEvent(event))
    .digest("hex");
}

export async function writeAuditEvent(db: AuditWriter, event: AuditEventInput): Promise<void> {
  // The root client has $disconnect, a transaction client has not (Prisma 7 gives both $transaction;
  // a transaction client's nests with savepoints, which the SQLite path does not offer). Reading the
  // chain's head and appending after it must happen in one writer transaction (lib/database.ts starts
  // each one with BEGIN IMMEDIATE), or two writers would take the same sequence.
  if ("$disconnect" in db) {
    await (db as Database).$transaction((tx) => appendAuditEvent(tx, event));
    return;
  }
  await appendAuditEvent(db, event);
}

/**
 * One event written to the log of each of the units it concerns (one row per distinct unit), for
 * events that a unit's administrators would otherwise not read: administrators read their unit's
 * and its subordinates' events (an affiliation request concerns two units, neither below the other).
 */
export async function writeAuditEventForUnits(
  db: Prisma.TransactionClient,
  event: Omit<AuditEventInput, "unitId">,
  unitIds: readonly (string | null | undefined)[],
): Promise<void> {
  for (const unitId of new Set(unitIds.filter((id): id is string => typeof id === "string"))) {
    await writeAuditEvent(db, { ...event, unitId });
  }
}

/**
 * The chain's head as each open transaction last appended it: a second event in one transaction (an
 * acceptance's `*.decided` and `binding.started`) needs no second read of the head. Nobody else can
 * append meanwhile: SQLite's transaction holds the write lock, and PostgreSQL's serializable snapshot
 * would read the same head again (a conflicting append fails the transaction, which runs again with
 * a new transaction client).
 */
const appendedHeads = new WeakMap<object, { sequence: number; hash: string }>();

async function appendAuditEvent(tx: Prisma.TransactionClient, event: AuditEventInput): Promise<void> {
  const row = chainedAuditEvent(event, appendedHeads.get(tx) ?? (await chainHead(tx)));
  // Raw (issue 14: every audited write makes it, and Prisma's `create` costs ~2× its CPU).
  await tx.$executeRaw`
    INSERT INTO "AuditEvent" ("id", "sequence", "prevHash", "hash", "sessionStrength", "at", "action",
      "actorType", "actorId", "actorLabel", "ipAddress", "userAgent", "requestId", "targetType",
      "targetId", "unitId", "before", "after")
    VALUES (${row.id}, ${row.sequence}, ${row.prevHash}, ${row.hash}, ${row.sessionStrength}, ${row.at},
      ${row.action}, ${row.actorType}, ${row.actorId}, ${row.actorLabel}, ${row.ipAddress}, ${row.userAgent},
      ${row.requestId}, ${row.targetType}, ${row.targetId}, ${row.unitId}, ${row.before}, ${row.after})`;
  appendedHeads.set(tx, { sequence: row.sequence, hash: row.hash });
}

/** The row that appends `event` after `head` (null: the first event): its fields, prevHash and hash. */
export function chainedAuditEvent(
  event: AuditEventInput,
  head: { sequence: number; hash: string | null } | null,
  at = new Date(),
): HashedAuditFields & { prevHash: string | null; hash: string } {
  const fields: HashedAuditFields = {
    id: randomUUID(),
    sequence: (head?.sequence ?? 0) + 1,
    at,
    action: event.action,
    actorType: event.actor.type,
    actorId: event.actor.id ?? null,
    actorLabel: event.actor.label ?? null,
    sessionStrength: event.origin?.sessionStrength ?? null,
    ipAddress: event.origin?.ipAddress ?? null,
    userAgent: event.origin?.userAgent?.slice(0, 300) ?? null,
    requestId: event.origin?.requestId ?? null,
    targetType: event.target.type,
    targetId: event.target.id ?? null,
    unitId: event.unitId ?? null,
    before: event.before === undefined ? null : JSON.stringify(event.before),
    after: event.after === undefined ? null : JSON.stringify(event.after),
  };
  const prevHash = head?.hash ?? null;
  return { ...fields, prevHash, hash: auditEventHash(prevHash, fields) };
}

/** The last event of the chain, sealing the events the migration numbered first if need be. */
async function chainHead(
  tx: Prisma.TransactionClient,
): Promise<{ sequence: number; hash: string | null } | null> {
  // Raw SQL, the same on SQLite and PostgreSQL: every audited write reads the head (issue 14: a
  // Prisma statement costs ~3× a raw one in CPU, its query compiler running on each call).
  const [row] = await tx.$queryRaw<{ sequence: number | bigint | null; hash: string | null }[]>`
    SELECT "sequence", "hash" FROM "AuditEvent" WHERE "sequence" IS NOT NULL ORDER BY "sequence" DESC LIMIT 1`;
  const head = row ? { sequence: row.sequence === null ? null : Number(row.sequence), hash: row.hash } : null;
  if (!head?.sequence) return null;
  if (head.hash === null && (await tx.auditEvent.count({ where: { hash: { not: null } } })) === 0) {
    return { sequence: head.sequence, hash: await sealAuditChain(tx) };
  }
  return { sequence: head.sequence, hash: head.hash };
}

/**
 * The migration that introduced the chain numbered the events already written (sequence 1..K) but
 * could not hash them (SQLite has no SHA-256). Sealing hashes them in sequence order, once: by the
 * first audit write after the migration, or by `npm run audit:verify -- --seal`. Only events before
 * the first hashed one are sealed; an unhashed event after a hashed one is a break, not a leftover.
 * Returns the hash of the last sealed event (or null when there was nothing to seal).
 */
export async function sealAuditChain(tx: Prisma.TransactionClient, batchSize = 500): Promise<string | null> {
  const firstHashed = await tx.auditEvent.findFirst({
    where: { hash: { not: null }, sequence: { not: null } },
    orderBy: { sequence: "asc" },
    select: { sequence: true },
  });
  let prevHash: string | null = null;
  let after = 0;
  for (;;) {
    const rows = await tx.auditEvent.findMany({
      where: {
        sequence: { gt: after, ...(firstHashed?.sequence ? { lt: firstHashed.sequence } : {}) },
        hash: null,
      },
      orderBy: { sequence: "asc" },
      take: batchSize,
      select: CHAINED_AUDIT_SELECT,
    });
    for (const row of rows) {
      const fields = { ...row, sequence: row.sequence! };
      const hash = auditEventHash(prevHash, fields);
      await tx.auditEvent.update({ where: { id: row.id }, data: { prevHash, hash } });
      prevHash = hash;
      after = fields.sequence;
    }
    if (rows.length < batchSize) return prevHash;
  }
}

/**
 * Stores where a decision is being made, under its key, before the workflow applies it (see
 * DecisionOrigin in the schema); a retry of the same decision keeps the first origin. One raw
 * INSERT … ON CONFLICT DO NOTHING (issue 14: an upsert cost a transaction of three statements,
 * Prisma's `create` ~2× the CPU of a raw one).
 */
export async function recordDecisionOrigin(
  db: Database,
  decisionKey: string,
  origin: AuditOrigin,
): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "DecisionOrigin" ("decisionKey", "ipAddress", "userAgent", "requestId", "sessionStrength", "createdAt")
    VALUES (${decisionKey}, ${origin.ipAddress ?? null}, ${origin.userAgent ?? null}, ${origin.requestId ?? null},
      ${origin.sessionStrength ?? null}, ${new Date()})
    ON CONFLICT ("decisionKey") DO NOTHING`;
}

/**
 * Where a decision was made (recordDecisionOrigin), for the audit rows of its effects (R26: from
 * where); undefined without a key or a stored origin.
 */
export async function decisionOrigin(
  db: AuditWriter,
  decisionKey: string | undefined,
): Promise<AuditOrigin | undefined> {
  if (!decisionKey) return undefined;
  // Raw, as every decision's audit row reads it (issue 14).
  const [origin] = await db.$queryRaw<
    {
      ipAddress: string | null;
      userAgent: string | null;
      requestId: string | null;
      sessionStrength: string | null;
    }[]
  >`SELECT "ipAddress", "userAgent", "requestId", "sessionStrength" FROM "DecisionOrigin" WHERE "decisionKey" = ${decisionKey}`;
  if (!origin) return undefined;
  return {
    ipAddress: origin.ipAddress ?? undefined,
    userAgent: origin.userAgent ?? undefined,
    requestId: origin.requestId ?? undefined,
    sessionStrength: (origin.sessionStrength as AuditOrigin["sessionStrength"]) ?? undefined,
  };
}

/**
 * The `*.decided` row of a human decision (R26), written by the activity that applies the
 * decision, inside its transaction: applied and audited together, or neither.
 */
export async function writeDecisionAudit(
  db: AuditWriter,
  input: {
    action: string;
    target: { type: string; id: string };
    unitId?: string | null;
    decided: DecisionRecord;
    /** What the decision settled besides its outcome (e.g. the registered facts, R30), kept in `after`. */
    details?: Record<string, unknown>;
  },
): Promise<void> {
  const { decided } = input;
  await writeAuditEvent(db, {
    action: input.action,
    actor: { type: "PERSON", id: decided.actorId },
    origin: await decisionOrigin(db, decided.decisionKey),
    target: input.target,
    unitId: input.unitId,
    after: {
      decision: decided.decision,
      reason: decided.reason,
      decisionKey: decided.decisionKey,
      ...input.details,
    },
  });
}
