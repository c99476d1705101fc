// lib/free-port.ts: ports for servers we start are drawn below the kernel's ephemeral range, so no
// bind(:0) or outgoing connection of another process can take one before our server binds it.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { freePorts } from "../../lib/free-port.js";

it("free ports are distinct and lie between 10000 and the start of the kernel's ephemeral range", async () => {
  const [ephemeralStart] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/);
  const ports = await freePorts(20);
  expect(new Set(ports).size).toBe(20);
  for (const port of ports) {
    expect(port).toBeGreaterThanOrEqual(10_000);
    expect(port).toBeLessThan(Number(ephemeralStart));
  }
});

it("a lower limit is kept as well (the Temporal server's signed 16-bit membership ports)", async () => {
  for (const port of await freePorts(20, { below: 20_000 })) expect(port).toBeLessThan(20_000);
});
