// Protocol edges of the flag front door found by the hostile-input run (issue 27), each reproduced against the real
// server: the content type (415), an empty bulk body (400), a 600 MB chunked body (a readable 413), JSON bodies on
// OFREP's 401 and on a 431, and a revoked SDK key's open event stream (closed within a second).
import http from "node:http";
import { describe, expect, it } from "vitest";
import { as } from "./support/fixtures";
import { workerTargets } from "./support/targets";

const { baseUrl } = workerTargets().find((t) => t.name === "sqlite")!;
const { hostname, port } = new URL(baseUrl);

async function sdkKey() {
  const admin = await as("admin", baseUrl);
  const res = await admin.post("/api/tokens", { name: `edges ${Math.random().toString(36).slice(2)}`, kind: "sdk" });
  return { key: res.body.token as string, id: res.body.id as string, admin };
}

const post = (path: string, body: string | undefined, headers: Record<string, string>) =>
  fetch(`${baseUrl}${path}`, { method: "POST", headers, body }).then(async (r) => ({ status: r.status, text: await r.text() }));

describe("flag endpoints at the protocol's edges", () => {
  it("refuse a body that is not JSON with 415, and an empty bulk body with 400, in each protocol's shape", async () => {
    const { key } = await sdkKey();
    const auth = { authorization: `Bearer ${key}` };
    const single = await post("/ofrep/v1/evaluate/flags/some-flag", "context=1", { ...auth, "content-type": "text/plain" });
    expect(single.status).toBe(415);
    expect(JSON.parse(single.text)).toMatchObject({ key: "some-flag", errorCode: "PARSE_ERROR", errorDetails: expect.stringContaining("application/json") });
    const bulk = await post("/ofrep/v1/evaluate/flags", "{}", { ...auth, "content-type": "application/x-www-form-urlencoded" });
    expect(bulk.status).toBe(415);
    const register = await post("/api/client/register", '{"appName":"x"}', { ...auth, "content-type": "text/plain" });
    expect(register.status).toBe(415);
    expect(JSON.parse(register.text).error.code).toBe("unsupported_media_type");
    const empty = await post("/ofrep/v1/evaluate/flags", "", { ...auth, "content-type": "application/json" });
    expect(empty.status).toBe(400);
    expect(JSON.parse(empty.text)).toMatchObject({ errorCode: "PARSE_ERROR", errorDetails: expect.stringContaining("empty") });
    const emptyRegister = await post("/api/client/register", undefined, auth);
    expect(emptyRegister.status).toBe(400);
    // What SDKs send still works (and a charset parameter is fine).
    expect((await post("/ofrep/v1/evaluate/flags", '{"context":{"targetingKey":"u"}}', { ...auth, "content-type": "application/json; charset=utf-8" })).status).toBe(200);
  });

  it("answer OFREP 401s with a JSON body naming what to do", async () => {
    const none = await post("/ofrep/v1/evaluate/flags", '{"context":{}}', { "content-type": "application/json" });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.text)).toMatchObject({ errorCode: "GENERAL", errorDetails: expect.stringContaining("SDK key") });
    const single = await post("/ofrep/v1/evaluate/flags/f1", '{"context":{}}', { "content-type": "application/json", authorization: "Bearer tg_sdk_nope" });
    expect(single.status).toBe(401);
    expect(JSON.parse(single.text)).toMatchObject({ key: "f1", errorCode: "GENERAL" });
  });

  it("answers headers too large with a 431 and a JSON body", async () => {
    const big = "x".repeat(20_000);
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: hostname === "localhost" ? "127.0.0.1" : hostname, port, path: "/ofrep/v1/evaluate/flags", method: "POST", headers: { "x-big": big } }, (r) => {
        let body = "";
        r.on("data", (c) => (body += c));
        r.on("end", () => resolve({ status: r.statusCode!, body }));
      });
      req.on("error", reject);
      req.end();
    });
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body)).toMatchObject({ errorCode: "GENERAL", errorDetails: expect.stringContaining("headers") });
  });

  it.each([
    ["OFREP bulk", "/ofrep/v1/evaluate/flags"],
    ["Unleash register", "/api/client/register"],
  ])("answers a 600 MB chunked body to %s with a readable 413", async (_name, path) => {
    const { key } = await sdkKey();
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    const result = await new Promise<{ status: number; body: string; sentMb: number }>((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = http.request(
        { host: "127.0.0.1", port, path, method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "transfer-encoding": "chunked" } },
        (r) => {
          answered = true;
          let body = "";
          r.on("data", (c) => (body += c));
          r.on("end", () => resolve({ status: r.statusCode!, body, sentMb: sent }));
          r.on("error", reject);
        },
      );
      req.on("error", (e) => (answered ? undefined : reject(e)));
      const pump = () => {
        while (!answered && sent < 600) {
          sent++;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
    expect(result.status).toBe(413);
    expect(() => JSON.parse(result.body)).not.toThrow();
    expect(result.sentMb).toBeLessThan(600); // answered while the body was still coming
  }, 60_000);

  it("closes a revoked SDK key's open OFREP event stream within a second", async () => {
    const { key, id, admin } = await sdkKey();
    const bulk = await post("/ofrep/v1/evaluate/flags", '{"context":{}}', { authorization: `Bearer ${key}`, "content-type": "application/json" });
    const uri = JSON.parse(bulk.text).eventStreams[0].endpoint.requestUri as string;
    const closed = new Promise<number>((resolve, reject) => {
      const req = http.get({ host: "127.0.0.1", port, path: uri }, (r) => {
        expect(r.statusCode).toBe(200);
        r.on("data", () => {});
        r.on("close", () => resolve(performance.now()));
      });
      req.on("error", () => resolve(performance.now()));
      setTimeout(() => reject(new Error("the stream stayed open 10 s after the revoke")), 15_000).unref();
    });
    await new Promise((r) => setTimeout(r, 300)); // the stream is open
    const revokedAt = performance.now();
    expect((await admin.delete(`/api/tokens/${id}`)).status).toBe(200);
    const at = await closed;
    console.log(`revoked key's stream closed ${(at - revokedAt).toFixed(0)} ms after the revoke was sent`);
    expect(at - revokedAt).toBeLessThan(1000);
  });
});
