// Webhooks, Slack, external gate checks and traffic hooks against real receivers on loopback, through the real
// production server (SQLite). Signatures are checked with the `standardwebhooks` package, as a receiver would.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../lib/platform/db/client";
import type { PlanInput } from "../lib/plans/core/plan";
import { simplePlan } from "./support/fixtures";
import { prepareDatabase } from "./support/global-setup";
import { eventually } from "./support/poll";
import { startServer, type ServerProcess } from "./support/server-process";
import { SessionClient } from "./support/session-client";
import { TEST_PASSWORD, TEST_USERS } from "./support/test-users";
import { startReceiver, type Answer, type Receiver } from "./support/webhook-receiver";
import { workerTargets } from "./support/targets";

const targets = workerTargets();
const dir = mkdtempSync(path.join(tmpdir(), "tidegate-webhooks-"));
const dbUrl = `file:${path.join(dir, "hooks.db")}`;
const env = {
  NEXTAUTH_SECRET: "integration-test-secret-0123456789",
  DATABASE_URL: dbUrl,
  GUARDRAIL_TICK_MS: "500",
  WEBHOOK_ALLOW_HOSTS: "127.0.0.1",
  WEBHOOK_RETRY_SCHEDULE_MS: "150,150,150,150",
  TRAFFIC_HOOK_RETRY_SCHEDULE_MS: "100,100",
};
let server: ServerProcess;
let receiver: Receiver;
let admin: SessionClient;
let commander: SessionClient;
let direct: Db;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  await prepareDatabase(dbUrl);
  receiver = await startReceiver();
  server = await startServer(env);
  servers.push(server);
  admin = await signedIn("admin", server.baseUrl);
  commander = await signedIn("commander", server.baseUrl);
  direct = createDb(dbUrl);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await receiver?.close();
  await direct?.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

async function signedIn(role: keyof typeof TEST_USERS, baseUrl: string) {
  const client = new SessionClient(baseUrl);
  expect(await client.signIn(TEST_USERS[role].email, TEST_PASSWORD)).toBe(true);
  return client;
}

async function createRelease(plan: PlanInput = simplePlan(4), client = admin) {
  const created = await client.post("/api/releases", plan);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; version: number };
}

const act = (id: string, action: string, extra: Record<string, unknown> = {}, client = commander) => client.post(`/api/releases/${id}/actions`, { action, ...extra });
const bodyOf = (r: { body: string }) => JSON.parse(r.body) as { type: string; data: any };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("webhook endpoints", () => {
  it("refuses loopback and cloud-metadata URLs unless the host is allowed (SSRF guard), with a clear error", async () => {
    // The suite's shared server has no allow-list.
    const shared = await signedIn("admin", targets.find((t) => t.name === "sqlite")!.baseUrl);
    for (const url of ["http://127.0.0.1:9/hook", "http://169.254.169.254/latest/meta-data/", "http://localhost/x", "http://[::1]/x", "http://10.0.0.8/x"]) {
      const refused = await shared.post("/api/webhooks", { url });
      expect(refused.status, url).toBe(422);
      expect(refused.body.error.code).toBe("address_not_allowed");
      expect(refused.body.error.message).toMatch(/WEBHOOK_ALLOW_HOSTS/);
      expect(refused.body.error.details.issues[0].path).toBe("url");
    }
    // This server allows 127.0.0.1 (any port), not the metadata address.
    expect((await admin.post("/api/webhooks", { url: receiver.url("/allowed") })).status).toBe(201);
    expect((await admin.post("/api/webhooks", { url: "http://169.254.169.254/" })).status).toBe(422);
    // A plan's traffic hook and checks pass the same guard.
    const plan = simplePlan(2, { trafficHook: { url: "http://169.254.169.254/set" } });
    const refused = await shared.post("/api/releases", plan);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.issues[0].path).toBe("trafficHook.url");
  });

  it("is admin only, validates its input, and never shows the secret again", async () => {
    const existing = (await admin.post("/api/webhooks", { url: receiver.url("/authz") })).body.id as string;
    const count = () => direct.webhookEndpoint.count();
    const before = await count();
    const anonymous = new SessionClient(server.baseUrl);
    for (const [who, client] of [["anonymous", anonymous], ["viewer", await signedIn("viewer", server.baseUrl)], ["approver", await signedIn("approver", server.baseUrl)], ["commander", commander]] as const) {
      const expected = who === "anonymous" ? 401 : 403;
      for (const [method, path] of [
        ["GET", "/api/webhooks"],
        ["POST", "/api/webhooks"],
        ["GET", `/api/webhooks/${existing}`],
        ["PATCH", `/api/webhooks/${existing}`],
        ["DELETE", `/api/webhooks/${existing}`],
        ["POST", `/api/webhooks/${existing}/rotate-secret`],
        ["GET", `/api/webhooks/${existing}/deliveries`],
        ["POST", `/api/webhooks/${existing}/deliveries/msg_x/replay`],
      ] as const) {
        const res =
          method === "GET" ? await client.get(path) : method === "DELETE" ? await client.delete(path) : method === "PATCH" ? await client.patch(path, { enabled: false }) : await client.post(path, { url: receiver.url("/y") });
        expect(res.status, `${who} ${method} ${path}`).toBe(expected);
        expect(res.body.error.code).toBe(who === "anonymous" ? "unauthenticated" : "forbidden");
      }
    }
    expect(await count()).toBe(before);
    expect((await admin.get(`/api/webhooks/${existing}`)).body.enabled).toBe(true);
    const bad = await admin.post("/api/webhooks", { url: receiver.url("/x"), events: ["rolled_back", "nope"], extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_request");
    const created = await admin.post("/api/webhooks", { url: receiver.url("/x"), kind: "standard", events: ["paused"], description: "ops" });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    const listed = await admin.get("/api/webhooks");
    const row = listed.body.endpoints.find((e: { id: string }) => e.id === created.body.id);
    expect(row).toMatchObject({ url: receiver.url("/x"), events: ["paused"], enabled: true });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
    expect((await admin.patch(`/api/webhooks/${created.body.id}`, { enabled: false })).body.enabled).toBe(false);
    expect((await admin.delete(`/api/webhooks/${created.body.id}`)).status).toBe(200);
    expect((await admin.get(`/api/webhooks/${created.body.id}`)).status).toBe(404);
  });

  it("signs every delivery the Standard Webhooks way, with the event, the release summary and a board link", async () => {
    const created = await admin.post("/api/webhooks", { url: receiver.url("/signed"), events: ["started", "promoted"] });
    const release = await createRelease();
    expect((await act(release.id, "start")).status).toBe(200);
    expect((await act(release.id, "continue")).status).toBe(200);
    await eventually(async () => receiver.of("/signed").length, (n) => n >= 2);
    const verifier = new Webhook(created.body.secret);
    const types = receiver.of("/signed").map((r) => {
      const payload = verifier.verify(r.body, r.headers as Record<string, string>) as { type: string; data: any };
      expect(r.body.length).toBeLessThan(20_000);
      expect(payload.data.release).toMatchObject({ id: release.id, service: "test-service", waveCount: 4 });
      expect(payload.data.links.board).toBe(`${server.baseUrl}/releases/${release.id}`);
      return payload.type;
    });
    expect(types).toEqual(["started", "promoted"]);
    // A tampered body or a wrong secret fails verification.
    const first = receiver.of("/signed")[0]!;
    expect(() => verifier.verify(first.body.replace("started", "paused"), first.headers as Record<string, string>)).toThrow();
    expect(() => new Webhook("whsec_" + Buffer.from("x".repeat(24)).toString("base64")).verify(first.body, first.headers as Record<string, string>)).toThrow();
  });

  it("retries a receiver that fails 3 times with the same webhook-id, and delivers exactly once", async () => {
    receiver.on("/flaky", (n): Answer => (n <= 3 ? { status: n === 2 ? 429 : 503, headers: n === 2 ? { "retry-after": "0" } : {} } : { status: 200, body: '{"ok":true}' }));
    const created = await admin.post("/api/webhooks", { url: receiver.url("/flaky"), events: ["started"] });
    const release = await createRelease();
    expect((await act(release.id, "start")).status).toBe(200);
    const log = await eventually(
      async () => (await admin.get(`/api/webhooks/${created.body.id}/deliveries`)).body.deliveries,
      (d: any[]) => d[0]?.status === "succeeded",
      20_000,
    );
    await sleep(800); // room for a duplicate to show up, if there were one
    const calls = receiver.of("/flaky");
    expect(calls).toHaveLength(4);
    expect(new Set(calls.map((c) => c.headers["webhook-id"])).size).toBe(1);
    expect(calls[0]!.headers["webhook-id"]).toBe(log[0].id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ status: "succeeded", attempts: 4, lastStatus: 200, lastResponse: '{"ok":true}' });
    expect(log[0].attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([503, 429, 503, 200]);
    expect(log[0].attemptLog.map((a: { trigger: string }) => a.trigger)).toEqual(["dispatch", "retry", "retry", "retry"]);
    // Replay re-sends it, same webhook-id, logged as a replay.
    const replay = await admin.post(`/api/webhooks/${created.body.id}/deliveries/${log[0].id}/replay`, {});
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ status: "succeeded", statusCode: 200 });
    expect(receiver.of("/flaky")).toHaveLength(5);
    expect(receiver.of("/flaky")[4]!.headers["webhook-id"]).toBe(log[0].id);
    const after = (await admin.get(`/api/webhooks/${created.body.id}/deliveries`)).body.deliveries[0];
    expect(after.attemptLog.at(-1).trigger).toBe("replay");
    expect((await admin.post(`/api/webhooks/${created.body.id}/deliveries/msg_nope/replay`, {})).status).toBe(404);
  });

  it("disables an endpoint that answers 410 Gone and sends it nothing more", async () => {
    receiver.on("/gone", { status: 410, body: "unsubscribed" });
    const created = await admin.post("/api/webhooks", { url: receiver.url("/gone"), events: ["started", "promoted"] });
    const release = await createRelease();
    expect((await act(release.id, "start")).status).toBe(200);
    const endpoint = await eventually(async () => (await admin.get(`/api/webhooks/${created.body.id}`)).body, (e) => e.enabled === false);
    expect(endpoint.disabledReason).toMatch(/410/);
    expect((await act(release.id, "continue")).status).toBe(200);
    await sleep(1500);
    expect(receiver.of("/gone")).toHaveLength(1);
    const log = (await admin.get(`/api/webhooks/${created.body.id}/deliveries`)).body.deliveries;
    expect(log[0]).toMatchObject({ status: "failed", lastStatus: 410, lastResponse: "unsubscribed" });
    const replay = await admin.post(`/api/webhooks/${created.body.id}/deliveries/${log[0].id}/replay`, {});
    expect(replay.status).toBe(409);
    expect(replay.body.error.code).toBe("endpoint_disabled");
  });

  it("signs with both secrets for a day after a rotation", async () => {
    const created = await admin.post("/api/webhooks", { url: receiver.url("/rotated"), events: ["started"] });
    const rotated = await admin.post(`/api/webhooks/${created.body.id}/rotate-secret`, {});
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    const expires = Date.parse(rotated.body.previousSecretExpiresAt);
    expect(expires - Date.now()).toBeGreaterThan(23 * 3_600_000);
    const release = await createRelease();
    expect((await act(release.id, "start")).status).toBe(200);
    const [call] = await eventually(async () => receiver.of("/rotated"), (c) => c.length === 1);
    const headers = call!.headers as Record<string, string>;
    expect(headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(new Webhook(created.body.secret).verify(call!.body, headers)).toBeTruthy();
    expect(new Webhook(rotated.body.secret).verify(call!.body, headers)).toBeTruthy();
  });
});

describe("Slack", () => {
  it("receives a Block Kit message for a guardrail rollback, with the evidence and the board link", async () => {
    const created = await admin.post("/api/webhooks", { url: receiver.url("/slack"), kind: "slack", events: ["rolled_back"] });
    expect(created.status).toBe(201);
    const release = await createRelease(
      simplePlan(4, { guardrails: [{ metric: "error_rate", comparator: ">", warning: 0.05, critical: 0.1, forSeconds: 0, windowSeconds: 10, onCritical: "rollback" }] }),
    );
    expect((await act(release.id, "start")).status).toBe(200);
    const token = (await admin.post("/api/tokens", { name: "slack pusher", releaseId: release.id })).body.token as string;
    const pusher = SessionClient.withToken(server.baseUrl, token);
    await eventually(
      async () => {
        await pusher.post(`/api/releases/${release.id}/metrics`, { samples: [{ metric: "error_rate", value: 0.5, ts: new Date().toISOString(), cohort: "canary" }] });
        return receiver.of("/slack").length;
      },
      (n) => n >= 1,
      30_000,
      300,
    );
    const message = JSON.parse(receiver.of("/slack")[0]!.body) as { text: string; blocks: any[] };
    expect(message.text).toContain("rolled back");
    const all = JSON.stringify(message.blocks);
    expect(all).toContain("Guardrail evidence");
    expect(all).toMatch(/error_rate|error rate/i);
    expect(all).toContain("→ 0%");
    const actions = message.blocks.find((b) => b.type === "actions");
    expect(actions.elements[0]).toMatchObject({ type: "button", url: `${server.baseUrl}/releases/${release.id}` });
    // Only links: no interactive action that would act without a sign-in.
    expect(actions.elements.every((e: { url?: string }) => typeof e.url === "string")).toBe(true);
  });
});

describe("external gate checks", () => {
  it("blocks CONTINUE while a check answers 500, with its message, and opens when it answers 200", async () => {
    let healthy = false;
    receiver.on("/smoke", () => (healthy ? { status: 200, body: '{"message":"smoke tests: all green"}' } : { status: 500, body: '{"message":"smoke tests: 3 failing"}' }));
    const plan = simplePlan(3);
    plan.waves[0] = { ...plan.waves[0]!, checks: [{ name: "smoke tests", url: receiver.url("/smoke"), timeoutSeconds: 5 }] };
    const release = await createRelease(plan);
    expect((await act(release.id, "start")).status).toBe(200);
    const refused = await act(release.id, "continue");
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("gates_unmet");
    const unmet = refused.body.error.details.unmet.find((g: { kind: string }) => g.kind === "check");
    expect(unmet).toMatchObject({ name: "smoke tests", status: 500 });
    expect(unmet.message).toContain("smoke tests: 3 failing");
    // The board's view says the same, and the check was called signed, with the release and the wave.
    const view = (await commander.get(`/api/releases/${release.id}`)).body;
    expect(view.gate.unmet.map((g: { message: string }) => g.message).join()).toContain("smoke tests: 3 failing");
    expect(view.checks[0]).toMatchObject({ name: "smoke tests", waveIndex: 0, result: { ok: false, status: 500 } });
    const call = JSON.parse(receiver.of("/smoke")[0]!.body);
    expect(call).toMatchObject({ type: "gate.check", data: { release: { id: release.id }, wave: { index: 0 }, gate: "continue" } });
    expect(receiver.of("/smoke")[0]!.headers["webhook-signature"]).toMatch(/^v1,/);
    // Re-checked on demand; still failing.
    const rechecked = await commander.post(`/api/releases/${release.id}/checks`, {});
    expect(rechecked.body.checks[0]).toMatchObject({ ok: false, message: "smoke tests: 3 failing (HTTP 500)" });
    // The check turns green: CONTINUE opens.
    healthy = true;
    const promoted = await act(release.id, "continue");
    expect(promoted.status, JSON.stringify(promoted.body)).toBe(200);
    expect(promoted.body.currentWaveIndex).toBe(1);
    const types = (await commander.get(`/api/releases/${release.id}/events`)).body.events.map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t === "gate_check")).toHaveLength(2); // failing, then passing
  });

  it("a commander may override a failing check with a reason, recorded as an override", async () => {
    receiver.on("/broken-check", { status: 503, body: "down" });
    const plan = simplePlan(2);
    plan.waves[0] = { ...plan.waves[0]!, checks: [{ name: "load test", url: receiver.url("/broken-check") }] };
    const release = await createRelease(plan);
    expect((await act(release.id, "start")).status).toBe(200);
    const overridden = await act(release.id, "continue", { override: true, reason: "load test box is down, checked by hand" });
    expect(overridden.status, JSON.stringify(overridden.body)).toBe(200);
    const override = overridden.body.events.find((e: { type: string }) => e.type === "override");
    expect(override.data.unmet[0]).toMatchObject({ kind: "check", name: "load test" });
  });

  it("a plan's checks gate START", async () => {
    receiver.on("/preflight", { status: 500 });
    const release = await createRelease(simplePlan(2, { checks: [{ name: "preflight", url: receiver.url("/preflight") }] }));
    const refused = await act(release.id, "start");
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.unmet[0]).toMatchObject({ kind: "check", message: 'Check "preflight": failed with HTTP 500' });
  });
});

describe("traffic hooks", () => {
  it("calls the hook on every traffic change with an idempotency key and records the answer", async () => {
    receiver.on("/lb", { status: 200, body: '{"applied":true}' });
    const release = await createRelease(simplePlan(3, { trafficHook: { url: receiver.url("/lb") } }));
    expect((await act(release.id, "start")).status).toBe(200);
    expect((await act(release.id, "continue")).status).toBe(200);
    expect((await act(release.id, "rollback", { reason: "drill" })).status).toBe(200);
    const calls = await eventually(async () => receiver.of("/lb"), (c) => c.length >= 3);
    const bodies = calls.map(bodyOf);
    expect(bodies.map((b) => [b.data.fromTrafficPercent, b.data.trafficPercent, b.data.cause])).toEqual([
      [0, 33, "started"],
      [33, 67, "promoted"],
      [67, 0, "rolled_back"],
    ]);
    expect(calls.map((c) => c.headers["idempotency-key"])).toEqual(bodies.map((b) => b.data.idempotencyKey));
    expect(calls[0]!.headers["idempotency-key"]).toMatch(new RegExp(`^${release.id}:\\d+$`));
    const events = await eventually(
      async () => (await commander.get(`/api/releases/${release.id}/events`)).body.events as { type: string; data: any }[],
      (e) => e.filter((x) => x.type === "traffic_hook_applied").length === 3,
    );
    expect(events.find((e) => e.type === "traffic_hook_applied")!.data).toMatchObject({ status: 200, trafficPercent: 33, answer: '{"applied":true}' });
  });

  it("pauses the release with the evidence when the hook keeps failing (never a silent rollback)", async () => {
    receiver.on("/lb-down", { status: 502, body: "upstream unavailable" });
    const release = await createRelease(simplePlan(3, { trafficHook: { url: receiver.url("/lb-down") } }));
    expect((await act(release.id, "start")).status).toBe(200);
    const view = await eventually(async () => (await commander.get(`/api/releases/${release.id}`)).body, (r) => r.status === "paused", 20_000);
    expect(view.trafficPercent).toBe(33); // paused where it was, not rolled back
    const events = (await commander.get(`/api/releases/${release.id}/events`)).body.events as { type: string; actor: string; reason: string; data: any }[];
    const failed = events.find((e) => e.type === "traffic_hook_failed")!;
    expect(failed.data).toMatchObject({ status: 502, attempts: 3, trafficPercent: 33 });
    expect(failed.reason).toMatch(/traffic may not match the plan/);
    const paused = events.find((e) => e.type === "paused")!;
    expect(paused.actor).toBe("traffic-hook");
    expect(paused.reason).toContain("upstream unavailable");
    expect(receiver.of("/lb-down")).toHaveLength(3);
  });
});

describe("crash between commit and delivery", () => {
  it("delivers after a kill -9 and restart, once", async () => {
    const crashUrl = `file:${path.join(dir, "crash.db")}`;
    await prepareDatabase(crashUrl);
    const crashEnv = { ...env, DATABASE_URL: crashUrl, TIDEGATE_FAILPOINT: "crash_after_commit:paused" };
    const first = await startServer(crashEnv);
    servers.push(first);
    const a = await signedIn("admin", first.baseUrl);
    const c = await signedIn("commander", first.baseUrl);
    const created = await a.post("/api/webhooks", { url: receiver.url("/crash"), events: ["started", "paused", "resumed"] });
    expect(created.status).toBe(201);
    const release = await createRelease(simplePlan(3), a);
    expect((await act(release.id, "start", {}, c)).status).toBe(200);
    await eventually(async () => receiver.of("/crash").length, (n) => n === 1);
    const crashed = await act(release.id, "pause", { reason: "crash now" }, c).catch((e: Error) => e);
    expect(crashed).toBeInstanceOf(Error);
    expect(await first.exited).toBeNull();
    expect(receiver.of("/crash")).toHaveLength(1); // the pause committed and was never sent

    const second = await startServer({ ...crashEnv, TIDEGATE_FAILPOINT: "" }, first.port);
    servers.push(second);
    await eventually(async () => receiver.of("/crash").length, (n) => n >= 2, 20_000);
    const c2 = await signedIn("commander", second.baseUrl);
    expect((await act(release.id, "resume", {}, c2)).status).toBe(200);
    await eventually(async () => receiver.of("/crash").length, (n) => n >= 3);
    await sleep(1500);
    const types = receiver.of("/crash").map((r) => bodyOf(r).type);
    expect(types).toEqual(["started", "paused", "resumed"]);
    expect(new Set(receiver.of("/crash").map((r) => r.headers["webhook-id"])).size).toBe(3);
    await second.stop();
  }, 300_000); // two production-server starts on a shared two-core machine
});
