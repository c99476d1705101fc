// A local stand-in for Aliyun SMS's HTTP API (dysmsapi, SendSms 2017-05-25) on 127.0.0.1, for the
// real SMS adapter's tests. It checks what Aliyun documents of a request: the RPC headers, the
// V3 signature (ACS3-HMAC-SHA256: canonical request, hashed payload, signed headers), a fresh
// timestamp and an unused nonce, and the SendSms parameters. Answers follow a script per mobile:
// OK (with a BizId), an Aliyun error code, or no answer at all (a timeout).
import { createHash, createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const ALIYUN_TEST_CREDENTIALS = { accessKeyId: "LTAI-test-key", accessKeySecret: "test-secret-ali" };

/** What one SendSms request asked for, once its signature and shape checked out. */
export type ReceivedSms = {
  phoneNumbers: string;
  signName: string;
  templateCode: string;
  templateParam: Record<string, string>;
  outId: string;
  /** The BizId the stand-in answered with (Aliyun's id of the message). */
  bizId: string;
};

/** The next answer for a mobile: OK, an Aliyun code (isv.…) with HTTP 200, or silence until `ms`. */
export type ScriptedAnswer = "OK" | { code: string; message?: string } | { hangMs: number };

const sha256Hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
// Aliyun's percent-encoding: RFC 3986, as encodeURIComponent plus ! ' ( ) *.
const percentEncode = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const REQUIRED_SIGNED = [
  "host",
  "x-acs-action",
  "x-acs-content-sha256",
  "x-acs-date",
  "x-acs-signature-nonce",
  "x-acs-version",
];

/** Why the request's signature does not hold, or null when it does (Aliyun's V3 signature). */
function signatureProblem(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  secret: string,
  keyId: string,
): string | null {
  const authorization = req.headers.authorization ?? "";
  const match = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(
    authorization,
  );
  if (!match) return "Authorization is not ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…";
  const [, credential, signedHeaderList, signature] = match as unknown as [string, string, string, string];
  if (credential !== keyId) return `unknown AccessKeyId ${credential}`;
  const signed = signedHeaderList.split(";");
  const missing = REQUIRED_SIGNED.filter((h) => !signed.includes(h));
  if (missing.length) return `headers not signed: ${missing.join(", ")}`;
  if (req.headers["x-acs-content-sha256"] !== sha256Hex(body))
    return "x-acs-content-sha256 is not the payload's hash";
  const canonicalQuery = [...url.searchParams.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join("&");
  const canonicalHeaders = signed
    .map((name) => `${name}:${String(req.headers[name] ?? "").trim()}\n`)
    .join("");
  const canonicalRequest = [
    req.method,
    url.pathname,
    canonicalQuery,
    canonicalHeaders,
    signedHeaderList,
    sha256Hex(body),
  ].join("\n");
  const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`;
  const expected = createHmac("sha256", secret).update(stringToSign).digest("hex");
  return expected === signature ? null : "the signature does not match";
}

export async function startAliyunSmsStandIn() {
  const received: ReceivedSms[] = [];
  const scripts = new Map<string, ScriptedAnswer[]>();
  const nonces = new Set<string>();
  const refusals: string[] = [];

  const reply = (res: ServerResponse, status: number, body: Record<string, unknown>) => {
    res.writeHead(status, { "content-type": "application/json;charset=utf-8" });
    res.end(JSON.stringify({ RequestId: randomUUID(), ...body }));
  };
  const refuse = (res: ServerResponse, status: number, code: string, message: string) => {
    refusals.push(`${code}: ${message}`);
    reply(res, status, { Code: code, Message: message });
  };

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", "http://stand-in");
    if (req.method !== "POST" || url.pathname !== "/")
      return refuse(res, 404, "InvalidAction.NotFound", `${req.method} ${url.pathname}`);
    if (req.headers["x-acs-action"] !== "SendSms" || req.headers["x-acs-version"] !== "2017-05-25") {
      return refuse(res, 400, "InvalidAction.NotFound", "only SendSms 2017-05-25");
    }
    const problem = signatureProblem(
      req,
      url,
      body,
      ALIYUN_TEST_CREDENTIALS.accessKeySecret,
      ALIYUN_TEST_CREDENTIALS.accessKeyId,
    );
    if (problem) return refuse(res, 400, "SignatureDoesNotMatch", problem);
    const date = Date.parse(String(req.headers["x-acs-date"]));
    if (!/Z$/.test(String(req.headers["x-acs-date"])) || !(Math.abs(Date.now() - date) < 15 * 60_000)) {
      return refuse(
        res,
        400,
        "InvalidTimeStamp.Expired",
        "x-acs-date must be UTC ISO 8601 within 15 minutes",
      );
    }
    const nonce = String(req.headers["x-acs-signature-nonce"]);
    if (nonces.has(nonce)) return refuse(res, 400, "SignatureNonceUsed", "the nonce was used before");
    nonces.add(nonce);

    const param = (name: string) => url.searchParams.get(name) ?? "";
    let templateParam: Record<string, string>;
    try {
      templateParam = JSON.parse(param("TemplateParam")) as Record<string, string>;
    } catch {
      return reply(res, 200, { Code: "isv.INVALID_JSON_PARAM", Message: "JSON参数不合法，只接受字符串值" });
    }
    if (!/^1\d{10}$/.test(param("PhoneNumbers"))) {
      return reply(res, 200, { Code: "isv.MOBILE_NUMBER_ILLEGAL", Message: "非法手机号" });
    }
    if (!param("SignName") || !/^SMS_\d+$/.test(param("TemplateCode"))) {
      return reply(res, 200, { Code: "isv.SMS_TEMPLATE_ILLEGAL", Message: "模板不合法(不存在或被拉黑)" });
    }
    if (Object.values(templateParam).some((v) => typeof v !== "string")) {
      return reply(res, 200, { Code: "isv.INVALID_JSON_PARAM", Message: "JSON参数不合法，只接受字符串值" });
    }
    const answer = scripts.get(param("PhoneNumbers"))?.shift() ?? "OK";
    if (typeof answer === "object" && "hangMs" in answer) {
      await new Promise((resolve) => setTimeout(resolve, answer.hangMs));
      return reply(res, 200, { Code: "OK", Message: "OK", BizId: `late-${randomUUID()}` });
    }
    if (answer !== "OK")
      return reply(res, 200, { Code: answer.code, Message: answer.message ?? answer.code });
    const bizId = `${Date.now()}^${randomUUID().slice(0, 8)}`;
    received.push({
      phoneNumbers: param("PhoneNumbers"),
      signName: param("SignName"),
      templateCode: param("TemplateCode"),
      templateParam,
      outId: param("OutId"),
      bizId,
    });
    reply(res, 200, { Code: "OK", Message: "OK", BizId: bizId });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    /** Messages Aliyun accepted, in order. */
    received,
    /** Requests refused for their signature or shape: a test expects none unless it provokes one. */
    refusals,
    /** The answers the next sends to this mobile get, in order (then OK). */
    script(mobile: string, ...answers: ScriptedAnswer[]) {
      scripts.set(mobile, [...(scripts.get(mobile) ?? []), ...answers]);
    },
    /** The last verification code sent to a mobile. */
    lastCode(mobile: string): string | undefined {
      return received.filter((m) => m.phoneNumbers === mobile && m.templateParam.code).at(-1)?.templateParam
        .code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type AliyunSmsStandIn = Awaited<ReturnType<typeof startAliyunSmsStandIn>>;

/** Settings for the Aliyun adapter pointed at the stand-in, with a template code for every kind. */
export function aliyunSmsEnv(
  standIn: AliyunSmsStandIn,
  templates: readonly string[],
): Record<string, string> {
  return {
    SMS_ADAPTER: "aliyun",
    ALIYUN_SMS_ACCESS_KEY_ID: ALIYUN_TEST_CREDENTIALS.accessKeyId,
    ALIYUN_SMS_ACCESS_KEY_SECRET: ALIYUN_TEST_CREDENTIALS.accessKeySecret,
    ALIYUN_SMS_SIGN_NAME: "贵州人社",
    ALIYUN_SMS_ENDPOINT: standIn.endpoint,
    ...Object.fromEntries(
      templates.map((kind, i) => [`ALIYUN_SMS_TEMPLATE_${kind}`, `SMS_${100200300 + i}`]),
    ),
  };
}
