// The real business-registry adapter: 天眼查开放平台 (Tianyancha Open Platform), API 1116
// 企业基本信息 (GET /services/open/ic/baseinfo/normal?keyword=<USCC>, the contract's token in the
// Authorization header), through Node's fetch.
//
// Why Tianyancha: it is contracted by government departments and enterprises alike (also through
// the Huawei Cloud and Aliyun marketplaces, which provincial departments already buy from), one
// documented GET answers from the market-regulation data by USCC with the unit's name, the legal
// representative's name, its registration state and establishment date, and its error codes say
// plainly which answers are "no such enterprise", "too fast" and "your contract is not valid".
// There is no vendor SDK worth adding for one GET. Like every commercial registry it does not
// disclose the legal representative's ID number: the record says so (null), R2 compares the other
// facts, and the legal representative's ID number is proven by the R3 face check, where the vendor
// checks name and ID number against the national identity authority.
//
// Personal information: only the USCC is sent; the legal representative's name comes back.
import type { TianyanchaConfig } from "../config.js";
import type { Logger } from "../logger.js";
import {
  type BusinessRegistry,
  RegistryCredentialsError,
  type RegistryRecord,
  RegistryUnavailableError,
} from "./business-registry.js";

/** The one API this adapter calls (API 1116, 企业基本信息). */
export const TIANYANCHA_BASEINFO_PATH = "/services/open/ic/baseinfo/normal";

/** Tianyancha's `error_code`s, as its open platform documents them. */
export const TIANYANCHA_CODES = {
  OK: 0,
  /** 经查无结果: the registry has no enterprise for the keyword. */
  NO_RESULT: 300000,
  /** 请求失败. */
  FAILED: 300001,
  /** 账号失效. */
  ACCOUNT_INVALID: 300002,
  /** 账号过期. */
  ACCOUNT_EXPIRED: 300003,
  /** 访问频率过快. */
  TOO_FAST: 300004,
  /** 无权限访问此api: the contract does not include API 1116. */
  API_NOT_GRANTED: 300005,
  /** 余额不足. */
  BALANCE_EXHAUSTED: 300006,
  /** 剩余次数不足. */
  CALLS_EXHAUSTED: 300007,
  /** 缺少必要参数. */
  PARAMETER_MISSING: 300008,
  /** 账号信息有误 (the token is not one of the platform's). */
  ACCOUNT_WRONG: 300009,
  /** URL不存在 (a wrong endpoint or path). */
  URL_UNKNOWN: 300010,
  /** 此IP无权限访问此api (the contract's address allow-list). */
  ADDRESS_NOT_ALLOWED: 300011,
} as const;

/**
 * Answers only the operators can mend (token, contract, balance, address allow-list, endpoint):
 * retrying does not help, so the registration goes to manual review at once and the log says why.
 */
const CONTRACT_PROBLEMS: ReadonlyMap<number, string> = new Map([
  [TIANYANCHA_CODES.ACCOUNT_INVALID, "the account of TIANYANCHA_TOKEN is no longer valid (账号失效)"],
  [TIANYANCHA_CODES.ACCOUNT_EXPIRED, "the account of TIANYANCHA_TOKEN has expired (账号过期)"],
  [TIANYANCHA_CODES.ACCOUNT_WRONG, "TIANYANCHA_TOKEN is not a token the platform knows (账号信息有误)"],
  [TIANYANCHA_CODES.API_NOT_GRANTED, "the contract does not include API 1116 企业基本信息 (无权限访问此api)"],
  [TIANYANCHA_CODES.BALANCE_EXHAUSTED, "the contract's balance is used up (余额不足)"],
  [TIANYANCHA_CODES.CALLS_EXHAUSTED, "the contract's calls are used up (剩余次数不足)"],
  [
    TIANYANCHA_CODES.ADDRESS_NOT_ALLOWED,
    "this server's address is not on the contract's allow-list (此IP无权限)",
  ],
  [TIANYANCHA_CODES.URL_UNKNOWN, "TIANYANCHA_ENDPOINT does not serve API 1116 (URL不存在)"],
  [TIANYANCHA_CODES.PARAMETER_MISSING, "the request lacked a parameter the API requires (缺少必要参数)"],
]);

/**
 * Registration states (登记状态) in which an enterprise exists and may operate. The registry writes
 * them with variants ("存续（在营、开业、在册）"); anything else (注销, 吊销, 撤销, 迁出, 停业, 清算, …,
 * or a state this list does not know) is not in business and goes to a reviewer, never a silent pass.
 */
const IN_BUSINESS_STATES = /^(存续|在业|在营|开业|在册|正常|迁入)/;

/** The part of API 1116's `result` this adapter reads. */
type BaseInfo = {
  name?: unknown;
  creditCode?: unknown;
  legalPersonName?: unknown;
  regStatus?: unknown;
  /** Establishment date, epoch milliseconds (the vendor's own spelling). */
  estiblishTime?: unknown;
};

type Answer = { error_code?: unknown; reason?: unknown; result?: unknown };

const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");

/** Epoch milliseconds as the China date (YYYY-MM-DD) they fall on; "" when absent. */
function chinaDate(ms: unknown): string {
  if (typeof ms !== "number" || !Number.isFinite(ms)) return "";
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The registry's registration state (登记状态) as IN_BUSINESS or DEREGISTERED (not in business). */
export function tianyanchaStatus(regStatus: string): RegistryRecord["status"] {
  return IN_BUSINESS_STATES.test(regStatus.trim()) ? "IN_BUSINESS" : "DEREGISTERED";
}

/** API 1116's `result` as the port's record; the legal representative's ID number is not disclosed. */
export function tianyanchaRecord(uscc: string, info: BaseInfo): RegistryRecord {
  const registryStatus = text(info.regStatus);
  return {
    uscc,
    name: text(info.name),
    legalRepName: text(info.legalPersonName),
    legalRepIdNumber: null,
    status: tianyanchaStatus(registryStatus),
    registryStatus,
    registeredOn: chinaDate(info.estiblishTime),
    regionCode: null,
  };
}

export type TianyanchaRegistryOptions = TianyanchaConfig & { logger?: Logger };

/**
 * The business registry on Tianyancha's API 1116. `lookup` answers the record, null for 经查无结果,
 * and throws RegistryUnavailableError for anything that is no answer (throttled, outage, timeout,
 * an unreadable answer), RegistryCredentialsError (a RegistryUnavailableError that is not worth
 * retrying) for what only the operators can mend; both are logged with the vendor's code.
 */
export function createTianyanchaBusinessRegistry(options: TianyanchaRegistryOptions): BusinessRegistry {
  // The endpoint may carry a path prefix (a gateway in front of the platform): the API's path follows it.
  const base = options.endpoint.replace(/\/+$/, "");
  const url = (uscc: string) => {
    const target = new URL(`${base}${TIANYANCHA_BASEINFO_PATH}`);
    target.searchParams.set("keyword", uscc);
    return target;
  };

  const unavailable = (vendorCode: string, detail: string, cause?: unknown) => {
    options.logger?.warn({ registry: "tianyancha", vendorCode, detail }, "Business registry did not answer");
    return new RegistryUnavailableError(`The business registry did not answer (${vendorCode}: ${detail})`, {
      cause,
      vendorCode,
    });
  };
  const contractProblem = (vendorCode: string, detail: string) => {
    options.logger?.error(
      { registry: "tianyancha", vendorCode, detail },
      "Business registry refused this platform's credentials: registrations go to manual review until the operators mend it",
    );
    return new RegistryCredentialsError(
      `The business registry refused the request (${vendorCode}: ${detail})`,
      {
        vendorCode,
      },
    );
  };

  return {
    async lookup(uscc) {
      let response: Response;
      let body: string;
      try {
        response = await fetch(url(uscc), {
          headers: { Authorization: options.token, Accept: "application/json" },
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        body = await response.text();
      } catch (error) {
        const timedOut = (error as { name?: unknown }).name === "TimeoutError";
        throw unavailable(
          timedOut ? "TIMEOUT" : "NETWORK",
          timedOut ? `no answer within ${options.timeoutMs} ms` : String(error),
          error,
        );
      }
      if (response.status === 401 || response.status === 403) {
        throw contractProblem(`HTTP_${response.status}`, "the token was refused");
      }
      if (!response.ok) {
        const detail = response.status === 429 ? "throttled" : `HTTP status ${response.status}`;
        throw unavailable(`HTTP_${response.status}`, detail);
      }
      let answer: Answer;
      try {
        answer = JSON.parse(body) as Answer;
      } catch (error) {
        throw unavailable("UNREADABLE", "the answer is not JSON", error);
      }
      // A number as documented; a gateway may pass it on as a string of digits.
      const raw = answer?.error_code;
      const code = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : raw;
      const reason = text(answer?.reason);
      if (code === TIANYANCHA_CODES.NO_RESULT) return null;
      if (typeof code === "number" && CONTRACT_PROBLEMS.has(code)) {
        throw contractProblem(String(code), CONTRACT_PROBLEMS.get(code) ?? reason);
      }
      if (code !== TIANYANCHA_CODES.OK) {
        const detail =
          code === TIANYANCHA_CODES.TOO_FAST ? "throttled (访问频率过快)" : reason || "no reason given";
        throw unavailable(String(code ?? "NO_CODE"), detail);
      }
      const info = answer.result;
      if (!info || typeof info !== "object") throw unavailable("UNREADABLE", "error_code 0 without a result");
      const record = tianyanchaRecord(uscc, info as BaseInfo);
      // The keyword also matches names and registration numbers: only the enterprise holding this
      // USCC is its record (a USCC the registry does not hold is no record, as 经查无结果).
      const creditCode = text((info as BaseInfo).creditCode).toUpperCase();
      if (creditCode !== uscc.toUpperCase()) {
        options.logger?.warn(
          { registry: "tianyancha", answeredFor: creditCode || "(none)" },
          "Business registry answered for another USCC: taken as no record",
        );
        return null;
      }
      if (!record.name) throw unavailable("UNREADABLE", "the record has no enterprise name");
      return record;
    },
  };
}
