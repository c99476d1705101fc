// The only module that reads process.env: every process parses its configuration once, here.

import os from "node:os";
import path from "node:path";
import proxyaddr from "proxy-addr";
import { z } from "zod";
import { SMS_TEMPLATES, type SmsTemplate } from "./ports/sms-templates.js";

const duration = z.coerce.number().int().positive();
const bool = z.enum(["true", "false", "1", "0", ""]).transform((v) => v === "true" || v === "1");

// Comma-separated YYYY-MM-DD dates that override the State Council's schedule (shipped by
// `chinese-days`, see domain/working-days.ts) when counting the SLA's working days.
const list = (value: string) =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

const dateList = z
  .string()
  .default("")
  .transform(list)
  .pipe(z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "dates as YYYY-MM-DD, comma-separated")));

// Comma-separated IPv4/IPv6 addresses or CIDRs (10.0.0.0/8, 2001:db8::/32), checked at start-up.
const cidrList = z
  .string()
  .default("")
  .transform(list)
  .superRefine((entries, ctx) => {
    for (const entry of entries) {
      try {
        proxyaddr.compile(entry);
      } catch {
        ctx.addIssue({ code: "custom", message: `"${entry}" is not an IP address or CIDR` });
      }
    }
  });

// An https URL by default; tests point a vendor SDK at a local stand-in with http://127.0.0.1:PORT.
const endpointUrl = z
  .string()
  .url()
  .refine((v) => /^https?:\/\//.test(v), "an http(s) URL");

/** One vendor template code per SMS kind: ALIYUN_SMS_TEMPLATE_VERIFICATION_CODE=SMS_123456789, … */
export const smsTemplateVariable = (kind: SmsTemplate) => `ALIYUN_SMS_TEMPLATE_${kind}`;

function smsTemplateCodes(env: NodeJS.ProcessEnv): Partial<Record<SmsTemplate, string>> {
  return Object.fromEntries(
    SMS_TEMPLATES.flatMap((kind) => {
      const code = env[smsTemplateVariable(kind)]?.trim();
      return code ? [[kind, code]] : [];
    }),
  );
}

/**
 * The seeded accounts' password when SEED_PASSWORD is not set. It is published (README, start
 * banner), so production refuses it (R28): the seeded platform staff and HR departments' unit logins
 * would open with it.
 */
export const DEFAULT_SEED_PASSWORD = "Guizhou@2026";

const schema = z.object({
  /** The one switch between the two modes (R28); NODE_ENV stays the tooling's own (Vite, React). */
  APP_ENV: z.enum(["development", "production"]).default("development"),
  DATA_DIR: z.string().default("data"),
  DATABASE_URL: z.string().optional(),
  // PostgreSQL only: connections per process.
  DATABASE_POOL_SIZE: duration.min(1).max(200).default(10),
  // A measuring aid (the bench): a file counting this process's SQL statements by text. SQLite only.
  DB_STATEMENT_STATS: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default("default"),
  TEMPORAL_TASK_QUEUE: z.string().default("account-platform"),
  TEMPORAL_TLS: bool.default(false),
  TEMPORAL_TLS_CERT: z.string().optional(),
  TEMPORAL_TLS_KEY: z.string().optional(),
  TEMPORAL_TLS_CA: z.string().optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
  TEMPORAL_API_KEY: z.string().optional(),
  TEMPORAL_CLI: z.string().optional(),
  TEMPORAL_START_TIMEOUT_SECONDS: duration.default(10),
  TEMPORAL_UPDATE_TIMEOUT_SECONDS: duration.default(10),
  TEMPORAL_WORKER_CACHED_WORKFLOWS: z.coerce.number().int().min(2).default(500),
  // Read in the worker's workflow threads by lib/workflow-thread-preload.cjs ("1" or "true"); checked here.
  WORKFLOW_STACK_TRACES: bool.default(false),
  TEMPORAL_CACHE_DIR: z.string().default(path.join(os.homedir(), ".cache", "zc-account-platform")),
  TEMPORAL_DEV_PORT: z.coerce.number().int().default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().default(8233),
  // `npm start`: the CPU niceness of the Temporal dev server and the worker (lib/background-priority.ts).
  // 3, not 10: 10 served the soak's reads better but starved the workflows near saturation (README).
  BACKGROUND_NICE: z.coerce.number().int().min(0).max(19).default(3),
  // `npm start`: a standby worker process, prepared and idle, takes over when the worker dies.
  WORKER_STANDBY: bool.default(true),

  SMS_ADAPTER: z.enum(["outbox", "aliyun"]).default("outbox"),
  BUSINESS_REGISTRY_ADAPTER: z.enum(["fixture", "tianyancha"]).default("fixture"),
  REAL_PERSON_AUTH_ADAPTER: z.enum(["simulated", "tencent-faceid"]).default("simulated"),
  FILE_STORAGE_ADAPTER: z.enum(["local"]).default("local"),

  ALIYUN_SMS_ACCESS_KEY_ID: z.string().optional(),
  ALIYUN_SMS_ACCESS_KEY_SECRET: z.string().optional(),
  ALIYUN_SMS_SIGN_NAME: z.string().optional(),
  ALIYUN_SMS_ENDPOINT: endpointUrl.default("https://dysmsapi.aliyuncs.com"),
  ALIYUN_SMS_TIMEOUT_MS: duration.default(10_000),

  TIANYANCHA_TOKEN: z.string().trim().optional(),
  TIANYANCHA_ENDPOINT: endpointUrl.default("https://open.api.tianyancha.com"),
  TIANYANCHA_TIMEOUT_MS: duration.default(10_000),

  TENCENTCLOUD_SECRET_ID: z.string().optional(),
  TENCENTCLOUD_SECRET_KEY: z.string().optional(),
  TENCENTCLOUD_FACEID_ENDPOINT: endpointUrl.default("https://faceid.tencentcloudapi.com"),
  TENCENTCLOUD_FACEID_RULE_ID: z.string().optional(),
  TENCENTCLOUD_FACEID_LOGIN_RULE_ID: z.string().optional(),
  TENCENTCLOUD_FACEID_TIMEOUT_MS: duration.default(10_000),
  // The polling activity heartbeats between polls: a poll must come well within its 30 s heartbeat timeout.
  REAL_PERSON_VERDICT_POLL_MS: duration.max(20_000).default(3000),
  // A session is handed to a newcomer while it has 5 minutes left: it must last longer than that.
  REAL_PERSON_VENDOR_SESSION_SECONDS: duration.min(600).max(7200).default(7000),

  SESSION_IDLE_MINUTES: duration.default(30),
  REAL_PERSON_CHECK_TTL_SECONDS: duration.default(300),
  QR_LOGIN_TTL_SECONDS: duration.default(120),
  BINDING_REQUEST_EXPIRY_SECONDS: duration.default(14 * 86_400),
  BINDING_REQUEST_REMINDER_SECONDS: duration.default(3 * 86_400),
  AFFILIATION_REQUEST_EXPIRY_SECONDS: duration.default(14 * 86_400),
  AFFILIATION_REQUEST_REMINDER_SECONDS: duration.default(3 * 86_400),
  AFFILIATION_MISSING_REMINDER_SECONDS: duration.default(30 * 86_400),
  SESSION_ABSOLUTE_HOURS: duration.default(12),
  COOKIE_SECURE: bool.optional(),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: duration.default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: duration.default(20),
  LOGIN_THROTTLE_WINDOW_MINUTES: duration.default(15),
  TRUSTED_NETWORKS: cidrList,
  TRUSTED_PROXIES: cidrList,
  SMS_CODE_TTL_SECONDS: duration.default(300),
  SMS_CODE_MAX_ATTEMPTS: duration.default(5),
  SMS_MAX_PER_MOBILE_PER_HOUR: duration.default(5),
  SMS_MAX_PER_MOBILE_PER_DAY: duration.default(10),
  SMS_MAX_PER_ADDRESS_PER_HOUR: duration.default(60),
  // Anonymous actions per client address (issue 11.4); addresses in TRUSTED_NETWORKS are not limited.
  REGISTRATIONS_PER_ADDRESS_PER_HOUR: duration.min(1).default(30),
  UPLOADS_PER_ADDRESS_PER_HOUR: duration.min(1).default(120),
  ACCOUNT_RECOVERIES_PER_ADDRESS_PER_HOUR: duration.min(1).default(10),
  QR_SCANS_PER_ADDRESS_PER_MINUTE: duration.min(1).default(30),
  // Status-page access (request number + contact mobile): per address, and per typed request number.
  STATUS_LOOKUPS_PER_ADDRESS_PER_HOUR: duration.min(1).default(20),
  STATUS_LOOKUPS_PER_REQUEST_PER_HOUR: duration.min(1).default(10),
  // Uploads that no registration uses are deleted once this old (issue 11.4).
  UPLOAD_UNUSED_RETENTION_SECONDS: duration.min(60).default(86_400),
  REGISTRY_MAX_ATTEMPTS: duration.default(5),
  REGISTRY_RETRY_INITIAL_SECONDS: duration.default(2),
  LEGAL_REP_CHECK_TTL_SECONDS: duration.default(7 * 86_400),
  LEGAL_REP_CHECK_REMINDER_SECONDS: duration.default(86_400),
  REVIEW_SLA_WORKING_DAYS: duration.default(3),
  REVIEW_SLA_SECONDS: duration.optional(),
  REVIEW_REMINDER_SECONDS: duration.default(86_400),
  CONTACT_MOBILE_CHECK_TTL_SECONDS: duration.default(1800),
  PUBLIC_HOLIDAYS: dateList,
  WORKING_WEEKENDS: dateList,

  HEALTH_PROBE_INTERVAL_MS: duration.default(2000),
  HEALTH_PROBE_TIMEOUT_MS: duration.default(2000),
  HEALTH_FAILURE_THRESHOLD: duration.default(3),

  RESTART_BACKOFF_INITIAL_MS: duration.default(1000),
  RESTART_BACKOFF_MAX_MS: duration.default(30_000),
  RESTART_STABLE_AFTER_SECONDS: duration.default(60),
  RESTART_MAX_CRASHES: duration.default(5),
  RESTART_CRASH_WINDOW_SECONDS: duration.default(120),
  RESTART_STANDBY_DELAY_MS: duration.default(5000),

  DEMO_DATA: bool.default(false),
  SEED_PASSWORD: z.string().min(8).default(DEFAULT_SEED_PASSWORD),
});

/** Aliyun SMS (短信服务): credentials, the approved signature, one approved template per kind. */
export type AliyunSmsConfig = {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** Where the SDK sends its calls: https://dysmsapi.aliyuncs.com unless a private endpoint is used. */
  endpoint: string;
  /** How long one SendSms call may take before it counts as failed (and is retried). */
  timeoutMs: number;
  /** The vendor's template code (SMS_…) of each kind; a kind without one cannot be sent. */
  templates: Partial<Record<SmsTemplate, string>>;
};

/** Tencent Cloud FaceID (慧眼人脸核身): credentials and the business flows (RuleId) it runs. */
export type TencentFaceIdConfig = {
  secretId: string;
  secretKey: string;
  /** https://faceid.tencentcloudapi.com unless a private endpoint is used. */
  endpoint: string;
  /** The flow for checks of a named person (registration, step-up, legal representative). */
  ruleId: string;
  /** The flow for a QR login, where the person's identity comes from the check itself. */
  loginRuleId: string;
  timeoutMs: number;
  /** How often the server asks the vendor for a verdict while a person is on the vendor's page. */
  pollIntervalMs: number;
  /** How long one vendor session (BizToken) is used; the vendor's own limit is 7 200 s. */
  sessionSeconds: number;
};

/** Tianyancha Open Platform (天眼查开放平台), API 1116 企业基本信息: the contract's token. */
export type TianyanchaConfig = {
  /** The token of the contract, sent as the Authorization header. */
  token: string;
  /** https://open.api.tianyancha.com unless a private endpoint or a gateway is used. */
  endpoint: string;
  /** How long one lookup may take before it counts as no answer (and is retried). */
  timeoutMs: number;
};

/**
 * The anonymous actions limited per client address (each cheap to ask and costly to serve), and
 * STATUS_LOOKUP_PER_REQUEST, counted per typed request number.
 */
export type AddressLimitedAction =
  | "REGISTRATION"
  | "UPLOAD"
  | "ACCOUNT_RECOVERY"
  | "QR_SCAN"
  | "STATUS_LOOKUP"
  /** Per typed request number from any address: past it the answer no longer tells (see access-code). */
  | "STATUS_LOOKUP_PER_REQUEST";

export type Config = {
  /** development: the offline stand-ins and their routes; production: real adapters only (R28). */
  appEnv: "development" | "production";
  dataDir: string;
  databaseUrl: string;
  /** PostgreSQL only: connections in each process's pool (DATABASE_POOL_SIZE, default 10). */
  databasePoolSize: number;
  /** DB_STATEMENT_STATS: where this process counts its SQL statements by text (lib/statement-stats.ts); off when unset. */
  databaseStatementStats?: string;
  port: number;
  host: string;
  publicUrl: string;
  logLevel: z.infer<typeof schema>["LOG_LEVEL"];
  temporal: {
    /** Set when an external cluster is used; otherwise the embedded dev server is started. */
    externalAddress?: string;
    address: string;
    namespace: string;
    taskQueue: string;
    tls?: { cert?: string; key?: string; ca?: string; serverName?: string };
    apiKey?: string;
    cliPath?: string;
    /** How long the API waits for Temporal to accept a new workflow before answering 503. */
    startTimeoutSeconds: number;
    /**
     * How long the API waits for a decision or withdrawal (a Workflow Update) before answering 503,
     * saying whether it was taken (accepted, effects under way) or not yet (safe to retry).
     */
    updateTimeoutSeconds: number;
    /**
     * How many workflows the worker keeps in memory between their tasks (each 0.16–0.23 MB, see the
     * bench's memory rows). 500 rather than the SDK's ~2,300 from the heap size: a decision comes
     * days after its request's last task, so it replays either way, and the larger cache's heap cost
     * more than its hits saved (the bench's soak; README, Request paths).
     */
    workerCachedWorkflows: number;
    /**
     * Whether the worker keeps the SDK's promise stack traces (Temporal UI's Stack Trace tab); the
     * workflow-thread preload reads the variable itself, the threads having no config.
     */
    workflowStackTraces: boolean;
    cacheDir: string;
    devPort: number;
    uiPort: number;
  };
  /**
   * The CPU niceness (0–19) `npm start` gives the Temporal dev server and the worker, so the API's
   * requests get the larger share of a core they contend for (lib/background-priority.ts); 0: none.
   */
  backgroundNice: number;
  /**
   * `npm start` keeps a standby worker (lib/worker-standby.ts) that polls at once when the worker
   * dies: ~234 MB more memory for a first decision after a crash that waits ~1 s, not the ~2 s a new
   * process takes to start on a slow core.
   */
  workerStandby: boolean;
  adapters: {
    sms: "outbox" | "aliyun";
    businessRegistry: "fixture" | "tianyancha";
    realPersonAuth: "simulated" | "tencent-faceid";
    fileStorage: "local";
  };
  /** Set when SMS_ADAPTER=aliyun. */
  aliyunSms?: AliyunSmsConfig;
  /** Set when REAL_PERSON_AUTH_ADAPTER=tencent-faceid. */
  tencentFaceId?: TencentFaceIdConfig;
  /** Set when BUSINESS_REGISTRY_ADAPTER=tianyancha. */
  tianyancha?: TianyanchaConfig;
  session: { idleMinutes: number; absoluteHours: number; cookieSecure: boolean };
  /** How long a QR code for a real-person check (login, step-up) stays valid. */
  realPersonCheckTtlSeconds: number;
  /** How long a QR login code stays valid before the login page asks for a new one. */
  qrLoginTtlSeconds: number;
  /** R16: an undecided binding request expires; the unit is reminded this long before. */
  bindingRequest: { expirySeconds: number; reminderSeconds: number };
  /** R13: an undecided affiliation request expires; the superior is reminded this long before. */
  affiliationRequest: { expirySeconds: number; reminderSeconds: number };
  /** R14: a unit that must affiliate and has not is reminded by SMS this long after registration. */
  affiliationMissingReminderSeconds: number;
  throttle: { maxPerAccount: number; maxPerAddress: number; windowMinutes: number };
  /** R11: CIDRs of 政务外网 / 人社内网, from which subordinate units may be created directly. */
  trustedNetworks: string[];
  smsCodes: {
    ttlSeconds: number;
    maxAttempts: number;
    maxPerHour: number;
    maxPerDay: number;
    /** Codes one client address may request per hour (anonymous sends: personal registration). */
    maxPerAddressPerHour: number;
  };
  /** Seconds after which an upload that no registration uses is deleted (issue 11.4). */
  uploadUnusedRetentionSeconds: number;
  /** Anonymous actions one client address may take per window (issue 11.4, api/address-limits.ts). */
  addressLimits: Record<AddressLimitedAction, { points: number; durationSeconds: number }>;
  /** Durations of unit registrations, handed to each workflow when it starts. */
  registration: {
    registryMaxAttempts: number;
    registryInitialIntervalSeconds: number;
    legalRepCheckTtlSeconds: number;
    legalRepCheckReminderSeconds: number;
    reviewSlaWorkingDays: number;
    reviewSlaSeconds?: number;
    reviewReminderSeconds: number;
    /** Overrides of the official holidays and make-up working days (调休) for the SLA's working days. */
    holidays: string[];
    workingWeekends: string[];
  };
  /** How long the legal representative has to confirm a contact mobile change by face check (R27). */
  contactMobileCheckTtlSeconds: number;
  /**
   * Addresses or CIDRs of the reverse proxies whose X-Forwarded-For is believed: the client address
   * is the nearest hop not in this list. Empty: the socket's address.
   */
  trustedProxies: string[];
  /**
   * /api/health answers from a probe refreshed in the background every probeIntervalMs; a component
   * that was ready is reported not ready only after failureThreshold consecutive failed probes.
   */
  health: { probeIntervalMs: number; probeTimeoutMs: number; failureThreshold: number };
  /** `npm start` restarts a crashed child with backoff and stops after maxCrashes within the window. */
  restart: {
    initialDelayMs: number;
    maxDelayMs: number;
    stableAfterMs: number;
    maxCrashes: number;
    crashWindowMs: number;
    /** A standby starts this much later (ms) than its child's start or the last takeover, off their CPU. */
    standbyDelayMs: number;
  };
  demoData: boolean;
  /** Password of the seeded accounts (change it, or the accounts, before going live). */
  seedPassword: string;
};

export class ConfigError extends Error {}

/**
 * R28: which development stand-ins are in use, and so which of their routes exist: the SMS outbox
 * (/api/dev/sms-outbox) and the simulated mobile app (/api/mobile/*). Never any in production.
 */
export function developmentStandIns(config: Pick<Config, "appEnv" | "adapters">) {
  const development = config.appEnv === "development";
  return {
    smsOutbox: development && config.adapters.sms === "outbox",
    simulatedMobileApp: development && config.adapters.realPersonAuth === "simulated",
    registryFixture: development && config.adapters.businessRegistry === "fixture",
  };
}

type Parsed = z.infer<typeof schema>;

/** The settings a chosen real adapter cannot work without, as "VARIABLE: why" lines. */
function missingAdapterSettings(e: Parsed): string[] {
  const missing = (names: (keyof Parsed)[], adapter: string) =>
    names.filter((name) => !e[name]).map((name) => `${String(name)}: required by ${adapter}`);
  return [
    ...(e.SMS_ADAPTER === "aliyun"
      ? missing(
          ["ALIYUN_SMS_ACCESS_KEY_ID", "ALIYUN_SMS_ACCESS_KEY_SECRET", "ALIYUN_SMS_SIGN_NAME"],
          "SMS_ADAPTER=aliyun",
        )
      : []),
    ...(e.REAL_PERSON_AUTH_ADAPTER === "tencent-faceid"
      ? missing(
          ["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_FACEID_RULE_ID"],
          "REAL_PERSON_AUTH_ADAPTER=tencent-faceid",
        )
      : []),
    ...(e.BUSINESS_REGISTRY_ADAPTER === "tianyancha"
      ? missing(["TIANYANCHA_TOKEN"], "BUSINESS_REGISTRY_ADAPTER=tianyancha")
      : []),
  ];
}

/**
 * R28: what production refuses, as "VARIABLE=value: why and what instead" lines. The development
 * stand-ins (SMS outbox, simulated mobile app, registry fixture) would hand out codes and face-check
 * verdicts to anyone, and every kind of SMS needs the vendor's approved template.
 */
function productionRefusals(e: Parsed, templates: Partial<Record<SmsTemplate, string>>): string[] {
  const refusals: string[] = [];
  if (e.SMS_ADAPTER === "outbox") {
    refusals.push(
      "SMS_ADAPTER=outbox: the development SMS outbox keeps messages (codes, face-check links) in the database instead of sending them; set SMS_ADAPTER=aliyun with its ALIYUN_SMS_* settings",
    );
  } else {
    for (const kind of SMS_TEMPLATES) {
      if (!templates[kind]) {
        refusals.push(
          `${smsTemplateVariable(kind)}: the Aliyun template code (SMS_…) for ${kind} is not set`,
        );
      }
    }
  }
  if (e.REAL_PERSON_AUTH_ADAPTER === "simulated") {
    refusals.push(
      "REAL_PERSON_AUTH_ADAPTER=simulated: the simulated mobile app lets anyone who knows an ID number pass a face check; set REAL_PERSON_AUTH_ADAPTER=tencent-faceid with its TENCENTCLOUD_* settings",
    );
  }
  if (e.BUSINESS_REGISTRY_ADAPTER === "fixture") {
    refusals.push(
      "BUSINESS_REGISTRY_ADAPTER=fixture: the registry fixture holds fictional enterprises, so real registrations would be compared with made-up data; set BUSINESS_REGISTRY_ADAPTER=tianyancha with its TIANYANCHA_* settings",
    );
  }
  if (!e.PUBLIC_URL?.startsWith("https://")) {
    refusals.push(
      `PUBLIC_URL: ${e.PUBLIC_URL ? `${e.PUBLIC_URL} is not https` : "unset, so SMS links, QR codes and the face-check vendor's way back would point at this machine's own address"}; set it to the https address people reach the platform at (session cookies are Secure only then)`,
    );
  }
  if (e.SEED_PASSWORD === DEFAULT_SEED_PASSWORD) {
    refusals.push(
      "SEED_PASSWORD: unset (or the published default), the seeded platform staff and HR departments' unit accounts would open with the password the README prints; set SEED_PASSWORD to one of your own before the first start",
    );
  }
  if (e.DEMO_DATA) {
    refusals.push(
      "DEMO_DATA=true (or --demo): demo units and persons are fictional and share the seed password; leave both out in production",
    );
  }
  return refusals;
}

/**
 * For a process's entry point: the configuration, or the refusal printed plainly (it names each
 * setting to change) and exit code 78 (EX_CONFIG), with no stack trace in the way. A `--demo`
 * argument means DEMO_DATA=true, so it is refused in production as the setting is (R28).
 */
export function loadConfigOrExit(argv: readonly string[] = process.argv): Config {
  try {
    return loadConfig(argv.includes("--demo") ? { ...process.env, DEMO_DATA: "true" } : process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(78);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const templates = smsTemplateCodes(env);
  const missing = missingAdapterSettings(e);
  if (missing.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${missing.map((line) => `  ${line}`).join("\n")}`);
  }
  if (e.APP_ENV === "production") {
    const refusals = productionRefusals(e, templates);
    if (refusals.length > 0) {
      throw new ConfigError(
        `APP_ENV=production refuses to start with development stand-ins (R28):\n${refusals.map((line) => `  ${line}`).join("\n")}`,
      );
    }
  }
  const dataDir = path.resolve(e.DATA_DIR);
  const tls =
    e.TEMPORAL_TLS || e.TEMPORAL_TLS_CERT
      ? {
          cert: e.TEMPORAL_TLS_CERT,
          key: e.TEMPORAL_TLS_KEY,
          ca: e.TEMPORAL_TLS_CA,
          serverName: e.TEMPORAL_TLS_SERVER_NAME,
        }
      : undefined;
  return {
    appEnv: e.APP_ENV,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `file:${path.join(dataDir, "platform.db")}`,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    databaseStatementStats: e.DB_STATEMENT_STATS || undefined,
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL ?? `http://${e.HOST === "0.0.0.0" ? "127.0.0.1" : e.HOST}:${e.PORT}`,
    logLevel: e.LOG_LEVEL,
    temporal: {
      externalAddress: e.TEMPORAL_ADDRESS,
      address: e.TEMPORAL_ADDRESS ?? `127.0.0.1:${e.TEMPORAL_DEV_PORT}`,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      tls,
      apiKey: e.TEMPORAL_API_KEY,
      cliPath: e.TEMPORAL_CLI,
      startTimeoutSeconds: e.TEMPORAL_START_TIMEOUT_SECONDS,
      updateTimeoutSeconds: e.TEMPORAL_UPDATE_TIMEOUT_SECONDS,
      workerCachedWorkflows: e.TEMPORAL_WORKER_CACHED_WORKFLOWS,
      workflowStackTraces: e.WORKFLOW_STACK_TRACES,
      cacheDir: e.TEMPORAL_CACHE_DIR,
      devPort: e.TEMPORAL_DEV_PORT,
      uiPort: e.TEMPORAL_UI_PORT,
    },
    backgroundNice: e.BACKGROUND_NICE,
    workerStandby: e.WORKER_STANDBY,
    adapters: {
      sms: e.SMS_ADAPTER,
      businessRegistry: e.BUSINESS_REGISTRY_ADAPTER,
      realPersonAuth: e.REAL_PERSON_AUTH_ADAPTER,
      fileStorage: e.FILE_STORAGE_ADAPTER,
    },
    aliyunSms:
      e.SMS_ADAPTER === "aliyun"
        ? {
            accessKeyId: e.ALIYUN_SMS_ACCESS_KEY_ID ?? "",
            accessKeySecret: e.ALIYUN_SMS_ACCESS_KEY_SECRET ?? "",
            signName: e.ALIYUN_SMS_SIGN_NAME ?? "",
            endpoint: e.ALIYUN_SMS_ENDPOINT,
            timeoutMs: e.ALIYUN_SMS_TIMEOUT_MS,
            templates,
          }
        : undefined,
    tencentFaceId:
      e.REAL_PERSON_AUTH_ADAPTER === "tencent-faceid"
        ? {
            secretId: e.TENCENTCLOUD_SECRET_ID ?? "",
            secretKey: e.TENCENTCLOUD_SECRET_KEY ?? "",
            endpoint: e.TENCENTCLOUD_FACEID_ENDPOINT,
            ruleId: e.TENCENTCLOUD_FACEID_RULE_ID ?? "",
            loginRuleId: e.TENCENTCLOUD_FACEID_LOGIN_RULE_ID ?? e.TENCENTCLOUD_FACEID_RULE_ID ?? "",
            timeoutMs: e.TENCENTCLOUD_FACEID_TIMEOUT_MS,
            pollIntervalMs: e.REAL_PERSON_VERDICT_POLL_MS,
            sessionSeconds: e.REAL_PERSON_VENDOR_SESSION_SECONDS,
          }
        : undefined,
    tianyancha:
      e.BUSINESS_REGISTRY_ADAPTER === "tianyancha"
        ? {
            token: e.TIANYANCHA_TOKEN ?? "",
            endpoint: e.TIANYANCHA_ENDPOINT,
            timeoutMs: e.TIANYANCHA_TIMEOUT_MS,
          }
        : undefined,
    session: {
      idleMinutes: e.SESSION_IDLE_MINUTES,
      absoluteHours: e.SESSION_ABSOLUTE_HOURS,
      // Issue 11.5: a site served over https gets Secure cookies unless told otherwise.
      cookieSecure: e.COOKIE_SECURE ?? e.PUBLIC_URL?.startsWith("https:") ?? false,
    },
    realPersonCheckTtlSeconds: e.REAL_PERSON_CHECK_TTL_SECONDS,
    qrLoginTtlSeconds: e.QR_LOGIN_TTL_SECONDS,
    bindingRequest: {
      expirySeconds: e.BINDING_REQUEST_EXPIRY_SECONDS,
      reminderSeconds: e.BINDING_REQUEST_REMINDER_SECONDS,
    },
    throttle: {
      maxPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowMinutes: e.LOGIN_THROTTLE_WINDOW_MINUTES,
    },
    affiliationRequest: {
      expirySeconds: e.AFFILIATION_REQUEST_EXPIRY_SECONDS,
      reminderSeconds: e.AFFILIATION_REQUEST_REMINDER_SECONDS,
    },
    affiliationMissingReminderSeconds: e.AFFILIATION_MISSING_REMINDER_SECONDS,
    trustedNetworks: e.TRUSTED_NETWORKS,
    trustedProxies: e.TRUSTED_PROXIES,
    health: {
      probeIntervalMs: e.HEALTH_PROBE_INTERVAL_MS,
      probeTimeoutMs: e.HEALTH_PROBE_TIMEOUT_MS,
      failureThreshold: e.HEALTH_FAILURE_THRESHOLD,
    },
    restart: {
      initialDelayMs: e.RESTART_BACKOFF_INITIAL_MS,
      maxDelayMs: e.RESTART_BACKOFF_MAX_MS,
      stableAfterMs: e.RESTART_STABLE_AFTER_SECONDS * 1000,
      maxCrashes: e.RESTART_MAX_CRASHES,
      crashWindowMs: e.RESTART_CRASH_WINDOW_SECONDS * 1000,
      standbyDelayMs: e.RESTART_STANDBY_DELAY_MS,
    },
    smsCodes: {
      ttlSeconds: e.SMS_CODE_TTL_SECONDS,
      maxAttempts: e.SMS_CODE_MAX_ATTEMPTS,
      maxPerHour: e.SMS_MAX_PER_MOBILE_PER_HOUR,
      maxPerDay: e.SMS_MAX_PER_MOBILE_PER_DAY,
      maxPerAddressPerHour: e.SMS_MAX_PER_ADDRESS_PER_HOUR,
    },
    uploadUnusedRetentionSeconds: e.UPLOAD_UNUSED_RETENTION_SECONDS,
    addressLimits: {
      REGISTRATION: { points: e.REGISTRATIONS_PER_ADDRESS_PER_HOUR, durationSeconds: 3600 },
      UPLOAD: { points: e.UPLOADS_PER_ADDRESS_PER_HOUR, durationSeconds: 3600 },
      ACCOUNT_RECOVERY: { points: e.ACCOUNT_RECOVERIES_PER_ADDRESS_PER_HOUR, durationSeconds: 3600 },
      QR_SCAN: { points: e.QR_SCANS_PER_ADDRESS_PER_MINUTE, durationSeconds: 60 },
      STATUS_LOOKUP: { points: e.STATUS_LOOKUPS_PER_ADDRESS_PER_HOUR, durationSeconds: 3600 },
      STATUS_LOOKUP_PER_REQUEST: { points: e.STATUS_LOOKUPS_PER_REQUEST_PER_HOUR, durationSeconds: 3600 },
    },
    registration: {
      registryMaxAttempts: e.REGISTRY_MAX_ATTEMPTS,
      registryInitialIntervalSeconds: e.REGISTRY_RETRY_INITIAL_SECONDS,
      legalRepCheckTtlSeconds: e.LEGAL_REP_CHECK_TTL_SECONDS,
      legalRepCheckReminderSeconds: e.LEGAL_REP_CHECK_REMINDER_SECONDS,
      reviewSlaWorkingDays: e.REVIEW_SLA_WORKING_DAYS,
      reviewSlaSeconds: e.REVIEW_SLA_SECONDS,
      reviewReminderSeconds: e.REVIEW_REMINDER_SECONDS,
      holidays: e.PUBLIC_HOLIDAYS,
      workingWeekends: e.WORKING_WEEKENDS,
    },
    contactMobileCheckTtlSeconds: e.CONTACT_MOBILE_CHECK_TTL_SECONDS,
    demoData: e.DEMO_DATA,
    seedPassword: e.SEED_PASSWORD,
  };
}
