// Address lists of the configuration (TRUSTED_NETWORKS, TRUSTED_PROXIES) as matchers, compiled once
// per list by proxy-addr, which also handles IPv4-mapped IPv6 addresses (::ffff:10.1.2.3).
import ipaddr from "ipaddr.js";
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

/**
 * The key an address is limited by (R29 per-address limits, the login limiter, SMS codes per address):
 * one client, however its address is written. An IPv4-mapped IPv6 address (::ffff:203.0.113.5) is its
 * IPv4 address; an IPv6 address stands for its /64, the network one subscriber is given (an attacker
 * holds 2^64 addresses of it), written "2001:db8:5:7::/64". Anything unparsable ("unknown") is kept.
 */
export function limitedAddress(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${new ipaddr.IPv6([...parts, 0, 0, 0, 0]).toString()}/64`;
}
