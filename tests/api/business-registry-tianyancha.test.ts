// Issue 11, the real business-registry adapter (R2, R28): Tianyancha's API 1116 企业基本信息 through
// Node's fetch, pointed at a local stand-in of Tianyancha's HTTP API. Its answers become the port's:
// a record (the legal representative's ID number not disclosed: null), null for no such enterprise,
// RegistryUnavailableError for no answer (retried, then manual review) and RegistryCredentialsError
// for what only the operators can mend, logged with the vendor's code; never a silent pass.
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareWithRegistry } from "../../domain/registry-comparison.js";
import { ConfigError, loadConfig } from "../../lib/config.js";
import { RegistryCredentialsError, RegistryUnavailableError } from "../../lib/ports/business-registry.js";
import { createPorts } from "../../lib/ports/index.js";
import { testConfig } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import {
  startTianyanchaStandIn,
  TIANYANCHA_TEST_TOKEN,
  type TianyanchaStandIn,
  tianyanchaEnv,
} from "../support/tianyancha-stand-in.js";

let database: TestDatabase;
let standIn: TianyanchaStandIn;

beforeAll(async () => {
  [database, standIn] = await Promise.all([createTestDatabase(), startTianyanchaStandIn()]);
});
afterAll(async () => {
  await standIn.close();
  await database.close();
});

/** The log lines the adapter wrote, parsed. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: "info" }, stream), lines };
}

/** The registry the ports build from configuration, pointed at the stand-in. */
function registry(overrides: Record<string, string> = {}) {
  const { logger, lines } = capturedLogger();
  const config = testConfig(database, {
    env: { ...tianyanchaEnv(standIn), TIANYANCHA_TIMEOUT_MS: "400", ...overrides },
  });
  return { registry: createPorts(config, database.db, logger).businessRegistry, lines };
}

let serial = 0;
/** A USCC of its own per test (the format is all the stand-in needs). */
const newUscc = () => `91520102MA6D${String(100000 + ++serial).slice(-5)}X`;
const enterprise = (overrides: { regStatus?: string } = {}) => {
  const creditCode = newUscc();
  standIn.add({
    creditCode,
    name: "贵州云上数据科技有限公司",
    legalPersonName: "王建国",
    regStatus: overrides.regStatus ?? "存续（在营、开业、在册）",
    // 2015-03-09 00:00 China time: the vendor's epoch milliseconds.
    estiblishTime: Date.UTC(2015, 2, 8, 16, 0, 0),
  });
  return creditCode;
};

async function refusal(lookup: Promise<unknown>) {
  const error = await lookup.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RegistryUnavailableError);
  return error as RegistryUnavailableError;
}

const lookups = (uscc: string) => standIn.received.filter((r) => r.keyword === uscc);

describe("R2: the real business registry (Tianyancha API 1116) against a stand-in of its HTTP API", () => {
  it("R2: a registered enterprise is found by its USCC, asked as Tianyancha documents; the legal representative's ID number is not disclosed (null)", async () => {
    const uscc = enterprise();
    const record = await registry().registry.lookup(uscc);
    expect(record).toEqual({
      uscc,
      name: "贵州云上数据科技有限公司",
      legalRepName: "王建国",
      legalRepIdNumber: null,
      status: "IN_BUSINESS",
      registryStatus: "存续（在营、开业、在册）",
      registeredOn: "2015-03-09",
      regionCode: null,
    });
    expect(lookups(uscc)).toEqual([
      {
        method: "GET",
        path: "/services/open/ic/baseinfo/normal",
        keyword: uscc,
        authorization: TIANYANCHA_TEST_TOKEN,
      },
    ]);
  });

  it("R2: the record compares as a match on the disclosed facts; the ID number is 'not provided', neither a match nor a mismatch", async () => {
    const uscc = enterprise();
    const record = await registry().registry.lookup(uscc);
    const submitted = {
      uscc,
      unitName: "贵州云上数据科技有限公司",
      legalRepName: "王建国",
      legalRepIdNumber: "520102199003071236",
    };
    expect(compareWithRegistry(submitted, record)).toEqual({
      outcome: "MATCH",
      mismatchedFields: [],
      notProvidedFields: ["legalRepIdNumber"],
    });
    // The control: a differing name is still a mismatch, and the ID number still not compared.
    expect(compareWithRegistry({ ...submitted, legalRepName: "王建军" }, record)).toEqual({
      outcome: "MISMATCH",
      mismatchedFields: ["legalRepName"],
      notProvidedFields: ["legalRepIdNumber"],
    });
  });

  it("R2: an unknown USCC (300000 经查无结果) is no record: null, so the registration goes to manual review as not found", async () => {
    const uscc = newUscc();
    expect(await registry().registry.lookup(uscc)).toBeNull();
    expect(lookups(uscc)).toHaveLength(1);
    // The same when a gateway passes the code on as a string.
    const known = enterprise();
    standIn.script(known, { errorCode: "300000" as unknown as number });
    expect(await registry().registry.lookup(known)).toBeNull();
  });

  it("R2: a deregistered enterprise (注销), and one whose licence is revoked (吊销，未注销), are DEREGISTERED; the registry's wording is kept", async () => {
    const { registry: tyc } = registry();
    for (const regStatus of ["注销", "吊销，未注销", "吊销，已注销", "撤销", "停业", "清算"]) {
      const record = await tyc.lookup(enterprise({ regStatus }));
      expect(record).toMatchObject({ status: "DEREGISTERED", registryStatus: regStatus });
    }
    for (const regStatus of ["存续", "在业", "开业", "迁入"]) {
      expect(await tyc.lookup(enterprise({ regStatus }))).toMatchObject({ status: "IN_BUSINESS" });
    }
    const uscc = enterprise({ regStatus: "注销" });
    const record = await tyc.lookup(uscc);
    expect(
      compareWithRegistry(
        {
          uscc,
          unitName: "贵州云上数据科技有限公司",
          legalRepName: "王建国",
          legalRepIdNumber: "520102199003071236",
        },
        record,
      ).outcome,
    ).toBe("DEREGISTERED");
  });

  it("R2: a throttled answer (300004 访问频率过快, or HTTP 429) is no answer: RegistryUnavailableError, worth retrying", async () => {
    const uscc = enterprise();
    standIn.script(uscc, { errorCode: 300004, reason: "访问频率过快" }, { httpStatus: 429 });
    const { registry: tyc, lines } = registry();
    const throttled = await refusal(tyc.lookup(uscc));
    expect(throttled).not.toBeInstanceOf(RegistryCredentialsError);
    expect(throttled.vendorCode).toBe("300004");
    const tooMany = await refusal(tyc.lookup(uscc));
    expect(tooMany).not.toBeInstanceOf(RegistryCredentialsError);
    expect(tooMany.vendorCode).toBe("HTTP_429");
    expect(lines.map((l) => [l.level, l.vendorCode])).toEqual([
      [40, "300004"],
      [40, "HTTP_429"],
    ]);
    // The retry that follows gets the record.
    expect(await tyc.lookup(uscc)).toMatchObject({ uscc, status: "IN_BUSINESS" });
  });

  it("R2: a server error (HTTP 502, or 300001 请求失败) is no answer: RegistryUnavailableError", async () => {
    const uscc = enterprise();
    standIn.script(uscc, { httpStatus: 502 }, { errorCode: 300001, reason: "请求失败" });
    const { registry: tyc } = registry();
    const gateway = await refusal(tyc.lookup(uscc));
    expect(gateway).not.toBeInstanceOf(RegistryCredentialsError);
    expect(gateway.vendorCode).toBe("HTTP_502");
    expect((await refusal(tyc.lookup(uscc))).vendorCode).toBe("300001");
    expect(await tyc.lookup(uscc)).toMatchObject({ uscc });
  });

  it("R2: a registry that does not answer within TIANYANCHA_TIMEOUT_MS is no answer: RegistryUnavailableError (TIMEOUT), not a hang", async () => {
    const uscc = enterprise();
    standIn.script(uscc, { hangMs: 5000 });
    const started = Date.now();
    const timedOut = await refusal(registry({ TIANYANCHA_TIMEOUT_MS: "300" }).registry.lookup(uscc));
    expect(timedOut.vendorCode).toBe("TIMEOUT");
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it("R2: wrong credentials (300009 账号信息有误) are never a pass: RegistryCredentialsError, not retried, logged as an error naming TIANYANCHA_TOKEN", async () => {
    const uscc = enterprise();
    const { registry: tyc, lines } = registry({ TIANYANCHA_TOKEN: "not-the-contract-token" });
    const refused = await refusal(tyc.lookup(uscc));
    expect(refused).toBeInstanceOf(RegistryCredentialsError);
    expect(refused.vendorCode).toBe("300009");
    expect(lines).toEqual([
      expect.objectContaining({ level: 50, registry: "tianyancha", vendorCode: "300009" }),
    ]);
    expect(String(lines[0]?.detail)).toContain("TIANYANCHA_TOKEN");
    // The contract's other refusals are the operators' too.
    for (const errorCode of [300002, 300003, 300005, 300006, 300007, 300011]) {
      standIn.script(uscc, { errorCode });
      const contract = await refusal(registry().registry.lookup(uscc));
      expect(contract).toBeInstanceOf(RegistryCredentialsError);
      expect(contract.vendorCode).toBe(String(errorCode));
    }
  });

  it("R2: an endpoint that is not Tianyancha's API (300010 URL不存在) is the operators' to mend as well", async () => {
    const uscc = enterprise();
    // A path prefix is kept (a gateway in front of the platform): here it leads nowhere.
    const refused = await refusal(
      registry({ TIANYANCHA_ENDPOINT: `${standIn.endpoint}/gateway/` }).registry.lookup(uscc),
    );
    expect(standIn.received.at(-1)?.path).toBe("/gateway/services/open/ic/baseinfo/normal");
    expect(refused).toBeInstanceOf(RegistryCredentialsError);
    expect(refused.vendorCode).toBe("300010");
  });

  it("R2: a record answered for another USCC (the keyword also matches names) is no record of this one", async () => {
    const other = enterprise();
    const uscc = newUscc();
    standIn.alias(uscc, other);
    const { registry: tyc, lines } = registry();
    expect(await tyc.lookup(uscc)).toBeNull();
    expect(lines).toEqual([expect.objectContaining({ level: 40, answeredFor: other })]);
    // The control: the other enterprise's own USCC finds it.
    expect(await tyc.lookup(other)).toMatchObject({ uscc: other });
  });
});

describe("R28: the real registry's configuration", () => {
  it("R28: BUSINESS_REGISTRY_ADAPTER=tianyancha without TIANYANCHA_TOKEN is refused at start-up, in any mode", () => {
    for (const APP_ENV of ["development", "production"]) {
      expect(() => loadConfig({ APP_ENV, BUSINESS_REGISTRY_ADAPTER: "tianyancha" })).toThrow(ConfigError);
      expect(() => loadConfig({ APP_ENV, BUSINESS_REGISTRY_ADAPTER: "tianyancha" })).toThrow(
        /TIANYANCHA_TOKEN: required by BUSINESS_REGISTRY_ADAPTER=tianyancha/,
      );
    }
    expect(() =>
      loadConfig({
        BUSINESS_REGISTRY_ADAPTER: "tianyancha",
        TIANYANCHA_TOKEN: "t",
        TIANYANCHA_ENDPOINT: "ftp://x",
      }),
    ).toThrow(/TIANYANCHA_ENDPOINT/);
    expect(
      loadConfig({ BUSINESS_REGISTRY_ADAPTER: "tianyancha", TIANYANCHA_TOKEN: " t0k3n " }).tianyancha,
    ).toEqual({ token: "t0k3n", endpoint: "https://open.api.tianyancha.com", timeoutMs: 10_000 });
  });
});
