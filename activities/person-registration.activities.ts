// I/O of the personRegistration workflow (R15): once the face check has an outcome, the account
// is created (or the registration closed) exactly once, keyed by the registration id.

import { writeAuditEvent } from "../lib/audit.js";
import { hitUniqueKey } from "../lib/unique.js";
import type { PersonRegistrationOutcome, RealPersonCheckOutcome } from "../workflows/contracts.js";
import type { ActivityDependencies } from "./index.js";

export function createPersonRegistrationActivities({ db, ports }: ActivityDependencies) {
  async function close(registrationId: string, status: Exclude<PersonRegistrationOutcome, "REGISTERED">) {
    await db.personRegistration.updateMany({
      where: { id: registrationId, status: "AWAITING_REAL_PERSON_AUTH" },
      data: { status, passwordHash: null, closedAt: new Date() },
    });
  }

  return {
    async completePersonRegistration(input: {
      registrationId: string;
      checkOutcome: RealPersonCheckOutcome;
    }): Promise<PersonRegistrationOutcome> {
      const registration = await db.personRegistration.findUniqueOrThrow({
        where: { id: input.registrationId },
      });
      if (registration.status === "AWAITING_REAL_PERSON_AUTH") {
        if (input.checkOutcome !== "PASSED") {
          await close(registration.id, input.checkOutcome);
        } else {
          try {
            await db.$transaction(async (tx) => {
              const person = await tx.person.create({
                data: {
                  idNumber: registration.idNumber,
                  name: registration.name,
                  mobile: registration.mobile,
                  passwordHash: registration.passwordHash!,
                  realPersonVerifiedAt: new Date(),
                },
              });
              await tx.personRegistration.update({
                where: { id: registration.id },
                data: { status: "REGISTERED", personId: person.id, passwordHash: null, closedAt: new Date() },
              });
              await writeAuditEvent(tx, {
                action: "person.registered",
                actor: { type: "PERSON", id: person.id },
                target: { type: "Person", id: person.id },
                after: { registrationId: registration.id },
              });
            });
          } catch (error) {
            // Someone registered the same ID number after this registration was submitted.
            if (!hitUniqueKey(error, "idNumber")) throw error;
            await close(registration.id, "ALREADY_REGISTERED");
          }
        }
      }
      const closed = await db.personRegistration.findUniqueOrThrow({ where: { id: registration.id } });
      if (closed.status === "REGISTERED") {
        await ports.sms.queue({
          idempotencyKey: `PersonRegistration:${closed.id}:registered`,
          mobile: closed.mobile,
          template: "PERSON_REGISTERED",
          params: { name: closed.name },
        });
      }
      return closed.status as PersonRegistrationOutcome;
    },
  };
}
