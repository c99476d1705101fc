// The real SMS adapter: Aliyun SMS (短信服务, API SendSms 2017-05-25) through its official SDK.
// Aliyun because its templates name their variables (${code}, ${unitName}) exactly as ours do
// (sms-templates.ts), so a template id is the only thing to configure per kind, and its SendSms
// takes our outbox id as OutId, which its delivery reports carry back.
//
// The outbox row is written first (QUEUED), then SendSms; the answer becomes SENT, or FAILED for a
// refusal that sending again cannot mend (bad mobile, template or signature not approved), or an
// exception that is retried (throttled, timeout, outage): the row stays QUEUED with the reason.
// `send` (codes, whose caller waits for the answer) calls the vendor itself; `queue` (request
// notices) stores the row and leaves the call to the notice sender (lib/notice-outbox.ts).
import type * as Dysmsapi from "@alicloud/dysmsapi20170525";
import { AppError } from "../../domain/errors.js";
import { maskMobile } from "../../domain/masking.js";
import type { AliyunSmsConfig } from "../config.js";
import type { Database } from "../database.js";
import type { Logger } from "../logger.js";
import { createNoticeSender } from "../notice-outbox.js";
import {
  insertSmsMessage,
  type SmsDelivery,
  type SmsGateway,
  type SmsRefusalCode,
  type SmsRequest,
  smsRow,
} from "./sms.js";
import type { SmsTemplate } from "./sms-templates.js";

/** Aliyun's answer codes that mean "not now": the number's minute/hour/day quota, or API throttling. */
const THROTTLED = /^(isv\.BUSINESS_LIMIT_CONTROL|isv\.DAY_LIMIT_CONTROL|Throttling(\..*)?)$/;
/** The mobile itself is refused. */
const MOBILE_REFUSED = /^isv\.(MOBILE_NUMBER_ILLEGAL|MOBILE_COUNT_OVER_LIMIT)$/;
/**
 * The message is refused as written: template or signature unknown or not approved, parameters
 * missing, too long or containing words the vendor blocks. Only the operators can mend that.
 */
const MESSAGE_REFUSED =
  /^isv\.(SMS_TEMPLATE_ILLEGAL|SMS_SIGNATURE_ILLEGAL|SMS_SIGN_ILLEGAL|TEMPLATE_MISSING_PARAMETERS|TEMPLATE_PARAMS_ILLEGAL|INVALID_PARAMETERS|INVALID_JSON_PARAM|PARAM_LENGTH_LIMIT|BLACK_KEY_CONTROL_LIMIT|SMS_CONTENT_ILLEGAL)$/;

/** How long a throttled sender is told to wait: Aliyun's tightest quota is one per number per minute. */
const THROTTLE_RETRY_SECONDS = 60;

type VendorAnswer = { code: string; message: string };

type SmsClientClass = typeof Dysmsapi.default.default;
type SmsSdk = {
  SmsClient: SmsClientClass;
  SendSmsRequest: typeof Dysmsapi.SendSmsRequest;
  OpenApiConfig: typeof import("@alicloud/openapi-core").$OpenApiUtil.Config;
};
let sdk: Promise<SmsSdk> | undefined;

/**
 * The vendor's SDK, imported on the first message: it costs ~0.2 s to load, which a worker restarted
 * after a crash would otherwise spend before it polls (issue 14 item 2).
 */
function loadSdk(): Promise<SmsSdk> {
  sdk ??= Promise.all([import("@alicloud/dysmsapi20170525"), import("@alicloud/openapi-core")]).then(
    ([dysmsapi, openapi]) => {
      // A CommonJS package whose client class is `exports.default`: Node's ESM loader hands over
      // module.exports as the default export, bundlers and test runners the class itself.
      const exported = dysmsapi.default as unknown as SmsClientClass | { default: SmsClientClass };
      return {
        SmsClient: typeof exported === "function" ? exported : exported.default,
        SendSmsRequest: dysmsapi.SendSmsRequest,
        OpenApiConfig: openapi.$OpenApiUtil.Config,
      };
    },
  );
  return sdk;
}

/** Our code for a vendor's answer: a refusal (final), or null when it is worth retrying. */
export function aliyunRefusal(vendorCode: string): SmsRefusalCode | null {
  if (MOBILE_REFUSED.test(vendorCode)) return "SMS_MOBILE_INVALID";
  if (MESSAGE_REFUSED.test(vendorCode)) return "SMS_TEMPLATE_REJECTED";
  return null;
}

function retryableError(answer: VendorAnswer): AppError {
  const throttled = THROTTLED.test(answer.code);
  return new AppError(throttled ? "SMS_GATEWAY_THROTTLED" : "SMS_GATEWAY_UNAVAILABLE", {
    details: {
      vendorCode: answer.code,
      ...(throttled ? { retryAfterSeconds: THROTTLE_RETRY_SECONDS } : {}),
    },
  });
}

/** The SDK's exception as a vendor answer: its error code, or the transport's (timeout, refused). */
function answerOf(error: unknown): VendorAnswer {
  const e = error as { code?: unknown; message?: unknown; name?: unknown };
  const code =
    typeof e.code === "string" && e.code && e.code !== "undefined" ? e.code : String(e.name ?? "Error");
  return { code, message: String(e.message ?? error).slice(0, 300) };
}

export type AliyunSmsGatewayOptions = AliyunSmsConfig & { logger?: Logger };

/** The Aliyun adapter of the SMS port; `endpoint` may point at a private endpoint or a test stand-in. */
export function createAliyunSmsGateway(db: Database, options: AliyunSmsGatewayOptions): SmsGateway {
  const endpoint = new URL(options.endpoint);
  let client: Promise<{ sdk: SmsSdk; client: InstanceType<SmsClientClass> }> | undefined;
  const connect = () => {
    client ??= loadSdk().then((sdk) => ({
      sdk,
      client: new sdk.SmsClient(
        new sdk.OpenApiConfig({
          accessKeyId: options.accessKeyId,
          accessKeySecret: options.accessKeySecret,
          endpoint: endpoint.host,
          protocol: endpoint.protocol.replace(":", ""),
          connectTimeout: options.timeoutMs,
          readTimeout: options.timeoutMs,
        }),
      ),
    }));
    return client;
  };

  async function refuse(messageId: string, code: SmsRefusalCode, detail: string): Promise<SmsDelivery> {
    await db.smsMessage.updateMany({
      where: { id: messageId, status: "QUEUED" },
      data: { status: "FAILED", error: `${code} ${detail}`.slice(0, 500), nextAttemptAt: null },
    });
    // The vendor's message may quote the mobile: masked in the log (the row keeps it with the mobile).
    options.logger?.warn(
      { messageId, refusal: code, detail: detail.replace(/1\d{10}/g, (mobile) => maskMobile(mobile)) },
      "SMS refused",
    );
    return { messageId, status: "FAILED", code };
  }

  /**
   * One SendSms of a QUEUED row; `params` as stored (smsParams' output, JSON). Records SENT or FAILED
   * (clearing the row's `nextAttemptAt`), or the reason on the row and throws the retryable error.
   */
  async function attempt(message: {
    id: string;
    mobile: string;
    template: string;
    params: string;
  }): Promise<SmsDelivery> {
    const templateCode = options.templates[message.template as SmsTemplate];
    if (!templateCode) {
      return refuse(
        message.id,
        "SMS_TEMPLATE_REJECTED",
        `no template code: ALIYUN_SMS_TEMPLATE_${message.template}`,
      );
    }
    let answer: VendorAnswer & { bizId?: string };
    try {
      const vendor = await connect();
      const response = await vendor.client.sendSms(
        new vendor.sdk.SendSmsRequest({
          phoneNumbers: message.mobile,
          signName: options.signName,
          templateCode,
          // The vendor fills its approved copy of our text: the same parameters as our body.
          templateParam: message.params,
          outId: message.id,
        }),
      );
      const body = response.body;
      answer = { code: body?.code ?? "", message: body?.message ?? "", bizId: body?.bizId };
    } catch (error) {
      answer = answerOf(error);
    }
    if (answer.code === "OK") {
      // The vendor's id (BizId) links this message to Aliyun's delivery records (回执), as OutId does.
      await db.smsMessage.update({
        where: { id: message.id },
        data: {
          status: "SENT",
          sentAt: new Date(),
          error: null,
          vendorMessageId: answer.bizId || null,
          nextAttemptAt: null,
        },
      });
      options.logger?.info(
        { messageId: message.id, vendorMessageId: answer.bizId, template: message.template },
        "SMS sent",
      );
      return { messageId: message.id, status: "SENT" };
    }
    const refusal = aliyunRefusal(answer.code);
    if (refusal) return refuse(message.id, refusal, `${answer.code}: ${answer.message}`);
    await db.smsMessage.update({
      where: { id: message.id },
      data: { error: `${answer.code}: ${answer.message}`.slice(0, 500) },
    });
    throw retryableError(answer);
  }

  const rowOf = (request: SmsRequest) => ({ ...smsRow(request), status: "QUEUED" as const });

  /** Rows stored by queue() and not yet handed to the vendor once, by id. */
  const fresh = new Map<string, { mobile: string; template: string; params: string }>();
  // A claim outlasts a delivery: the SDK's connect and read timeouts, and some margin.
  const sender = createNoticeSender({
    db,
    leaseMs: 2 * options.timeoutMs + 5_000,
    logger: options.logger,
    async deliver(messageId) {
      // A notice this process has just stored is sent from memory: no statement to read it back.
      const stored = fresh.get(messageId);
      if (stored) {
        fresh.delete(messageId);
        await attempt({ id: messageId, ...stored });
        return;
      }
      const message = await db.smsMessage.findUnique({
        where: { id: messageId },
        select: { id: true, mobile: true, template: true, params: true, status: true },
      });
      if (message?.status === "QUEUED") await attempt(message);
    },
  });

  return {
    sender,
    async queue(request) {
      // One INSERT, already claimed by this process, which delivers it at once; a retried step meets
      // the idempotency key and leaves the stored notice to its sender (issue 14).
      const row = rowOf(request);
      const id = await insertSmsMessage(db, { ...row, nextAttemptAt: sender.claimUntil(), attempts: 1 });
      if (id) {
        fresh.set(id, { mobile: row.mobile, template: row.template, params: row.params });
        sender.deliverClaimed(id);
        return { messageId: id };
      }
      const stored = await db.smsMessage.findUniqueOrThrow({
        where: { idempotencyKey: request.idempotencyKey },
        select: { id: true },
      });
      // A notice stored QUEUED without a claim time (by `send`, before notices went through the
      // sender: its step is still retrying after an upgrade) is handed to the sender now.
      await db.smsMessage.updateMany({
        where: { id: stored.id, status: "QUEUED", nextAttemptAt: null },
        data: { nextAttemptAt: new Date() },
      });
      return { messageId: stored.id };
    },
    async send(request) {
      const message = await db.smsMessage.upsert({
        where: { idempotencyKey: request.idempotencyKey },
        update: {},
        create: rowOf(request),
      });
      if (message.status === "SENT") return { messageId: message.id, status: "SENT" };
      if (message.status === "FAILED") {
        const code =
          message.error?.split(" ")[0] === "SMS_MOBILE_INVALID"
            ? "SMS_MOBILE_INVALID"
            : "SMS_TEMPLATE_REJECTED";
        return { messageId: message.id, status: "FAILED", code };
      }
      return attempt(message);
    },
  };
}
