// Free TCP ports on 127.0.0.1 for servers this process starts (Temporal, PostgreSQL, tests).
import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import net from "node:net";

const LOWEST = 10_000;

/**
 * The first port of the kernel's ephemeral range (Linux: 32768 unless configured). The kernel hands
 * ports from that range to every bind(:0) and to the source side of outgoing connections, so a port
 * picked there and released can be taken by anyone before its server binds it; a port below it
 * cannot be taken that way (a Temporal dev server died on such a collision in CI).
 */
function ephemeralStart(): number {
  try {
    const [start] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/);
    return Number(start) || 32_768;
  } catch {
    return 32_768;
  }
}

const listen = (port: number) =>
  new Promise<net.Server | null>((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(null));
    server.listen(port, "127.0.0.1", () => resolve(server));
  });

/**
 * `count` distinct ports that were free a moment ago, drawn at random from 10000 up to below the
 * kernel's ephemeral range (and below `below`, exclusive, when given: e.g. 32768 for the Temporal
 * server, which stores membership ports as a signed 16-bit number). All are held open together
 * before any is released, so one call never returns the same port twice.
 * Throws when no `count` free ports are found in 50 tries each.
 */
export async function freePorts(count: number, options: { below?: number } = {}): Promise<number[]> {
  const limit = Math.min(options.below ?? Number.POSITIVE_INFINITY, ephemeralStart());
  // A machine whose ephemeral range starts low leaves no room: the kernel picks instead.
  const pick = () => (limit - LOWEST >= 1000 ? randomInt(LOWEST, limit) : 0);
  const servers: net.Server[] = [];
  try {
    for (let tries = 0; servers.length < count; tries++) {
      if (tries > count * 50) throw new Error(`no ${count} free ports below ${limit}`);
      const server = await listen(pick());
      if (server) servers.push(server);
    }
    return servers.map((server) => (server.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}
