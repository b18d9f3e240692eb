import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress, refuseBeforeNext } from "./request-guard";

const req = (remoteAddress: string, headers: Record<string, string> = {}) =>
  ({ socket: { remoteAddress }, headers: { ...headers } }) as unknown as IncomingMessage;

describe("refuseBeforeNext", () => {
  it("refuses malformed percent-encoding and NUL in the path, and declared bodies past the largest limit", () => {
    expect(refuseBeforeNext({ url: "/api/releases/%ZZ", headers: {}, method: "GET" })).toMatchObject({ status: 400, code: "invalid_path" });
    expect(refuseBeforeNext({ url: "/api/releases/%ED%A0%80", headers: {}, method: "GET" })?.code).toBe("invalid_path");
    expect(refuseBeforeNext({ url: "/api/releases/a%00b", headers: {}, method: "GET" })?.code).toBe("invalid_path");
    expect(refuseBeforeNext({ url: "/x", headers: { "content-length": String(600 * 1024 * 1024) }, method: "POST" })?.status).toBe(413);
  });

  it("lets ordinary requests through, query strings included", () => {
    expect(refuseBeforeNext({ url: "/api/releases/abc-123/events?after=%ZZ", headers: { "content-length": "100" }, method: "GET" })).toBeNull();
    expect(refuseBeforeNext({ url: "/releases/%E2%9C%93", headers: {}, method: "GET" })).toBeNull();
  });
});

describe("clientAddress", () => {
  it("uses the socket's peer and strips forwarding headers from anyone who is not a configured proxy", () => {
    const r = req("::ffff:203.0.113.9", { "x-forwarded-for": "1.2.3.4", "x-forwarded-host": "evil.example" });
    expect(clientAddress(r, [])).toBe("203.0.113.9");
    expect(r.headers["x-forwarded-host"]).toBeUndefined();
    expect(clientAddress(req("203.0.113.9", { "x-forwarded-for": "1.2.3.4" }), ["127.0.0.1"])).toBe("203.0.113.9");
  });

  it("believes a configured proxy: the nearest untrusted hop of X-Forwarded-For, and keeps X-Forwarded-Host", () => {
    const r = req("127.0.0.1", { "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2", "x-forwarded-host": "tidegate.example" });
    expect(clientAddress(r, ["127.0.0.1", "10.0.0.2"])).toBe("198.51.100.7");
    expect(r.headers["x-forwarded-host"]).toBe("tidegate.example");
    expect(clientAddress(req("127.0.0.1"), ["127.0.0.1"])).toBe("127.0.0.1");
  });
});
