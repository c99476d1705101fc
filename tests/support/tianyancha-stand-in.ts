// A local stand-in for Tianyancha's open API 1116 (企业基本信息, GET /services/open/ic/baseinfo/normal)
// on 127.0.0.1, for the real business-registry adapter's tests. It checks what Tianyancha documents
// of a request (GET, the path, the contract's token as the Authorization header, the keyword) and
// answers as Tianyancha does, HTTP 200 with {error_code, reason, result}: a record, 300000 经查无结果
// for a keyword it does not know, 300009 账号信息有误 for a token it does not know, or what a test
// scripted for a USCC: another error_code, an HTTP status, or no answer at all (a timeout).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const TIANYANCHA_TEST_TOKEN = "3f0c1d2e-tyc-test-token";

/** An enterprise as the stand-in's registry holds it (the fields API 1116 answers that matter here). */
export type StandInEnterprise = {
  creditCode: string;
  name: string;
  legalPersonName: string;
  /** 登记状态 as Tianyancha writes it: 存续, 在业, 注销, "吊销，未注销", … */
  regStatus: string;
  /** Establishment date, epoch milliseconds. */
  estiblishTime: number;
};

/** The next answer for a USCC: a Tianyancha error_code, an HTTP status, or silence until `hangMs`. */
export type ScriptedAnswer =
  | { errorCode: number; reason?: string }
  | { httpStatus: number }
  | { hangMs: number };

/** What one request asked, as the stand-in received it. */
export type ReceivedLookup = { method: string; path: string; keyword: string | null; authorization: string };

function reply(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json;charset=UTF-8" });
  res.end(JSON.stringify(body));
}

/** API 1116's `result` for an enterprise: what the registry answers, with fields the adapter ignores. */
function baseInfo(enterprise: StandInEnterprise) {
  return {
    id: 22822,
    name: enterprise.name,
    alias: enterprise.name.slice(0, 4),
    creditCode: enterprise.creditCode,
    regNumber: "520100000123456",
    orgNumber: enterprise.creditCode.slice(8, 17),
    taxNumber: enterprise.creditCode,
    legalPersonName: enterprise.legalPersonName,
    type: 1,
    regStatus: enterprise.regStatus,
    estiblishTime: enterprise.estiblishTime,
    fromTime: enterprise.estiblishTime,
    toTime: null,
    approvedTime: enterprise.estiblishTime,
    cancelDate: null,
    revokeDate: null,
    regCapital: "1000万人民币",
    regInstitute: "贵阳市市场监督管理局",
    regLocation: "贵州省贵阳市云岩区中华北路1号",
    companyOrgType: "有限责任公司(自然人投资或控股)",
    businessScope: "软件开发；信息技术咨询服务",
    base: "gz",
    city: "贵阳市",
    district: "云岩区",
    historyNames: null,
    historyNameList: [],
    staffNumRange: "50-99人",
    socialStaffNum: 60,
    isMicroEnt: 1,
    updateTimes: 1_700_000_000_000,
  };
}

export async function startTianyanchaStandIn() {
  const enterprises = new Map<string, StandInEnterprise>();
  /** Keywords the registry matches to another enterprise (Tianyancha's keyword also matches names). */
  const aliases = new Map<string, string>();
  const scripts = new Map<string, ScriptedAnswer[]>();
  const received: ReceivedLookup[] = [];
  const hanging = new Set<ServerResponse>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const keyword = url.searchParams.get("keyword");
    const authorization = String(req.headers.authorization ?? "");
    received.push({ method: req.method ?? "", path: url.pathname, keyword, authorization });
    if (url.pathname !== "/services/open/ic/baseinfo/normal") {
      return reply(res, 200, { error_code: 300010, reason: "URL不存在", result: null });
    }
    if (req.method !== "GET") return reply(res, 405, { error_code: 300001, reason: "请求失败" });
    if (authorization !== TIANYANCHA_TEST_TOKEN) {
      return reply(res, 200, { error_code: 300009, reason: "账号信息有误", result: null });
    }
    if (!keyword) return reply(res, 200, { error_code: 300008, reason: "缺少必要参数", result: null });
    const scripted = scripts.get(keyword)?.shift();
    if (scripted && "hangMs" in scripted) {
      hanging.add(res);
      setTimeout(() => {
        hanging.delete(res);
        if (!res.writableEnded) reply(res, 200, { error_code: 300001, reason: "请求失败" });
      }, scripted.hangMs).unref();
      return;
    }
    if (scripted && "httpStatus" in scripted) {
      res.writeHead(scripted.httpStatus, { "content-type": "text/html" });
      return res.end("<html><body>Service Temporarily Unavailable</body></html>");
    }
    if (scripted) {
      return reply(res, 200, { error_code: scripted.errorCode, reason: scripted.reason ?? "", result: null });
    }
    const enterprise = enterprises.get(aliases.get(keyword) ?? keyword);
    if (!enterprise) return reply(res, 200, { error_code: 300000, reason: "经查无结果", result: null });
    return reply(res, 200, { error_code: 0, reason: "ok", result: baseInfo(enterprise) });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    /** Every request, in order. */
    received,
    /** Puts an enterprise in the stand-in's registry (found by its USCC). */
    add(enterprise: StandInEnterprise) {
      enterprises.set(enterprise.creditCode, enterprise);
    },
    /** Makes a keyword answer another enterprise's record, as a loose keyword match does. */
    alias(keyword: string, creditCode: string) {
      aliases.set(keyword, creditCode);
    },
    /** The answers the next lookups of this USCC get, in order (then the registry's). */
    script(uscc: string, ...answers: ScriptedAnswer[]) {
      scripts.set(uscc, [...(scripts.get(uscc) ?? []), ...answers]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
      }),
  };
}

export type TianyanchaStandIn = Awaited<ReturnType<typeof startTianyanchaStandIn>>;

/** Settings for the Tianyancha adapter pointed at the stand-in. */
export function tianyanchaEnv(standIn: TianyanchaStandIn): Record<string, string> {
  return {
    BUSINESS_REGISTRY_ADAPTER: "tianyancha",
    TIANYANCHA_TOKEN: TIANYANCHA_TEST_TOKEN,
    TIANYANCHA_ENDPOINT: standIn.endpoint,
  };
}
