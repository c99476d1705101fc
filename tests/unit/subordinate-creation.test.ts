// R11: the network rule and the order of the reasons for creating a subordinate unit directly.
import { describe, expect, it } from "vitest";
import type { Actor } from "../../domain/authorization.js";
import {
  fromTrustedNetwork,
  subordinateCreationReason,
  untrustedNetworkExplanation,
} from "../../lib/subordinate-creation.js";

const NETWORKS = ["10.20.0.0/16", "192.168.7.8", "2001:db8:1::/48"];

describe("R11 trusted networks (政务外网 / 人社内网)", () => {
  it("R11 IPv4: an address inside a CIDR or equal to a listed address, nothing else", () => {
    expect(fromTrustedNetwork(NETWORKS, "10.20.3.4")).toBe(true);
    expect(fromTrustedNetwork(NETWORKS, "10.20.255.255")).toBe(true);
    expect(fromTrustedNetwork(NETWORKS, "10.21.0.1")).toBe(false);
    expect(fromTrustedNetwork(NETWORKS, "192.168.7.8")).toBe(true);
    expect(fromTrustedNetwork(NETWORKS, "192.168.7.9")).toBe(false);
    expect(fromTrustedNetwork(NETWORKS, "127.0.0.1")).toBe(false);
  });

  it("R11 IPv6: an address inside a CIDR, nothing else", () => {
    expect(fromTrustedNetwork(NETWORKS, "2001:db8:1::25")).toBe(true);
    expect(fromTrustedNetwork(NETWORKS, "2001:db8:1:ffff::1")).toBe(true);
    expect(fromTrustedNetwork(NETWORKS, "2001:db8:2::1")).toBe(false);
    expect(fromTrustedNetwork(NETWORKS, "::1")).toBe(false);
  });

  it("R11 IPv4-mapped IPv6 (a dual-stack socket's view of an IPv4 client) matches the IPv4 CIDRs", () => {
    expect(fromTrustedNetwork(NETWORKS, "::ffff:10.20.3.4")).toBe(true);
    expect(fromTrustedNetwork(NETWORKS, "::ffff:192.168.7.8")).toBe(true);
    expect(fromTrustedNetwork(NETWORKS, "::ffff:10.21.3.4")).toBe(false);
    // And an IPv4 client against a CIDR written as IPv4-mapped.
    expect(fromTrustedNetwork(["::ffff:10.20.0.0/112"], "10.20.0.9")).toBe(true);
  });

  it("R11 an unknown address, garbage, or no trusted network configured: never trusted", () => {
    expect(fromTrustedNetwork(NETWORKS, "unknown")).toBe(false);
    expect(fromTrustedNetwork(NETWORKS, "10.20.3.4, 1.2.3.4")).toBe(false);
    expect(fromTrustedNetwork(NETWORKS, "")).toBe(false);
    expect(fromTrustedNetwork([], "10.20.3.4")).toBe(false);
  });
});

describe("R11 why a subordinate unit cannot be created", () => {
  const unit = { id: "u1", type: "PUBLIC_INSTITUTION" as const };
  const handler = (strength: "PASSWORD" | "REAL_PERSON", unitId = "u1"): Actor => ({
    kind: "PERSON",
    personId: "p1",
    strength,
    roles: [{ role: "TITLE_HANDLER", subsystem: "TITLE_REVIEW", unitId }],
    unitId,
  });
  const reason = (
    actor: Actor | null,
    type: "PUBLIC_INSTITUTION" | "ENTERPRISE" | "HR_DEPARTMENT",
    address: string,
  ) =>
    subordinateCreationReason({
      actor,
      unit: { ...unit, type },
      clientAddress: address,
      trustedNetworks: NETWORKS,
    });

  it("R11 a handler of a public institution or an HR department, in a real-person session, from a trusted network", () => {
    expect(reason(handler("REAL_PERSON"), "PUBLIC_INSTITUTION", "10.20.3.4")).toBeNull();
    expect(reason(handler("REAL_PERSON"), "HR_DEPARTMENT", "::ffff:10.20.3.4")).toBeNull();
  });

  it("R11 R12 the unit's own deciders only, in real-person sessions; then the unit type; then the network", () => {
    expect(reason(handler("REAL_PERSON", "u2"), "ENTERPRISE", "1.2.3.4")).toBe("NOT_A_DECIDER");
    expect(reason(handler("PASSWORD"), "PUBLIC_INSTITUTION", "10.20.3.4")).toBe("NOT_A_DECIDER");
    expect(
      reason({ kind: "UNIT", unitId: "u1", strength: "PASSWORD" }, "PUBLIC_INSTITUTION", "10.20.3.4"),
    ).toBe("NOT_A_DECIDER");
    expect(reason(handler("REAL_PERSON"), "ENTERPRISE", "1.2.3.4")).toBe("UNIT_TYPE_NOT_ALLOWED");
    expect(reason(handler("REAL_PERSON"), "PUBLIC_INSTITUTION", "1.2.3.4")).toBe("UNTRUSTED_NETWORK");
  });

  it("R11 the refusal names the address seen and where it would work", () => {
    const { rule, remedy } = untrustedNetworkExplanation("1.2.3.4");
    expect(rule).toBe("R11");
    expect(remedy["zh-CN"]).toContain("1.2.3.4");
    expect(remedy["zh-CN"]).toMatch(/政务外网.*人社内网/);
    expect(remedy.en).toMatch(/government extranet.*HR intranet/);
  });
});
