// SMS port. Every message goes through the SmsMessage outbox table first (keyed, so a retried
// send is stored once); the gateway adapter then delivers it. The dev adapter "delivers" by
// leaving it in the outbox, where the console's 短信发件箱 page shows it.
import type { Database } from "../database.js";
import { renderSms, type SmsTemplate } from "./sms-templates.js";

export type SmsRequest = {
  /** Stable key of this message, e.g. "UnitRegistration:<id>:approved". */
  idempotencyKey: string;
  mobile: string;
  template: SmsTemplate;
  params: Record<string, string>;
};

export interface SmsGateway {
  send(request: SmsRequest): Promise<{ messageId: string }>;
}

/** Dev adapter: records the message in the outbox as sent. */
export function createOutboxSmsGateway(db: Database): SmsGateway {
  return {
    async send(request) {
      const message = await db.smsMessage.upsert({
        where: { idempotencyKey: request.idempotencyKey },
        update: {},
        create: {
          idempotencyKey: request.idempotencyKey,
          mobile: request.mobile,
          template: request.template,
          params: JSON.stringify(request.params),
          body: renderSms(request.template, request.params),
          status: "SENT",
          sentAt: new Date(),
        },
      });
      return { messageId: message.id };
    },
  };
}
