// The "password changed" SMS (issue 13.7): after a unit's or a person's password is changed or
// reset, the mobile on record learns of it, so a change its owner did not make does not go
// unnoticed. Keyed by the change (the consumed code, the audit event), so a retry sends it once.
import { formatChinaTime } from "../domain/china-time.js";
import type { Logger } from "./logger.js";
import type { SmsGateway, SmsRequest } from "./ports/sms.js";

/** Whose password changed: a unit (its contact mobile is told) or a person (their own mobile). */
export type PasswordOwner =
  | { kind: "UNIT"; unitName: string; contactMobile: string }
  | { kind: "PERSON"; name: string | null; mobile: string };

/** The notice for a password change at `changedAt` (China time in the text), keyed by `changeKey`. */
export function passwordChangedNotice(owner: PasswordOwner, changedAt: Date, changeKey: string): SmsRequest {
  const time = formatChinaTime(changedAt);
  return owner.kind === "UNIT"
    ? {
        idempotencyKey: `${changeKey}:password-changed`,
        mobile: owner.contactMobile,
        template: "UNIT_PASSWORD_CHANGED",
        params: { unitName: owner.unitName, time },
      }
    : {
        idempotencyKey: `${changeKey}:password-changed`,
        mobile: owner.mobile,
        template: "PERSON_PASSWORD_CHANGED",
        // A person without a name on record (R19) is addressed without one.
        params: { name: owner.name?.trim() || "您好", time },
      };
}

/**
 * Sends the notice of a password change that is already done: a failing SMS gateway is logged, never
 * turned into an error of the change (the owner would retry a change that happened).
 */
export async function sendPasswordChangedNotice(
  deps: { sms: SmsGateway; logger?: Logger },
  owner: PasswordOwner,
  changedAt: Date,
  changeKey: string,
): Promise<void> {
  const notice = passwordChangedNotice(owner, changedAt, changeKey);
  try {
    await deps.sms.send(notice);
  } catch (error) {
    deps.logger?.error({ err: error, idempotencyKey: notice.idempotencyKey }, "password notice not sent");
  }
}
