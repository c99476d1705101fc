// Login throttling: too many failures for one account, or from one address, within the window
// refuse further attempts until the window moves on. Success does not reset the address count.
import type { Config } from "../../../lib/config.js";
import type { Database } from "../../../lib/database.js";

export async function isThrottled(db: Database, config: Config, account: string, ipAddress: string) {
  const since = new Date(Date.now() - config.throttle.windowMinutes * 60_000);
  const [byAccount, byAddress] = await Promise.all([
    db.loginAttempt.count({ where: { account, succeeded: false, at: { gte: since } } }),
    db.loginAttempt.count({ where: { ipAddress, succeeded: false, at: { gte: since } } }),
  ]);
  return byAccount >= config.throttle.maxPerAccount || byAddress >= config.throttle.maxPerAddress;
}

export async function recordLoginAttempt(
  db: Database,
  account: string,
  ipAddress: string,
  succeeded: boolean,
) {
  await db.loginAttempt.create({ data: { account, ipAddress, succeeded } });
}
