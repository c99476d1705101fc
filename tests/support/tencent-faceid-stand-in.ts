// A local stand-in for Tencent Cloud FaceID's HTTP API (faceid 2018-03-01) on 127.0.0.1, for the
// real real-person adapter's tests. It checks what Tencent documents of a request: the TC3-HMAC-SHA256
// signature (derived key, canonical request, hashed payload), the X-TC-* headers and a fresh
// timestamp, and the parameters of DetectAuth and GetDetectInfoEnhanced, refusing any InfoType but
// "1" (text only), so a test fails should the adapter ever ask for face images or video.
// It also serves a stand-in of the vendor's H5 page, which "completes" a session and sends the
// browser back to the RedirectUrl with ?token=BizToken, as Tencent's page does.
import { createHash, createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const TENCENT_TEST_CREDENTIALS = { secretId: "AKID-test-faceid", secretKey: "test-secret-tencent" };
export const TEST_RULE_ID = "1";
export const TEST_LOGIN_RULE_ID = "2";

/** A session opened by DetectAuth, as the vendor sees it. */
export type StandInSession = {
  bizToken: string;
  ruleId: string;
  idCard?: string;
  name?: string;
  redirectUrl?: string;
  /** null: the person has not finished; then the vendor's final ErrCode. */
  errCode: number | null;
  /** Who the vendor verified (a QR login's identity comes from here). */
  verified?: { idCard: string; name: string };
  expired: boolean;
  /** How many times the verdict was asked for. */
  fetched: number;
};

type ApiError = { code: string; message: string };

const sha256Hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();

/** Why a request's TC3-HMAC-SHA256 signature does not hold, or null when it does. */
function signatureProblem(req: IncomingMessage, body: Buffer): string | null {
  const authorization = req.headers.authorization ?? "";
  const match =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      authorization,
    );
  if (!match) return "Authorization is not TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…";
  const [, secretId, date, service, signedHeaders, signature] = match as unknown as string[];
  if (secretId !== TENCENT_TEST_CREDENTIALS.secretId) return `unknown SecretId ${secretId}`;
  const timestamp = Number(req.headers["x-tc-timestamp"]);
  if (!(Math.abs(Date.now() / 1000 - timestamp) < 300)) return "X-TC-Timestamp is not within 5 minutes";
  if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date)
    return "the credential's date is not the timestamp's UTC date";
  const signed = (signedHeaders as string).split(";");
  if (!signed.includes("content-type") || !signed.includes("host"))
    return "content-type and host must be signed";
  // The signed host is the endpoint's host name: Tencent's endpoints have no port, and the SDK
  // signs the name without the one a stand-in listens on.
  const value = (name: string) =>
    name === "host" ? String(req.headers.host).replace(/:\d+$/, "") : String(req.headers[name] ?? "");
  const canonicalHeaders = signed.map((name) => `${name}:${value(name).trim().toLowerCase()}\n`).join("");
  const url = new URL(req.url ?? "/", "http://stand-in");
  const canonicalRequest = [
    req.method,
    url.pathname,
    url.search.slice(1),
    canonicalHeaders,
    signedHeaders,
    sha256Hex(body),
  ].join("\n");
  const scope = `${date}/${service}/tc3_request`;
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const key = hmac(
    hmac(hmac(`TC3${TENCENT_TEST_CREDENTIALS.secretKey}`, date as string), service as string),
    "tc3_request",
  );
  return hmac(key, stringToSign).toString("hex") === signature ? null : "the signature does not match";
}

export async function startTencentFaceIdStandIn() {
  const sessions: StandInSession[] = [];
  const refusals: string[] = [];
  /** Scripted answers for the next calls of an action, before the normal ones. */
  const failNext: Record<string, (ApiError | { hangMs: number })[]> = {
    DetectAuth: [],
    GetDetectInfoEnhanced: [],
  };
  let base = "";

  const answer = (res: ServerResponse, response: Record<string, unknown>) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ Response: { ...response, RequestId: randomUUID() } }));
  };
  const error = (res: ServerResponse, e: ApiError) =>
    answer(res, { Error: { Code: e.code, Message: e.message } });
  const refuse = (res: ServerResponse, e: ApiError) => {
    refusals.push(`${e.code}: ${e.message}`);
    error(res, e);
  };
  const find = (bizToken: unknown) => sessions.find((s) => s.bizToken === bizToken);

  async function api(req: IncomingMessage, res: ServerResponse, body: Buffer) {
    const action = String(req.headers["x-tc-action"] ?? "");
    if (req.headers["x-tc-version"] !== "2018-03-01")
      return refuse(res, { code: "InvalidParameter", message: "X-TC-Version must be 2018-03-01" });
    if (!String(req.headers["content-type"]).startsWith("application/json"))
      return refuse(res, { code: "InvalidParameter", message: "JSON bodies only" });
    const problem = signatureProblem(req, body);
    if (problem) return refuse(res, { code: "AuthFailure.SignatureFailure", message: problem });
    const params = JSON.parse(body.toString("utf8") || "{}") as Record<string, unknown>;
    const scripted = failNext[action]?.shift();
    if (scripted && "hangMs" in scripted)
      await new Promise((resolve) => setTimeout(resolve, scripted.hangMs));
    else if (scripted) return error(res, scripted);

    if (action === "DetectAuth") {
      if (typeof params.RuleId !== "string" || !params.RuleId)
        return refuse(res, { code: "MissingParameter", message: "RuleId" });
      if (params.IdCard !== undefined && !/^\d{17}[\dX]$/.test(String(params.IdCard))) {
        return refuse(res, { code: "InvalidParameterValue", message: "IdCard" });
      }
      if (params.RedirectUrl !== undefined && !/^https?:\/\//.test(String(params.RedirectUrl))) {
        return refuse(res, { code: "InvalidParameterValue", message: "RedirectUrl" });
      }
      const session: StandInSession = {
        bizToken: randomUUID().toUpperCase(),
        ruleId: params.RuleId,
        idCard: params.IdCard as string | undefined,
        name: params.Name as string | undefined,
        redirectUrl: params.RedirectUrl as string | undefined,
        errCode: null,
        expired: false,
        fetched: 0,
      };
      sessions.push(session);
      return answer(res, { Url: `${base}/h5/detect?token=${session.bizToken}`, BizToken: session.bizToken });
    }
    if (action === "GetDetectInfoEnhanced") {
      if (params.InfoType !== "1") {
        return refuse(res, {
          code: "InvalidParameterValue",
          message: `InfoType ${String(params.InfoType)}: this stand-in serves text only`,
        });
      }
      const session = find(params.BizToken);
      if (!session)
        return error(res, { code: "InvalidParameterValue.BizTokenIllegal", message: "BizToken不合法。" });
      if (params.RuleId !== session.ruleId)
        return refuse(res, { code: "InvalidParameterValue", message: "RuleId is not the session's" });
      session.fetched++;
      if (session.expired)
        return error(res, { code: "InvalidParameterValue.BizTokenExpired", message: "BizToken过期。" });
      const verified = session.verified ?? { idCard: session.idCard ?? "", name: session.name ?? "" };
      const text =
        session.errCode === null
          ? { ErrCode: null, ErrMsg: null }
          : session.errCode === 0
            ? {
                ErrCode: 0,
                ErrMsg: "成功",
                IdCard: verified.idCard,
                Name: verified.name,
                LiveStatus: 0,
                Comparestatus: 0,
                Sim: "95.00",
              }
            : {
                ErrCode: session.errCode,
                ErrMsg: "活体检测未通过",
                IdCard: verified.idCard,
                Name: verified.name,
              };
      return answer(res, { Text: text, IdCardData: null, BestFrame: null, VideoData: null });
    }
    return refuse(res, { code: "InvalidAction", message: action });
  }

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", base);
    if (req.method === "POST" && url.pathname === "/") return api(req, res, Buffer.concat(chunks));
    // The vendor's H5 page: a button that finishes the check and goes back to RedirectUrl.
    const session = find(url.searchParams.get("token"));
    if (req.method === "GET" && url.pathname === "/h5/detect" && session) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(
        `<!doctype html><title>慧眼人脸核身（测试）</title><a id="finish" href="/h5/finish?token=${session.bizToken}">完成人脸核身</a>`,
      );
    }
    if (req.method === "GET" && url.pathname === "/h5/finish" && session?.redirectUrl) {
      session.errCode = 0;
      const back = new URL(session.redirectUrl);
      back.searchParams.set("token", session.bizToken);
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    endpoint: base,
    sessions,
    /** Requests refused for their signature or shape: a test expects none unless it provokes one. */
    refusals,
    /** The latest session opened for a check whose page is `redirectPath` (our /face-check/<token>). */
    sessionFor(token: string): StandInSession | undefined {
      return sessions.filter((s) => s.redirectUrl?.includes(token)).at(-1);
    },
    /** The person finished on the vendor's page: passed (as `as`, by default the named person) or not. */
    finish(
      session: StandInSession,
      outcome: { passed: true; as?: { idCard: string; name: string } } | { passed: false; errCode?: number },
    ) {
      if (outcome.passed) {
        session.errCode = 0;
        if (outcome.as) session.verified = outcome.as;
      } else session.errCode = outcome.errCode ?? 1003;
    },
    /** The vendor forgets the session (its BizToken expired). */
    expire(session: StandInSession) {
      session.expired = true;
    },
    /** The next calls of an action fail with these Tencent errors, or hang. */
    failNext(action: "DetectAuth" | "GetDetectInfoEnhanced", ...errors: (ApiError | { hangMs: number })[]) {
      failNext[action]!.push(...errors);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type TencentFaceIdStandIn = Awaited<ReturnType<typeof startTencentFaceIdStandIn>>;

/** Settings for the Tencent FaceID adapter pointed at the stand-in. */
export function tencentFaceIdEnv(standIn: TencentFaceIdStandIn): Record<string, string> {
  return {
    REAL_PERSON_AUTH_ADAPTER: "tencent-faceid",
    TENCENTCLOUD_SECRET_ID: TENCENT_TEST_CREDENTIALS.secretId,
    TENCENTCLOUD_SECRET_KEY: TENCENT_TEST_CREDENTIALS.secretKey,
    TENCENTCLOUD_FACEID_ENDPOINT: standIn.endpoint,
    TENCENTCLOUD_FACEID_RULE_ID: TEST_RULE_ID,
    TENCENTCLOUD_FACEID_LOGIN_RULE_ID: TEST_LOGIN_RULE_ID,
    TENCENTCLOUD_FACEID_TIMEOUT_MS: "1000",
    REAL_PERSON_VERDICT_POLL_MS: "200",
  };
}
