// Hostile input against every route, as an attacker or an unlucky client would send it: malformed JSON, wrong types,
// deep nesting, huge bodies, hostile ids, bad encodings. No answer is a 5xx, every refusal is the one JSON error
// shape, nothing is written, and memory returns near its baseline after the large bodies.
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../lib/platform/db/client";
import { as, createStartedRelease, simplePlan } from "./support/fixtures";
import { SessionClient } from "./support/session-client";
import { workerTargets } from "./support/targets";
import type { TestRole } from "./support/test-users";

const targets = workerTargets();
const MiB = 1024 * 1024;

/** Sends raw bytes with raw headers; resolves with the status and body, or "reset" if the server dropped the connection. */
function rawSend(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer | string,
): Promise<{ status: number; text: string } | "reset"> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      res.on("error", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", () => resolve("reset"));
    req.end(body);
  });
}

/**
 * Streams up to `totalBytes` of body in 1 MiB chunks and stops as soon as the answer arrives.
 * Returns the status and how many bytes had been handed to the socket by then.
 */
function streamLarge(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
  totalBytes: number,
): Promise<{ status: number | "reset"; sentBytes: number; text: string }> {
  const url = new URL(baseUrl);
  const chunk = Buffer.alloc(MiB, "1");
  chunk.write('{"samples":[', 0);
  return new Promise((resolve) => {
    let sent = 0;
    let done = false;
    const finish = (status: number | "reset", text = "") => {
      if (done) return;
      done = true;
      req.destroy();
      resolve({ status, sentBytes: sent, text });
    };
    const req = httpRequest({ host: url.hostname, port: url.port, method: "POST", path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => finish(res.statusCode ?? 0, text));
      res.on("error", () => finish(res.statusCode ?? 0, text));
    });
    req.on("error", () => finish("reset"));
    const pump = () => {
      while (!done && sent < totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}

describe.each(targets)("hostile input on $name", ({ baseUrl, databaseUrl }) => {
  const direct: Db = createDb(databaseUrl);
  let releaseId = "";
  let itemId = "";
  let userId = "";
  let token = "";
  let tokenId = "";

  beforeAll(async () => {
    const release = await createStartedRelease(baseUrl, simplePlan(3, { waves: [
      { name: "Canary", trafficPercent: 10, checklist: [{ text: "Dashboards ready", ownerRole: "Operations Lead" }], signoffs: ["Product Manager"] },
      { name: "Half", trafficPercent: 50 },
      { name: "All", trafficPercent: 100 },
    ] }));
    releaseId = release.id;
    const admin = await as("admin", baseUrl);
    itemId = (await admin.get(`/api/releases/${releaseId}/checklist`)).body.items[0].id;
    userId = (await admin.get("/api/users")).body.users.find((u: { email: string }) => u.email === "viewer@test.local").id;
    const created = await admin.post("/api/tokens", { name: "fuzz" });
    token = created.body.token;
    tokenId = created.body.id;
  });

  async function snapshot() {
    const [releases, release, events, tokens, samples, buckets, signoffs, items, users, idempotency, alerts] = await Promise.all([
      direct.release.count(),
      direct.release.findUnique({ where: { id: releaseId }, select: { version: true, status: true, simulatorScenario: true } }),
      direct.releaseEvent.count(),
      direct.apiToken.findMany({ select: { id: true, revokedAt: true, name: true }, orderBy: { id: "asc" } }),
      // Ingestion writes roll-ups only; the sum of counts changes with any accepted sample.
      direct.metricBucket.aggregate({ where: { releaseId }, _sum: { count: true } }),
      direct.metricBucket.count({ where: { releaseId } }),
      direct.signoff.count(),
      direct.checklistItem.findMany({ where: { releaseId }, select: { state: true, reason: true }, orderBy: { id: "asc" } }),
      direct.user.findMany({ select: { id: true, name: true, role: true, disabled: true, signoffRoles: true }, orderBy: { id: "asc" } }),
      direct.idempotencyRecord.count(),
      direct.alert.count(),
    ]);
    return { releases, release, events, tokens, samples, buckets, signoffs, items, users, idempotency, alerts };
  }

  async function memoryBytes(): Promise<number> {
    const res = await SessionClient.withToken(baseUrl, token).raw("/api/metrics");
    const text = await res.text();
    const match = text.match(/^process_resident_memory_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/m);
    if (!match) throw new Error(`no process_resident_memory_bytes in /api/metrics:\n${text.slice(0, 500)}`);
    return Number(match[1]);
  }

  /** Every route with a body, as [method, path, who may call it]. */
  const bodyRoutes = (): [string, string, TestRole | "token"][] => [
    ["POST", "/api/releases", "admin"],
    ["POST", `/api/releases/${releaseId}/actions`, "commander"],
    ["PATCH", `/api/releases/${releaseId}/checklist/${itemId}`, "approver"],
    ["POST", `/api/releases/${releaseId}/waves/0/signoffs`, "approver"],
    ["PATCH", `/api/releases/${releaseId}/alerts/none`, "commander"],
    ["PUT", `/api/releases/${releaseId}/simulator`, "commander"],
    ["POST", `/api/releases/${releaseId}/metrics`, "token"],
    ["POST", "/api/tokens", "admin"],
    ["POST", "/api/users", "admin"],
    ["PATCH", `/api/users/${userId}`, "admin"],
  ];

  /** Every route, with a valid id, for the hostile-id cases. */
  const idRoutes = (id: string): [string, string, TestRole | "token"][] => [
    ["GET", `/api/releases/${id}`, "viewer"],
    ["GET", `/api/releases/${id}/events`, "viewer"],
    ["GET", `/api/releases/${id}/checklist`, "viewer"],
    ["GET", `/api/releases/${id}/metrics`, "viewer"],
    ["GET", `/api/releases/${id}/simulator`, "viewer"],
    ["POST", `/api/releases/${id}/actions`, "commander"],
    ["PATCH", `/api/releases/${releaseId}/checklist/${id}`, "approver"],
    ["POST", `/api/releases/${id}/waves/0/signoffs`, "approver"],
    ["POST", `/api/releases/${releaseId}/waves/${id}/signoffs`, "approver"],
    ["PATCH", `/api/releases/${id}/alerts/${id}`, "commander"],
    ["PUT", `/api/releases/${id}/simulator`, "commander"],
    ["POST", `/api/releases/${id}/metrics`, "token"],
    ["DELETE", `/api/tokens/${id}`, "admin"],
    ["PATCH", `/api/users/${id}`, "admin"],
  ];

  async function headersFor(who: TestRole | "token", method: string): Promise<Record<string, string>> {
    if (who === "token") return { authorization: `Bearer ${token}` };
    const client = await as(who, baseUrl);
    return { cookie: client.cookieHeader(), ...(method === "GET" ? {} : { "x-csrf-token": client.csrfToken ?? "" }) };
  }

  function expectErrorShape(status: number, text: string, what: string) {
    expect(status, `${what}: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
    expect(status, `${what}: ${text.slice(0, 300)}`).toBeLessThan(500);
    const body = JSON.parse(text);
    expect(body, what).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    expect(body.error, what).toHaveProperty("details");
  }

  const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
  const HOSTILE_BODIES: [string, string | Buffer][] = [
    ["malformed JSON", "{not json"],
    ["truncated JSON", '{"action":"pause"'],
    ["trailing garbage", '{"action":"pause"} x'],
    ["JSON null", "null"],
    ["a bare number", "42"],
    ["a bare string", '"pause"'],
    ["an array", '[{"action":"pause"}]'],
    ["wrong types everywhere", '{"action":1,"state":[],"role":{},"decision":null,"name":true,"email":7,"scenario":[],"acknowledged":"yes","samples":"many"}'],
    ["unknown fields", '{"bogus":1,"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}'],
    ["deep nesting 100,000", deep(100_000)],
    ["deep nesting in a field", `{"name":${deep(5000)}}`],
    ["a lone surrogate in a value", '{"name":"\\ud800","action":"pause","reason":"\\udfff","comment":"\\ud800","role":"\\ud800","samples":[{"metric":"\\ud800"}]}'],
    ["a lone surrogate in a key", '{"\\ud800":1}'],
    ["invalid UTF-8 bytes", Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
    ["an overlong UTF-8 encoding", Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d])],
    ["NUL and control characters in names", '{"name":"a\\u0000b","role":"Product\\u0000Manager","email":"x\\u0000@test.local","releaseId":"\\u0000","scenario":"healthy\\u0000"}'],
    ["bidi override in names", '{"name":"\\u202eevil","service":"\\u2066x","version":"1","waves":[{"name":"\\u202e","trafficPercent":100}]}'],
    ["huge numbers", '{"expectedVersion":1e400,"trafficPercent":-1e309,"samples":[{"metric":"error_rate","value":1e999,"ts":1e999,"cohort":"canary"}]}'],
    ["a BOM then JSON", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"bogus":1}')])],
    ["empty body", ""],
  ];

  it("answers every route's hostile bodies with a 4xx in the error shape and writes nothing", async () => {
    const before = await snapshot();
    for (const [method, path, who] of bodyRoutes()) {
      const headers = { ...(await headersFor(who, method)), "content-type": "application/json" };
      for (const [name, body] of HOSTILE_BODIES) {
        const res = await rawSend(baseUrl, method, path, headers, body);
        expect(res, `${method} ${path} ${name}`).not.toBe("reset");
        if (res === "reset") continue;
        expectErrorShape(res.status, res.text, `${method} ${path} with ${name}`);
      }
      for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx"]) {
        const res = await rawSend(baseUrl, method, path, { ...headers, "content-type": type }, '{"action":"pause"}');
        expect(res, `${method} ${path} as ${type}`).not.toBe("reset");
        if (res === "reset") continue;
        expect(res.status, `${method} ${path} as ${type}: ${res.text}`).toBe(415);
        expectErrorShape(res.status, res.text, `${method} ${path} as ${type}`);
      }
      const noType = await rawSend(baseUrl, method, path, { ...(await headersFor(who, method)) }, '{"action":"pause"}');
      expect(noType !== "reset" && noType.status, `${method} ${path} without Content-Type`).toBe(415);
      const tooBig = await rawSend(baseUrl, method, path, headers, Buffer.alloc(9 * MiB, " "));
      expect(tooBig !== "reset" && tooBig.status, `${method} ${path} with 9 MiB`).toBe(413);
      if (!path.endsWith("/metrics")) {
        const overJsonLimit = await rawSend(baseUrl, method, path, headers, `{"name":"${"x".repeat(2 * MiB)}"}`);
        expect(overJsonLimit !== "reset" && overJsonLimit.status, `${method} ${path} with 2 MiB`).toBe(413);
      }
    }
    expect(await snapshot()).toEqual(before);
    expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
  });

  const HOSTILE_IDS = ["%ZZ", "%", "%E0%A4%A", "%ED%A0%80", "%00", "%01abc", "%C0%AF", "..%2F..%2Fetc%2Fpasswd", "%E2%80%AE", "x".repeat(5000), "%F0%9F%9A%80", "null", "-1", "1e999"];

  it("answers hostile ids on every route with a 4xx in the error shape, before or after authentication, and writes nothing", async () => {
    const before = await snapshot();
    for (const id of HOSTILE_IDS) {
      for (const [method, path, who] of idRoutes(id)) {
        for (const headers of [{}, await headersFor(who, method)]) {
          const body = method === "GET" || method === "DELETE" ? undefined : '{"action":"pause","state":"met","role":"Product Manager","decision":"approve","acknowledged":true,"scenario":"healthy","samples":[]}';
          const res = await rawSend(baseUrl, method, path, { ...headers, ...(body ? { "content-type": "application/json" } : {}) }, body);
          expect(res, `${method} ${path}`).not.toBe("reset");
          if (res === "reset") continue;
          expectErrorShape(res.status, res.text, `${method} ${path} (${Object.keys(headers).length ? who : "anonymous"})`);
        }
      }
    }
    for (const path of ["/api/nope", `/api/releases/${releaseId}/nope`, "/api/auth-nope"]) {
      const res = await rawSend(baseUrl, "DELETE", path, await headersFor("admin", "DELETE"));
      expect(res !== "reset" && res.status, path).toBe(404);
      if (res !== "reset") expectErrorShape(res.status, res.text, path);
    }
    const viewer = await headersFor("viewer", "GET");
    for (const query of ["after=abc", "after=-1", "after=1e999", "limit=0", "limit=%ZZ", "after=%00", "after[]=1&after[]=2", "minutes=NaN", "minutes=99999999999999999999"]) {
      for (const path of [`/api/releases/${releaseId}/events?${query}`, `/api/releases/${releaseId}/metrics?${query.replace("after", "minutes")}`]) {
        const res = await rawSend(baseUrl, "GET", path, viewer);
        expect(res !== "reset" && res.status, path).toBeLessThan(500);
      }
    }
    for (const [method, path] of [["DELETE", "/api/releases"], ["PUT", "/api/me"], ["POST", `/api/releases/${releaseId}`], ["PATCH", "/api/tokens"]]) {
      const res = await rawSend(baseUrl, method, path, await headersFor("admin", method));
      expect(res !== "reset" && res.status, `${method} ${path}`).toBe(405);
    }
    const page = await rawSend(baseUrl, "GET", "/releases/%ZZ/status", {});
    expect(page !== "reset" && page.status).toBe(400);
    const cookie = await rawSend(baseUrl, "GET", "/api/me", { cookie: "next-auth.session-token=%ZZ; a=%" });
    expect(cookie !== "reset" && cookie.status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it("answers /api/releases/%ZZ with 400 in the JSON error shape, before authentication", async () => {
    const res = await rawSend(baseUrl, "GET", "/api/releases/%ZZ", {});
    expect(res).not.toBe("reset");
    if (res === "reset") return;
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual({ error: { code: "invalid_path", message: expect.any(String), details: { path: "/api/releases/%ZZ" } } });
  });

  it("refuses a lone surrogate in a name with 400 naming the field, and writes nothing", async () => {
    const before = await snapshot();
    const admin = await as("admin", baseUrl);
    const plan = JSON.stringify(simplePlan(2)).replace(/"name":"Test release [^"]*"/, '"name":"bad \\ud800 name"');
    const release = await admin.request("POST", "/api/releases", plan);
    expect(release.status).toBe(400);
    expect(release.body.error.code).toBe("invalid_request");
    expect(release.body.error.details.issues[0].path).toBe("name");
    const user = await admin.request("PATCH", `/api/users/${userId}`, '{"name":"\\udc00"}');
    expect(user.status).toBe(400);
    expect(user.body.error.details.issues[0].path).toBe("name");
    const wave = await admin.request("POST", "/api/releases", JSON.stringify(simplePlan(2)).replace('"name":"Wave 1"', '"name":"Wave \\u202e1"'));
    expect(wave.status).toBe(400);
    expect(wave.body.error.details.issues.map((i: { path: string }) => i.path)).toContain("waves.0.name");
    const imported = await admin.request("POST", "/api/plans/import", '{"markdown":"# Plan\\n## Wave 1 (10%) \\ud800"}');
    expect(imported.status, JSON.stringify(imported.body)).toBe(400);
    expect(imported.body.error.details.issues[0].path).toBe("markdown");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses unknown fields in POST /api/users instead of dropping them", async () => {
    const admin = await as("admin", baseUrl);
    const res = await admin.post("/api/users", { email: "strict@test.local", password: "a-long-password", role: "viewer", isSuperuser: true });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error.details)).toContain("isSuperuser");
    expect(await direct.user.count({ where: { email: "strict@test.local" } })).toBe(0);
  });

  it("answers a JSON body to the credentials callback with 415, not a 500, and signs nobody in", async () => {
    const client = new SessionClient(baseUrl);
    const csrf = await (await client.raw("/api/auth/csrf")).json();
    const res = await client.raw("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@test.local", password: "correct-horse-battery", csrfToken: csrf.csrfToken, json: "true" }),
    });
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe("unsupported_media_type");
    expect(client.cookieHeader()).not.toContain("session-token");
    const garbage = await rawSend(baseUrl, "POST", "/api/auth/callback/credentials", { "content-type": "application/x-www-form-urlencoded", cookie: client.cookieHeader() }, "email=%ZZ&password=%00&csrfToken=%");
    expect(garbage !== "reset" && garbage.status).toBeLessThan(500);
    const nul = await rawSend(baseUrl, "POST", "/api/auth/callback/credentials", { "content-type": "application/x-www-form-urlencoded", cookie: client.cookieHeader() }, `email=a%00b%40test.local&password=whatever-password&csrfToken=${csrf.csrfToken}`);
    expect(nul !== "reset" && nul.status).toBeLessThan(500);
    const huge = await rawSend(baseUrl, "POST", "/api/auth/callback/credentials", { "content-type": "application/x-www-form-urlencoded" }, `email=${"a".repeat(MiB)}`);
    expect(huge !== "reset" && huge.status).toBe(413);
  });

  it("keeps a PAUSE whose reason holds a NUL byte (pasted from a terminal): the release pauses, NUL dropped", async () => {
    const release = await createStartedRelease(baseUrl, simplePlan(2));
    const commander = await as("commander", baseUrl);
    const res = await commander.request("POST", `/api/releases/${release.id}/actions`, '{"action":"pause","reason":"error spike\\u0000 see \\u001b[31mlogs\\u001b[0m\\nline two"}');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe("paused");
    const event = await direct.releaseEvent.findFirst({ where: { releaseId: release.id, type: "paused" } });
    expect(event?.reason).toBe("error spike see [31mlogs[0m\nline two");
  });

  it("refuses a 600 MB ingest body with 413 without buffering it, and memory returns near its baseline", async () => {
    const before = await snapshot();
    const baseline = await memoryBytes();
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    // Declared length: refused before Next.js reads a byte.
    const declared = await streamLarge(baseUrl, `/api/releases/${releaseId}/metrics`, { ...headers, "content-length": String(600 * MiB) }, 600 * MiB);
    expect(declared.status).toBe(413);
    expect(declared.sentBytes).toBeLessThan(600 * MiB);
    // Chunked (no length): counted while streaming, refused at the limit; the sender is stopped long before 600 MB.
    const chunked = await streamLarge(baseUrl, `/api/releases/${releaseId}/metrics`, { ...headers, "transfer-encoding": "chunked" }, 600 * MiB);
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.text).error.code).toBe("payload_too_large");
    expect(chunked.sentBytes).toBeLessThan(600 * MiB);
    const again = await streamLarge(baseUrl, "/api/releases", { ...(await headersFor("admin", "POST")), "content-type": "application/json", "transfer-encoding": "chunked" }, 600 * MiB);
    expect(again.status).toBe(413);
    await new Promise((r) => setTimeout(r, 1000));
    const after = await memoryBytes();
    expect(after - baseline, `RSS ${Math.round(baseline / MiB)} MiB -> ${Math.round(after / MiB)} MiB`).toBeLessThan(100 * MiB);
    expect(await snapshot()).toEqual(before);
    expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
  });

  it("answers the flag endpoints' refusals readably: 401/403 with OFREP's error body, 415 for a body that is not JSON, 413 to a 600 MB chunked body", async () => {
    const admin = await as("admin", baseUrl);
    const sdk = await admin.post("/api/tokens", { name: "edges sdk", kind: "sdk" });
    expect(sdk.status).toBe(201);
    const json = { "content-type": "application/json" };
    const noKey = await rawSend(baseUrl, "POST", "/ofrep/v1/evaluate/flags", json, "{}");
    expect(noKey !== "reset" && noKey.status).toBe(401);
    expect(JSON.parse((noKey as { text: string }).text).errorDetails).toMatch(/SDK key is required/);
    const apiToken = await rawSend(baseUrl, "POST", "/ofrep/v1/evaluate/flags", { ...json, authorization: `Bearer ${token}` }, "{}");
    expect(apiToken !== "reset" && apiToken.status).toBe(403);
    expect(JSON.parse((apiToken as { text: string }).text).errorDetails).toMatch(/not an SDK key/);
    const sdkHeaders = { authorization: `Bearer ${sdk.body.token}` };
    for (const path of ["/ofrep/v1/evaluate/flags", "/ofrep/v1/evaluate/flags/some-flag"]) {
      const form = await rawSend(baseUrl, "POST", path, { ...sdkHeaders, "content-type": "application/x-www-form-urlencoded" }, "context=1");
      expect(form !== "reset" && form.status, path).toBe(415);
      expect(JSON.parse((form as { text: string }).text).errorCode).toBe("PARSE_ERROR");
    }
    const register = await rawSend(baseUrl, "POST", "/api/client/register", { ...sdkHeaders, "content-type": "text/plain" }, '{"appName":"a"}');
    expect(register !== "reset" && register.status).toBe(415);
    expect(JSON.parse((register as { text: string }).text).error.code).toBe("unsupported_media_type");
    // An empty bulk body is an empty context: OFREP does not require one.
    const empty = await rawSend(baseUrl, "POST", "/ofrep/v1/evaluate/flags", sdkHeaders);
    expect(empty !== "reset" && empty.status).toBe(200);
    const chunkedSdk = { ...sdkHeaders, ...json, "transfer-encoding": "chunked" };
    for (const path of ["/ofrep/v1/evaluate/flags", "/api/client/register"]) {
      const huge = await streamLarge(baseUrl, path, chunkedSdk, 600 * MiB);
      expect(huge.status, path).toBe(413);
      expect(huge.text, path).toMatch(/exceeds/);
      expect(huge.sentBytes, path).toBeLessThan(600 * MiB);
    }
    await admin.request("DELETE", `/api/tokens/${sdk.body.id}`);
  });

  it("answers headers past the parser's limit with 431 in the JSON error shape, on the app's routes and the flag endpoints", async () => {
    for (const path of ["/api/health", "/ofrep/v1/evaluate/flags"]) {
      const res = await rawSend(baseUrl, "GET", path, { "x-padding": "a".repeat(20_000) });
      expect(res !== "reset" && res.status, path).toBe(431);
      expect(JSON.parse((res as { text: string }).text).error.code, path).toBe("headers_too_large");
    }
    expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
  });

  afterAll(async () => {
    await (await as("admin", baseUrl)).request("DELETE", `/api/tokens/${tokenId}`);
    await direct.$disconnect();
  });
});
