import { describe, expect, it } from "vitest";
import { checkOutboundUrl, isInternalAddress, OutboundRefused, parseAllowHosts } from "./outbound-guard";

describe("outbound guard", () => {
  it("knows internal addresses", () => {
    for (const a of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1"]) {
      expect(isInternalAddress(a), a).toBe(true);
    }
    for (const a of ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "172.32.0.1"]) expect(isInternalAddress(a), a).toBe(false);
  });

  it("refuses loopback and metadata URLs with a clear error", () => {
    for (const u of ["http://127.0.0.1:8080/hook", "http://169.254.169.254/latest/meta-data", "http://[::1]/", "http://localhost:3000/x", "http://10.0.0.5/"]) {
      expect(() => checkOutboundUrl(u, [])).toThrow(/WEBHOOK_ALLOW_HOSTS/);
    }
    try {
      checkOutboundUrl("http://169.254.169.254/", []);
    } catch (e) {
      expect((e as OutboundRefused).code).toBe("address_not_allowed");
    }
  });

  it("lets an allowed host through, with or without its port", () => {
    expect(checkOutboundUrl("http://127.0.0.1:8080/hook", parseAllowHosts("127.0.0.1")).host).toBe("127.0.0.1:8080");
    expect(checkOutboundUrl("http://127.0.0.1:8080/hook", parseAllowHosts(" 127.0.0.1:8080 , x")).port).toBe("8080");
    expect(() => checkOutboundUrl("http://127.0.0.1:9090/hook", parseAllowHosts("127.0.0.1:8080"))).toThrow(OutboundRefused);
  });

  it("refuses other schemes and credentials in the URL", () => {
    expect(() => checkOutboundUrl("file:///etc/passwd", [])).toThrow(/http and https/);
    expect(() => checkOutboundUrl("https://u:p@hooks.example.com/", [])).toThrow(/Credentials/);
    expect(() => checkOutboundUrl("not a url", [])).toThrow(/not a URL/);
    expect(checkOutboundUrl("https://hooks.slack.com/services/T/B/x", []).hostname).toBe("hooks.slack.com");
  });
});
