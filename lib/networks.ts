// Address lists of the configuration (TRUSTED_NETWORKS, TRUSTED_PROXIES) as matchers, compiled once
// per list by proxy-addr, which also handles IPv4-mapped IPv6 addresses (::ffff:10.1.2.3).
import proxyaddr from "proxy-addr";

const compiled = new WeakMap<readonly string[], (address: string) => boolean>();

/** Whether an address lies in one of the CIDRs (an empty list matches nothing). */
export function addressMatcher(cidrs: readonly string[]): (address: string) => boolean {
  let matcher = compiled.get(cidrs);
  if (!matcher) {
    const trust = proxyaddr.compile([...cidrs]);
    matcher = (address: string) => trust(address, 0);
    compiled.set(cidrs, matcher);
  }
  return matcher;
}
