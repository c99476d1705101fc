// Free TCP ports on 127.0.0.1 for servers this process starts (Temporal cluster services, tests).
import { randomInt } from "node:crypto";
import net from "node:net";

const listen = (port: number) =>
  new Promise<net.Server | null>((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(null));
    server.listen(port, "127.0.0.1", () => resolve(server));
  });

/**
 * `count` distinct ports that were free a moment ago: all are held open together before any is
 * released, so one call never returns the same port twice. `below` (exclusive) keeps them under a
 * limit, e.g. 32768 for the Temporal server, which stores membership ports as a signed 16-bit
 * number; they are then drawn at random from 10000 up, else the system picks ephemeral ones.
 */
export async function freePorts(count: number, options: { below?: number } = {}): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    for (let tries = 0; servers.length < count; tries++) {
      if (tries > count * 50) throw new Error(`no ${count} free ports below ${options.below}`);
      const server = await listen(options.below ? randomInt(10_000, options.below) : 0);
      if (server) servers.push(server);
    }
    return servers.map((server) => (server.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}
