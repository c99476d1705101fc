// The real real-person adapter: Tencent Cloud FaceID (慧眼人脸核身, API 2018-03-01) through its
// official SDK. Tencent because its DetectAuth flow is a page on the vendor's side (微信 H5, or the
// 贵州人社 mini program with the same BizToken): our server starts a session with the identity to
// check and a page to come back to, and afterwards asks the vendor itself for the verdict
// (GetDetectInfoEnhanced). The browser never reports a verdict.
//
// Personal information: only the text result is requested (InfoType 1), so no face image, video or
// ID-card photo ever leaves the vendor; the verified identity is compared and dropped.
import type { Client as FaceIdClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/faceid/v20180301/faceid_client.js";
import { AppError } from "../../domain/errors.js";
import type { TencentFaceIdConfig } from "../config.js";
import type { Database } from "../database.js";
import {
  type CheckSubject,
  createVendorRealPersonAuth,
  type FaceCheckVendor,
  faceCheckPageUrl,
  type RealPersonAuth,
  type VendorVerdict,
} from "./real-person-auth.js";

/** The vendor's codes for a BizToken it no longer knows: the session is over without a verdict. */
const SESSION_OVER = /^InvalidParameterValue\.BizToken(Expired|Illegal)$/;
/** "Only text": the verdict and the verified name and ID number, never images or video. */
const TEXT_ONLY = "1";

function unavailable(error: unknown): AppError {
  const e = error as { code?: unknown; message?: unknown };
  const vendorCode = typeof e.code === "string" && e.code ? e.code : "NETWORK";
  return new AppError("REAL_PERSON_VENDOR_UNAVAILABLE", {
    details: { vendorCode },
    cause: error,
  });
}

/** The vendor side of Tencent FaceID; `endpoint` may point at a private endpoint or a test stand-in. */
export function createTencentFaceIdVendor(config: TencentFaceIdConfig, publicUrl: string): FaceCheckVendor {
  const endpoint = new URL(config.endpoint);
  // The SDK is loaded on the first session, not at start-up: importing it costs ~50 ms of CPU in
  // every worker and API start, also where no face check is ever made (issue 14, worker start-up).
  let loaded: Promise<FaceIdClient> | undefined;
  const faceId = () =>
    (loaded ??= import(
      "tencentcloud-sdk-nodejs/tencentcloud/services/faceid/v20180301/faceid_client.js"
    ).then(
      ({ Client }) =>
        new Client({
          credential: { secretId: config.secretId, secretKey: config.secretKey },
          profile: {
            httpProfile: {
              endpoint: endpoint.host,
              protocol: `${endpoint.protocol}//`,
              reqTimeout: config.timeoutMs / 1000,
            },
          },
        }),
    ));
  // A QR login knows nobody yet: its flow lets the person give their identity on the vendor's page.
  const ruleOf = (purpose: CheckSubject["purpose"]) =>
    purpose === "QR_LOGIN" ? config.loginRuleId : config.ruleId;

  return {
    name: "tencent-faceid",
    pollIntervalMs: config.pollIntervalMs,
    async openSession(check) {
      try {
        const answer = await (await faceId()).DetectAuth({
          RuleId: ruleOf(check.purpose),
          IdCard: check.subjectIdNumber ?? undefined,
          Name: check.subjectName ?? undefined,
          // Where the vendor's page sends the person back: our page, which shows the verdict we fetch.
          RedirectUrl: faceCheckPageUrl(publicUrl, check.token),
        });
        if (!answer.BizToken || !answer.Url) throw new Error("DetectAuth answered without BizToken or Url");
        return {
          reference: answer.BizToken,
          url: answer.Url,
          expiresAt: new Date(Date.now() + config.sessionSeconds * 1000).toISOString(),
        };
      } catch (error) {
        throw unavailable(error);
      }
    },
    async fetchVerdict(session): Promise<VendorVerdict> {
      let answer: Awaited<ReturnType<FaceIdClient["GetDetectInfoEnhanced"]>>;
      try {
        answer = await (await faceId()).GetDetectInfoEnhanced({
          BizToken: session.reference,
          RuleId: ruleOf(session.purpose),
          InfoType: TEXT_ONLY,
        });
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (typeof code === "string" && SESSION_OVER.test(code)) return { outcome: "SESSION_ENDED" };
        throw unavailable(error);
      }
      const text = answer.Text;
      // No final result yet: the person is still on the vendor's page (or has not opened it).
      if (text?.ErrCode === undefined || text.ErrCode === null) return { outcome: "PENDING" };
      if (text.ErrCode === 0) {
        return {
          outcome: "PASSED",
          vendorCode: "0",
          identity: { idNumber: (text.IdCard ?? "").toUpperCase(), name: text.Name ?? "" },
        };
      }
      return { outcome: "FAILED", vendorCode: String(text.ErrCode), vendorMessage: text.ErrMsg ?? "" };
    },
  };
}

export function createTencentRealPersonAuth(
  db: Database,
  publicUrl: string,
  config: TencentFaceIdConfig,
): RealPersonAuth {
  return createVendorRealPersonAuth(db, publicUrl, createTencentFaceIdVendor(config, publicUrl));
}
