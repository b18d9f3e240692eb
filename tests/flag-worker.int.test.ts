// The flag worker (FLAGS_PORT): a second port answering only the flag endpoints from a worker thread. It must say
// exactly what the main port says, follow every change as fast, honour a revoke at once, keep the same error shapes,
// and hand its evaluation counts to the board.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "./support/free-port";
import { prepareDatabase } from "./support/global-setup";
import { simplePlan } from "./support/fixtures";
import { eventually } from "./support/poll";
import { startServer, type ServerProcess } from "./support/server-process";
import { SessionClient } from "./support/session-client";
import { TEST_PASSWORD, TEST_USERS } from "./support/test-users";

describe("the flag worker on FLAGS_PORT", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tidegate-flag-worker-"));
  let server: ServerProcess;
  let flagsBase: string;
  let admin: SessionClient;
  let commander: SessionClient;

  beforeAll(async () => {
    const url = `file:${path.join(dir, "flags.db")}`;
    await prepareDatabase(url);
    const flagsPort = await freePort();
    server = await startServer({ NEXTAUTH_SECRET: "integration-test-secret-0123456789", DATABASE_URL: url, FLAGS_PORT: String(flagsPort) });
    flagsBase = `http://127.0.0.1:${flagsPort}`;
    admin = new SessionClient(server.baseUrl);
    expect(await admin.signIn(TEST_USERS.admin.email, TEST_PASSWORD)).toBe(true);
    commander = new SessionClient(server.baseUrl);
    expect(await commander.signIn(TEST_USERS.commander.email, TEST_PASSWORD)).toBe(true);
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function flagged(flag: string) {
    const created = await admin.post("/api/releases", { ...simplePlan(), waves: [{ name: "Ten", trafficPercent: 10 }, { name: "Half", trafficPercent: 50 }, { name: "All", trafficPercent: 100 }], flags: [{ key: flag }] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await commander.post(`/api/releases/${created.body.id}/actions`, { action: "start" })).status).toBe(200);
    return created.body.id as string;
  }

  async function sdkKey(scope: { releaseId?: string } = {}) {
    const res = await admin.post("/api/tokens", { name: `sdk ${Math.random()}`, kind: "sdk", ...scope });
    expect(res.status).toBe(201);
    return { token: res.body.token as string, id: res.body.id as string };
  }

  async function ofrep(base: string, key: string | null, pathPart: string, body: unknown) {
    const res = await fetch(`${base}/ofrep/v1/evaluate/flags${pathPart}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  it("answers every evaluation and every error exactly as the main port does", async () => {
    const flag = `worker-same-${Date.now().toString(36)}`;
    await flagged(flag);
    const { token } = await sdkKey();
    const api = (await admin.post("/api/tokens", { name: "not an sdk key" })).body.token as string;
    await eventually(() => ofrep(flagsBase, token, `/${flag}`, { context: { targetingKey: "a" } }), (r) => r.body?.reason === "SPLIT", 5000, 50);
    const cases: Array<[string | null, string, unknown]> = [
      ...Array.from({ length: 200 }, (_, i): [string, string, unknown] => [token, `/${flag}`, { context: { targetingKey: `user-${i}` } }]),
      [token, "", { context: { targetingKey: "user-7" } }],
      [token, "/no-such-flag", { context: { targetingKey: "a" } }],
      [token, `/${flag}`, { context: {} }],
      [token, `/${flag}`, "{not json"],
      [token, `/${flag}`, { context: [1] }],
      [null, `/${flag}`, { context: { targetingKey: "a" } }],
      ["tg_sdk_not-a-key", `/${flag}`, { context: { targetingKey: "a" } }],
      [api, `/${flag}`, { context: { targetingKey: "a" } }],
    ];
    let on = 0;
    for (const [key, pathPart, body] of cases) {
      const main = await ofrep(server.baseUrl, key, pathPart, body);
      const worker = await ofrep(flagsBase, key, pathPart, body);
      expect(worker, `${pathPart} ${JSON.stringify(body)}`).toEqual(main);
      if (worker.body?.value === true) on++;
    }
    // At 10 %, some of the 200 users are in and most are out: the comparison covered both answers.
    expect(on).toBeGreaterThan(5);
    expect(on).toBeLessThan(60);
    // Only the flag endpoints live on this port.
    const other = await fetch(`${flagsBase}/api/releases`);
    expect(other.status).toBe(404);
    expect((await other.json()).error.code).toBe("not_found");
  });

  it("follows a wave move and a rollback at once, and tells its SSE streams", async () => {
    const flag = `worker-follow-${Date.now().toString(36)}`;
    const id = await flagged(flag);
    const { token } = await sdkKey({ releaseId: id });
    const bulk = await ofrep(flagsBase, token, "", { context: { targetingKey: "u" } });
    expect(bulk.status).toBe(200);
    const stream = await fetch(`${flagsBase}${bulk.body.eventStreams[0].endpoint.requestUri}`);
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const received: string[] = [];
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        received.push(Buffer.from(value).toString());
      }
    })();
    expect((await commander.post(`/api/releases/${id}/actions`, { action: "continue", override: true, reason: "test" })).status).toBe(200);
    await eventually(() => ofrep(flagsBase, token, `/${flag}`, { context: { targetingKey: "u" } }), (r) => r.body?.metadata?.sharePercent === 50, 1000, 20);
    expect((await commander.post(`/api/releases/${id}/actions`, { action: "rollback", reason: "test" })).status).toBe(200);
    const off = await eventually(() => ofrep(flagsBase, token, `/${flag}`, { context: { targetingKey: "u" } }), (r) => r.body?.reason === "DISABLED", 1000, 20);
    expect(off.body).toMatchObject({ value: false, metadata: { releaseStatus: "rolled_back", sharePercent: 0 } });
    await eventually(async () => received.join(""), (text) => (text.match(/refetchEvaluation/g) ?? []).length >= 2, 2000, 20);
    await reader.cancel();
    await reading.catch(() => undefined);
  });

  it("refuses a revoked key at once, though it answered it a moment before", async () => {
    const flag = `worker-revoke-${Date.now().toString(36)}`;
    await flagged(flag);
    const { token, id } = await sdkKey();
    expect((await ofrep(flagsBase, token, `/${flag}`, { context: { targetingKey: "a" } })).status).toBe(200);
    expect((await admin.delete(`/api/tokens/${id}`)).status).toBe(200);
    // The worker's own cache was dropped with the main thread's: no 2 s grace.
    await eventually(() => ofrep(flagsBase, token, `/${flag}`, { context: { targetingKey: "a" } }), (r) => r.status === 401, 300, 20);
  });

  it("hands its evaluation counts to the board and to /api/metrics", async () => {
    const flag = `worker-count-${Date.now().toString(36)}`;
    const id = await flagged(flag);
    const { token } = await sdkKey();
    for (let i = 0; i < 40; i++) expect((await ofrep(flagsBase, token, `/${flag}`, { context: { targetingKey: `c-${i}` } })).status).toBe(200);
    const view = await eventually(
      async () => (await admin.get(`/api/releases/${id}/flags`)).body,
      (b) => b.flags?.[0]?.evaluations && b.flags[0].evaluations.on + b.flags[0].evaluations.off === 40,
      5000,
      100,
    );
    expect(view.sdks.ofrep).toBeGreaterThanOrEqual(1);
    const metrics = await (await admin.raw("/api/metrics")).text();
    expect(metrics).toMatch(new RegExp(`flag="${flag}"`));
  });
  // Last in this file: it spends this server's budget of failed key lookups for 127.0.0.1.
  it("holds back a caller that keeps sending unknown keys, on both front doors, but never a cached key", async () => {
    const flag = `worker-limit-${Date.now().toString(36)}`;
    const releaseId = await flagged(flag);
    const { token } = await sdkKey();
    const ingestToken = (await admin.post("/api/tokens", { name: `ingest ${Math.random()}`, releaseId })).body.token as string;
    const ingest = (key: string) =>
      fetch(`${server.baseUrl}/api/releases/${releaseId}/metrics`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ samples: [{ metric: "error_rate", value: 0.01, ts: new Date().toISOString() }] }),
      });
    expect((await ofrep(flagsBase, token, `/${flag}`, { context: { targetingKey: "a" } })).status).toBe(200);
    expect((await ingest(ingestToken)).status).toBe(202);

    // The worker's budget: about 100 unknown (well-formed) keys answered 401 (the tests above spent one, and it
    // refills at 20 a second), then 429. Sent ten at a time: lookups are charged before they are made, so
    // concurrent guesses cannot overdraw it.
    // The rule checked is the budget's own: never more lookups answered than the burst plus what the elapsed time
    // forgave (a fixed count would depend on how fast this machine sends the batches).
    const statuses: number[] = [];
    const started = Date.now();
    const count = (status: number) => statuses.filter((s) => s === status).length;
    for (let batch = 0; batch < 40 && (batch < 15 || count(429) < 10); batch++) {
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => ofrep(flagsBase, `tg_sdk_unknown-${batch}-${i}`, `/${flag}`, { context: {} })));
      statuses.push(...answers.map((a) => a.status));
    }
    const forgiven = 20 * ((Date.now() - started) / 1000);
    expect(count(401) + count(429), statuses.join(" ")).toBe(statuses.length);
    expect(count(401), statuses.join(" ")).toBeGreaterThanOrEqual(95);
    expect(count(401), statuses.join(" ")).toBeLessThanOrEqual(Math.ceil(100 + forgiven) + 5);
    expect(count(429), statuses.join(" ")).toBeGreaterThanOrEqual(10);
    // The Unleash path shares the budget: a volley of guesses there is held back too (one guess alone can arrive
    // after the budget forgave one: it refills one lookup every 50 ms, and a busy machine is slower than that).
    const unleashAnswers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => fetch(`${flagsBase}/api/client/features`, { headers: { authorization: `tg_sdk_unknown-x${i}` } })),
    );
    const held = unleashAnswers.find((r) => r.status === 429);
    expect(held?.status, unleashAnswers.map((r) => r.status).join(" ")).toBe(429);
    expect(Number(held!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await held!.json()).error.code).toBe("rate_limited");
    // A key in use is answered as before: from the worker's cache, and after that entry expired (2 s) the refresh
    // is no guess, so it passes while the budget is spent.
    expect((await ofrep(flagsBase, token, `/${flag}`, { context: { targetingKey: "a" } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2100));
    // Volleys, not a sequence: one guess after another can be forgiven as fast as it is spent on a slow machine.
    let heldBack = false;
    for (let volley = 0; !heldBack && volley < 5; volley++) {
      const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => ofrep(flagsBase, `tg_sdk_more-${volley}-${i}`, `/${flag}`, { context: {} })));
      heldBack = answers.some((a) => a.status === 429);
    }
    expect(heldBack).toBe(true);
    expect((await ofrep(flagsBase, token, `/${flag}`, { context: { targetingKey: "a" } })).status).toBe(200);
    // A malformed key costs no lookup: it is refused as unknown, never held back.
    expect((await ofrep(flagsBase, "no-prefix", `/${flag}`, { context: {} })).status).toBe(401);

    // The ingest front door on the main port has the same budget (the main thread's own), in the house shape.
    // Sent at once, not one after another: the budget forgives 20 a second, so on a slow machine a sequence of
    // lookups can be forgiven as fast as it spends them and never be held back (this test failed that way in CI).
    const ingestStatuses = await Promise.all(Array.from({ length: 100 }, (_, i) => ingest(`tg_unknown-${i}`).then((r) => r.status)));
    expect(ingestStatuses.every((s) => s === 401), ingestStatuses.join(" ")).toBe(true);
    // The burst is spent: a volley of guesses arrives faster than they are forgiven, and some of it is held back.
    let limited: Response | undefined;
    for (let volley = 0; !limited && volley < 5; volley++) {
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => ingest(`tg_unknown-x${volley}-${i}`)));
      limited = answers.find((r) => r.status === 429);
    }
    expect(limited?.status).toBe(429);
    expect((await limited!.json()).error).toMatchObject({ code: "rate_limited", details: { retryAfterSeconds: expect.any(Number) } });
    // Forgiven at 20 a second: a moment later unknown keys are answered 401 again, without a wait to the end of time.
    await eventually(async () => (await ingest("tg_unknown-later")).status, (s) => s === 401, 3000, 100);
  });
});
