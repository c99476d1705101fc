// Issue 11 item 1, R28: two modes, one switch (APP_ENV). Production refuses to start with any
// development stand-in (SMS outbox, simulated mobile app, registry fixture), proven by starting the
// real API process; it never mounts their routes; in development the outbox is the platform
// operator's alone, and GET /api/environment tells the console to show its 开发环境 ribbon.
import { type ChildProcess, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SEED_PASSWORD } from "../../lib/config.js";
import { SMS_TEMPLATES } from "../../lib/ports/sms-templates.js";
import { PROVINCIAL_HR_NAME, seedBaseline } from "../../prisma/seed/seed.js";
import { ALIYUN_TEST_CREDENTIALS } from "../support/aliyun-sms-stand-in.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createPerson, createUnit } from "../support/people.js";
import { ORIGIN, postJson } from "../support/registration.js";
import { TENCENT_TEST_CREDENTIALS } from "../support/tencent-faceid-stand-in.js";
import { TIANYANCHA_TEST_TOKEN } from "../support/tianyancha-stand-in.js";

let database: TestDatabase;
let operatorId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const people = await seedBaseline(database.db, "Guizhou@2026");
  const operator = people.find((p) => p.role === "PLATFORM_OPERATOR" && p.unitName === PROVINCIAL_HR_NAME)!;
  operatorId = (await database.db.person.findUniqueOrThrow({ where: { idNumber: operator.idNumber } })).id;
});
afterAll(() => database.close());

// ── Start-up, as an operator starts the API process ──────────────────────────────────────────────

/** A real Aliyun SMS configuration: credentials, signature and a template code for every kind. */
const realSms = (omit?: string): Record<string, string> => ({
  SMS_ADAPTER: "aliyun",
  ALIYUN_SMS_ACCESS_KEY_ID: ALIYUN_TEST_CREDENTIALS.accessKeyId,
  ALIYUN_SMS_ACCESS_KEY_SECRET: ALIYUN_TEST_CREDENTIALS.accessKeySecret,
  ALIYUN_SMS_SIGN_NAME: "贵州人社",
  ...Object.fromEntries(
    SMS_TEMPLATES.filter((kind) => kind !== omit).map((kind, i) => [
      `ALIYUN_SMS_TEMPLATE_${kind}`,
      `SMS_${500600700 + i}`,
    ]),
  ),
});
const realFaceCheck: Record<string, string> = {
  REAL_PERSON_AUTH_ADAPTER: "tencent-faceid",
  TENCENTCLOUD_SECRET_ID: TENCENT_TEST_CREDENTIALS.secretId,
  TENCENTCLOUD_SECRET_KEY: TENCENT_TEST_CREDENTIALS.secretKey,
  TENCENTCLOUD_FACEID_RULE_ID: "1",
};

/** A real business registry: Tianyancha's API 1116 with the contract's token. */
const realRegistry: Record<string, string> = {
  BUSINESS_REGISTRY_ADAPTER: "tianyancha",
  TIANYANCHA_TOKEN: TIANYANCHA_TEST_TOKEN,
};

type Run = { exitCode: number | null; stdout: string; stderr: string; listening: boolean };

/** Starts an entry point with only these settings; resolves when it exits or once it listens (then stops it). */
function run(
  entry: "api/server.ts" | "lib/run-worker.ts" | "scripts/migrate.ts" | "scripts/seed.ts",
  // A setting given as undefined is left out of the child's environment.
  settings: Record<string, string | undefined>,
  args: string[] = [],
): Promise<Run> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", entry, ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: database.dir,
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: "127.0.0.1:1",
      HOST: "127.0.0.1",
      PORT: "0",
      // An operator's own seed password: the published default is refused in production (below).
      SEED_PASSWORD: "Own-Seed@2026",
      PUBLIC_URL: "https://zc.example.gov.cn",
      ...settings,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const result: Run = { exitCode: null, stdout: "", stderr: "", listening: false };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${entry} neither exited nor listened: ${result.stdout}${result.stderr}`));
    }, 45_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      result.stdout += chunk.toString();
      if (!result.listening && result.stdout.includes("API and console listening")) {
        result.listening = true;
        child.kill("SIGTERM");
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      result.stderr += chunk.toString();
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      result.exitCode = code;
      resolve(result);
    });
  });
}

/** The refusal's lines: one per setting to change. */
const refusedSettings = (stderr: string) =>
  stderr
    .split("\n")
    .filter((line) => /^\s{2}\S/.test(line))
    .map((line) => line.trim().split(":")[0]);

describe("R28: production refuses the development stand-ins at start-up", () => {
  it("R28: development (the default) starts with the stand-ins: the same command listens", async () => {
    const started = await run("api/server.ts", {});
    expect(started.listening).toBe(true);
    expect(started.stderr).not.toContain("refuses");
  });

  it("R28: production refuses to start with the SMS outbox adapter", async () => {
    const refused = await run("api/server.ts", {
      APP_ENV: "production",
      SMS_ADAPTER: "outbox",
      ...realFaceCheck,
    });
    expect(refused).toMatchObject({ exitCode: 78, listening: false });
    expect(refused.stderr).toContain("APP_ENV=production refuses to start with development stand-ins (R28)");
    expect(refusedSettings(refused.stderr)).toEqual([
      "SMS_ADAPTER=outbox",
      "BUSINESS_REGISTRY_ADAPTER=fixture",
    ]);
    expect(refused.stderr).toContain("set SMS_ADAPTER=aliyun");
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  });

  it("R28: production refuses to start with the simulated real-person adapter", async () => {
    const refused = await run("api/server.ts", {
      APP_ENV: "production",
      REAL_PERSON_AUTH_ADAPTER: "simulated",
      ...realSms(),
    });
    expect(refused).toMatchObject({ exitCode: 78, listening: false });
    expect(refusedSettings(refused.stderr)).toEqual([
      "REAL_PERSON_AUTH_ADAPTER=simulated",
      "BUSINESS_REGISTRY_ADAPTER=fixture",
    ]);
    expect(refused.stderr).toContain("set REAL_PERSON_AUTH_ADAPTER=tencent-faceid");
  });

  it("R28: production refuses to start with the registry fixture, even with real SMS and face checks", async () => {
    const refused = await run("api/server.ts", { APP_ENV: "production", ...realSms(), ...realFaceCheck });
    expect(refused).toMatchObject({ exitCode: 78, listening: false });
    expect(refusedSettings(refused.stderr)).toEqual(["BUSINESS_REGISTRY_ADAPTER=fixture"]);
    expect(refused.stderr).toContain("set BUSINESS_REGISTRY_ADAPTER=tianyancha");
  });

  it("R28: production starts with real adapters only: Aliyun SMS, Tencent FaceID and the Tianyancha registry", async () => {
    const started = await run("api/server.ts", {
      APP_ENV: "production",
      ...realSms(),
      ...realFaceCheck,
      ...realRegistry,
    });
    expect(started.listening).toBe(true);
    expect(started.stderr).not.toContain("refuses");
  });

  it("R28: production refuses the published default seed password and the fictional demo data, even with real adapters", async () => {
    const refused = await run("api/server.ts", {
      APP_ENV: "production",
      ...realSms(),
      ...realFaceCheck,
      ...realRegistry,
      SEED_PASSWORD: DEFAULT_SEED_PASSWORD,
      DEMO_DATA: "true",
    });
    expect(refused).toMatchObject({ exitCode: 78, listening: false });
    expect(refusedSettings(refused.stderr)).toEqual(["SEED_PASSWORD", "DEMO_DATA=true (or --demo)"]);
    expect(refused.stderr).toContain("set SEED_PASSWORD to one of your own");
    // `npm start -- --demo` and `npm run db:seed -- --demo` are DEMO_DATA spelled as an argument.
    const seeded = await run(
      "scripts/seed.ts",
      { APP_ENV: "production", ...realSms(), ...realFaceCheck, ...realRegistry },
      ["--demo"],
    );
    expect(seeded.exitCode).toBe(78);
    expect(refusedSettings(seeded.stderr)).toEqual(["DEMO_DATA=true (or --demo)"]);
    // Development keeps the default: the README's quick start logs in with it.
    const development = await run("api/server.ts", { SEED_PASSWORD: DEFAULT_SEED_PASSWORD });
    expect(development.listening).toBe(true);
  });

  it("R28: production refuses a PUBLIC_URL that is unset or not https (SMS links and QR codes would point at 127.0.0.1)", async () => {
    const real = { APP_ENV: "production", ...realSms(), ...realFaceCheck, ...realRegistry };
    const plain = await run("api/server.ts", { ...real, PUBLIC_URL: "http://zc.example.gov.cn" });
    expect(plain).toMatchObject({ exitCode: 78, listening: false });
    expect(refusedSettings(plain.stderr)).toEqual(["PUBLIC_URL"]);
    expect(plain.stderr).toContain("http://zc.example.gov.cn is not https");
    const unset = await run("api/server.ts", { ...real, PUBLIC_URL: undefined });
    expect(unset).toMatchObject({ exitCode: 78, listening: false });
    expect(unset.stderr).toContain("PUBLIC_URL: unset");
  });

  it("R28: the real registry without its token is refused, naming TIANYANCHA_TOKEN", async () => {
    const refused = await run("api/server.ts", {
      APP_ENV: "production",
      ...realSms(),
      ...realFaceCheck,
      BUSINESS_REGISTRY_ADAPTER: "tianyancha",
    });
    expect(refused).toMatchObject({ exitCode: 78, listening: false });
    expect(refusedSettings(refused.stderr)).toEqual(["TIANYANCHA_TOKEN"]);
  });

  it("R28: production refuses to start when an SMS kind lacks its Aliyun template code", async () => {
    const refused = await run("api/server.ts", {
      APP_ENV: "production",
      ...realSms("PERSON_REGISTERED"),
      ...realFaceCheck,
    });
    expect(refused).toMatchObject({ exitCode: 78, listening: false });
    expect(refusedSettings(refused.stderr)).toEqual([
      "ALIYUN_SMS_TEMPLATE_PERSON_REGISTERED",
      "BUSINESS_REGISTRY_ADAPTER=fixture",
    ]);
  });

  it("R28: the worker and the scripts refuse the same way (exit 78, no stack trace), and a real adapter without its credentials is refused in any mode", async () => {
    const worker = await run("lib/run-worker.ts", { APP_ENV: "production" });
    expect(worker.exitCode).toBe(78);
    expect(refusedSettings(worker.stderr)).toEqual([
      "SMS_ADAPTER=outbox",
      "REAL_PERSON_AUTH_ADAPTER=simulated",
      "BUSINESS_REGISTRY_ADAPTER=fixture",
    ]);
    // The scripts (migrations, seeding, import, export, audit) refuse alike: the lines, exit 78, no stack trace.
    const script = await run("scripts/migrate.ts", { APP_ENV: "production" });
    expect(script.exitCode).toBe(78);
    expect(refusedSettings(script.stderr)).toEqual(refusedSettings(worker.stderr));
    expect(script.stderr).not.toMatch(/\n\s+at |ConfigError/);
    const incomplete = await run("api/server.ts", { SMS_ADAPTER: "aliyun" });
    expect(incomplete.exitCode).toBe(78);
    expect(refusedSettings(incomplete.stderr)).toEqual([
      "ALIYUN_SMS_ACCESS_KEY_ID",
      "ALIYUN_SMS_ACCESS_KEY_SECRET",
      "ALIYUN_SMS_SIGN_NAME",
    ]);
  });
});

// ── Routes ──────────────────────────────────────────────────────────────────────────────────────────

async function sessionCookie(data: { kind: "PERSON" | "UNIT"; personId?: string; unitId?: string }) {
  const token = randomBytes(32).toString("base64url");
  await database.db.session.create({
    data: {
      id: createHash("sha256").update(token).digest("hex"),
      ...data,
      strength: "PASSWORD",
      absoluteExpiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  return { cookie: `zc_session=${token}`, origin: ORIGIN };
}

const development = () => createTestApp(database);
/**
 * What production serves: with the real adapters as configured; with the stand-ins as it would,
 * were they not refused at loading (the mode overridden after loading).
 */
const production = (adapters: "stand-ins" | "real") =>
  adapters === "real"
    ? createTestApp(database, {
        env: {
          APP_ENV: "production",
          ...realSms(),
          ...realFaceCheck,
          ...realRegistry,
          SEED_PASSWORD: "Own-Seed@2026",
          PUBLIC_URL: "https://zc.example.gov.cn",
        },
      })
    : createTestApp(database, { config: { appEnv: "production" } });

async function paths(app: ReturnType<typeof createTestApp>["app"]) {
  const document = (await (await app.request("/api/openapi.json")).json()) as {
    paths: Record<string, unknown>;
  };
  return Object.keys(document.paths);
}

describe("R28: the stand-ins' routes", () => {
  it("R28: production never mounts /api/dev/* or the simulated mobile app's routes, whatever the adapters", async () => {
    const operator = await sessionCookie({ kind: "PERSON", personId: operatorId });
    for (const adapters of ["stand-ins", "real"] as const) {
      const built = production(adapters);
      const outbox = await built.app.request("/api/dev/sms-outbox", { headers: operator });
      expect(outbox.status).toBe(404);
      expect((await outbox.json()).error.code).toBe("ROUTE_NOT_FOUND");
      for (const action of ["scan", "face"]) {
        const posted = await postJson(built.app, `/api/mobile/checks/${"t".repeat(32)}/${action}`, {
          passed: true,
        });
        expect(posted.status).toBe(404);
        expect((await posted.json()).error.code).toBe("ROUTE_NOT_FOUND");
      }
      const documented = await paths(built.app);
      expect(documented.filter((p) => p.startsWith("/dev/") || p.startsWith("/mobile/"))).toEqual([]);
      // What the face-check page needs stays: it serves real adapters too.
      expect(documented).toContain("/real-person-checks/{token}");
      await built.connection.close();
    }
  });

  it("R28: development mounts them (the control): the outbox and the simulated app answer", async () => {
    const built = development();
    const operator = await sessionCookie({ kind: "PERSON", personId: operatorId });
    expect((await built.app.request("/api/dev/sms-outbox", { headers: operator })).status).toBe(200);
    const scan = await postJson(built.app, `/api/mobile/checks/${"t".repeat(32)}/scan`, {});
    expect((await scan.json()).error.code).toBe("REAL_PERSON_CHECK_NOT_FOUND");
    expect(await paths(built.app)).toEqual(
      expect.arrayContaining(["/dev/sms-outbox", "/mobile/checks/{token}/face"]),
    );
    await built.connection.close();
  });

  it("R28: in development the SMS outbox (every code and face-check link) is readable only by the platform operator", async () => {
    const built = development();
    const unit = await createUnit(database.db);
    const bystander = await createPerson(database.db);
    const handler = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
    const cases = [
      { who: "anonymous", headers: {}, status: 401, code: "AUTH_REQUIRED" },
      {
        who: "a person with no role",
        headers: await sessionCookie({ kind: "PERSON", personId: bystander.id }),
        status: 403,
        code: "FORBIDDEN_ROLE",
      },
      {
        who: "a unit's handler",
        headers: await sessionCookie({ kind: "PERSON", personId: handler.id }),
        status: 403,
        code: "FORBIDDEN_ROLE",
      },
      {
        who: "a unit login",
        headers: await sessionCookie({ kind: "UNIT", unitId: unit.id }),
        status: 403,
        code: "UNIT_SESSION_NOT_ALLOWED",
      },
    ];
    for (const refused of cases) {
      const response = await built.app.request("/api/dev/sms-outbox", { headers: refused.headers });
      expect({
        who: refused.who,
        status: response.status,
        code: (await response.json()).error?.code,
      }).toEqual({
        who: refused.who,
        status: refused.status,
        code: refused.code,
      });
    }
    await built.ports.sms.send({
      idempotencyKey: `outbox-test:${randomBytes(4).toString("hex")}`,
      mobile: "13712345678",
      template: "VERIFICATION_CODE",
      params: { code: "135790", minutes: "5" },
    });
    const read = await built.app.request("/api/dev/sms-outbox?mobile=13712345678", {
      headers: await sessionCookie({ kind: "PERSON", personId: operatorId }),
    });
    expect(read.status).toBe(200);
    expect((await read.json()).data[0].body).toContain("135790");
    await built.connection.close();
  });

  it("R28: GET /api/environment tells the console its mode (the 开发环境 ribbon) and stand-ins", async () => {
    const dev = development();
    expect((await (await dev.app.request("/api/environment")).json()).data).toEqual({
      appEnv: "development",
      standIns: { smsOutbox: true, simulatedMobileApp: true, registryFixture: true },
    });
    const prod = production("real");
    expect((await (await prod.app.request("/api/environment")).json()).data).toEqual({
      appEnv: "production",
      standIns: { smsOutbox: false, simulatedMobileApp: false, registryFixture: false },
    });
    await Promise.all([dev.connection.close(), prod.connection.close()]);
  });

  it("R28: where the simulated app completes face checks, the vendor route says so", async () => {
    const built = development();
    const response = await postJson(
      built.app,
      `/api/real-person-checks/${"t".repeat(32)}/vendor-session`,
      {},
    );
    expect(response.status).toBe(409);
    expect((await response.json()).error.code).toBe("REAL_PERSON_CHECK_SIMULATED");
    await built.connection.close();
  });
});
