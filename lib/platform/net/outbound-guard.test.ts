// Table tests of the one outbound guard: every outbound call (webhooks, traffic hooks, gate checks, Prometheus,
// routers) is judged by these rules, with one allow list (OUTBOUND_ALLOW) in one syntax.
import { describe, expect, it } from "vitest";
import { checkOutboundUrl, isInternalAddress, NO_EXCEPTIONS, OutboundRefused, parseOutboundAllow, refusalFor, trustConfigured } from "./outbound-guard";

describe("the one outbound guard", () => {
  it.each([
    ["127.0.0.1", true],
    ["10.1.2.3", true],
    ["172.16.0.1", true],
    ["192.168.1.1", true],
    ["169.254.169.254", true],
    ["100.64.0.1", true],
    ["0.0.0.0", true],
    ["198.18.0.1", true],
    // The documentation and NAT64 ranges the Prometheus guard used to let through (issue 27).
    ["192.0.2.10", true],
    ["198.51.100.7", true],
    ["203.0.113.5", true],
    ["64:ff9b::a00:1", true],
    ["2001:db8::1", true],
    ["::1", true],
    ["fe80::1", true],
    ["fd00::1", true],
    ["::ffff:127.0.0.1", true],
    ["::ffff:10.0.0.1", true],
    ["224.0.0.1", true],
    ["not-an-address", true],
    ["93.184.216.34", false],
    ["8.8.8.8", false],
    ["2606:4700::1111", false],
    ["172.32.0.1", false],
  ])("%s is internal: %s", (address, expected) => {
    expect(isInternalAddress(address)).toBe(expected);
  });

  it.each([
    // [url, OUTBOUND_ALLOW, allowed?]
    ["http://127.0.0.1:8080/hook", "", false],
    ["http://169.254.169.254/latest/meta-data", "", false],
    ["http://[::1]/", "", false],
    ["http://localhost:3000/x", "", false],
    ["http://10.0.0.5/", "", false],
    ["http://192.0.2.10:9090/", "", false],
    ["http://[2001:db8::1]/", "", false],
    ["https://hooks.slack.com/services/T/B/x", "", true],
    ["http://93.184.216.34/", "", true],
    // hosts, with or without a port
    ["http://127.0.0.1:8080/hook", "127.0.0.1", true],
    ["http://127.0.0.1:8080/hook", " 127.0.0.1:8080 , x.example", true],
    ["http://127.0.0.1:9090/hook", "127.0.0.1:8080", false],
    ["http://localhost:3000/x", "localhost", true],
    ["http://localhost:3000/x", "localhost:3000", true],
    ["http://localhost:3001/x", "localhost:3000", false],
    ["http://[::1]:8080/", "[::1]:8080", true],
    // networks (CIDR), IPs and the words
    ["http://10.1.2.3/", "10.0.0.0/8", true],
    ["http://10.1.2.4/", "10.1.2.3", false],
    ["http://10.1.2.3/", "10.1.2.3", true],
    ["http://127.0.0.1:9090/", "loopback", true],
    ["http://[::1]:9090/", "loopback", true],
    ["http://10.1.2.3/", "loopback", false],
    ["http://192.168.7.7/", "private", true],
    ["http://[fd00::5]/", "fd00::/8", true],
    ["http://203.0.113.5/", "203.0.113.0/24", true],
  ])("%s with OUTBOUND_ALLOW=%j: allowed %s", (url, allow, expected) => {
    const policy = parseOutboundAllow(allow);
    if (expected) expect(checkOutboundUrl(url, policy).href).toBe(new URL(url).href);
    else expect(() => checkOutboundUrl(url, policy)).toThrow(/OUTBOUND_ALLOW/);
  });

  it("judges the address actually connected to (a name resolving inside is refused unless allowed)", () => {
    const url = new URL("http://metrics.example:9090/");
    expect(refusalFor(url, "10.0.0.5", NO_EXCEPTIONS)).toMatch(/metrics\.example:9090 \(10\.0\.0\.5\).*OUTBOUND_ALLOW/);
    expect(refusalFor(url, "10.0.0.5", parseOutboundAllow("10.0.0.0/24"))).toBeNull();
    expect(refusalFor(url, "10.0.0.5", parseOutboundAllow("metrics.example"))).toBeNull();
    expect(refusalFor(url, "93.184.216.34", NO_EXCEPTIONS)).toBeNull();
  });

  it("trusts the operator's own addresses (PROMETHEUS_URL) as configured, and only those", () => {
    const policy = trustConfigured(NO_EXCEPTIONS, ["http://127.0.0.1:9090"]);
    expect(checkOutboundUrl("http://127.0.0.1:9090/api/v1/query", policy).port).toBe("9090");
    expect(() => checkOutboundUrl("http://127.0.0.1:9091/", policy)).toThrow(OutboundRefused);
    expect(() => checkOutboundUrl("http://10.0.0.1:9090/", policy)).toThrow(OutboundRefused);
  });

  it("reads the deprecated lists in the same syntax (hosts and networks in one list)", () => {
    const policy = parseOutboundAllow("", "127.0.0.1:8080", "10.0.0.0/8");
    expect(checkOutboundUrl("http://127.0.0.1:8080/", policy).port).toBe("8080");
    expect(checkOutboundUrl("http://10.9.9.9/", policy).hostname).toBe("10.9.9.9");
  });

  it.each(["10.0.0.0/33", "fd00::/129", "prometheus internal", "10.0.0.0/x", "http://x/"])("refuses the malformed entry %j", (entry) => {
    expect(() => parseOutboundAllow(entry)).toThrow(/OUTBOUND_ALLOW/);
  });

  it("refuses other schemes and credentials in the URL (except where a caller takes them, as Prometheus does)", () => {
    expect(() => checkOutboundUrl("file:///etc/passwd", NO_EXCEPTIONS)).toThrow(/http and https/);
    expect(() => checkOutboundUrl("https://u:p@hooks.example.com/", NO_EXCEPTIONS)).toThrow(/Credentials/);
    expect(checkOutboundUrl("https://u:p@prom.example.com/", NO_EXCEPTIONS, { credentials: true }).username).toBe("u");
    expect(() => checkOutboundUrl("not a url", NO_EXCEPTIONS)).toThrow(/not a URL/);
    try {
      checkOutboundUrl("http://169.254.169.254/", NO_EXCEPTIONS);
    } catch (e) {
      expect((e as OutboundRefused).code).toBe("address_not_allowed");
    }
  });
});
