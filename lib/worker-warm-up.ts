// What a starting worker runs before it polls so that the first decision after a start is not paid
// for cold (issue 14 item 2: a cold decision ≤ 2× a warm one). A CPU profile of a cold decision showed
// ~90 ms in Prisma — its query compiler (WebAssembly) and client code meeting each statement shape for
// the first time — which generic statements did not cover. So the warm-up runs the hot steps' OWN code
// (a binding request's opening step, then its decision with the notice) against a throw-away request,
// all inside one transaction that is rolled back: nothing is written, and the notice goes to the
// outbox adapter on that transaction, never to a vendor.
import { randomUUID } from "node:crypto";
import { createBindingRequestActivities } from "../activities/binding-request.activities.js";
import type { Tx } from "../activities/request.activities.js";
import type { Database } from "./database.js";
import type { Ports } from "./ports/index.js";
import { createOutboxSmsGateway } from "./ports/sms.js";

/** Thrown to roll the warm-up's transaction back. */
class WarmUpRollback extends Error {}

/**
 * `tx` seen as a root client by code that opens its own transactions: `$transaction(fn)` runs `fn` on
 * `tx` itself (Prisma's transaction client cannot nest on SQLite), so every write of that code lands
 * in the warm-up's transaction and is rolled back with it.
 */
function insideTransaction(tx: Tx): Database {
  return new Proxy(tx, {
    get(target, property, receiver) {
      if (property === "$transaction") return (fn: (client: Tx) => unknown) => fn(tx);
      return Reflect.get(target, property, receiver);
    },
  }) as unknown as Database;
}

/** Ports for the warm-up: the outbox SMS adapter on its transaction; any other port refuses. */
function warmUpPorts(db: Database): Ports {
  const refusing = new Proxy(
    {},
    {
      get() {
        throw new Error("not used by the worker's warm-up");
      },
    },
  );
  return {
    sms: createOutboxSmsGateway(db),
    businessRegistry: refusing as Ports["businessRegistry"],
    realPersonAuth: refusing as Ports["realPersonAuth"],
    fileStorage: refusing as Ports["fileStorage"],
  };
}

/**
 * Runs a binding request's submission step (openBindingRequest: its timeline entry and the unit's
 * task) and its decision step with the notice (decideBindingRequestAndNotify: task compare-and-set,
 * acceptance with its binding and audit rows, the timeline entry, the SMS notice's read and outbox
 * row) on a throw-away unit, person and request, in one transaction that is then rolled back.
 * Never writes outside that transaction. Resolves true when the whole path ran, false when a step
 * failed (that only costs the warm-up: the worker starts all the same).
 */
export async function warmUpDecisionPath(db: Database): Promise<boolean> {
  return db
    .$transaction(async (tx) => {
      const scratch = insideTransaction(tx);
      const suffix = randomUUID();
      const region =
        (await tx.region.findFirst({ select: { code: true } })) ??
        (await tx.region.create({
          data: { code: `warm-${suffix}`, name: "warm-up", level: "PROVINCE" },
          select: { code: true },
        }));
      const unit = await tx.unit.create({
        data: {
          name: `warm-up ${suffix}`,
          accountName: `warm-up-${suffix}`,
          passwordHash: "-",
          type: "ENTERPRISE",
          origin: "SEED",
          regionCode: region.code,
          contactName: "warm-up",
          contactMobile: "13800000000",
        },
        select: { id: true },
      });
      const person = await tx.person.create({
        data: { idNumber: `warm-up-${suffix}`, name: "预热", mobile: "13800000000", passwordHash: "-" },
        select: { id: true },
      });
      const workflowId = `warm-up-${suffix}`;
      const request = await tx.bindingRequest.create({
        data: {
          requestNumber: `warm-up-${suffix}`,
          personId: person.id,
          unitId: unit.id,
          openPersonId: person.id,
          pledgeAcceptedAt: new Date(),
          workflowId,
        },
        select: { id: true },
      });
      const steps = createBindingRequestActivities({ db: scratch, ports: warmUpPorts(scratch) });
      const at = new Date().toISOString();
      await steps.openBindingRequest({
        workflowId,
        requestId: request.id,
        dueAt: at,
        submitted: { sequence: 1, at, actorId: person.id, actorRole: "APPLICANT" },
      });
      const { noticeSent } = await steps.decideBindingRequestAndNotify({
        requestId: request.id,
        decided: { actorId: person.id, decision: "APPROVE", decisionKey: randomUUID() },
        entry: { sequence: 2, at, actorId: person.id, actorRole: "UNIT_ADMIN", actorLabel: "预*" },
      });
      // A notice that failed was caught by the step: the path did not run to its end.
      if (!noticeSent) throw new Error("the warm-up's notice was not written");
      throw new WarmUpRollback();
    })
    .then(
      () => false,
      (error: unknown) => error instanceof WarmUpRollback,
    );
}
