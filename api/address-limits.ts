// Issue 11.4 (R29): anonymous actions that cost the platform (a registration's workflow and review, a
// stored file, an SMS to a unit, a face-check scan) are limited per client address, counted in the
// database by rate-limiter-flexible's Prisma store, so every API process and a restart share the
// counts. Addresses in TRUSTED_NETWORKS (政务外网 / 人社内网, whose NAT puts whole offices behind one
// address) are not limited.
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../domain/errors.js";
import type { AddressLimitedAction, Config } from "../lib/config.js";
import type { Database } from "../lib/database.js";
import { addressMatcher, limitedAddress } from "../lib/networks.js";

/** The actions counted per client address (the rest are counted per key). */
type AddressAction = Exclude<AddressLimitedAction, "STATUS_LOOKUP_PER_REQUEST">;

const ACTION_NAMES: Record<AddressAction, { "zh-CN": string; en: string }> = {
  REGISTRATION: { "zh-CN": "注册申请", en: "registrations" },
  UPLOAD: { "zh-CN": "文件上传", en: "uploads" },
  ACCOUNT_RECOVERY: { "zh-CN": "找回账号申请", en: "account recovery requests" },
  QR_SCAN: { "zh-CN": "扫码", en: "QR code scans" },
  STATUS_LOOKUP: { "zh-CN": "申请进度查询", en: "status lookups" },
};

type Limiters = { limiters: Map<AddressLimitedAction, RateLimiterPrisma>; trusted: (ip: string) => boolean };
const perDatabase = new WeakMap<Database, Limiters>();

function limitersOf(db: Database, config: Config): Limiters {
  let entry = perDatabase.get(db);
  if (!entry) {
    entry = { limiters: new Map(), trusted: addressMatcher(config.trustedNetworks) };
    perDatabase.set(db, entry);
  }
  return entry;
}

function limiterFor(db: Database, config: Config, action: AddressLimitedAction): RateLimiterPrisma {
  const { limiters } = limitersOf(db, config);
  let limiter = limiters.get(action);
  if (!limiter) {
    const { points, durationSeconds } = config.addressLimits[action];
    limiter = new RateLimiterPrisma({
      storeClient: db,
      // The Prisma client's delegate of the RateLimiterFlexible model.
      tableName: "rateLimiterFlexible",
      keyPrefix: `address:${action}`,
      points,
      duration: durationSeconds,
    });
    limiters.set(action, limiter);
  }
  return limiter;
}

/**
 * Counts one `action` from `ipAddress`; throws ADDRESS_RATE_LIMITED (429, details.retryAfterSeconds,
 * a message naming the action) once the address has used its allowance for the window
 * (config.addressLimits: REGISTRATIONS_PER_ADDRESS_PER_HOUR, UPLOADS_…, ACCOUNT_RECOVERIES_…,
 * QR_SCANS_PER_ADDRESS_PER_MINUTE, STATUS_LOOKUPS_…), the address counted as lib/networks.ts
 * limitedAddress (an IPv6 client by its /64). Call it before any work or any lookup, so the
 * answer says nothing about the data.
 */
export async function consumeAddressAllowance(
  deps: { db: Database; config: Config },
  action: AddressAction,
  ipAddress: string,
): Promise<void> {
  if (limitersOf(deps.db, deps.config).trusted(ipAddress)) return;
  try {
    await limiterFor(deps.db, deps.config, action).consume(limitedAddress(ipAddress));
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
    const minutes = Math.ceil(seconds / 60);
    const name = ACTION_NAMES[action];
    throw new AppError("ADDRESS_RATE_LIMITED", {
      message: {
        "zh-CN": `从此网络提交的${name["zh-CN"]}过多，请 ${minutes} 分钟后再试`,
        en: `Too many ${name.en} from this network; try again in ${minutes} minute${minutes === 1 ? "" : "s"}`,
      },
      details: { retryAfterSeconds: seconds, action },
    });
  }
}

/**
 * Counts one `action` against `key` whatever the client address (e.g. a typed request number, whether
 * or not it exists): true while the key is within its allowance, false once it is used up. Never
 * refuses, so a stranger's guesses cannot lock the key's owner out (R29); the caller changes what it
 * answers instead.
 */
export async function withinKeyAllowance(
  deps: { db: Database; config: Config },
  action: AddressLimitedAction,
  key: string,
): Promise<boolean> {
  try {
    await limiterFor(deps.db, deps.config, action).consume(key);
    return true;
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return false;
    throw refusal;
  }
}
