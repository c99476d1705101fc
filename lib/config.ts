// The only module that reads process.env: every process parses its configuration once, here.

import os from "node:os";
import path from "node:path";
import proxyaddr from "proxy-addr";
import { z } from "zod";

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

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATA_DIR: z.string().default("data"),
  DATABASE_URL: z.string().optional(),
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
  TEMPORAL_CACHE_DIR: z.string().default(path.join(os.homedir(), ".cache", "zc-account-platform")),
  TEMPORAL_DEV_PORT: z.coerce.number().int().default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().default(8233),

  SMS_ADAPTER: z.enum(["outbox"]).default("outbox"),
  BUSINESS_REGISTRY_ADAPTER: z.enum(["fixture"]).default("fixture"),
  REAL_PERSON_AUTH_ADAPTER: z.enum(["simulated"]).default("simulated"),
  FILE_STORAGE_ADAPTER: z.enum(["local"]).default("local"),

  SESSION_IDLE_MINUTES: duration.default(30),
  REAL_PERSON_CHECK_TTL_SECONDS: duration.default(300),
  QR_LOGIN_TTL_SECONDS: duration.default(120),
  BINDING_REQUEST_EXPIRY_SECONDS: duration.default(14 * 86_400),
  BINDING_REQUEST_REMINDER_SECONDS: duration.default(3 * 86_400),
  AFFILIATION_REQUEST_EXPIRY_SECONDS: duration.default(14 * 86_400),
  AFFILIATION_REQUEST_REMINDER_SECONDS: duration.default(3 * 86_400),
  AFFILIATION_MISSING_REMINDER_SECONDS: duration.default(30 * 86_400),
  SESSION_ABSOLUTE_HOURS: duration.default(12),
  COOKIE_SECURE: bool.default(false),
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

  DEMO_DATA: bool.default(false),
  SEED_PASSWORD: z.string().min(8).default("Guizhou@2026"),
});

export type Config = {
  env: "development" | "production" | "test";
  dataDir: string;
  databaseUrl: string;
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
    cacheDir: string;
    devPort: number;
    uiPort: number;
  };
  adapters: {
    sms: "outbox";
    businessRegistry: "fixture";
    realPersonAuth: "simulated";
    fileStorage: "local";
  };
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
  };
  demoData: boolean;
  /** Password of the seeded accounts (change it, or the accounts, before going live). */
  seedPassword: string;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
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
    env: e.NODE_ENV,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `file:${path.join(dataDir, "platform.db")}`,
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
      cacheDir: e.TEMPORAL_CACHE_DIR,
      devPort: e.TEMPORAL_DEV_PORT,
      uiPort: e.TEMPORAL_UI_PORT,
    },
    adapters: {
      sms: e.SMS_ADAPTER,
      businessRegistry: e.BUSINESS_REGISTRY_ADAPTER,
      realPersonAuth: e.REAL_PERSON_AUTH_ADAPTER,
      fileStorage: e.FILE_STORAGE_ADAPTER,
    },
    session: {
      idleMinutes: e.SESSION_IDLE_MINUTES,
      absoluteHours: e.SESSION_ABSOLUTE_HOURS,
      cookieSecure: e.COOKIE_SECURE,
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
    },
    smsCodes: {
      ttlSeconds: e.SMS_CODE_TTL_SECONDS,
      maxAttempts: e.SMS_CODE_MAX_ATTEMPTS,
      maxPerHour: e.SMS_MAX_PER_MOBILE_PER_HOUR,
      maxPerDay: e.SMS_MAX_PER_MOBILE_PER_DAY,
      maxPerAddressPerHour: e.SMS_MAX_PER_ADDRESS_PER_HOUR,
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
