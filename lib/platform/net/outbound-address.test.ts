import { describe, expect, it } from "vitest";
import { allowedNetworks, refusalFor } from "./outbound-address";

describe("outbound address rules", () => {
  const none = allowedNetworks("");

  it("refuses private, loopback, link-local and metadata addresses by default", () => {
    for (const a of ["127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "100.64.0.1", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "0.0.0.0"]) {
      expect(refusalFor(a, none), a).toMatch(/PROMETHEUS_ALLOWED_NETWORKS/);
    }
  });

  it("allows public addresses", () => {
    for (const a of ["8.8.8.8", "1.1.1.1", "2606:4700::1111"]) expect(refusalFor(a, none), a).toBeNull();
  });

  it("allows what the operator lists: loopback, a CIDR, a single address, or all private ranges", () => {
    expect(refusalFor("127.0.0.1", allowedNetworks("loopback"))).toBeNull();
    expect(refusalFor("::1", allowedNetworks("loopback"))).toBeNull();
    expect(refusalFor("10.1.2.3", allowedNetworks("loopback"))).not.toBeNull();
    expect(refusalFor("10.1.2.3", allowedNetworks("10.0.0.0/8"))).toBeNull();
    expect(refusalFor("10.1.2.4", allowedNetworks("10.1.2.3"))).not.toBeNull();
    expect(refusalFor("192.168.7.7", allowedNetworks("private"))).toBeNull();
  });

  it("rejects a malformed allow-list instead of ignoring it", () => {
    expect(() => allowedNetworks("prometheus.internal")).toThrow(/not an IP address or CIDR/);
  });
});
